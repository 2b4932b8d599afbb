"""One ondersteuningsplan per household, with goals, actions on the afwegingsladder and versions."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    ACTIEF = "actief", "Actief"
    AFGESLOTEN = "afgesloten", "Afgesloten"


#: Statuses that count as "the" plan of a household: at most one at a time.
OPEN_STATUSSEN = [PlanStatus.CONCEPT, PlanStatus.ACTIEF]


class OndersteuningsplanQuerySet(models.QuerySet):
    def open(self) -> OndersteuningsplanQuerySet:
        return self.filter(status__in=OPEN_STATUSSEN)

    def te_evalueren(self, op: date) -> OndersteuningsplanQuerySet:
        """Active plans whose evaluation date has come (for the worklist), most overdue first."""
        return self.filter(status=PlanStatus.ACTIEF, evaluatiedatum__lte=op).order_by("evaluatiedatum", "pk")


class Ondersteuningsplan(models.Model):
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="plannen")
    onderzoek = models.ForeignKey("toegang.Onderzoek", null=True, blank=True, on_delete=models.PROTECT, related_name="plannen")
    regisseur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="regieplannen")
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.CONCEPT, db_index=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    vastgesteld_op = models.DateField(null=True, blank=True, help_text="Datum waarop beide partijen tekenden.")
    evaluatiedatum = models.DateField(null=True, blank=True, db_index=True)
    afgesloten_op = models.DateField(null=True, blank=True)
    afsluitreden = models.CharField(max_length=300, blank=True)
    toelichting = models.TextField("situatie en afspraken in het kort", blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    objects = OndersteuningsplanQuerySet.as_manager()

    class Meta:
        verbose_name = "ondersteuningsplan"
        verbose_name_plural = "ondersteuningsplannen"
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["huishouden"],
                condition=Q(status__in=["concept", "actief"]),
                name="een_open_plan_per_huishouden",
                violation_error_message="Dit huishouden heeft al een lopend ondersteuningsplan.",
            ),
        ]
        indexes = [models.Index(fields=["regisseur", "status", "evaluatiedatum"], name="plan_regie_status_eval_idx")]

    def __str__(self) -> str:
        return f"Ondersteuningsplan {self.huishouden}"

    @property
    def huidige_versie(self) -> Planversie | None:
        return self.versies.order_by("-nummer").first()


class Doel(models.Model):
    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="doelen")
    leefgebied = models.ForeignKey("beleid.Leefgebied", on_delete=models.PROTECT, related_name="+")
    persoon = models.ForeignKey(
        "inwoners.Persoon",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leeg: doel voor het hele huishouden.",
    )
    omschrijving = models.TextField("doel")
    beoogd_resultaat = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "doelen"
        ordering = ["volgorde", "id"]

    def __str__(self) -> str:
        return f"{self.leefgebied}: {self.omschrijving[:60]}"


class Trede(models.TextChoices):
    """The afwegingsladder, lightest first (DESIGN.md §1.3)."""

    EIGEN_KRACHT = "eigen_kracht", "Eigen kracht"
    SOCIAAL_NETWERK = "sociaal_netwerk", "Sociaal netwerk / mantelzorg"
    VRIJWILLIGER = "vrijwilliger", "Vrijwilliger"
    ALGEMENE_VOORZIENING = "algemene_voorziening", "Algemene voorziening"
    MAATWERK = "maatwerk", "Maatwerkvoorziening"


TREDE_VOLGORDE = {t: i for i, t in enumerate(Trede.values)}


class ActieWet(models.TextChoices):
    """The law an action falls under, so finance and monitor split one household plan correctly (issue 6 §3)."""

    GEEN = "", "Geen wet (eigen kracht, netwerk, voorliggend)"
    WMO = "wmo", "Wmo 2015"
    JEUGDWET = "jeugdwet", "Jeugdwet"
    PARTICIPATIEWET = "participatiewet", "Participatiewet"


#: The budget domain (financien.Domein) of each law.
DOMEIN_VAN_WET = {ActieWet.WMO: "wmo", ActieWet.JEUGDWET: "jeugd", ActieWet.PARTICIPATIEWET: "participatie"}


class Actie(models.Model):
    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="acties")
    trede = models.CharField("trede op de afwegingsladder", max_length=30, choices=Trede.choices)
    omschrijving = models.TextField("wat gebeurt er")
    uitvoerder = models.CharField("wie doet het", max_length=200)
    netwerklid = models.ForeignKey("inwoners.Netwerklid", null=True, blank=True, on_delete=models.SET_NULL, related_name="acties")
    voorziening = models.CharField(
        "voorziening",
        max_length=200,
        blank=True,
        help_text="Naam van de algemene voorziening of het maatwerkproduct.",
    )
    product = models.ForeignKey(
        "aanbod.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Bij een maatwerkvoorziening."
    )
    algemene_voorziening = models.ForeignKey(
        "aanbod.AlgemeneVoorziening", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Uit de sociale kaart."
    )
    wet = models.CharField(max_length=16, choices=ActieWet.choices, blank=True, default=ActieWet.GEEN)
    begrotingspost = models.ForeignKey(
        "financien.Begrotingspost",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acties",
        help_text="De lastenpost van de begroting (jaar van de begindatum) waar de actie op drukt.",
    )
    van = models.DateField()
    tot = models.DateField(null=True, blank=True)
    evaluatiedatum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "acties"
        ordering = ["van", "id"]
        constraints = [models.CheckConstraint(condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")), name="actie_tot_na_van")]


class Inkomensvraag(models.Model):
    """An income question, recorded apart from the support question (seed 004_9b6c2f3ab6410036.txt)."""

    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.CASCADE, related_name="inkomensvragen")
    plan = models.ForeignKey(Ondersteuningsplan, null=True, blank=True, on_delete=models.SET_NULL, related_name="inkomensvragen")
    datum = models.DateField()
    omschrijving = models.TextField()
    doorgezet_naar = models.CharField(max_length=200, blank=True, help_text="Bijvoorbeeld Werk & Inkomen, schuldhulp.")
    afgehandeld = models.BooleanField(default=False)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "inkomensvragen"
        ordering = ["-datum"]


class Planversie(models.Model):
    """A frozen copy of the plan as it was put to the resident; signatures attach to a version."""

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="versies")
    nummer = models.PositiveIntegerField()
    inhoud = models.JSONField()
    toelichting = models.CharField("wat is er veranderd", max_length=300, blank=True)
    gemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "planversies"
        ordering = ["plan", "nummer"]
        constraints = [models.UniqueConstraint(fields=["plan", "nummer"], name="uniek_versienummer")]

    def __str__(self) -> str:
        return f"Versie {self.nummer}"


class OndertekenaarRol(models.TextChoices):
    INWONER = "inwoner", "Inwoner"
    VERTEGENWOORDIGER = "vertegenwoordiger", "Vertegenwoordiger van de inwoner"
    PROFESSIONAL = "professional", "Professional (regisseur)"


class Ondertekenmethode(models.TextChoices):
    DIGITAAL = "digitaal", "Digitaal (in Keukentafel)"
    PAPIER = "papier", "Op papier (gescand in dossier)"
    MONDELING = "mondeling", "Mondeling akkoord, vastgelegd door professional"
    PORTAAL = "portaal", "Digitaal via Mijn Keukentafel"


#: Methods a professional can record; PORTAAL is only set by the resident's own signature in the portal.
METHODEN_VOOR_MEDEWERKER = [m for m in Ondertekenmethode if m != Ondertekenmethode.PORTAAL]


class Ondertekening(models.Model):
    versie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="ondertekeningen")
    rol = models.CharField(max_length=20, choices=OndertekenaarRol.choices)
    naam = models.CharField(max_length=200)
    persoon = models.ForeignKey("inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    netwerklid = models.ForeignKey("inwoners.Netwerklid", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField()
    methode = models.CharField(max_length=20, choices=Ondertekenmethode.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leeg: de inwoner of vertegenwoordiger tekende zelf in Mijn Keukentafel.",
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "ondertekeningen"
        ordering = ["datum", "id"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "rol"], name="een_handtekening_per_rol_per_versie"),
        ]


class VoorstelStatus(models.TextChoices):
    OPEN = "open", "Nog niet bekeken"
    OVERGENOMEN = "overgenomen", "Overgenomen in het plan"
    AFGEWEZEN = "afgewezen", "Niet overgenomen"


class Doelvoorstel(models.Model):
    """A goal the resident (or their representative) proposes in Mijn Keukentafel.

    A proposal is not part of the plan: the plan's content (and so every version and signature) only
    changes when the regisseur takes it over; that adds a normal Doel, which reaches the resident in
    the next version to sign.
    """

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="doelvoorstellen")
    leefgebied = models.ForeignKey("beleid.Leefgebied", on_delete=models.PROTECT, related_name="+")
    omschrijving = models.TextField("doel")
    toelichting = models.TextField("opmerking bij het doel", blank=True)
    ingediend_door = models.CharField(max_length=300, help_text="Naam, en bij vertegenwoordiging de rol en namens wie.")
    persoon = models.ForeignKey("inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    netwerklid = models.ForeignKey("inwoners.Netwerklid", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ingediend_op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=VoorstelStatus.choices, default=VoorstelStatus.OPEN, db_index=True)
    doel = models.OneToOneField(Doel, null=True, blank=True, on_delete=models.SET_NULL, related_name="voorstel")
    behandeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    behandeld_op = models.DateTimeField(null=True, blank=True)
    reactie = models.TextField("reactie van de regisseur", blank=True)

    class Meta:
        verbose_name = "doelvoorstel van de inwoner"
        verbose_name_plural = "doelvoorstellen van inwoners"
        ordering = ["ingediend_op", "id"]

    def __str__(self) -> str:
        return f"Voorstel {self.leefgebied}: {self.omschrijving[:60]}"


class EvaluatieBesluit(models.TextChoices):
    VOORTZETTEN = "voortzetten", "Voortzetten"
    BIJSTELLEN = "bijstellen", "Bijstellen"
    AFSLUITEN = "afsluiten", "Afsluiten"


class Evaluatie(models.Model):
    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="evaluaties")
    datum = models.DateField()
    besluit = models.CharField(max_length=15, choices=EvaluatieBesluit.choices)
    toelichting = models.TextField(blank=True)
    volgende_evaluatie = models.DateField(null=True, blank=True)
    uitgevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "evaluaties"
        ordering = ["-datum"]
