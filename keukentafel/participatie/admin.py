"""Admin: the shared competence list (candidates and vacancies are matched on it). Resident data stays out
of the admin; it changes through the services with need-to-know and audit."""

from django.contrib import admin

from .models import Competentie


@admin.register(Competentie)
class CompetentieAdmin(admin.ModelAdmin):
    list_display = ["naam"]
    search_fields = ["naam"]
