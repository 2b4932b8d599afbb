"""Admin for the monitor's benchmarks: functioneel beheer records a newer reference as a new dated record."""

from django.contrib import admin

from .models import Referentiewaarde, Vraag, Vragenlijst


@admin.register(Referentiewaarde)
class ReferentiewaardeAdmin(admin.ModelAdmin):
    list_display = ["soort", "regio", "bedrag_cent", "omschrijving", "geldig_vanaf", "geldig_tot", "bron"]
    list_filter = ["soort", "regio"]
    search_fields = ["omschrijving", "bron"]


class VraagInline(admin.TabularInline):
    model = Vraag
    extra = 0
    fields = ["volgorde", "code", "thema", "tekst"]


@admin.register(Vragenlijst)
class VragenlijstAdmin(admin.ModelAdmin):
    """A new wording is a new version (keep the statement codes that measure the same thing)."""

    list_display = ["naam", "code", "versie", "geldig_vanaf", "geldig_tot"]
    inlines = [VraagInline]
