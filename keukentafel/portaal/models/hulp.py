"""What the hulpknop adds to a melding: how and when the resident wants to be reached, the gebied and the consent.

The melding itself (question, name, contact details for the team) lives in toegang.Melding; this record keeps
the portal-specific facts, so the team knows the preferred channel and the consent can be shown later.
"""

from __future__ import annotations

from django.db import models


class Contactvoorkeur(models.TextChoices):
    TELEFOON = "telefoon", "Bel mij"
    EMAIL = "email", "Stuur mij een e-mail"
    BRIEF = "brief", "Stuur mij een brief"
    LANGSKOMEN = "langskomen", "Kom bij mij langs"


class BesteTijd(models.TextChoices):
    MAAKT_NIET_UIT = "maakt_niet_uit", "Maakt niet uit"
    OCHTEND = "ochtend", "Ochtend (9.00–12.00 uur)"
    MIDDAG = "middag", "Middag (12.00–17.00 uur)"
    AVOND = "avond", "Begin van de avond (17.00–20.00 uur)"


class Hulpvraagsoort(models.TextChoices):
    MELDING = "melding", "Hulpvraag met contactgegevens"
    ANONIEM = "anoniem", "Anonieme vraag"


class Hulpvraag(models.Model):
    melding = models.OneToOneField("toegang.Melding", on_delete=models.PROTECT, related_name="hulpvraag")
    soort = models.CharField(max_length=10, choices=Hulpvraagsoort.choices)
    contactvoorkeur = models.CharField(max_length=12, choices=Contactvoorkeur.choices, blank=True)
    beste_tijd = models.CharField("beste tijd om contact op te nemen", max_length=16, choices=BesteTijd.choices, blank=True)
    gebied = models.ForeignKey(
        "accounts.Gebied", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Uit de postcode of gekozen."
    )
    toestemming_op = models.DateTimeField(null=True, blank=True)
    toestemmingstekst = models.TextField(blank=True, help_text="De tekst waarmee de inwoner instemde.")
    ingediend_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hulpvraag via het portaal"
        verbose_name_plural = "hulpvragen via het portaal"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(soort="anoniem", contactvoorkeur="", toestemming_op__isnull=True)
                | models.Q(soort="melding", toestemming_op__isnull=False) & ~models.Q(contactvoorkeur=""),
                name="hulpvraag_anoniem_zonder_contact",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} (melding {self.melding_id})"
