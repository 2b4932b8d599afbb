"""Admin for the portal's reference data: the eigenkrachtwijzer questions and the volunteer vacancies (functioneel
beheer; the etalage texts have their own screens). Volunteers are read-only here: they sign up themselves."""

from django.contrib import admin

from .models import Vrijwilliger, Vrijwilligersvacature, Zelftestvraag


@admin.register(Zelftestvraag)
class ZelftestvraagAdmin(admin.ModelAdmin):
    list_display = ["tekst", "leefgebied", "volgorde", "actief"]
    list_filter = ["leefgebied", "actief"]
    list_editable = ["volgorde", "actief"]


@admin.register(Vrijwilligersvacature)
class VrijwilligersvacatureAdmin(admin.ModelAdmin):
    list_display = ["titel", "organisatie", "gemeente", "gebied", "geldig_tot", "actief"]
    list_filter = ["gemeente", "actief"]
    search_fields = ["titel", "organisatie"]


@admin.register(Vrijwilliger)
class VrijwilligerAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente"]
    list_filter = ["gemeente"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
