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


def _opslag():
    """Private storage outside any served static/media URL: files are only handed out through a checked view."""
    from pathlib import Path

    from django.core.files.storage import FileSystemStorage

    basis = Path(settings.MEDIA_ROOT) if settings.MEDIA_ROOT else Path(settings.BASE_DIR) / "media"
    return FileSystemStorage(location=basis / "portaal-uploads", base_url=None)


def _bestandsnaam(instance, filename: str) -> str:
    """A random name: the resident's file name (which may hold personal data) stays out of the path."""
    import uuid

    extensie = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{instance.huishouden_id}/{uuid.uuid4().hex}.{extensie}"


class Portaaldocument(models.Model):
    """A document a resident uploaded in Mijn Keukentafel, stored with their household."""

    huishouden = models.ForeignKey("inwoners.Huishouden", on_delete=models.CASCADE, related_name="portaaldocumenten")
    bestand = models.FileField(upload_to=_bestandsnaam, storage=_opslag, max_length=200)
    oorspronkelijke_naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=10, help_text="pdf, jpg of png (gecontroleerd op de inhoud).")
    grootte = models.PositiveIntegerField(help_text="In bytes.")
    omschrijving = models.CharField(max_length=200)
    geupload_door = models.CharField(max_length=200, help_text="Inwoner of vertegenwoordiger (naam, nooit een BSN).")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document uit het portaal"
        verbose_name_plural = "documenten uit het portaal"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return self.omschrijving
