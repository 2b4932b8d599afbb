"""Eigen bijdrage: the rules as dated data per gemeente, the income basis per household, and every calculation."""

from __future__ import annotations

from django.db import models


class Bijdragesoort(models.TextChoices):
    INKOMENSAFHANKELIJK = "inkomensafhankelijk", "Inkomensafhankelijk (percentage van het inkomen boven de grens)"
    ABONNEMENT = "abonnement", "Abonnementstarief (vast bedrag per periode)"
    INKOMENSAFHANKELIJK_MIN_MAX = "inkomen_min_max", "Inkomensafhankelijk met minimum en maximum per periode"


class Periodelengte(models.TextChoices):
    VIER_WEKEN = "4w", "Per vier weken (13 perioden per jaar)"
    MAAND = "maand", "Per kalendermaand"


class Huishoudtype(models.TextChoices):
    EENPERSOONS = "eenpersoons", "Eenpersoonshuishouden"
    MEERPERSOONS = "meerpersoons", "Meerpersoonshuishouden"


class Bijdrageregeling(models.Model):
    """One eigen-bijdrage rule valid for a period: its kind, period length and parameters (JSON, per kind), with
    exemptions. Code asks which rule applies to gemeente G on date D; no figure lives in code."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="bijdrageregelingen")
    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=20, choices=Bijdragesoort.choices)
    periodelengte = models.CharField(max_length=5, choices=Periodelengte.choices)
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    parameters = models.JSONField(default=dict, help_text="Tarief, inkomensgrenzen, percentage, minimum en maximum.")
    vrijgestelde_categorieen = models.JSONField(default=list, blank=True, help_text='Geen bijdrage, bv. ["wmo:15"].')
    bron = models.CharField(max_length=1000)

    class Meta:
        verbose_name = "eigen-bijdrageregeling"
        verbose_name_plural = "eigen-bijdrageregelingen"
        ordering = ["gemeente__naam", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "geldig_vanaf"], name="een_bijdrageregeling_per_gemeente_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} (vanaf {self.geldig_vanaf:%d-%m-%Y})"


class Huishoudinkomen(models.Model):
    """The income basis the contribution depends on (toetsingsinkomen from the Belastingdienst via the CAK)."""

    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.CASCADE, related_name="inkomens")
    jaar = models.PositiveSmallIntegerField(help_text="Het jaar waarvoor de bijdrage geldt.")
    huishoudtype = models.CharField(max_length=12, choices=Huishoudtype.choices)
    aow_leeftijd = models.BooleanField("AOW-leeftijd bereikt", default=False)
    toetsingsinkomen_cent = models.BigIntegerField(help_text="Jaarinkomen waarop de bijdrage berekend wordt.")
    bron = models.CharField(max_length=200, default="Belastingdienst via het CAK")

    class Meta:
        verbose_name_plural = "huishoudinkomens"
        constraints = [models.UniqueConstraint(fields=["huishouden", "jaar"], name="een_inkomen_per_huishouden_jaar")]


class Bijdrageberekening(models.Model):
    """The contribution of one household for one period, with the explanation line by line (`regels`)."""

    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.CASCADE, related_name="bijdrageberekeningen")
    regeling = models.ForeignKey(Bijdrageregeling, on_delete=models.PROTECT, related_name="berekeningen")
    periode_begin = models.DateField()
    periode_eind = models.DateField()
    bedrag_cent = models.BigIntegerField()
    kostprijs_cent = models.BigIntegerField(help_text="Kostprijs van de maatwerkvoorzieningen in de periode (het plafond).")
    regels = models.JSONField(default=list, help_text="Uitleg: omschrijving en bedrag per stap.")
    berekend_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "bijdrageberekeningen"
        ordering = ["huishouden", "periode_begin"]
        constraints = [
            models.UniqueConstraint(fields=["huishouden", "periode_begin"], name="een_bijdrage_per_huishouden_periode"),
        ]
