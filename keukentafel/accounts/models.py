"""Organisation (regio, gemeente, gebied, team), staff with roles, and the audit trail."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models


class Regio(models.Model):
    naam = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name_plural = "regio's"

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="gemeenten")
    naam = models.CharField(max_length=100, unique=True)
    gemeentecode = models.CharField("CBS-gemeentecode", max_length=4, unique=True, validators=[RegexValidator(r"^\d{4}$")])
    inwoners = models.PositiveIntegerField("aantal inwoners", default=0)

    class Meta:
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gebied(models.Model):
    """A wijk or kern with its own gebiedsteam; addresses map to it by PC4."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="gebieden")
    naam = models.CharField(max_length=100)
    inwoners = models.PositiveIntegerField("aantal inwoners", default=0)

    class Meta:
        verbose_name_plural = "gebieden"
        ordering = ["gemeente__naam", "naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="uniek_gebied_per_gemeente")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class Postcodegebied(models.Model):
    """Which gebied a 4-digit postcode belongs to: the basis for deriving gebied from an address."""

    pc4 = models.CharField(max_length=4, unique=True, validators=[RegexValidator(r"^[1-9]\d{3}$")])
    gebied = models.ForeignKey(Gebied, on_delete=models.CASCADE, related_name="postcodes")
    woonplaats = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name_plural = "postcodegebieden"

    def __str__(self) -> str:
        return f"{self.pc4} → {self.gebied}"


class Team(models.Model):
    gebied = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="teams")
    naam = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Rol(models.TextChoices):
    GENERALIST = "generalist", "Generalist / consulent"
    TEAMLEIDER = "teamleider", "Teamleider"
    BACKOFFICE = "backoffice", "Backoffice (rechtmatigheid)"
    BELEID = "beleid", "Beleidsmedewerker"
    FINANCIEN = "financien", "Financiën"
    FUNCTIONEEL_BEHEER = "functioneel_beheer", "Functioneel beheer"


#: Roles whose work is about individual dossiers; the others see aggregates only.
DOSSIER_ROLLEN = {Rol.GENERALIST, Rol.TEAMLEIDER, Rol.BACKOFFICE}


class Medewerker(AbstractUser):
    rol = models.CharField(max_length=30, choices=Rol.choices, default=Rol.GENERALIST)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="medewerkers")
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medewerkers",
        help_text="Voor rollen zonder team (backoffice, beleid, financiën): de gemeente waarvoor men werkt.",
    )

    class Meta:
        verbose_name = "medewerker"
        verbose_name_plural = "medewerkers"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def werkgemeente(self) -> Gemeente | None:
        return self.team.gebied.gemeente if self.team_id else self.gemeente

    @property
    def werkgebied_id(self) -> int | None:
        return self.team.gebied_id if self.team_id else None


class AuditActie(models.TextChoices):
    LEZEN = "lezen", "Inzage"
    AANMAKEN = "aanmaken", "Aangemaakt"
    WIJZIGEN = "wijzigen", "Gewijzigd"
    VERWIJDEREN = "verwijderen", "Verwijderd"
    NOODTOEGANG = "noodtoegang", "Toegang met reden (buiten eigen gebied)"
    GEWEIGERD = "geweigerd", "Toegang geweigerd"
    ZOEKEN = "zoeken", "Gezocht"
    EXPORT = "export", "Geëxporteerd / gedownload"


class AuditRecord(models.Model):
    """Append-only record of who read or changed what in a dossier, when and why."""

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    medewerker = models.ForeignKey(Medewerker, null=True, on_delete=models.PROTECT, related_name="+")
    actie = models.CharField(max_length=20, choices=AuditActie.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    huishouden_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    omschrijving = models.CharField(max_length=300)
    reden = models.TextField(blank=True)
    kanaal = models.CharField(max_length=10, default="ui", help_text="ui, api of systeem")
    ip_adres = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["medewerker", "tijdstip"]), models.Index(fields=["actie", "tijdstip"])]
        verbose_name = "auditregel"
        verbose_name_plural = "audittrail"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            raise ValueError("Een auditregel kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Een auditregel kan niet worden verwijderd.")


class Noodtoegang(models.Model):
    """Break-the-glass: access to a dossier outside one's own area, with the recorded reason."""

    medewerker = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="noodtoegangen")
    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.PROTECT, related_name="+")
    reden = models.TextField()
    tijdstip = models.DateTimeField(auto_now_add=True)
    geldig_tot = models.DateTimeField()

    class Meta:
        ordering = ["-tijdstip"]
        verbose_name_plural = "noodtoegangen"
        indexes = [models.Index(fields=["medewerker", "huishouden", "geldig_tot"])]
