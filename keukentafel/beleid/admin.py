"""Admin for policy values: functioneel beheer sets dated values per gemeente, each with its source.

A value that applied once is history: after saving, only its end date can still be set. A new value
is a new record with its own `geldig_vanaf` (and `bron`), so "what applied to gemeente G on date D"
stays answerable.
"""

from django.contrib import admin

from .models import Beleidsinstelling, Leefgebied


@admin.register(Leefgebied)
class LeefgebiedAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]


@admin.register(Beleidsinstelling)
class BeleidsinstellingAdmin(admin.ModelAdmin):
    list_display = ["sleutel", "gemeente", "waarde", "geldig_vanaf", "geldig_tot", "bron", "vastgesteld_door", "vastgesteld_op"]
    list_filter = ["sleutel", "gemeente"]
    search_fields = ["bron"]
    date_hierarchy = "geldig_vanaf"
    list_select_related = ["gemeente", "vastgesteld_door"]
    fields = ["sleutel", "gemeente", "waarde", "geldig_vanaf", "geldig_tot", "bron", "vastgesteld_door", "vastgesteld_op"]
    readonly_fields = ["vastgesteld_door", "vastgesteld_op"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return [f for f in self.fields if f != "geldig_tot"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "bron" in form.base_fields:
            form.base_fields["bron"].required = True
            form.base_fields["bron"].help_text = "Verplicht: de wet, verordening of beleidsregel waarop de waarde berust."
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.vastgesteld_door = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False
