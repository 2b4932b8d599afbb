"""Volunteer work: vacancies per gebied, volunteers who sign up, and the links the servicepunt makes."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q


class Dagdeel(models.TextChoices):
    OCHTEND = "ochtend", "Ochtend"
    MIDDAG = "middag", "Middag"
    AVOND = "avond", "Avond"
    WEEKEND = "weekend", "Weekend"


class VacatureQuerySet(models.QuerySet):
    def open_op(self, datum: date) -> VacatureQuerySet:
        return self.filter(actief=True).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum))


class Vrijwilligersvacature(models.Model):
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="vrijwilligersvacatures")
    gebied = models.ForeignKey(
        "accounts.Gebied",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vrijwilligersvacatures",
        help_text="Leeg: de hele gemeente.",
    )
    titel = models.CharField(max_length=150)
    omschrijving = models.TextField()
    organisatie = models.CharField(max_length=150)
    contact = models.CharField("contact", max_length=200, help_text="Naam, telefoon of e-mail van de contactpersoon bij de organisatie.")
    tijdsinvestering = models.CharField(max_length=100, help_text="Bijvoorbeeld: 2 uur per week.")
    dagdelen = models.JSONField("wanneer", default=list, blank=True, help_text="Codes uit Dagdeel.")
    leefgebieden = models.ManyToManyField("beleid.Leefgebied", blank=True, related_name="+")
    geldig_tot = models.DateField(null=True, blank=True)
    actief = models.BooleanField(default=True)

    objects = VacatureQuerySet.as_manager()

    class Meta:
        verbose_name = "vrijwilligersvacature"
        verbose_name_plural = "vrijwilligersvacatures"
        ordering = ["titel", "id"]
        indexes = [models.Index(fields=["gemeente", "actief"])]

    def __str__(self) -> str:
        return self.titel

    def dagdelen_labels(self) -> list[str]:
        return [Dagdeel(d).label for d in self.dagdelen if d in Dagdeel.values]


class Vrijwilliger(models.Model):
    """A resident who offers to volunteer (no BSN: only what is needed to match and to make contact)."""

    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="vrijwilligers")
    naam = models.CharField(max_length=200)
    email = models.EmailField("e-mailadres", max_length=120, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    gebieden = models.ManyToManyField("accounts.Gebied", related_name="vrijwilligers")
    interesses = models.ManyToManyField("beleid.Leefgebied", blank=True, related_name="+")
    beschikbaarheid = models.JSONField(default=list, help_text="Codes uit Dagdeel.")
    toelichting = models.TextField(blank=True)
    toestemming_op = models.DateTimeField()
    toestemmingstekst = models.TextField()
    aangemeld_op = models.DateTimeField(auto_now_add=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "vrijwilligers"
        ordering = ["naam", "id"]
        constraints = [models.CheckConstraint(condition=~Q(email="") | ~Q(telefoon=""), name="vrijwilliger_bereikbaar")]

    def __str__(self) -> str:
        return self.naam

    def beschikbaarheid_labels(self) -> list[str]:
        return [Dagdeel(d).label for d in self.beschikbaarheid if d in Dagdeel.values]


class Vrijwilligerskoppeling(models.Model):
    """The servicepunt links a volunteer to a vacancy or to a plan action of trede 'vrijwilliger'."""

    vrijwilliger = models.ForeignKey(Vrijwilliger, on_delete=models.PROTECT, related_name="koppelingen")
    vacature = models.ForeignKey(Vrijwilligersvacature, null=True, blank=True, on_delete=models.PROTECT, related_name="koppelingen")
    actie = models.ForeignKey("plannen.Actie", null=True, blank=True, on_delete=models.PROTECT, related_name="vrijwilligerskoppelingen")
    toelichting = models.CharField(max_length=300, blank=True)
    gekoppeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gekoppeld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "vrijwilligerskoppelingen"
        ordering = ["-gekoppeld_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vacature__isnull=False, actie__isnull=True) | Q(vacature__isnull=True, actie__isnull=False),
                name="koppeling_vacature_of_actie",
            ),
            models.UniqueConstraint(fields=["vrijwilliger", "vacature"], name="uniek_vrijwilliger_vacature"),
            models.UniqueConstraint(fields=["vrijwilliger", "actie"], name="uniek_vrijwilliger_actie"),
        ]
