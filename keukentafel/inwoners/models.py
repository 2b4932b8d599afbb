"""Persons as the BRP knows them, households over time, and the network around them."""

from __future__ import annotations

from datetime import date

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from keukentafel.constraints import periode

from .validators import validate_bsn, validate_postcode
from .zoeknaam import naam_filter, normaliseer_naam


class Geslacht(models.TextChoices):
    """COD046 Geslacht."""

    ONBEKEND = "0", "Onbekend"
    MAN = "1", "Man"
    VROUW = "2", "Vrouw"
    NIET_GESPECIFICEERD = "9", "Niet gespecificeerd"


class Adres(models.Model):
    straat = models.CharField(max_length=80, blank=True)
    huisnummer = models.PositiveIntegerField(null=True, blank=True)
    huisletter = models.CharField(max_length=1, blank=True)
    toevoeging = models.CharField("huisnummertoevoeging", max_length=4, blank=True)
    postcode = models.CharField(max_length=6, blank=True, validators=[validate_postcode], db_index=True)
    woonplaats = models.CharField(max_length=80, blank=True)
    gemeente = models.ForeignKey("accounts.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    gebied = models.ForeignKey("accounts.Gebied", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    @property
    def adresregel(self) -> str:
        nummer = f"{self.huisnummer or ''}{self.huisletter}{'-' + self.toevoeging if self.toevoeging else ''}"
        return f"{self.straat} {nummer}".strip()

    @property
    def postcode_weergave(self) -> str:
        return f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else self.postcode


#: Name field → its normalised search column.
NAAMVELDEN = {"geslachtsnaam": "zoeknaam"}


class PersoonQuerySet(models.QuerySet):
    """Keeps `zoeknaam` in step with `geslachtsnaam` in the bulk paths that bypass `Persoon.save()`.

    `bulk_create`, `bulk_update` and `update(geslachtsnaam="...")` set it here. Anything that writes
    the table another way (raw SQL, COPY, `update(geslachtsnaam=F(...))`) must set `zoeknaam` to
    `normaliseer_naam(geslachtsnaam)` itself (e.g. via `Persoon.bepaal_zoeknaam()`), or name search
    will not find those persons.
    """

    def zoek_naam(self, tekst: str) -> PersoonQuerySet:
        """Geslachtsnaam starts with `tekst` (accent- and case-insensitive, index range on `zoeknaam`)."""
        return self.filter(naam_filter(tekst))

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.bepaal_zoeknaam()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        fields = list(fields)
        if set(fields) & set(NAAMVELDEN):
            for obj in objs:
                obj.bepaal_zoeknaam()
            fields += [z for n, z in NAAMVELDEN.items() if n in fields and z not in fields]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        for naamveld, zoekveld in NAAMVELDEN.items():
            if isinstance(kwargs.get(naamveld), str):
                kwargs[zoekveld] = normaliseer_naam(kwargs[naamveld])
        return super().update(**kwargs)


class Persoon(Adres):
    bsn = models.CharField("BSN", max_length=9, unique=True, validators=[validate_bsn])
    voornamen = models.CharField(max_length=200)
    voorvoegsel = models.CharField("voorvoegsel geslachtsnaam", max_length=10, blank=True)
    geslachtsnaam = models.CharField(max_length=200, db_index=True)
    zoeknaam = models.CharField(
        max_length=200,
        editable=False,
        default="",
        help_text="Geslachtsnaam in kleine letters zonder accenten, spaties en leestekens, voor zoeken op beginletters. "
        "Wordt gezet door save(), bulk_create(), bulk_update() en update(geslachtsnaam=...).",
    )
    geboortedatum = models.DateField()
    geslacht = models.CharField(max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "personen"
        ordering = ["geslachtsnaam", "voornamen"]
        indexes = [
            models.Index(fields=["geslachtsnaam", "voornamen"]),
            models.Index(fields=["postcode", "huisnummer"]),
            # Name search: an index range on zoeknaam, read in index order. It holds every column the
            # search filters and sorts on (and the id), so the search is an index-only scan: voornaam and
            # geboortedatum are checked on the index entries without visiting the table (zoeken.py).
            models.Index(fields=["zoeknaam", "voornamen", "geboortedatum", "id"], name="persoon_zoek_idx"),
        ]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args, **kwargs) -> None:
        self.bepaal_zoeknaam()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = [z for n, z in NAAMVELDEN.items() if n in update_fields and z not in update_fields]
            kwargs["update_fields"] = [*update_fields, *extra]
        super().save(*args, **kwargs)

    def bepaal_zoeknaam(self) -> None:
        self.zoeknaam = normaliseer_naam(self.geslachtsnaam)

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.voorvoegsel, self.geslachtsnaam) if p)

    @property
    def bsn_gemaskeerd(self) -> str:
        return f"*****{self.bsn[-4:]}"

    def leeftijd(self, op: date | None = None) -> int:
        op = op or date.today()
        g = self.geboortedatum
        return op.year - g.year - ((op.month, op.day) < (g.month, g.day))


#: The BRP and contact fields staff enter for a person (everything but the BSN and derived fields).
PERSOON_VELDEN: list[str] = [
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geboortedatum",
    "geslacht",
    "straat",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats",
    "telefoon",
    "email",
]


class Huishouden(Adres):
    naam = models.CharField(max_length=200, help_text="Herkenbare naam, bijvoorbeeld 'Huishouden De Vries'.")
    version = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "huishoudens"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def leden_op(self, datum: date | None = None) -> models.QuerySet[Huishoudlid]:
        return self.leden.actief_op(datum or date.today()).select_related("persoon")


class LidRol(models.TextChoices):
    AANVRAGER = "aanvrager", "Aanvrager / hoofdbewoner"
    PARTNER = "partner", "Partner"
    KIND = "kind", "Kind"
    OUDER = "ouder", "Ouder"
    OVERIG = "overig", "Overig huisgenoot"


class HuishoudlidQuerySet(models.QuerySet):
    def actief_op(self, datum: date) -> HuishoudlidQuerySet:
        return self.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=datum), begindatum__lte=datum)


class Huishoudlid(models.Model):
    """Membership of a person in a household for a period: composition changes, the plan stays."""

    huishouden = models.ForeignKey(Huishouden, on_delete=models.CASCADE, related_name="leden")
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, related_name="lidmaatschappen")
    rol = models.CharField(max_length=20, choices=LidRol.choices, default=LidRol.AANVRAGER)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True, help_text="Eerste dag dat de persoon geen lid meer is.")

    objects = HuishoudlidQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "huishoudleden"
        ordering = ["begindatum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gt=models.F("begindatum")),
                name="lid_einde_na_begin",
            ),
            models.UniqueConstraint(fields=["persoon"], condition=Q(einddatum__isnull=True), name="persoon_in_een_open_huishouden"),
        ]
        indexes = [models.Index(fields=["huishouden", "einddatum"])]

    def __str__(self) -> str:
        return f"{self.persoon} in {self.huishouden}"


class NetwerkRol(models.TextChoices):
    MANTELZORGER = "mantelzorger", "Mantelzorger"
    VRIJWILLIGER = "vrijwilliger", "Vrijwilliger"
    FAMILIE = "familie", "Familie"
    BUREN = "buren", "Buren / vrienden"
    WETTELIJK_VERTEGENWOORDIGER = "wettelijk_vertegenwoordiger", "Wettelijk vertegenwoordiger"
    CURATOR = "curator", "Curator"
    BEWINDVOERDER = "bewindvoerder", "Bewindvoerder"
    MENTOR = "mentor", "Mentor"
    CLIENTONDERSTEUNER = "clientondersteuner", "Cliëntondersteuner"


#: Network roles that may act and sign on behalf of the resident.
VERTEGENWOORDIGENDE_ROLLEN = {
    NetwerkRol.WETTELIJK_VERTEGENWOORDIGER,
    NetwerkRol.CURATOR,
    NetwerkRol.BEWINDVOERDER,
    NetwerkRol.MENTOR,
}


class Netwerklid(models.Model):
    huishouden = models.ForeignKey(Huishouden, on_delete=models.CASCADE, related_name="netwerk")
    voor_persoon = models.ForeignKey(
        Persoon,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="netwerk",
        help_text="Leeg: voor het hele huishouden.",
    )
    naam = models.CharField(max_length=200)
    rol = models.CharField(max_length=40, choices=NetwerkRol.choices)
    relatie = models.CharField(max_length=100, blank=True, help_text="Bijvoorbeeld dochter, buurvrouw.")
    taken = models.TextField("wat doet deze persoon", blank=True)
    uren_per_week = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)])
    overbelast = models.BooleanField("mantelzorger overbelast", default=False)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    actief = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistische vergrendeling: +1 bij elke wijziging.")

    class Meta:
        verbose_name_plural = "netwerkleden"
        ordering = ["rol", "naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_rol_display()})"

    @property
    def is_vertegenwoordiger(self) -> bool:
        return self.rol in VERTEGENWOORDIGENDE_ROLLEN


class SoortMaatregel(models.TextChoices):
    ONDERTOEZICHTSTELLING = "ots", "Ondertoezichtstelling"
    VOOGDIJ = "voogdij", "Voogdij"
    JEUGDRECLASSERING = "jeugdreclassering", "Jeugdreclassering"


class Jeugdmaatregel(models.Model):
    """A jeugdbescherming or jeugdreclassering measure; while it runs no pgb can be granted to the youth."""

    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, related_name="jeugdmaatregelen")
    soort = models.CharField(max_length=20, choices=SoortMaatregel.choices)
    gecertificeerde_instelling = models.CharField(max_length=200)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "jeugdbeschermings- of jeugdreclasseringsmaatregel"
        verbose_name_plural = "jeugdmaatregelen"
        ordering = ["-begindatum"]
        constraints = [
            periode("begindatum", "einddatum", "maatregel_eind_na_begin"),
        ]
