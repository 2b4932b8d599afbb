"""Jeugdwet: legal referrals, court authorisations for gesloten jeugdhulp, the 18-/18+ transition, the meldcode
trail and the Verwijsindex. The measures themselves (OTS, voogdij, jeugdreclassering) live in `inwoners`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from keukentafel.constraints import periode


class VerwijzerSoort(models.TextChoices):
    """COD327 Code verwijzer: the referrers whose referral the gemeente must honour (Jeugdwet art. 2.6 lid 1 onder g)."""

    HUISARTS = "02", "Huisarts"
    JEUGDARTS = "03", "Jeugdarts"
    GECERTIFICEERDE_INSTELLING = "04", "Gecertificeerde instelling"
    MEDISCH_SPECIALIST = "05", "Medisch specialist"
    RECHTER = "08", "Rechter, Officier van Justitie, functionaris justitiële jeugdinrichting"


class Verwijzingsbron(models.TextChoices):
    BERICHT = "bericht", "Verzoek om toewijzing (JW315) van de aanbieder"
    BRIEF = "brief", "Verwijsbrief of beschikking, vastgelegd door een medewerker"


class WettelijkeVerwijzing(models.Model):
    """A referral the gemeente honours without its own assessment; kept with the referrer and what it led to."""

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="wettelijke_verwijzingen")
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    soort = models.CharField("soort verwijzer", max_length=2, choices=VerwijzerSoort.choices)
    naam = models.CharField("naam verwijzer", max_length=200, blank=True)
    agb_code = models.CharField("AGB-code verwijzer", max_length=8, blank=True)
    datum = models.DateField("datum verwijzing")
    bron = models.CharField(max_length=10, choices=Verwijzingsbron.choices)
    verzoek = models.OneToOneField(
        "berichten.Verzoek", null=True, blank=True, on_delete=models.PROTECT, related_name="wettelijke_verwijzing"
    )
    product = models.ForeignKey("aanbod.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    voorzieningen = models.ManyToManyField("besluiten.ToegewezenVoorziening", blank=True, related_name="wettelijke_verwijzingen")
    actie = models.ForeignKey("plannen.Actie", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signaal = models.ForeignKey(
        "toegang.Melding", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="De melding waarmee regisseur of gebiedsteam is geïnformeerd.",
    )
    toelichting = models.TextField(blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "wettelijke verwijzing"
        verbose_name_plural = "wettelijke verwijzingen"
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"Verwijzing door {self.verwijzer}"

    @property
    def verwijzer(self) -> str:
        wie = self.naam or (f"AGB {self.agb_code}" if self.agb_code else "")
        return f"{self.get_soort_display().lower()} {wie}".strip()


class GeslotenProduct(models.Model):
    """A catalogue product that is gesloten jeugdhulp besides JZ020 "37" (e.g. a regional product code)."""

    product = models.OneToOneField("aanbod.Product", on_delete=models.CASCADE, related_name="gesloten_jeugdhulp")
    toelichting = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "product gesloten jeugdhulp"
        verbose_name_plural = "producten gesloten jeugdhulp"

    def __str__(self) -> str:
        return str(self.product)


class SoortMachtiging(models.TextChoices):
    """Jeugdwet hoofdstuk 6."""

    MACHTIGING = "machtiging", "Machtiging gesloten jeugdhulp (art. 6.1.2)"
    SPOEDMACHTIGING = "spoed", "Machtiging tot voorlopige verblijf / spoedmachtiging (art. 6.1.3)"
    VOORWAARDELIJK = "voorwaardelijk", "Voorwaardelijke machtiging (art. 6.1.2 lid 8)"


class Machtiging(models.Model):
    """A court authorisation; without one covering the whole period no gesloten jeugdhulp may be granted."""

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="machtigingen")
    soort = models.CharField(max_length=15, choices=SoortMachtiging.choices)
    rechtbank = models.CharField(max_length=120)
    zaaknummer = models.CharField(max_length=60)
    uitspraakdatum = models.DateField()
    ingangsdatum = models.DateField()
    einddatum = models.DateField()
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "machtigingen"
        ordering = ["-ingangsdatum", "-id"]
        constraints = [periode("ingangsdatum", "einddatum", "machtiging_eind_na_begin")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.zaaknummer}"


class Maatregelregie(models.Model):
    """Who at the gecertificeerde instelling runs a measure: the GI is regisseur for that part of the plan."""

    maatregel = models.OneToOneField("inwoners.Jeugdmaatregel", on_delete=models.CASCADE, related_name="regie")
    jeugdbeschermer = models.CharField("jeugdbeschermer / jeugdreclasseerder", max_length=200)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    rechtbank = models.CharField(max_length=120, blank=True)
    zaaknummer = models.CharField(max_length=60, blank=True)
    reden_einde = models.CharField(max_length=300, blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class OvergangUitkomst(models.TextChoices):
    NOG_OPEN = "open", "Nog niet geregeld"
    WMO = "wmo", "Ondersteuning via de Wmo 2015"
    PARTICIPATIEWET = "participatiewet", "Ondersteuning via de Participatiewet"
    VERLENGDE_JEUGDHULP = "verlengd", "Verlengde jeugdhulp (tot 23 jaar)"
    NIETS_NODIG = "niets", "Niets nodig"


class GrondVerlenging(models.TextChoices):
    """Jeugdwet art. 1.1, begrip 'jeugdige' onder 2° en 3°."""

    VOORTZETTING = "voortzetting", "Voortzetting van jeugdhulp die vóór 18 jaar is begonnen"
    HERVATTING = "hervatting", "Hervatting binnen een half jaar na beëindiging van jeugdhulp"
    JEUGDRECLASSERING = "jeugdreclassering", "Jeugdreclassering (adolescentenstrafrecht)"


class Overgang18(models.Model):
    """What is arranged for a youth turning 18: the worklist shows it, the age rule reads the extension."""

    persoon = models.OneToOneField("inwoners.Persoon", on_delete=models.PROTECT, related_name="overgang_18")
    uitkomst = models.CharField(max_length=20, choices=OvergangUitkomst.choices, default=OvergangUitkomst.NOG_OPEN)
    grond_verlenging = models.CharField(max_length=20, choices=GrondVerlenging.choices, blank=True)
    verlengd_tot = models.DateField(null=True, blank=True, help_text="Bij verlengde jeugdhulp: tot wanneer.")
    motivering = models.TextField("waarom nodig / wat is afgesproken", blank=True)
    bijgewerkt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    class Meta:
        verbose_name = "overgang 18-/18+"
        verbose_name_plural = "overgangen 18-/18+"
        constraints = [
            models.CheckConstraint(
                condition=~Q(uitkomst="verlengd") | (~Q(grond_verlenging="") & Q(verlengd_tot__isnull=False)),
                name="verlenging_met_grond_en_einde",
            ),
        ]


class MeldcodeStap(models.TextChoices):
    """The five steps of the Wet verplichte meldcode huiselijk geweld en kindermishandeling."""

    SIGNALEN = "1", "1. Signalen in kaart brengen"
    CONSULTATIE = "2", "2. Collegiale consultatie (en zo nodig Veilig Thuis raadplegen)"
    GESPREK = "3", "3. Gesprek met de betrokkene"
    WEGEN = "4", "4. Wegen van het geweld (afwegingskader)"
    BESLISSEN = "5", "5. Beslissen: hulp organiseren en/of melden bij Veilig Thuis"


class MeldcodeBesluit(models.TextChoices):
    MELDEN = "melden", "Gemeld bij Veilig Thuis (AMHK)"
    HULP = "hulp", "Hulp georganiseerd"
    MELDEN_EN_HULP = "beide", "Gemeld bij Veilig Thuis én hulp georganiseerd"
    GEEN_ZORGEN = "geen", "Zorgen weggenomen: geen melding, geen hulp nodig"


class Meldcodetraject(models.Model):
    """A meldcode trail about one child or adult. Strictly need-to-know: see `toegang.mag_veiligheid_inzien`."""

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="+")
    huishouden = models.ForeignKey("inwoners.Huishouden", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    gestart_op = models.DateField()
    besluit = models.CharField(max_length=10, choices=MeldcodeBesluit.choices, blank=True)
    melding_veilig_thuis_op = models.DateField(null=True, blank=True)
    afgerond_op = models.DateField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "meldcodetraject"
        verbose_name_plural = "meldcodetrajecten"
        ordering = ["-gestart_op", "-id"]


class Meldcodestap(models.Model):
    traject = models.ForeignKey(Meldcodetraject, on_delete=models.CASCADE, related_name="stappen")
    stap = models.CharField(max_length=1, choices=MeldcodeStap.choices)
    datum = models.DateField()
    wie = models.CharField("wie (naam, functie)", max_length=200)
    veilig_thuis_geraadpleegd = models.BooleanField(default=False)
    uitkomst = models.TextField()
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stap", "datum", "id"]
        verbose_name_plural = "meldcodestappen"


class Verwijsindexsignaal(models.Model):
    """Registration that a professional is involved with a youth (Jeugdwet § 7.1.4); never the content of the concern."""

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="+")
    huishouden = models.ForeignKey("inwoners.Huishouden", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signaalgever = models.CharField("signaalgever (naam, functie)", max_length=200)
    organisatie = models.CharField(max_length=200)
    datum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "signaal in de Verwijsindex"
        verbose_name_plural = "signalen in de Verwijsindex"
        ordering = ["-datum", "-id"]
        constraints = [periode("datum", "einddatum", "verwijsindex_eind_na_begin")]
