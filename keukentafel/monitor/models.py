"""Monitor configuration: reference values (benchmarks) that figures are held against.

A benchmark is configuration, not code: a dated record per regio (or for every regio: regio empty) with its source,
so "which reference applied to regio R on date D" stays answerable when a newer monitor publishes other figures.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
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


# --- Cliëntervaringsonderzoek (issue 4 §1: client experience per trajectory; results per team and provider) ----------


class Vragenlijst(models.Model):
    """One version of a questionnaire. A new wording is a new version; questions keep their `code` across versions
    when their meaning stays the same, so results over the years can be compared."""

    code = models.SlugField(max_length=40, help_text="Bijvoorbeeld ‘wmo-cev’ (cliëntervaringsonderzoek Wmo).")
    versie = models.PositiveSmallIntegerField()
    naam = models.CharField(max_length=200)
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    bron = models.CharField(max_length=400, help_text="Waar de vragen vandaan komen (regeling, VNG/KING-handreiking).")

    class Meta:
        verbose_name = "vragenlijst"
        verbose_name_plural = "vragenlijsten"
        ordering = ["code", "-versie"]
        constraints = [models.UniqueConstraint(fields=["code", "versie"], name="vragenlijst_uniek_per_versie")]

    def __str__(self) -> str:
        return f"{self.naam} (versie {self.versie})"


class Vraagthema(models.TextChoices):
    TOEGANG = "toegang", "Toegang"
    GESPREK = "gesprek", "Het gesprek"
    KWALITEIT = "kwaliteit", "Kwaliteit van de ondersteuning"
    EFFECT = "effect", "Effect van de ondersteuning"


class Vraag(models.Model):
    """A statement the resident answers on the five-point agreement scale (or ‘weet niet / n.v.t.’)."""

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.CASCADE, related_name="vragen")
    code = models.SlugField(max_length=40, help_text="Blijft gelijk over versies zolang de vraag hetzelfde meet.")
    thema = models.CharField(max_length=20, choices=Vraagthema.choices)
    tekst = models.CharField(max_length=300)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "vraag"
        verbose_name_plural = "vragen"
        ordering = ["vragenlijst", "volgorde", "id"]
        constraints = [models.UniqueConstraint(fields=["vragenlijst", "code"], name="vraag_uniek_per_vragenlijst")]

    def __str__(self) -> str:
        return self.tekst


class Antwoordschaal(models.IntegerChoices):
    """The agreement scale of the standard questionnaire; 0 is ‘weet niet / niet van toepassing’ (no score)."""

    HELEMAAL_ONEENS = 1, "Helemaal mee oneens"
    ONEENS = 2, "Mee oneens"
    NEUTRAAL = 3, "Niet mee eens, niet mee oneens"
    EENS = 4, "Mee eens"
    HELEMAAL_EENS = 5, "Helemaal mee eens"
    WEET_NIET = 0, "Weet niet / niet van toepassing"


#: Answers that count as ‘(helemaal) mee eens’.
EENS = (Antwoordschaal.EENS, Antwoordschaal.HELEMAAL_EENS)


class Afnamekanaal(models.TextChoices):
    PAPIER = "papier", "Schriftelijk (papieren vragenlijst)"
    ONLINE = "online", "Online"
    TELEFOON = "telefoon", "Telefonisch"
    GESPREK = "gesprek", "In een gesprek (huisbezoek of op kantoor)"


class IngevuldDoor(models.TextChoices):
    INWONER = "inwoner", "De inwoner zelf"
    MET_HULP = "met_hulp", "De inwoner, met hulp van iemand anders"
    VERTEGENWOORDIGER = "vertegenwoordiger", "Een vertegenwoordiger namens de inwoner"


class Afname(models.Model):
    """One completed questionnaire about one trajectory: the household's plan and/or a grant.

    `gemeente` and `team` are fixed when the answers are recorded (the plan's regisseur's team then), so a later
    change of regisseur does not move old answers to another team."""

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.PROTECT, related_name="afnames")
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="+")
    persoon = models.ForeignKey(
        "inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Over wiens ondersteuning de vragenlijst gaat (leeg: het huishouden).",
    )
    plan = models.ForeignKey("plannen.Ondersteuningsplan", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    voorziening = models.ForeignKey(
        "besluiten.ToegewezenVoorziening", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField("datum van invullen")
    kanaal = models.CharField(max_length=20, choices=Afnamekanaal.choices)
    ingevuld_door = models.CharField(max_length=20, choices=IngevuldDoor.choices)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "afname cliëntervaringsonderzoek"
        verbose_name_plural = "afnames cliëntervaringsonderzoek"
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(plan__isnull=False) | Q(voorziening__isnull=False), name="afname_over_plan_of_voorziening"),
        ]
        indexes = [
            models.Index(fields=["gemeente", "datum"], name="afname_gemeente_datum_idx"),
            models.Index(fields=["team", "datum"], name="afname_team_datum_idx"),
        ]

    def __str__(self) -> str:
        return f"Cliëntervaring {self.datum:%d-%m-%Y}"


class Antwoord(models.Model):
    afname = models.ForeignKey(Afname, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.PROTECT, related_name="antwoorden")
    waarde = models.PositiveSmallIntegerField(choices=Antwoordschaal.choices)

    class Meta:
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(fields=["afname", "vraag"], name="een_antwoord_per_vraag"),
            models.CheckConstraint(condition=Q(waarde__lte=5), name="antwoord_op_de_schaal"),
        ]
