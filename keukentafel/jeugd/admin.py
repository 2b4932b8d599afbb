"""Beheer: which catalogue products are gesloten jeugdhulp (besides JZ020 "37"). Personal data stays out of the admin.

The flag switches on the machtiging rule for a product, so every add and change is audited and nobody deletes one
through the admin (functioneel beheer has no delete right; a superuser's delete is audited too).
"""

from django.contrib import admin
from django.db import transaction

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie

from .models import GeslotenProduct


def _tekst(obj: GeslotenProduct) -> str:
    return f"{obj.product} ({obj.product.productcategorie}/{obj.product.productcode})"


@admin.register(GeslotenProduct)
class GeslotenProductAdmin(admin.ModelAdmin):
    list_display = ["product", "toelichting"]
    autocomplete_fields = ["product"]
    search_fields = ["product__naam", "product__productcode"]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change:
                wat = ", ".join(form.changed_data) or "niets"
                omschrijving = f"Product gesloten jeugdhulp gewijzigd: {_tekst(obj)}; gewijzigd: {wat}"
            else:
                omschrijving = f"Product als gesloten jeugdhulp aangemerkt (machtiging vereist): {_tekst(obj)}"
            audit.log(request.user, AuditActie.WIJZIGEN if change else AuditActie.AANMAKEN, obj, request=request,
                      omschrijving=omschrijving)

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.log(request.user, AuditActie.VERWIJDEREN, obj, request=request,
                      omschrijving=f"Product niet langer als gesloten jeugdhulp aangemerkt: {_tekst(obj)}")
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset.select_related("product"):
                audit.log(request.user, AuditActie.VERWIJDEREN, obj, request=request,
                          omschrijving=f"Product niet langer als gesloten jeugdhulp aangemerkt: {_tekst(obj)}")
            super().delete_queryset(request, queryset)
