"""Admin for the monitor's benchmarks: functioneel beheer records a newer reference as a new dated record."""

from django.contrib import admin

from .models import Referentiewaarde


@admin.register(Referentiewaarde)
class ReferentiewaardeAdmin(admin.ModelAdmin):
    list_display = ["soort", "regio", "bedrag_cent", "omschrijving", "geldig_vanaf", "geldig_tot", "bron"]
    list_filter = ["soort", "regio"]
    search_fields = ["omschrijving", "bron"]
