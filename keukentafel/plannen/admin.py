"""Read-only admin for functioneel beheer.

Plans change only through the staff UI, because every change must go through a service (audit
record, optimistic locking, the one-plan-per-household rule); the admin is for looking things up.
"""

from django.contrib import admin

from .models import Actie, Doel, Evaluatie, Inkomensvraag, Ondersteuningsplan, Ondertekening, Planversie


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AlleenLezenInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DoelInline(AlleenLezenInline):
    model = Doel
    fields = ["leefgebied", "persoon", "omschrijving", "beoogd_resultaat", "volgorde"]


class PlanversieInline(AlleenLezenInline):
    model = Planversie
    fields = ["nummer", "toelichting", "gemaakt_door", "gemaakt_op"]
    readonly_fields = ["gemaakt_op"]


class EvaluatieInline(AlleenLezenInline):
    model = Evaluatie
    fields = ["datum", "besluit", "toelichting", "volgende_evaluatie", "uitgevoerd_door"]


@admin.register(Ondersteuningsplan)
class OndersteuningsplanAdmin(AlleenLezen):
    list_display = [
        "id",
        "huishouden",
        "regisseur",
        "status",
        "aangemaakt_op",
        "vastgesteld_op",
        "evaluatiedatum",
        "afgesloten_op",
        "version",
    ]
    list_filter = ["status", "huishouden__gemeente", "huishouden__gebied"]
    list_select_related = ["huishouden", "regisseur"]
    search_fields = ["huishouden__naam", "regisseur__username", "regisseur__last_name"]
    date_hierarchy = "aangemaakt_op"
    inlines = [DoelInline, PlanversieInline, EvaluatieInline]


class ActieInline(AlleenLezenInline):
    model = Actie
    fields = ["trede", "omschrijving", "uitvoerder", "netwerklid", "voorziening", "van", "tot", "evaluatiedatum"]


@admin.register(Doel)
class DoelAdmin(AlleenLezen):
    list_display = ["id", "plan", "leefgebied", "persoon", "omschrijving"]
    list_filter = ["leefgebied"]
    list_select_related = ["plan__huishouden", "leefgebied", "persoon"]
    inlines = [ActieInline]


@admin.register(Actie)
class ActieAdmin(AlleenLezen):
    list_display = ["id", "doel", "trede", "uitvoerder", "voorziening", "van", "tot", "evaluatiedatum"]
    list_filter = ["trede"]
    list_select_related = ["doel__leefgebied"]


class OndertekeningInline(AlleenLezenInline):
    model = Ondertekening
    fields = ["rol", "naam", "datum", "methode", "vastgelegd_door", "vastgelegd_op"]
    readonly_fields = ["vastgelegd_op"]


@admin.register(Planversie)
class PlanversieAdmin(AlleenLezen):
    list_display = ["id", "plan", "nummer", "toelichting", "gemaakt_door", "gemaakt_op"]
    list_select_related = ["plan__huishouden", "gemaakt_door"]
    readonly_fields = ["plan", "nummer", "inhoud", "toelichting", "gemaakt_door", "gemaakt_op"]
    inlines = [OndertekeningInline]


@admin.register(Ondertekening)
class OndertekeningAdmin(AlleenLezen):
    list_display = ["id", "versie", "rol", "naam", "datum", "methode", "vastgelegd_door"]
    list_filter = ["rol", "methode"]
    list_select_related = ["versie", "vastgelegd_door"]


@admin.register(Evaluatie)
class EvaluatieAdmin(AlleenLezen):
    list_display = ["id", "plan", "datum", "besluit", "volgende_evaluatie", "uitgevoerd_door"]
    list_filter = ["besluit"]
    list_select_related = ["plan__huishouden", "uitgevoerd_door"]
    date_hierarchy = "datum"


@admin.register(Inkomensvraag)
class InkomensvraagAdmin(AlleenLezen):
    list_display = ["id", "huishouden", "datum", "doorgezet_naar", "afgehandeld"]
    list_filter = ["afgehandeld"]
    list_select_related = ["huishouden"]
