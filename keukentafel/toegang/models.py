"""The access flow: melding → triage → onderzoek (keukentafelgesprek) with its verslag and scores."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from keukentafel.beleid.models import Zelfredzaamheid


class Kanaal(models.TextChoices):
    BALIE = "balie", "Balie"
    TELEFOON = "telefoon", "Telefoon"
    WEB = "web", "Website / hulpknop"
    EMAIL = "email", "E-mail"
    VINDPLAATS = "vindplaats", "Vindplaats"


class MelderType(models.TextChoices):
    INWONER = "inwoner", "De inwoner zelf"
    VERTEGENWOORDIGER = "vertegenwoordiger", "Vertegenwoordiger / naaste"
    PROFESSIONAL = "professional", "Professional van een vindplaats"
    ANONIEM = "anoniem", "Anoniem"


class Vindplaats(models.TextChoices):
    HUISARTS = "huisarts", "Huisarts"
    SCHOOL = "school", "School"
    PEUTERSPEELZAAL = "peuterspeelzaal", "Peuterspeelzaal / kinderopvang"
    CONSULTATIEBUREAU = "consultatiebureau", "Consultatiebureau / jeugdarts"
    WIJKVERPLEEGKUNDIGE = "wijkverpleegkundige", "Wijkverpleegkundige"
    POLITIE = "politie", "Politie"
    WONINGCORPORATIE = "woningcorporatie", "Woningcorporatie"
    WELZIJN = "welzijn", "Welzijnsorganisatie"
    OVERIG = "overig", "Overig"


class Urgentie(models.TextChoices):
    NORMAAL = "normaal", "Normaal"
    HOOG = "hoog", "Hoog"
    ACUUT = "acuut", "Acuut / veiligheid"


class Vraagtype(models.TextChoices):
    """Seed 003_55898731e5dea816.txt 'Brede Toegang'."""

    ENKELVOUDIG = "enkelvoudig", "Enkelvoudig"
    MEERVOUDIG = "meervoudig", "Meervoudig"
    COMPLEX = "complex", "Complex / multiprobleem"
    SPOED = "spoed", "Spoed"
    VERLENGING = "verlenging", "Verlenging"


class TriageUitkomst(models.TextChoices):
    DIRECT = "direct", "Direct beantwoord (advies / algemene voorziening)"
    GEBIEDSTEAM = "gebiedsteam", "Naar het gebiedsteam"
    ACUUT = "acuut", "Acuut / veiligheid: escalatie"
    VOORLIGGEND = "voorliggend", "Voorliggend elders (Zvw, Wlz, overig)"


class Voorliggend(models.TextChoices):
    ZVW = "zvw", "Zorgverzekeringswet"
    WLZ = "wlz", "Wet langdurige zorg"
    OVERIG = "overig", "Overig"


class MeldingStatus(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    GEKOPPELD = "gekoppeld", "Gekoppeld aan lopende casus"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class MeldingQuerySet(models.QuerySet):
    def open(self) -> MeldingQuerySet:
        return self.exclude(status=MeldingStatus.AFGESLOTEN)


class Melding(models.Model):
    """MeldingWmoJeugd: a question or signal; its moment starts the statutory clock."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="meldingen")
    ontvangen_op = models.DateTimeField(db_index=True)
    kanaal = models.CharField(max_length=20, choices=Kanaal.choices)
    melder_type = models.CharField(max_length=20, choices=MelderType.choices)
    vindplaats = models.CharField(max_length=30, choices=Vindplaats.choices, blank=True)
    melder_naam = models.CharField(max_length=200, blank=True)
    melder_organisatie = models.CharField(max_length=200, blank=True)
    melder_contact = models.CharField(max_length=200, blank=True)
    client_op_de_hoogte = models.BooleanField("cliënt is op de hoogte", null=True, blank=True, help_text="Leeg: onbekend.")
    anoniem = models.BooleanField(default=False, help_text="Anonieme signalen worden apart gehouden.")
    persoon = models.ForeignKey("inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="meldingen")
    huishouden = models.ForeignKey("inwoners.Huishouden", null=True, blank=True, on_delete=models.PROTECT, related_name="meldingen")
    vraag = models.TextField()
    leefgebieden = models.ManyToManyField("beleid.Leefgebied", blank=True, related_name="meldingen")
    urgentie = models.CharField(max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL)
    vraagtype = models.CharField(max_length=20, choices=Vraagtype.choices, blank=True)
    status = models.CharField(max_length=20, choices=MeldingStatus.choices, default=MeldingStatus.NIEUW, db_index=True)
    triage_uitkomst = models.CharField(max_length=20, choices=TriageUitkomst.choices, blank=True)
    triage_toelichting = models.TextField(blank=True)
    voorliggend = models.CharField(max_length=10, choices=Voorliggend.choices, blank=True)
    doorverwezen_naar = models.CharField(max_length=200, blank=True)
    getrieerd_op = models.DateTimeField(null=True, blank=True)
    getrieerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="meldingen")
    toegewezen_aan = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="meldingen")
    gekoppeld_aan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gekoppelde_meldingen",
        help_text="De lopende melding van hetzelfde huishouden waaraan deze melding is gekoppeld.",
    )
    afgesloten_op = models.DateTimeField(null=True, blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "meldingen"
        ordering = ["-ontvangen_op"]
        indexes = [
            models.Index(fields=["toegewezen_aan", "status"]),
            models.Index(fields=["team", "status"]),
            models.Index(fields=["huishouden", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(melder_type="anoniem") | Q(anoniem=True), name="anonieme_melder_is_anoniem"),
        ]

    def __str__(self) -> str:
        return f"Melding {self.pk} ({self.ontvangen_op:%d-%m-%Y})"


class OnderzoekStatus(models.TextChoices):
    LOPEND = "lopend", "Lopend"
    AFGEROND = "afgerond", "Afgerond"
    GESTOPT = "gestopt", "Gestopt (ingetrokken of elders opgelost)"


class OnderzoekQuerySet(models.QuerySet):
    def lopend(self) -> OnderzoekQuerySet:
        return self.filter(status=OnderzoekStatus.LOPEND)


class Onderzoek(models.Model):
    """The statutory investigation (Wmo 2015 art. 2.3.2) after a melding, held at the kitchen table."""

    melding = models.OneToOneField(Melding, on_delete=models.PROTECT, related_name="onderzoek")
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="onderzoeken")
    behandelaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="onderzoeken")
    startdatum = models.DateField(help_text="Datum van de melding: hier begint de wettelijke termijn.")
    termijn_dagen = models.PositiveSmallIntegerField(help_text="Wettelijke termijn uit het beleid op de meldingsdatum.")
    termijn_bron = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=OnderzoekStatus.choices, default=OnderzoekStatus.LOPEND)
    afgerond_op = models.DateField(null=True, blank=True)
    conclusie = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = OnderzoekQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "onderzoeken"
        ordering = ["-startdatum"]
        indexes = [models.Index(fields=["behandelaar", "status"]), models.Index(fields=["huishouden", "status"])]

    def __str__(self) -> str:
        return f"Onderzoek {self.huishouden} ({self.startdatum:%d-%m-%Y})"

    def opgeschorte_dagen(self, tot: date | None = None) -> int:
        """Days the clock stood still; an open suspension counts until `tot` (default today)."""
        tot = tot or date.today()
        dagen = 0
        for o in self.opschortingen.all():
            einde = o.tot or tot
            dagen += max(0, (einde - o.van).days)
        return dagen

    def uiterste_datum(self, op: date | None = None) -> date:
        return self.startdatum + timedelta(days=self.termijn_dagen + self.opgeschorte_dagen(op))

    @property
    def is_opgeschort(self) -> bool:
        return any(o.tot is None for o in self.opschortingen.all())


class Opschorting(models.Model):
    """Suspension of the statutory term, e.g. while the resident gathers information."""

    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, related_name="opschortingen")
    reden = models.CharField(max_length=300)
    van = models.DateField()
    tot = models.DateField(null=True, blank=True, help_text="Leeg: de opschorting loopt nog.")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "opschortingen"
        ordering = ["van"]
        constraints = [models.CheckConstraint(condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")), name="opschorting_tot_na_van")]


class Gespreksplaats(models.TextChoices):
    THUIS = "thuis", "Thuis bij de inwoner"
    WIJKCENTRUM = "wijkcentrum", "Wijkcentrum / gebiedsteam"
    GEMEENTEHUIS = "gemeentehuis", "Gemeentehuis"
    TELEFONISCH = "telefonisch", "Telefonisch"
    VIDEO = "video", "Videobellen"
    ELDERS = "elders", "Elders"


class Gesprek(models.Model):
    """A (kitchen-table) conversation in an onderzoek, planned and later held."""

    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, related_name="gesprekken")
    gepland_op = models.DateTimeField()
    gehouden_op = models.DateTimeField(null=True, blank=True)
    plaats = models.CharField(max_length=20, choices=Gespreksplaats.choices, default=Gespreksplaats.THUIS)
    plaats_toelichting = models.CharField(max_length=200, blank=True)
    deelnemers = models.TextField(blank=True, help_text="Huishouden, netwerk, cliëntondersteuner, tolk …")
    clientondersteuner_aanwezig = models.BooleanField(default=False)
    tolk_aanwezig = models.BooleanField(default=False)
    gewezen_op_clientondersteuning = models.BooleanField("gewezen op gratis onafhankelijke cliëntondersteuning", default=False)
    samenvatting = models.TextField(blank=True)
    opmerkingen_inwoner = models.TextField("opmerkingen van de inwoner op het verslag", blank=True)
    opmerkingen_inwoner_op = models.DateTimeField(null=True, blank=True)
    gevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "gesprekken"
        ordering = ["gepland_op"]


class Verslagonderdeel(models.Model):
    """What was found on one leefgebied in a gesprek (the verslag is the set of these)."""

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="onderdelen")
    leefgebied = models.ForeignKey("beleid.Leefgebied", on_delete=models.PROTECT, related_name="+")
    persoon = models.ForeignKey("inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    bevindingen = models.TextField(blank=True)
    score = models.PositiveSmallIntegerField(choices=Zelfredzaamheid.choices, null=True, blank=True)

    class Meta:
        verbose_name_plural = "verslagonderdelen"
        ordering = ["leefgebied__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "leefgebied", "persoon"], name="een_onderdeel_per_leefgebied"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="score_1_tot_5"),
        ]


class ScoreBron(models.TextChoices):
    GESPREK = "gesprek", "Keukentafelgesprek"
    EVALUATIE = "evaluatie", "Evaluatie"


class Zelfredzaamheidsscore(models.Model):
    """History of self-reliance scores per person (or household) and leefgebied, so progress shows."""

    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.CASCADE, related_name="scores")
    persoon = models.ForeignKey("inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="scores")
    leefgebied = models.ForeignKey("beleid.Leefgebied", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(choices=Zelfredzaamheid.choices)
    datum = models.DateField()
    bron = models.CharField(max_length=10, choices=ScoreBron.choices)
    gesprek = models.ForeignKey(Gesprek, null=True, blank=True, on_delete=models.CASCADE, related_name="scores")
    evaluatie = models.ForeignKey("plannen.Evaluatie", null=True, blank=True, on_delete=models.CASCADE, related_name="scores")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "zelfredzaamheidsscores"
        ordering = ["datum", "id"]
        indexes = [
            models.Index(fields=["huishouden", "leefgebied", "datum"]),
            # The monitor's outcome indicator: first and latest score per person and leefgebied.
            models.Index(fields=["persoon", "leefgebied", "datum", "id"], name="zrm_persoon_verloop_idx"),
        ]
        constraints = [models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="zrm_score_1_tot_5")]
