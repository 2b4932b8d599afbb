"""PGB spending as paid by the SVB (trekkingsrecht), imported from its files."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Pgbimport(models.Model):
    """One imported spending file; the same file twice (sha256) is refused."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    bestandsnaam = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    ingelezen_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ingelezen_op = models.DateTimeField(auto_now_add=True)
    aantal_regels = models.PositiveIntegerField(default=0)
    aantal_afgewezen = models.PositiveIntegerField(default=0)
    totaal_cent = models.BigIntegerField(default=0, help_text="Som van de ingelezen bedragen (correcties negatief).")
    fouten = models.JSONField(default=list, blank=True, help_text="Regelnummer en melding per afgewezen regel.")

    class Meta:
        verbose_name = "pgb-import"
        verbose_name_plural = "pgb-imports"
        ordering = ["-ingelezen_op"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "sha256"], name="pgb_bestand_een_keer")]


class Pgbuitgave(models.Model):
    """One payment from a personal budget. `kenmerk` (the SVB's declaration number) is unique per gemeente."""

    pgbimport = models.ForeignKey(Pgbimport, on_delete=models.PROTECT, related_name="uitgaven")
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    voorziening = models.ForeignKey("besluiten.ToegewezenVoorziening", on_delete=models.PROTECT, related_name="pgb_uitgaven")
    kenmerk = models.CharField(max_length=40)
    periode_begin = models.DateField()
    periode_eind = models.DateField()
    betaaldatum = models.DateField()
    bedrag_cent = models.BigIntegerField(help_text="Negatief bij een correctie.")
    zorgverlener = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "pgb-uitgave"
        verbose_name_plural = "pgb-uitgaven"
        ordering = ["voorziening", "periode_begin", "id"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "kenmerk"], name="uniek_pgb_kenmerk_per_gemeente")]
        indexes = [models.Index(fields=["voorziening", "periode_begin"], name="pgbuitgave_voorziening_idx")]


class PgbSignaalgrens(models.Model):
    """How far spending may run ahead of the elapsed part of the year before the overview signals it.

    Policy, so data with a source: a record without gemeente is the standard that applies until a gemeente sets
    its own. The signal fires when the spent share of the year's budget exceeds the elapsed share of the grant's
    period in that year by MORE than `procentpunten` percentage points.
    """

    gemeente = models.ForeignKey(
        "accounts.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Leeg: de standaard die geldt zolang een gemeente niets anders vastlegt.",
    )
    procentpunten = models.PositiveSmallIntegerField(
        help_text="Signaal als het bestede deel van het jaarbudget meer dan dit aantal procentpunten voorloopt op het verstreken deel."
    )
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    bron = models.CharField(max_length=300, help_text="Besluit of afspraak waarop de grens berust.")

    class Meta:
        verbose_name = "pgb-signaalgrens"
        verbose_name_plural = "pgb-signaalgrenzen"
        ordering = ["gemeente__naam", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "geldig_vanaf"], name="een_pgb_signaalgrens_per_gemeente_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.procentpunten} procentpunt (vanaf {self.geldig_vanaf:%d-%m-%Y}, {self.gemeente or 'standaard'})"
