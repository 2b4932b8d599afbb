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
