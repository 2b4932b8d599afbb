"""Monitor configuration: reference values (benchmarks) that figures are held against.

A benchmark is configuration, not code: a dated record per regio (or for every regio: regio empty) with its source,
so "which reference applied to regio R on date D" stays answerable when a newer monitor publishes other figures.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class Referentiesoort(models.TextChoices):
    KOSTEN_PER_INWONER = "kosten_per_inwoner", "Kosten per inwoner"
    KOSTEN_PER_CLIENT = "kosten_per_client", "Kosten per cliënt"


class Referentiewaarde(models.Model):
    """One benchmark amount, valid from a date, for one regio (or for all: regio empty)."""

    soort = models.CharField(max_length=30, choices=Referentiesoort.choices)
    regio = models.ForeignKey(
        "accounts.Regio", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Leeg: geldt voor elke regio die niets anders vastlegt.",
    )
    bedrag_cent = models.PositiveIntegerField("bedrag (cent)")
    omschrijving = models.CharField(max_length=200, help_text="Waarmee vergeleken wordt, bijvoorbeeld ‘gemiddelde regio Holland Rijnland’.")
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    bron = models.CharField(max_length=300, help_text="Publicatie of document waaruit het bedrag komt.")

    class Meta:
        verbose_name = "referentiewaarde (benchmark)"
        verbose_name_plural = "referentiewaarden (benchmarks)"
        ordering = ["soort", "regio__naam", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["soort", "regio", "geldig_vanaf"], name="een_referentie_per_soort_regio_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.omschrijving} (vanaf {self.geldig_vanaf:%d-%m-%Y})"

    def clean(self) -> None:
        if self.geldig_tot and self.geldig_tot < self.geldig_vanaf:
            raise ValidationError({"geldig_tot": "De einddatum ligt vóór de begindatum."})


def referentie(soort: Referentiesoort, regio_id: int | None, op: date) -> Referentiewaarde | None:
    """The benchmark that applied to the regio on `op`: the regio's own record first, else the general one."""
    geldig = Referentiewaarde.objects.filter(soort=soort, geldig_vanaf__lte=op).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op))
    for qs in (geldig.filter(regio_id=regio_id), geldig.filter(regio__isnull=True)):
        gevonden = qs.order_by("-geldig_vanaf").first()
        if gevonden is not None:
            return gevonden
    return None


class Declaratieaggregaat(models.Model):
    """Declared prestaties summed per gemeente, aanbieder, wet, productcategorie and month of delivery.

    A pre-aggregate of `berichten.Prestatie` (2,000,000 lines in a large regio) so the provider table reads a few
    thousand rows instead of scanning every line. Kept current by `monitor.aggregaat.ververs` after each stored 323
    and rebuilt in full by `manage.py monitor_verversen`; never edited by hand.
    """

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    aanbieder = models.ForeignKey("aanbod.Aanbieder", on_delete=models.CASCADE, related_name="+")
    wet = models.CharField(max_length=10)
    productcategorie = models.CharField(max_length=2)
    maand = models.DateField(help_text="Eerste dag van de maand waarin de prestatie begon (begindatum).")
    regels = models.PositiveIntegerField(default=0)
    afgekeurde_regels = models.PositiveIntegerField(default=0)
    ingediend_cent = models.BigIntegerField(default=0, help_text="Credit negatief.")
    toegekend_cent = models.BigIntegerField(default=0, help_text="Goedgekeurd bedrag, credit negatief: de realisatie.")

    class Meta:
        verbose_name = "declaratieaggregaat"
        verbose_name_plural = "declaratieaggregaten"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "aanbieder", "wet", "productcategorie", "maand"], name="een_declaratieaggregaat_per_sleutel"
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "maand"], name="declaratieaggregaat_maand_idx")]

    def __str__(self) -> str:
        return f"{self.gemeente_id}/{self.aanbieder_id} {self.wet}:{self.productcategorie} {self.maand:%m-%Y}"
