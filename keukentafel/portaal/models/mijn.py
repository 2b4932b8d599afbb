"""Mijn Keukentafel: one-time sign-in codes and messages between a household and its regisseur."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
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


class _PortaalOpslag(FileSystemStorage):
    """Private storage, never served as a URL: files are only handed out through a checked view.

    The folder is read on every use (settings.KT_PORTAAL_UPLOADS, else MEDIA_ROOT/portaal-uploads, else
    BASE_DIR/media/portaal-uploads), so tests and deployments that set it later are honoured.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        eigen = getattr(settings, "KT_PORTAAL_UPLOADS", "")
        if eigen:
            return str(eigen)
        basis = Path(settings.MEDIA_ROOT) if settings.MEDIA_ROOT else Path(settings.BASE_DIR) / "media"
        return str(basis / "portaal-uploads")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def _opslag() -> FileSystemStorage:
    return _PortaalOpslag()


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
