"""Admin for the finance policy data: dated records with their source (functioneel beheer and financiën maintain
budgets, rules and thresholds on the finance screens; the admin is the fallback for corrections)."""

from django.contrib import admin

from .models import Bijdrageregeling, PgbSignaalgrens


@admin.register(PgbSignaalgrens)
class PgbSignaalgrensAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "procentpunten", "geldig_vanaf", "geldig_tot", "bron"]
    list_filter = ["gemeente"]
    date_hierarchy = "geldig_vanaf"


@admin.register(Bijdrageregeling)
class BijdrageregelingAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente", "soort", "periodelengte", "geldig_vanaf", "geldig_tot", "bron"]
    list_filter = ["gemeente", "soort"]
    date_hierarchy = "geldig_vanaf"
