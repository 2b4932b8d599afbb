"""From plan to lawful grant: aanvraag, beschikking, verwijzing, toegewezen voorziening, and legal protection."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from keukentafel.aanbod.models import geldig_op
from keukentafel.codelijsten import Eenheid, Frequentie, RedenWijziging, Wet
from keukentafel.constraints import periode


class Leveringsvorm(models.TextChoices):
    ZIN = "zin", "Zorg in natura (ZIN)"
    PGB = "pgb", "Persoonsgebonden budget (pgb)"
    PVB = "pvb", "Persoonsvolgend budget (pvb)"


class AanvraagStatus(models.TextChoices):
    OPEN = "open", "In behandeling"
    BESLOTEN = "besloten", "Besloten"
    INGETROKKEN = "ingetrokken", "Ingetrokken door inwoner"


class Aanvraag(models.Model):
    """A formal request for a maatwerkvoorziening; starts the beschikking term (Wmo 2015 art. 2.3.5)."""

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="aanvragen")
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="aanvragen")
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey("plannen.Ondersteuningsplan", null=True, blank=True, on_delete=models.PROTECT, related_name="aanvragen")
    actie = models.ForeignKey("plannen.Actie", null=True, blank=True, on_delete=models.SET_NULL, related_name="aanvragen")
    product = models.ForeignKey("aanbod.Product", on_delete=models.PROTECT, related_name="aanvragen")
    leveringsvorm = models.CharField(max_length=3, choices=Leveringsvorm.choices, default=Leveringsvorm.ZIN)
    omvang = models.PositiveIntegerField("gevraagde omvang")
    eenheid = models.CharField(max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(max_length=1, choices=Frequentie.choices)
    ontvangen_op = models.DateField("datum aanvraag")
    uiterste_beslisdatum = models.DateField()
    op_verzoek_bij_verschil_van_mening = models.BooleanField(
        default=False, help_text="De inwoner vraagt een beschikking omdat inwoner en team het niet eens worden."
    )
    toelichting = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=AanvraagStatus.choices, default=AanvraagStatus.OPEN, db_index=True)
    behandelaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="aanvragen")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "aanvragen"
        ordering = ["uiterste_beslisdatum", "id"]
        indexes = [models.Index(fields=["behandelaar", "status", "uiterste_beslisdatum"], name="aanvraag_werkvoorraad_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["persoon", "product"],
                condition=Q(status="open"),
                name="een_open_aanvraag_per_persoon_product",
                violation_error_message="Voor deze inwoner loopt al een aanvraag voor dit product.",
            ),
        ]

    def __str__(self) -> str:
        return f"Aanvraag {self.product.naam} ({self.ontvangen_op:%d-%m-%Y})"


class Besluit(models.TextChoices):
    TOEKENNING = "toekenning", "Toekenning"
    GEDEELTELIJKE_TOEKENNING = "gedeeltelijk", "Gedeeltelijke toekenning"
    AFWIJZING = "afwijzing", "Afwijzing"


class Beschikking(models.Model):
    aanvraag = models.OneToOneField(Aanvraag, on_delete=models.PROTECT, related_name="beschikking")
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    kenmerk = models.CharField(max_length=30, unique=True)
    wet = models.CharField(max_length=10, choices=Wet.choices)
    besluit = models.CharField(max_length=12, choices=Besluit.choices)
    motivering = models.TextField()
    grondslag = models.CharField(max_length=300, help_text="Wetsartikel en verordening waarop het besluit berust.")
    datum_afgifte = models.DateField()
    einde_bezwaartermijn = models.DateField()
    afgegeven_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "beschikkingen"
        ordering = ["-datum_afgifte", "-id"]

    def __str__(self) -> str:
        return f"Beschikking {self.kenmerk}"


class Verwijzing(models.Model):
    """Indicatievrij route: a verwijsbrief signed by resident, generalist and provider; doubles as intake."""

    kenmerk = models.CharField(max_length=30, unique=True)
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="verwijzingen")
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="verwijzingen")
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey("plannen.Ondersteuningsplan", on_delete=models.PROTECT, related_name="verwijzingen")
    actie = models.ForeignKey("plannen.Actie", null=True, blank=True, on_delete=models.SET_NULL, related_name="verwijzingen")
    product = models.ForeignKey("aanbod.Product", on_delete=models.PROTECT, related_name="verwijzingen")
    aanbieder = models.ForeignKey("aanbod.Aanbieder", on_delete=models.PROTECT, related_name="verwijzingen")
    omvang = models.PositiveIntegerField()
    eenheid = models.CharField(max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(max_length=1, choices=Frequentie.choices)
    begindatum = models.DateField()
    einddatum = models.DateField()
    hulpvraag = models.TextField("hulpvraag en afspraken (intake)")
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opgesteld_op = models.DateField()
    getekend_inwoner_op = models.DateField(null=True, blank=True)
    getekend_inwoner_door = models.CharField(max_length=200, blank=True, help_text="Inwoner of wettelijk vertegenwoordiger.")
    getekend_generalist_op = models.DateField(null=True, blank=True)
    getekend_aanbieder_op = models.DateField(null=True, blank=True)
    getekend_aanbieder_door = models.CharField(max_length=200, blank=True)
    ingetrokken_op = models.DateField(null=True, blank=True, help_text="Ingetrokken vóór de laatste handtekening.")
    reden_intrekking = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "verwijzingen"
        ordering = ["-opgesteld_op", "-id"]

    def __str__(self) -> str:
        return f"Verwijzing {self.kenmerk}"

    @property
    def volledig_getekend(self) -> bool:
        return bool(self.getekend_inwoner_op and self.getekend_generalist_op and self.getekend_aanbieder_op)


class VoorzieningStatus(models.TextChoices):
    ACTIEF = "actief", "Actief"
    BEEINDIGD = "beeindigd", "Beëindigd"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class Grondslag(models.TextChoices):
    BESCHIKKING = "beschikking", "Beschikking"
    VERWIJZING = "verwijzing", "Verwijzing (indicatievrij)"
    OVERGANGSRECHT = "overgangsrecht", "Overgangsrecht (bestaande indicatie)"
    VERZOEK = "verzoek", "Verzoek om toewijzing van de aanbieder (315)"
    WETTELIJKE_VERWIJZING = "wettelijk", "Wettelijke verwijzing (Jeugdwet: huisarts, jeugdarts, medisch specialist, GI)"


class ToegewezenVoorzieningQuerySet(models.QuerySet):
    def lopend(self) -> ToegewezenVoorzieningQuerySet:
        return self.filter(status=VoorzieningStatus.ACTIEF)

    def geldend(self) -> ToegewezenVoorzieningQuerySet:
        """Grants that apply over their period: running ones, and ended or revoked ones up to their end date.

        Only a grant revoked as "Verwijderd" (13) never applied.
        """
        return self.exclude(status=VoorzieningStatus.INGETROKKEN, reden_wijziging=RedenWijziging.VERWIJDERD)

    def actief_op(self, datum: date) -> ToegewezenVoorzieningQuerySet:
        return self.geldend().filter(geldig_op(datum, "begindatum", "einddatum"))

    def overlappend(self, begindatum: date, einddatum: date | None) -> ToegewezenVoorzieningQuerySet:
        """Grants applying somewhere in [begindatum, einddatum] (None = open)."""
        qs = self.geldend().filter(Q(einddatum__isnull=True) | Q(einddatum__gte=begindatum))
        return qs if einddatum is None else qs.filter(begindatum__lte=einddatum)


class ToegewezenVoorziening(models.Model):
    """A grant (GGM "Beschikte voorziening"); the record an iWmo/iJw 301 toewijzing carries."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    toewijzingnummer = models.PositiveIntegerField(help_text="Uniek per gemeente (LDT_Nummer in de 301).")
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="voorzieningen")
    huishouden = models.ForeignKey("inwoners.Huishouden", null=True, blank=True, on_delete=models.PROTECT, related_name="voorzieningen")
    product = models.ForeignKey("aanbod.Product", on_delete=models.PROTECT, related_name="toewijzingen")
    grondslag = models.CharField(max_length=15, choices=Grondslag.choices)
    beschikking = models.ForeignKey(Beschikking, null=True, blank=True, on_delete=models.PROTECT, related_name="voorzieningen")
    verwijzing = models.ForeignKey(Verwijzing, null=True, blank=True, on_delete=models.PROTECT, related_name="voorzieningen")
    indicatiebron = models.CharField(max_length=20, blank=True, help_text="Overgangsrecht: CIZ, oude Wmo, BJZ, pgb.")
    leveringsvorm = models.CharField(max_length=3, choices=Leveringsvorm.choices)
    aanbieder = models.ForeignKey("aanbod.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="toewijzingen")
    contract = models.ForeignKey("aanbod.Contract", null=True, blank=True, on_delete=models.PROTECT, related_name="toewijzingen")
    tarief_cent = models.PositiveIntegerField("tarief per eenheid (cent)", help_text="Contracttarief (ZIN/pvb) of pgb-tarief.")
    omvang = models.PositiveIntegerField()
    eenheid = models.CharField(max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(max_length=1, choices=Frequentie.choices)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=VoorzieningStatus.choices, default=VoorzieningStatus.ACTIEF)
    reden_wijziging = models.CharField(max_length=2, blank=True, choices=RedenWijziging.choices)
    reden_beeindiging = models.CharField(max_length=2, blank=True, help_text="WMO588 of JZ588, naar de wet van het product.")
    toegekend_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegekend_op = models.DateField()
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    objects = ToegewezenVoorzieningQuerySet.as_manager()

    class Meta:
        verbose_name = "toegewezen voorziening"
        verbose_name_plural = "toegewezen voorzieningen"
        ordering = ["-begindatum", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "toewijzingnummer"], name="uniek_toewijzingnummer_per_gemeente"),
            periode("begindatum", "einddatum", "voorziening_eind_na_begin"),
            models.CheckConstraint(
                condition=Q(leveringsvorm="pgb", aanbieder__isnull=True) | (~Q(leveringsvorm="pgb") & Q(aanbieder__isnull=False)),
                name="aanbieder_bij_zin_en_pvb",
                violation_error_message="Zorg in natura en pvb hebben een aanbieder; een pgb niet.",
            ),
        ]
        indexes = [
            models.Index(fields=["persoon", "product", "status"], name="voorziening_overlap_idx"),
            models.Index(fields=["status", "einddatum"], name="voorziening_einde_idx"),
            # The monitor selects a gemeente's grants that applied in a period.
            models.Index(fields=["gemeente", "begindatum", "einddatum"], name="voorziening_periode_idx"),
        ]

    def __str__(self) -> str:
        return f"Toewijzing {self.toewijzingnummer}: {self.product.naam}"


class Nummerreeks(models.Model):
    """Last number handed out per gemeente and kind; taken under a row lock so numbers never repeat."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(max_length=20)
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "nummerreeksen"
        constraints = [models.UniqueConstraint(fields=["gemeente", "soort"], name="een_reeks_per_gemeente_soort")]


class MutatieSoort(models.TextChoices):
    TOEKENNING = "toekenning", "Toegekend"
    WIJZIGING = "wijziging", "Gewijzigd"
    INTREKKING = "intrekking", "Ingetrokken"
    BEEINDIGING = "beeindiging", "Beëindigd"
    CORRECTIE = "correctie", "Gecorrigeerd na rechtmatigheidstoets"


class Voorzieningmutatie(models.Model):
    """Full history of a grant: each change with its reason code and the values before and after."""

    voorziening = models.ForeignKey(ToegewezenVoorziening, on_delete=models.CASCADE, related_name="mutaties")
    soort = models.CharField(max_length=12, choices=MutatieSoort.choices)
    reden_code = models.CharField(max_length=2, blank=True)
    toelichting = models.TextField(blank=True)
    oud = models.JSONField(default=dict, blank=True)
    nieuw = models.JSONField(default=dict, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "voorzieningmutaties"
        ordering = ["tijdstip", "id"]


class Pgbtoekenning(models.Model):
    """The PGB part of a grant: persoonlijk plan, budgetvaardigheid and the budget computed from the tariff."""

    voorziening = models.OneToOneField(ToegewezenVoorziening, on_delete=models.CASCADE, related_name="pgb")
    persoonlijk_plan = models.TextField(help_text="Wat de inwoner met het budget inkoopt en bij wie.")
    motivering_geen_zin = models.TextField("waarom zorg in natura niet passend is")
    budgetvaardig = models.BooleanField(help_text="Uitkomst van de toets budgetvaardigheid.")
    budgetbeheerder = models.CharField(max_length=200, blank=True, help_text="Vertegenwoordiger die het budget beheert.")
    pgb_tarief_cent = models.PositiveIntegerField()
    maximum_tarief_cent = models.PositiveIntegerField(help_text="Goedkoopste passende ZIN-tarief × het pgb-percentage op de begindatum.")
    budget_cent = models.PositiveBigIntegerField()
    sociaal_netwerk_betaald = models.BooleanField("betaling aan het sociaal netwerk", default=False)
    uitzondering_sociaal_netwerk = models.TextField(blank=True, help_text="Reden van de uitzondering om het netwerk te betalen.")

    class Meta:
        verbose_name = "pgb-toekenning"
        verbose_name_plural = "pgb-toekenningen"


class Pvbkeuze(models.Model):
    """PVB: the resident's choice of a qualified contracted provider, with the regie check."""

    voorziening = models.OneToOneField(ToegewezenVoorziening, on_delete=models.CASCADE, related_name="pvb")
    regievaardig = models.BooleanField(help_text="Uitkomst van de toets of de inwoner de regie kan voeren.")
    vertegenwoordiger = models.CharField(max_length=200, blank=True)
    vertegenwoordiger_is_organisatie = models.BooleanField(default=False)
    motivering = models.TextField(blank=True)

    class Meta:
        verbose_name = "pvb-keuze"
        verbose_name_plural = "pvb-keuzes"


class ToetsSelectie(models.TextChoices):
    STEEKPROEF = "steekproef", "Steekproef"
    VOLLEDIG = "volledig", "Integrale controle"


class ToetsUitkomst(models.TextChoices):
    OPEN = "open", "Te toetsen"
    RECHTMATIG = "rechtmatig", "Rechtmatig"
    GECORRIGEERD = "gecorrigeerd", "Onrechtmatig, gecorrigeerd"
    INGETROKKEN = "ingetrokken", "Onrechtmatig, ingetrokken"


class Rechtmatigheidstoets(models.Model):
    voorziening = models.ForeignKey(ToegewezenVoorziening, on_delete=models.CASCADE, related_name="toetsen")
    selectie = models.CharField(max_length=12, choices=ToetsSelectie.choices)
    geselecteerd_op = models.DateField()
    uitkomst = models.CharField(max_length=12, choices=ToetsUitkomst.choices, default=ToetsUitkomst.OPEN, db_index=True)
    bevinding = models.TextField(blank=True)
    getoetst_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    getoetst_op = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "rechtmatigheidstoets"
        verbose_name_plural = "rechtmatigheidstoetsen"
        ordering = ["geselecteerd_op", "id"]
        constraints = [
            models.UniqueConstraint(fields=["voorziening"], condition=Q(uitkomst="open"), name="een_open_toets_per_voorziening"),
        ]


class Herbeoordeling(models.Model):
    """Worklist item: an imported (overgangsrecht) indication to re-assess before it ends, in cohorts."""

    voorziening = models.OneToOneField(ToegewezenVoorziening, on_delete=models.CASCADE, related_name="herbeoordeling")
    cohort = models.CharField(max_length=7, db_index=True, help_text="Kwartaal van de einddatum, bijvoorbeeld 2027-K1.")
    uiterlijk_op = models.DateField(help_text="Vóór deze datum het gesprek voeren.")
    afgerond_op = models.DateField(null=True, blank=True)
    uitkomst = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "herbeoordelingen"
        ordering = ["uiterlijk_op", "id"]


class Indicatieimport(models.Model):
    """One overgangsrecht file; its hash makes a second upload of the same file a no-op."""

    bestandsnaam = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    aantal_rijen = models.PositiveIntegerField()
    geimporteerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geimporteerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "indicatie-import"
        verbose_name_plural = "indicatie-imports"
        ordering = ["-geimporteerd_op"]


class BezwaarRoute(models.TextChoices):
    INFORMEEL = "informeel", "Informele aanpak (telefonisch / gesprek)"
    MEDIATION = "mediation", "Mediation"
    HOORZITTING = "hoorzitting", "Hoorzitting bezwaarcommissie"


class BezwaarUitkomst(models.TextChoices):
    OPEN = "open", "In behandeling"
    GEGROND = "gegrond", "Gegrond"
    DEELS_GEGROND = "deels_gegrond", "Deels gegrond"
    ONGEGROND = "ongegrond", "Ongegrond"
    NIET_ONTVANKELIJK = "niet_ontvankelijk", "Niet-ontvankelijk"
    INGETROKKEN = "ingetrokken", "Ingetrokken (na informele oplossing)"


class Bezwaar(models.Model):
    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="bezwaren")
    ontvangen_op = models.DateField()
    tijdig = models.BooleanField(help_text="Ontvangen binnen de bezwaartermijn van de beschikking.")
    verschoonbaar = models.BooleanField(default=False, help_text="Te laat, maar de termijnoverschrijding is verschoonbaar (Awb art. 6:11).")
    gronden = models.TextField("gronden van het bezwaar")
    route = models.CharField(max_length=12, choices=BezwaarRoute.choices, default=BezwaarRoute.INFORMEEL)
    uitkomst = models.CharField(max_length=20, choices=BezwaarUitkomst.choices, default=BezwaarUitkomst.OPEN)
    beslist_op = models.DateField(null=True, blank=True)
    toelichting_uitkomst = models.TextField(blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "bezwaren"
        ordering = ["-ontvangen_op", "-id"]


class KlachtOver(models.TextChoices):
    AANBIEDER = "aanbieder", "Aanbieder"
    GEMEENTE = "gemeente", "Gemeente"


class Klacht(models.Model):
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="klachten")
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="klachten")
    over = models.CharField(max_length=10, choices=KlachtOver.choices)
    aanbieder = models.ForeignKey("aanbod.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="klachten")
    ontvangen_op = models.DateField()
    omschrijving = models.TextField()
    afgehandeld_op = models.DateField(null=True, blank=True)
    afhandeling = models.TextField(blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "klachten"
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(over="gemeente", aanbieder__isnull=True) | Q(over="aanbieder", aanbieder__isnull=False),
                name="klacht_aanbieder_alleen_bij_aanbieder",
            ),
        ]


class SecondOpinion(models.Model):
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="second_opinions")
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="second_opinions")
    beschikking = models.ForeignKey(Beschikking, null=True, blank=True, on_delete=models.PROTECT, related_name="second_opinions")
    aangevraagd_op = models.DateField()
    vraag = models.TextField()
    uitgevoerd_door = models.CharField(max_length=200, help_text="Andere consulent of onafhankelijk adviseur.")
    afgerond_op = models.DateField(null=True, blank=True)
    uitkomst = models.TextField(blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "second opinion"
        verbose_name_plural = "second opinions"
        ordering = ["-aangevraagd_op", "-id"]
