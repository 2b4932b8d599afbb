"""Mijn Keukentafel: one-time sign-in codes and messages between a household and its regisseur."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Aanmeldcode(models.Model):
    """A one-time code e-mailed to a resident. Only its keyed hash is stored, never the code itself."""

    email = models.EmailField(db_index=True, help_text="In kleine letters.")
    code_hash = models.CharField(max_length=64)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateTimeField()
    pogingen = models.PositiveSmallIntegerField(default=0)
    gebruikt_op = models.DateTimeField(null=True, blank=True, help_text="Gebruikt of vervallen (nieuwe code aangevraagd).")

    class Meta:
        verbose_name = "aanmeldcode"
        verbose_name_plural = "aanmeldcodes"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"Aanmeldcode {self.pk}"


class Portaalbericht(models.Model):
    """A message in Mijn Keukentafel between the household (or its representative) and the team."""

    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.CASCADE, related_name="portaalberichten")
    van_inwoner = models.BooleanField(default=True, help_text="Aan: van de inwoner; uit: antwoord van een medewerker.")
    afzender = models.CharField(max_length=200, help_text="Naam van de inwoner, vertegenwoordiger of medewerker.")
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    tekst = models.TextField()
    gelezen = models.BooleanField(default=False, help_text="Gelezen door de ontvanger.")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "portaalbericht"
        verbose_name_plural = "portaalberichten"
        ordering = ["aangemaakt_op", "id"]
        indexes = [models.Index(fields=["huishouden", "aangemaakt_op"])]

    def __str__(self) -> str:
        return f"Bericht {self.pk} ({self.huishouden_id})"
