"""Beheer: which catalogue products are gesloten jeugdhulp (besides JZ020 "37"). Personal data stays out of the admin."""

from django.contrib import admin

from .models import GeslotenProduct


@admin.register(GeslotenProduct)
class GeslotenProductAdmin(admin.ModelAdmin):
    list_display = ["product", "toelichting"]
    autocomplete_fields = ["product"]
    search_fields = ["product__naam", "product__productcode"]
