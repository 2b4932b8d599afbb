"""Read-mostly admin for functioneel beheer: the access flow is changed through the staff UI only."""
from django.contrib import admin

from .models import Gesprek, Melding, Onderzoek, Opschorting, Verslagonderdeel, Zelfredzaamheidsscore


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Melding)
class MeldingAdmin(AlleenLezen):
    list_display = ["id", "ontvangen_op", "gemeente", "kanaal", "melder_type", "status", "triage_uitkomst", "team"]
    list_filter = ["gemeente", "kanaal", "status", "triage_uitkomst", "urgentie", "anoniem"]
    date_hierarchy = "ontvangen_op"


class OpschortingInline(admin.TabularInline):
    model = Opschorting
    extra = 0
    can_delete = False


@admin.register(Onderzoek)
class OnderzoekAdmin(AlleenLezen):
    list_display = ["id", "huishouden", "behandelaar", "startdatum", "termijn_dagen", "status"]
    list_filter = ["status"]
    inlines = [OpschortingInline]


class VerslagonderdeelInline(admin.TabularInline):
    model = Verslagonderdeel
    extra = 0
    can_delete = False


@admin.register(Gesprek)
class GesprekAdmin(AlleenLezen):
    list_display = ["id", "onderzoek", "gepland_op", "gehouden_op", "plaats"]
    inlines = [VerslagonderdeelInline]


@admin.register(Zelfredzaamheidsscore)
class ZelfredzaamheidsscoreAdmin(AlleenLezen):
    list_display = ["huishouden", "leefgebied", "score", "datum", "bron"]
    list_filter = ["leefgebied", "bron", "score"]
