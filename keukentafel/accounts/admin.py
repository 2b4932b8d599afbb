"""Admin for functioneel beheer: organisation, staff and roles; the audit trail read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditRecord, Gebied, Gemeente, Medewerker, Noodtoegang, Postcodegebied, Regio, Team


class AlleenLezen(admin.ModelAdmin):
    """Append-only records: nobody adds, changes or deletes them through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam"]
    search_fields = ["naam"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeentecode", "regio", "inwoners"]
    list_filter = ["regio"]
    search_fields = ["naam", "gemeentecode"]


class PostcodegebiedInline(admin.TabularInline):
    model = Postcodegebied
    extra = 1


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente", "inwoners"]
    list_filter = ["gemeente"]
    search_fields = ["naam"]
    inlines = [PostcodegebiedInline]


@admin.register(Postcodegebied)
class PostcodegebiedAdmin(admin.ModelAdmin):
    list_display = ["pc4", "gebied", "woonplaats"]
    list_filter = ["gebied__gemeente"]
    search_fields = ["pc4", "woonplaats"]
    list_select_related = ["gebied__gemeente"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["naam", "gebied"]
    list_filter = ["gebied__gemeente"]
    search_fields = ["naam"]
    list_select_related = ["gebied__gemeente"]


@admin.register(Medewerker)
class MedewerkerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "rol", "team", "gemeente", "is_active"]
    list_filter = ["rol", "team", "gemeente", "is_active", "is_staff"]
    list_select_related = ["team", "gemeente"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Rol en werkgebied", {"fields": ("rol", "team", "gemeente")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Rol en werkgebied", {"fields": ("first_name", "last_name", "email", "rol", "team", "gemeente")}),
    )


@admin.register(AuditRecord)
class AuditRecordAdmin(AlleenLezen):
    list_display = ["tijdstip", "medewerker", "actie", "object_type", "object_id", "huishouden_id", "omschrijving", "kanaal"]
    list_filter = ["actie", "kanaal"]
    date_hierarchy = "tijdstip"
    list_select_related = ["medewerker"]
    show_full_result_count = False


@admin.register(Noodtoegang)
class NoodtoegangAdmin(AlleenLezen):
    list_display = ["tijdstip", "medewerker", "huishouden", "geldig_tot", "reden"]
    date_hierarchy = "tijdstip"
    list_select_related = ["medewerker", "huishouden"]
