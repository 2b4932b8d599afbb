"""Saved what-if scenarios: measures applied to the current book, compared with the baseline."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Scenario(models.Model):
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="scenarios")
    naam = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    jaar = models.PositiveSmallIntegerField(help_text="Eerste jaar van de doorrekening.")
    jaren = models.PositiveSmallIntegerField(default=4, help_text="Aantal jaren dat wordt doorgerekend.")
    maatregelen = models.JSONField(default=list, help_text="Lijst van maatregelen: soort en parameters.")
    resultaat = models.JSONField(default=dict, blank=True, help_text="Doorrekening bij het opslaan (basis en scenario per jaar en post).")
    peildatum = models.DateField(
        null=True, blank=True,
        help_text="Datum van het boek (de geldende toekenningen) waarop het resultaat is berekend; leeg bij oudere scenario's.",
    )
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "scenario's"
        ordering = ["gemeente__naam", "-gewijzigd_op"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="uniek_scenarionaam_per_gemeente")]

    def __str__(self) -> str:
        return self.naam
