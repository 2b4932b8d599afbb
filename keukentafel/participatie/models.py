"""Participatiewet: trajecten per spoor, participatieladder, re-integratie-instrumenten, tegenprestatie
and the werkgeversbenadering (seed 001_8130d38cb886e681.txt, "Werk- en participatiespoor").

State changes go through `services.py` only; records edited through forms carry a `version`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from keukentafel.constraints import periode

# --- Traject ---------------------------------------------------------------------------------------


class Uitkering(models.TextChoices):
    """The basis of the client's benefit; the traject is for Participatiewet clients."""

    BIJSTAND = "pw_bijstand", "Participatiewet: algemene bijstand"
    NUGGER = "nugger", "Niet-uitkeringsgerechtigde (geen uitkering)"
    IOAW = "ioaw", "IOAW"
    IOAZ = "ioaz", "IOAZ"


class Spoor(models.TextChoices):
    WERKSPOOR = "werkspoor", "Werkspoor"
    PARTICIPATIESPOOR = "participatiespoor", "Participatiespoor"


class Fase(models.TextChoices):
    """The Werkspoor phases, in this order (seed 001, schema proces Werkspoor)."""

    DIAGNOSE = "diagnose", "Diagnose"
    ONTWIKKELING = "ontwikkeling", "Ontwikkeling"
    MATCHING = "matching", "Matching"


FASE_VOLGORDE: list[str] = list(Fase.values)


class Afsluitreden(models.TextChoices):
    """Why a traject ends. Deliberately no "niet bemiddelbaar": "we schrijven niemand af" (seed 001)."""

    WERK_GEVONDEN = "werk_gevonden", "Werk gevonden"
    UITKERING_BEEINDIGD = "uitkering_beeindigd", "Uitkering beëindigd (andere reden)"
    VERHUISD = "verhuisd", "Verhuisd naar een andere gemeente"
    OVERLEDEN = "overleden", "Overleden"
    ONDERWIJS = "onderwijs", "Gestart met een opleiding met studiefinanciering"


class TrajectQuerySet(models.QuerySet):
    def open(self) -> TrajectQuerySet:
        return self.filter(afgesloten_op__isnull=True)

    def te_herbeoordelen(self, op: date) -> TrajectQuerySet:
        """Open trajecten whose review date has come, most overdue first (the worklist)."""
        return self.open().filter(herbeoordeling_op__lte=op).order_by("herbeoordeling_op", "pk")


class Traject(models.Model):
    """A Participatiewet client's route to work or participation, with its track and review date."""

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="participatietrajecten")
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    uitkering = models.CharField("grondslag uitkering", max_length=20, choices=Uitkering.choices, default=Uitkering.BIJSTAND)
    uitkering_sinds = models.DateField("uitkering sinds", null=True, blank=True)
    klantmanager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participatietrajecten")
    verdiencapaciteit_procent = models.PositiveSmallIntegerField(
        "verdiencapaciteit (% van het wettelijk minimumloon)", validators=[MaxValueValidator(100)]
    )
    spoor = models.CharField(max_length=20, choices=Spoor.choices)
    fase = models.CharField(max_length=20, choices=Fase.choices, blank=True, help_text="Alleen in het Werkspoor.")
    startdatum = models.DateField()
    herbeoordeling_op = models.DateField("volgende herbeoordeling", null=True, blank=True, db_index=True)
    afgesloten_op = models.DateField(null=True, blank=True)
    afsluitreden = models.CharField(max_length=30, choices=Afsluitreden.choices, blank=True)
    toelichting = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = "participatietraject"
        verbose_name_plural = "participatietrajecten"
        ordering = ["-startdatum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["persoon"],
                condition=Q(afgesloten_op__isnull=True),
                name="een_open_traject_per_persoon",
                violation_error_message="Deze persoon heeft al een lopend traject.",
            ),
            # Nobody is written off: an open traject always has its next review.
            models.CheckConstraint(
                condition=Q(afgesloten_op__isnull=False) | Q(herbeoordeling_op__isnull=False),
                name="open_traject_heeft_herbeoordeling",
            ),
            models.CheckConstraint(
                condition=Q(afgesloten_op__isnull=True) | ~Q(afsluitreden=""),
                name="afgesloten_traject_heeft_reden",
            ),
            models.CheckConstraint(
                condition=Q(spoor="werkspoor", fase__in=FASE_VOLGORDE) | Q(spoor="participatiespoor", fase=""),
                name="fase_alleen_in_werkspoor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_spoor_display()} {self.persoon}"

    @property
    def is_open(self) -> bool:
        return self.afgesloten_op is None


class Trajectstap(models.Model):
    """Dated history of a traject: start, phase changes, reviews (with a possible track switch), closing."""

    class Soort(models.TextChoices):
        START = "start", "Start"
        FASE = "fase", "Volgende fase"
        HERBEOORDELING = "herbeoordeling", "Herbeoordeling"
        AFSLUITING = "afsluiting", "Afgesloten"

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="stappen")
    datum = models.DateField()
    soort = models.CharField(max_length=20, choices=Soort.choices)
    spoor = models.CharField(max_length=20, choices=Spoor.choices)
    fase = models.CharField(max_length=20, choices=Fase.choices, blank=True)
    verdiencapaciteit_procent = models.PositiveSmallIntegerField(null=True, blank=True)
    uitkomst = models.TextField(blank=True)
    volgende_herbeoordeling = models.DateField(null=True, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "trajectstap"
        verbose_name_plural = "trajectstappen"
        ordering = ["datum", "id"]


# --- Participatieladder ----------------------------------------------------------------------------


class Laddertrede(models.IntegerChoices):
    GEISOLEERD = 1, "1 – geïsoleerd"
    SOCIALE_CONTACTEN = 2, "2 – sociale contacten buiten de deur"
    GEORGANISEERDE_ACTIVITEITEN = 3, "3 – deelname georganiseerde activiteiten"
    ONBETAALD_WERK = 4, "4 – onbetaald werk"
    BETAALD_MET_ONDERSTEUNING = 5, "5 – betaald werk met ondersteuning"
    BETAALD_WERK = 6, "6 – betaald werk"


class Ladderscore(models.Model):
    """One dated step on the participatieladder; the latest by date is the current step."""

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="ladderscores")
    datum = models.DateField()
    trede = models.PositiveSmallIntegerField(choices=Laddertrede.choices, validators=[MinValueValidator(1), MaxValueValidator(6)])
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "trede op de participatieladder"
        verbose_name_plural = "participatieladder"
        ordering = ["-datum", "-id"]
        constraints = [models.CheckConstraint(condition=Q(trede__gte=1, trede__lte=6), name="ladder_trede_1_tot_6")]


# --- Re-integratie-instrumenten --------------------------------------------------------------------


class SoortInstrument(models.TextChoices):
    SCHOLING = "scholing", "Scholing"
    WERKERVARINGSPLEK = "werkervaringsplek", "Werkervaringsplek"
    JOBCOACHING = "jobcoaching", "Jobcoaching"
    LOONWAARDEBEPALING = "loonwaardebepaling", "Loonwaardebepaling met loonkostensubsidie"
    BESCHUT_WERK = "beschut_werk", "Beschut werk"
    WERKPLEKAANPASSING = "werkplekaanpassing", "Werkplekaanpassing"


class Uitkomst(models.TextChoices):
    LOPEND = "lopend", "Loopt nog"
    BEHAALD = "behaald", "Doel behaald"
    DEELS = "deels", "Deels behaald"
    NIET_BEHAALD = "niet_behaald", "Niet behaald"
    VOORTIJDIG = "voortijdig", "Voortijdig gestopt"


class Instrument(models.Model):
    """One instrument of the re-integratieplan, with dates, cost, provider and outcome.

    `actie` links it to the household's one ondersteuningsplan, so work and care stay one plan.
    """

    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="instrumenten")
    soort = models.CharField(max_length=30, choices=SoortInstrument.choices)
    omschrijving = models.TextField()
    uitvoerder = models.CharField("aanbieder of werkgever", max_length=200)
    werkgever = models.ForeignKey("Werkgever", null=True, blank=True, on_delete=models.PROTECT, related_name="instrumenten")
    startdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    kosten_cent = models.PositiveIntegerField("kosten (cent)", default=0)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, default=Uitkomst.LOPEND)
    uitkomst_toelichting = models.TextField(blank=True)
    # Loonwaardebepaling → loonkostensubsidie (Participatiewet art. 10d)
    loonwaarde_procent = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(100)])
    uren_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    lks_per_maand_cent = models.PositiveIntegerField("loonkostensubsidie per maand (cent)", null=True, blank=True)
    lks_berekening = models.JSONField(null=True, blank=True, help_text="De berekening zoals vastgelegd (WML, uren, bedragen).")
    actie = models.OneToOneField("plannen.Actie", null=True, blank=True, on_delete=models.SET_NULL, related_name="participatie_instrument")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    class Meta:
        verbose_name = "re-integratie-instrument"
        verbose_name_plural = "re-integratie-instrumenten"
        ordering = ["startdatum", "id"]
        constraints = [
            periode("startdatum", "einddatum", "instrument_eind_na_start"),
            models.CheckConstraint(
                condition=~Q(soort="loonwaardebepaling") | Q(loonwaarde_procent__isnull=False, uren_per_week__isnull=False),
                name="loonwaardebepaling_heeft_loonwaarde_en_uren",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.omschrijving[:60]}"


# --- Tegenprestatie --------------------------------------------------------------------------------


class Tegenprestatie(models.Model):
    """Unpaid socially useful work asked of a bijstand client (Participatiewet art. 9 lid 1 onder c),
    with the legal conditions as they were checked and confirmed when it was agreed."""

    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="tegenprestaties")
    inhoud = models.TextField("wat doet de inwoner")
    organisatie = models.CharField("waar", max_length=200, blank=True)
    uren_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    startdatum = models.DateField()
    einddatum = models.DateField()
    naar_vermogen = models.BooleanField(default=False)
    naar_vermogen_toelichting = models.TextField(blank=True)
    geen_verdringing = models.BooleanField(default=False)
    geen_verdringing_toelichting = models.TextField(blank=True)
    beperkt_in_tijd_en_omvang = models.BooleanField(default=False)
    grenzen = models.JSONField(help_text="De grenzen (uren per week, maanden) die golden bij het vastleggen.")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "tegenprestaties"
        ordering = ["-startdatum", "-id"]
        constraints = [
            periode("startdatum", "einddatum", "tegenprestatie_eind_na_start"),
            models.CheckConstraint(
                condition=Q(naar_vermogen=True, geen_verdringing=True, beperkt_in_tijd_en_omvang=True),
                name="tegenprestatie_voorwaarden_bevestigd",
            ),
        ]


# --- Werkgeversbenadering --------------------------------------------------------------------------


class Competentie(models.Model):
    """One shared list of competences, used for candidates and vacancies alike (for matching)."""

    naam = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name_plural = "competenties"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Werkgever(models.Model):
    naam = models.CharField(max_length=200)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, blank=True)
    contactpersoon = models.CharField(max_length=200, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "werkgevers"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Werkgeverscontact(models.Model):
    class Soort(models.TextChoices):
        BEZOEK = "bezoek", "Bedrijfsbezoek"
        TELEFOON = "telefoon", "Telefoon"
        EMAIL = "email", "E-mail"
        NETWERK = "netwerk", "Netwerkbijeenkomst"

    werkgever = models.ForeignKey(Werkgever, on_delete=models.CASCADE, related_name="contacten")
    datum = models.DateField()
    soort = models.CharField(max_length=20, choices=Soort.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notities = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "werkgeverscontacten"
        ordering = ["-datum", "-id"]


class Vacature(models.Model):
    """A paid job at an employer (not the volunteer vacancies of the portaal)."""

    werkgever = models.ForeignKey(Werkgever, on_delete=models.PROTECT, related_name="vacatures")
    titel = models.CharField(max_length=200)
    uren_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    omschrijving = models.TextField(blank=True)
    competenties = models.ManyToManyField(Competentie, related_name="vacatures", blank=True)
    open = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "vacatures"
        ordering = ["werkgever__naam", "titel"]

    def __str__(self) -> str:
        return f"{self.titel} ({self.werkgever})"


class Kandidaatcompetentie(models.Model):
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.CASCADE, related_name="competenties")
    competentie = models.ForeignKey(Competentie, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["persoon", "competentie"], name="competentie_eenmaal_per_persoon")]


class Plaatsing(models.Model):
    class Resultaat(models.TextChoices):
        LOPEND = "lopend", "Loopt"
        DUURZAAM = "duurzaam", "Duurzaam geplaatst"
        UITGEVALLEN = "uitgevallen", "Uitgevallen"

    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="plaatsingen")
    vacature = models.ForeignKey(Vacature, on_delete=models.PROTECT, related_name="plaatsingen")
    startdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    loonkostensubsidie = models.ForeignKey(Instrument, null=True, blank=True, on_delete=models.PROTECT, related_name="plaatsingen")
    resultaat = models.CharField(max_length=20, choices=Resultaat.choices, default=Resultaat.LOPEND)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    class Meta:
        verbose_name_plural = "plaatsingen"
        ordering = ["-startdatum", "-id"]
        constraints = [periode("startdatum", "einddatum", "plaatsing_eind_na_start")]
