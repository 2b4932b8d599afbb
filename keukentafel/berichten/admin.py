"""Admin for provider keys. A new key is shown once (as a message); lists show the prefix, never the hash.

There is deliberately no admin for `Bericht`: its XML holds BSNs and care details, which belong behind the
need-to-know pages of the message UI, not in a generic table for every staff account.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from .models import Aanbiedertoken
from .tokens import trek_in, vul_sleutel


class NieuweSleutelForm(forms.ModelForm):
    class Meta:
        model = Aanbiedertoken
        fields = ["aanbieder", "omschrijving"]


@admin.register(Aanbiedertoken)
class AanbiedertokenAdmin(admin.ModelAdmin):
    list_display = ["aanbieder", "omschrijving", "prefix", "aangemaakt_op", "laatst_gebruikt_op", "actief"]
    list_filter = ["ingetrokken_op"]
    search_fields = ["aanbieder__naam", "aanbieder__agb_code", "omschrijving", "prefix"]
    list_select_related = ["aanbieder"]
    autocomplete_fields = ["aanbieder"]
    actions = ["intrekken"]
    readonly_fields = ["aanbieder", "omschrijving", "prefix", "aangemaakt_op", "aangemaakt_door", "laatst_gebruikt_op", "ingetrokken_op"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NieuweSleutelForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return ["aanbieder", "omschrijving"] if obj is None else self.readonly_fields

    @admin.display(boolean=True, description="Actief")
    def actief(self, obj: Aanbiedertoken) -> bool:
        return obj.ingetrokken_op is None

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing about a key can be edited; revoke it and make a new one
        sleutel = vul_sleutel(obj)
        obj.aangemaakt_door = request.user
        obj.save()
        messages.warning(
            request, f"Nieuwe sleutel voor {obj.aanbieder}: {sleutel} — geef hem veilig door; hij wordt niet nog eens getoond."
        )

    @admin.action(description="Geselecteerde sleutels intrekken")
    def intrekken(self, request, queryset):
        n = 0
        for token in queryset.filter(ingetrokken_op__isnull=True):
            trek_in(token)
            n += 1
        self.message_user(request, f"{n} sleutel(s) ingetrokken per {timezone.localtime():%d-%m-%Y %H:%M}.")

    def has_delete_permission(self, request, obj=None):
        return False
