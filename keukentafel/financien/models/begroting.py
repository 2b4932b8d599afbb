"""The budget: per gemeente and year, lines per domain (lasten and baten), versions (primitieve begroting, wijzigingen)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

#: Dekking of a baten line realised by the computed eigen bijdragen (financien.eigen_bijdrage).
DEKKING_EIGEN_BIJDRAGE = "eigen_bijdrage"


class Domein(models.TextChoices):
    WMO = "wmo", "Wmo 2015"
    JEUGD = "jeugd", "Jeugdwet"
    PARTICIPATIE = "participatie", "Participatiewet"


class Postsoort(models.TextChoices):
    LASTEN = "lasten", "Lasten"
    BATEN = "baten", "Baten"


class Verdeelsleutel(models.TextChoices):
    """How a line is split into virtual area budgets (seed 000: virtuele gebiedsbudgetten, populatiebekostiging)."""

    GEEN = "", "Niet verdeeld over gebieden"
    INWONERS = "inwoners", "Naar aantal inwoners"
    JEUGDIGEN = "jeugdigen", "Naar aantal jeugdigen (0–17 jaar)"
    GEBRUIK = "gebruik", "Naar historisch gebruik (verplichtingen vorig jaar)"


class Begroting(models.Model):
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="begrotingen")
    jaar = models.PositiveSmallIntegerField()
    naam = models.CharField(max_length=200)
    bron = models.CharField(max_length=300, help_text="Raadsbesluit of nota waarop de begroting berust.")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "begrotingen"
        ordering = ["gemeente__naam", "-jaar"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="een_begroting_per_gemeente_jaar")]

    def __str__(self) -> str:
        return f"{self.naam} {self.jaar}"


class Begrotingspost(models.Model):
    """One budget line. A `saldopost` is derived, never typed: the baten of its onderdeel minus its other lasten
    (seed 001 "Overgangsrecht/onvoorzien"). `dekking` lists the products booked on a lasten line as
    "wet:productcategorie" (e.g. "wmo:01"); commitments and realisation of those grants count against it."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="posten")
    domein = models.CharField(max_length=12, choices=Domein.choices)
    onderdeel = models.CharField(max_length=100, help_text="Blok in de begroting, bijvoorbeeld 'Wmo hulp bij het huishouden'.")
    code = models.SlugField(max_length=60)
    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=6, choices=Postsoort.choices)
    saldopost = models.BooleanField(default=False, help_text="Afgeleid: baten min de overige lasten van het onderdeel.")
    dekking = models.JSONField(default=list, blank=True, help_text='Productcategorieën op deze post, bv. ["wmo:01"].')
    verdeelsleutel = models.CharField(max_length=10, choices=Verdeelsleutel.choices, blank=True, default="")
    waarschuwing_procent = models.PositiveSmallIntegerField(
        default=5, help_text="Waarschuw als de prognose de begroting met meer dan dit percentage overschrijdt."
    )
    volgorde = models.PositiveSmallIntegerField(default=0)
    toelichting = models.CharField(max_length=300, blank=True, help_text="Bijvoorbeeld 'p.m. in de bron: als 0 opgenomen'.")

    class Meta:
        verbose_name_plural = "begrotingsposten"
        ordering = ["begroting", "domein", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["begroting", "code"], name="uniek_postcode_per_begroting"),
            models.CheckConstraint(condition=~models.Q(saldopost=True, soort="baten"), name="saldopost_is_lasten"),
        ]

    def __str__(self) -> str:
        return f"{self.onderdeel}: {self.naam}"


class Versiesoort(models.TextChoices):
    PRIMITIEF = "primitief", "Primitieve begroting"
    WIJZIGING = "wijziging", "Begrotingswijziging"


class Begrotingsversie(models.Model):
    """The primitieve begroting (volgnummer 0, full amounts) or a wijziging (mutations on top of it)."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="versies")
    volgnummer = models.PositiveSmallIntegerField()
    soort = models.CharField(max_length=10, choices=Versiesoort.choices)
    omschrijving = models.CharField(max_length=300)
    vastgesteld_op = models.DateField()
    bron = models.CharField(max_length=300, blank=True)
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    bestand_sha256 = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="SHA-256 van het ingelezen XLSX-bestand (niet twee keer inlezen)."
    )

    class Meta:
        verbose_name_plural = "begrotingsversies"
        ordering = ["begroting", "volgnummer"]
        constraints = [models.UniqueConstraint(fields=["begroting", "volgnummer"], name="uniek_volgnummer_per_begroting")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.volgnummer}: {self.omschrijving}"


class Begrotingsbedrag(models.Model):
    """Amount of a line in a version, integer cents (a wijziging holds the mutation). Never on a saldopost."""

    versie = models.ForeignKey(Begrotingsversie, on_delete=models.CASCADE, related_name="bedragen")
    post = models.ForeignKey(Begrotingspost, on_delete=models.CASCADE, related_name="bedragen")
    bedrag_cent = models.BigIntegerField()

    class Meta:
        verbose_name_plural = "begrotingsbedragen"
        constraints = [models.UniqueConstraint(fields=["versie", "post"], name="een_bedrag_per_versie_post")]
