"""Public portal content: etalage pages per gemeente (edited by staff) and the eigenkrachtwijzer questionnaire."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from keukentafel.aanbod.models import Categorie


class Thema(models.TextChoices):
    """The themes of the etalage (issue 5 §1)."""

    INFORMATIE_ADVIES = "informatie-advies", "Informatie en advies"
    MANTELZORG = "mantelzorg", "Mantelzorgondersteuning"
    GEZONDHEID = "gezondheid-bewegen", "Gezondheid en bewegen"
    VOORLIGGEND = "voorliggende-voorzieningen", "Voorliggende voorzieningen"


#: Which kinds of algemene voorziening a theme page shows below its text.
THEMA_CATEGORIEEN: dict[str, tuple[str, ...]] = {
    Thema.INFORMATIE_ADVIES: (Categorie.INFORMATIE_ADVIES, Categorie.CLIENTONDERSTEUNING, Categorie.GELD),
    Thema.MANTELZORG: (Categorie.MANTELZORG,),
    Thema.GEZONDHEID: (Categorie.GEZONDHEID, Categorie.ONTMOETING),
    Thema.VOORLIGGEND: (Categorie.HUISHOUDEN, Categorie.MAALTIJDEN, Categorie.VERVOER, Categorie.VRIJWILLIGERS, Categorie.WONEN),
}


def lees_links(tekst: str) -> list[tuple[str, str]]:
    """Parse the links field: one link a line, "Titel | https://adres". Raises ValidationError on a bad line."""
    links = []
    controle = URLValidator(schemes=["https", "http"])
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        regel = regel.strip()
        if not regel:
            continue
        titel, streep, adres = (deel.strip() for deel in regel.rpartition("|"))
        if not streep or not titel:
            raise ValidationError(f"Regel {nummer}: schrijf een link als 'Titel | https://adres'.")
        try:
            controle(adres)
        except ValidationError:
            raise ValidationError(f"Regel {nummer}: '{adres}' is geen geldig webadres (begin met https://).") from None
        links.append((titel, adres))
    return links


class Etalagepagina(models.Model):
    """A block of text on a theme page of the etalage, for one gemeente. Plain text: rendered with linebreaks."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="etalagepaginas")
    thema = models.CharField(max_length=40, choices=Thema.choices)
    titel = models.CharField(max_length=150)
    tekst = models.TextField(help_text="Gewone tekst; een lege regel begint een nieuwe alinea.")
    links = models.TextField(blank=True, help_text="Eén link per regel: 'Titel | https://adres'.")
    volgorde = models.PositiveSmallIntegerField(default=0, help_text="Lager staat hoger op de pagina.")
    gepubliceerd = models.BooleanField(default=False, help_text="Alleen gepubliceerde tekst staat op het portaal.")
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "etalagepagina"
        verbose_name_plural = "etalagepagina's"
        ordering = ["gemeente__naam", "thema", "volgorde", "titel"]
        indexes = [models.Index(fields=["gemeente", "thema", "gepubliceerd"], name="etalage_gemeente_thema_idx")]

    def __str__(self) -> str:
        return f"{self.titel} ({self.gemeente}, {self.get_thema_display()})"

    def clean(self) -> None:
        try:
            lees_links(self.links)
        except ValidationError as fout:
            raise ValidationError({"links": fout.messages}) from None

    @property
    def linklijst(self) -> list[tuple[str, str]]:
        try:
            return lees_links(self.links)
        except ValidationError:
            return []


class Zelftestvraag(models.Model):
    """A yes/no question of the eigenkrachtwijzer. "Ja" means: this is hard for me; it suggests the categorieen."""

    leefgebied = models.ForeignKey("beleid.Leefgebied", on_delete=models.CASCADE, related_name="zelftestvragen")
    code = models.SlugField(max_length=60, unique=True, help_text="Vaste sleutel, voor het laden en bijwerken van de vragen.")
    tekst = models.CharField(max_length=200)
    toelichting = models.CharField(max_length=300, blank=True)
    categorieen = models.JSONField(default=list, help_text="Codes uit Categorie: welke soorten voorzieningen passen bij 'ja'.")
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "vraag van de eigenkrachtwijzer"
        verbose_name_plural = "vragen van de eigenkrachtwijzer"
        ordering = ["leefgebied__volgorde", "volgorde", "pk"]

    def __str__(self) -> str:
        return self.tekst
