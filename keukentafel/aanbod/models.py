"""The catalogue (algemene voorzieningen, maatwerk products), providers with quality evidence, and contracts."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from keukentafel.codelijsten import Eenheid, Frequentie, ProductcategorieJeugd, ProductcategorieWmo, Wet
from keukentafel.constraints import periode

AGB_VALIDATOR = RegexValidator(r"^\d{8}$", "Een AGB-code bestaat uit precies 8 cijfers.")
KVK_VALIDATOR = RegexValidator(r"^\d{8}$", "Een KvK-nummer bestaat uit precies 8 cijfers.")


def geldig_op(datum: date, van: str = "geldig_vanaf", tot: str = "geldig_tot") -> Q:
    """Rows whose [van, tot] period (tot empty = open) covers `datum`."""
    return Q(**{f"{van}__lte": datum}) & (Q(**{f"{tot}__isnull": True}) | Q(**{f"{tot}__gte": datum}))


class Categorie(models.TextChoices):
    """Kinds of algemene voorziening on the sociale kaart."""

    INFORMATIE_ADVIES = "informatie_advies", "Informatie en advies"
    CLIENTONDERSTEUNING = "clientondersteuning", "Cliëntondersteuning"
    ONTMOETING = "ontmoeting", "Ontmoeting en dagactiviteiten"
    MANTELZORG = "mantelzorg", "Mantelzorgondersteuning"
    VRIJWILLIGERS = "vrijwilligers", "Vrijwillige inzet"
    HUISHOUDEN = "huishouden", "Huishoudelijke hulp en klussen"
    MAALTIJDEN = "maaltijden", "Maaltijden"
    VERVOER = "vervoer", "Vervoer"
    OPVOEDEN = "opvoeden", "Opvoeden en opgroeien"
    GELD = "geld", "Geld en schulden"
    WERK = "werk", "Werk en meedoen"
    GEZONDHEID = "gezondheid", "Gezondheid en bewegen"
    WONEN = "wonen", "Wonen en veiligheid"


class Doelgroep(models.TextChoices):
    JEUGD = "jeugd", "Kinderen en jongeren"
    OUDERS = "ouders", "Ouders en opvoeders"
    VOLWASSENEN = "volwassenen", "Volwassenen"
    OUDEREN = "ouderen", "Ouderen"
    MANTELZORGERS = "mantelzorgers", "Mantelzorgers"
    BEPERKING = "beperking", "Mensen met een beperking"
    GGZ = "ggz", "Mensen met psychische klachten"
    IEDEREEN = "iedereen", "Iedereen"


class Aanbieder(models.Model):
    naam = models.CharField(max_length=200)
    agb_code = models.CharField("AGB-code", max_length=8, unique=True, validators=[AGB_VALIDATOR])
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, blank=True, validators=[KVK_VALIDATOR])
    contactpersoon = models.CharField(max_length=200, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    adres = models.CharField(max_length=200, blank=True)
    plaats = models.CharField(max_length=80, blank=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class SoortKwaliteitsbewijs(models.TextChoices):
    VOG_BELEID = "vog_beleid", "VOG-beleid"
    MELDCODE = "meldcode", "Meldcode huiselijk geweld en kindermishandeling"
    KLACHTENREGELING = "klachtenregeling", "Klachtenregeling"
    CERTIFICERING = "certificering", "Certificering (ISO/HKZ)"
    VERZEKERING = "verzekering", "Aansprakelijkheidsverzekering"


class Kwaliteitsbewijs(models.Model):
    """Evidence a provider meets a quality requirement; which kinds are mandatory is policy (beleid)."""

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="kwaliteitsbewijzen")
    soort = models.CharField(max_length=30, choices=SoortKwaliteitsbewijs.choices)
    omschrijving = models.CharField(max_length=200, blank=True)
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True, help_text="Leeg: onbeperkt geldig.")
    gecontroleerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    gecontroleerd_op = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "kwaliteitsbewijs"
        verbose_name_plural = "kwaliteitsbewijzen"
        ordering = ["aanbieder", "soort", "-geldig_vanaf"]
        constraints = [
            periode("geldig_vanaf", "geldig_tot", "bewijs_tot_na_vanaf"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.aanbieder})"


class AlgemeneVoorziening(models.Model):
    """An entry of the sociale kaart: freely accessible support, no beschikking needed."""

    naam = models.CharField(max_length=200)
    uitvoerder = models.CharField("aanbieder", max_length=200)
    aanbieder = models.ForeignKey(Aanbieder, null=True, blank=True, on_delete=models.SET_NULL, related_name="algemene_voorzieningen")
    categorie = models.CharField(max_length=30, choices=Categorie.choices)
    omschrijving = models.TextField(blank=True)
    leefgebieden = models.ManyToManyField("beleid.Leefgebied", blank=True, related_name="+")
    doelgroepen = models.JSONField(default=list, blank=True, help_text="Codes uit Doelgroep.")
    gemeente = models.ForeignKey(
        "accounts.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="algemene_voorzieningen",
        help_text="Leeg: voor de hele regio.",
    )
    gebieden = models.ManyToManyField(
        "accounts.Gebied", blank=True, related_name="algemene_voorzieningen", help_text="Leeg: de hele gemeente."
    )
    adres = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=7, blank=True)
    plaats = models.CharField(max_length=80, blank=True)
    openingstijden = models.CharField(max_length=300, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True)
    kosten_cent = models.PositiveIntegerField("kosten voor de inwoner (cent)", default=0)
    kosten_toelichting = models.CharField(max_length=200, blank=True, help_text="Bijvoorbeeld 'per maaltijd' of 'per jaar'.")
    vrij_toegankelijk = models.BooleanField(default=True, help_text="Zonder verwijzing of aanmelding bij het team.")
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "algemene voorziening"
        verbose_name_plural = "algemene voorzieningen"
        ordering = ["naam"]
        indexes = [models.Index(fields=["categorie", "actief"])]

    def __str__(self) -> str:
        return self.naam


class Product(models.Model):
    """A maatwerkvoorziening with its iWmo/iJw productcategorie and productcode."""

    wet = models.CharField(max_length=10, choices=Wet.choices)
    productcategorie = models.CharField(max_length=2, help_text="WMO020 (Wmo) of JZ020 (Jeugdwet).")
    productcode = models.CharField(max_length=5, help_text="Productcode zoals in de contracten en berichten (max. 5 tekens).")
    naam = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    eenheid = models.CharField(max_length=2, choices=Eenheid.choices, help_text="WJ756.")
    frequentie = models.CharField(max_length=1, choices=Frequentie.choices, help_text="WMO757: standaardfrequentie.")
    pgb_mogelijk = models.BooleanField("pgb mogelijk", default=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "maatwerkproduct"
        verbose_name_plural = "maatwerkproducten"
        ordering = ["wet", "productcategorie", "productcode"]
        constraints = [
            models.UniqueConstraint(fields=["wet", "productcategorie", "productcode"], name="uniek_product_per_wet"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} (productcode {self.productcode})"

    def get_productcategorie_display(self) -> str:
        keuzes = ProductcategorieJeugd if self.wet == Wet.JEUGDWET else ProductcategorieWmo
        return dict(keuzes.choices).get(self.productcategorie, self.productcategorie)

    @property
    def sleutels(self) -> tuple[str, str]:
        """How policy lists name this product: 'wet:categorie' and 'wet:categorie:productcode'."""
        return f"{self.wet}:{self.productcategorie}", f"{self.wet}:{self.productcategorie}:{self.productcode}"


class SoortContract(models.TextChoices):
    RAAMOVEREENKOMST = "raamovereenkomst", "Raamovereenkomst"
    INKOOPCONTRACT = "inkoopcontract", "Inkoopcontract"
    SUBSIDIE = "subsidie", "Subsidie"
    LUMPSUM = "lumpsum", "Lumpsum"
    POPULATIEBEKOSTIGING = "populatiebekostiging", "Populatiebekostiging"


class Pakketniveau(models.TextChoices):
    LOKAAL = "lokaal", "Lokaal / gebiedsgericht"
    REGIONAAL = "regionaal", "Regionaal"
    BOVENREGIONAAL = "bovenregionaal", "Bovenregionaal"


class ContractQuerySet(models.QuerySet):
    def voor_gemeente(self, gemeente) -> ContractQuerySet:
        """Contracts that bind this gemeente: its own, or its regio's."""
        return self.filter(Q(gemeente_id=gemeente.pk) | Q(regio_id=gemeente.regio_id))

    def lopend_op(self, datum: date) -> ContractQuerySet:
        return self.filter(geldig_op(datum, "begindatum", "einddatum"))


class Contract(models.Model):
    kenmerk = models.CharField(max_length=40, unique=True)
    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=30, choices=SoortContract.choices)
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="contracten")
    regio = models.ForeignKey("accounts.Regio", null=True, blank=True, on_delete=models.PROTECT, related_name="contracten")
    gemeente = models.ForeignKey("accounts.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="contracten")
    niveau = models.CharField("pakketniveau", max_length=20, choices=Pakketniveau.choices)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    volumeplafond = models.PositiveIntegerField(null=True, blank=True, help_text="Maximaal aantal eenheden per jaar.")
    budgetplafond_cent = models.PositiveBigIntegerField(
        "budgetplafond (cent)", null=True, blank=True, help_text="Maximaal bedrag per jaar."
    )
    toelichting = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "contracten"
        ordering = ["-begindatum", "kenmerk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(regio__isnull=False) & Q(gemeente__isnull=True)) | (Q(regio__isnull=True) & Q(gemeente__isnull=False)),
                name="contract_regio_of_gemeente",
                violation_error_message="Een contract is gesloten door de regio óf door één gemeente.",
            ),
            periode("begindatum", "einddatum", "contract_eind_na_begin"),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.naam}"

    @property
    def partij(self) -> str:
        return str(self.regio or self.gemeente)


class Tarief(models.Model):
    """Price per eenheid of one product under one contract, for a period (tariffs change yearly)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="tarieven")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="tarieven")
    tarief_cent = models.PositiveIntegerField("tarief per eenheid (cent)", validators=[MinValueValidator(1)])
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "tarieven"
        ordering = ["contract", "product", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "product", "geldig_vanaf"], name="een_tarief_per_contract_product_datum"),
            periode("geldig_vanaf", "geldig_tot", "tarief_tot_na_vanaf"),
        ]
        indexes = [models.Index(fields=["product", "geldig_vanaf"], name="tarief_product_datum_idx")]

    def __str__(self) -> str:
        return f"{self.product} € {self.tarief_cent / 100:.2f} ({self.contract.kenmerk})"


class Contracthistorie(models.Model):
    """Every change of a contract or its tariffs: who, when, what before and after."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="historie")
    tijdstip = models.DateTimeField(auto_now_add=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    omschrijving = models.CharField(max_length=300)
    oud = models.JSONField(default=dict, blank=True)
    nieuw = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name_plural = "contracthistorie"
        ordering = ["-tijdstip", "-id"]
