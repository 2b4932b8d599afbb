"""iWmo/iJw 3.2 message traffic with providers: every message in and out, and what it did.

A `Bericht` holds the XML as received or sent. The domain records (start/stop of delivery, verzoeken,
declaraties and their prestaties) point at the message they came from, so every effect is traceable.
"""

from __future__ import annotations

import zlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from keukentafel.codelijsten import Eenheid, Wet
from keukentafel.constraints import periode


class Richting(models.TextChoices):
    IN = "in", "Ontvangen"
    UIT = "uit", "Verzonden"


class Berichtsoort(models.TextChoices):
    """The message numbers shared by iWmo (WMO…) and iJw (JW…)."""

    TOEWIJZING = "301", "301 Toewijzing"
    RETOUR_TOEWIJZING = "302", "302 Retour toewijzing"
    START = "305", "305 Start zorg"
    RETOUR_START = "306", "306 Retour start zorg"
    STOP = "307", "307 Stop zorg"
    RETOUR_STOP = "308", "308 Retour stop zorg"
    VERZOEK_TOEWIJZING = "315", "315 Verzoek om toewijzing"
    RETOUR_VERZOEK_TOEWIJZING = "316", "316 Retour verzoek om toewijzing"
    VERZOEK_WIJZIGING = "317", "317 Verzoek om wijziging"
    RETOUR_VERZOEK_WIJZIGING = "318", "318 Retour verzoek om wijziging"
    ANTWOORD = "319", "319 Antwoordbericht"
    RETOUR_ANTWOORD = "320", "320 Retour antwoordbericht"
    DECLARATIE = "323", "323 Declaratie"
    DECLARATIE_ANTWOORD = "325", "325 Declaratie-antwoord"


class Berichtstatus(models.TextChoices):
    VERWERKT = "verwerkt", "Verwerkt"
    AFGEKEURD = "afgekeurd", "Afgekeurd"
    KLAAR = "klaar", "Klaar om op te halen"
    OPGEHAALD = "opgehaald", "Opgehaald door de aanbieder"
    GEACCEPTEERD = "geaccepteerd", "Geaccepteerd (retour zonder fouten)"
    RETOUR_FOUT = "retour_fout", "Retour met fouten"


class Kanaal(models.TextChoices):
    HTTP = "http", "HTTP-koppeling"
    MAP = "map", "Inbox-map"
    CLI = "cli", "Opdrachtregel"
    UI = "ui", "Handmatig in Keukentafel"
    SYSTEEM = "systeem", "Keukentafel"
    SIMULATOR = "simulator", "Aanbiedersimulator (demo)"


class Bericht(models.Model):
    """One iWmo/iJw message in or out, with the XML as exchanged.

    `sleutel` claims the sender's BerichtIdentificatie for this message type (TR056). Only a message that was
    processed (or that we sent) claims it, so the same message twice has one effect, and a technically refused
    message can be sent again once corrected.
    """

    richting = models.CharField(max_length=3, choices=Richting.choices)
    wet = models.CharField(max_length=10, choices=Wet.choices)
    soort = models.CharField(max_length=3, choices=Berichtsoort.choices, db_index=True)
    berichtcode = models.CharField(max_length=3)
    gemeente = models.ForeignKey("accounts.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("aanbod.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="berichten")
    afzender = models.CharField(max_length=8, help_text="Gemeentecode of AGB-code uit de header.")
    ontvanger = models.CharField(max_length=8)
    identificatie = models.CharField(max_length=12)
    dagtekening = models.DateField(null=True, blank=True)
    sleutel = models.CharField(max_length=60, null=True, blank=True, unique=True, editable=False)
    xml_z = models.BinaryField(help_text="Het bericht zoals uitgewisseld, zlib-gecomprimeerd (een 323 van 100.000 regels: 97 MB → 4 MB).")
    sha256 = models.CharField(max_length=64, db_index=True)
    bestandsnaam = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Berichtstatus.choices, db_index=True)
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices, default=Kanaal.SYSTEEM)
    xsd_gevalideerd = models.BooleanField(default=False, help_text="Tegen de officiële XSD gecontroleerd (uit als de map ontbreekt).")
    fouten = models.JSONField(default=list, blank=True, help_text="Regel, retourcode, melding, regelnummer en element per fout.")
    retourcodes = models.JSONField(default=list, blank=True, help_text="Retourcodes op berichtniveau.")
    heenbericht = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="antwoorden",
        help_text="Bij een retour- of antwoordbericht: het bericht waarop het antwoordt.",
    )
    persoon = models.ForeignKey("inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    aantal_regels = models.PositiveIntegerField(default=0, help_text="Producten of prestaties in het bericht.")
    aantal_afgekeurd = models.PositiveIntegerField(default=0)
    aangemaakt_op = models.DateTimeField(auto_now_add=True, db_index=True)
    verwerkt_op = models.DateTimeField(null=True, blank=True)
    opgehaald_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "berichten"
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["aanbieder", "richting", "soort"], name="bericht_aanbieder_idx"),
            models.Index(fields=["gemeente", "aangemaakt_op"], name="bericht_gemeente_idx"),
        ]

    def __str__(self) -> str:
        prefix = "WMO" if self.wet == Wet.WMO else "JW"
        return f"{prefix}{self.soort} {self.identificatie}"

    @property
    def xml_bytes(self) -> bytes:
        return zlib.decompress(self.xml_z)

    @property
    def xml(self) -> str:
        return self.xml_bytes.decode("utf-8", errors="replace")

    @xml.setter
    def xml(self, tekst: str | bytes) -> None:
        """Compressed at the fastest level: storing the raw text cost a third of a large 323's ingest."""
        data = tekst.encode("utf-8") if isinstance(tekst, str) else tekst
        self.xml_z = zlib.compress(data, 1)

    @property
    def code(self) -> str:
        """WMO305 / JW305."""
        return f"{'WMO' if self.wet == Wet.WMO else 'JW'}{self.soort}"

    @staticmethod
    def maak_sleutel(richting: str, wet: str, soort: str, afzender: str, identificatie: str) -> str:
        return f"{richting}:{wet}:{soort}:{afzender}:{identificatie}"


class Toewijzingsregel(models.Model):
    """One ToegewezenProduct as it went out in a 301: the provider's view of the grant at that moment (OP087)."""

    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="toewijzingsregels")
    voorziening = models.ForeignKey("besluiten.ToegewezenVoorziening", on_delete=models.PROTECT, related_name="toewijzingsregels")
    toewijzingsdatum = models.DateField()
    toewijzingstijd = models.TimeField()
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    reden_wijziging = models.CharField(max_length=2, blank=True)
    omvang = models.PositiveIntegerField(null=True, blank=True)
    eenheid = models.CharField(max_length=2, blank=True)
    frequentie = models.CharField(max_length=1, blank=True)
    budget_cent = models.PositiveBigIntegerField(null=True, blank=True)
    referentie_aanbieder = models.CharField(max_length=36, blank=True)

    class Meta:
        ordering = ["-toewijzingsdatum", "-toewijzingstijd", "-id"]
        indexes = [models.Index(fields=["voorziening", "toewijzingsdatum"], name="toewijzingsregel_idx")]


class Levering(models.Model):
    """Delivery of a grant as the provider reported it: one row per 305 start, closed by a 307 stop.

    A 305 or 307 with StatusAanlevering 3 (verwijderen) marks the row as withdrawn; it stays for the trail.
    """

    voorziening = models.ForeignKey("besluiten.ToegewezenVoorziening", on_delete=models.PROTECT, related_name="leveringen")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    reden_beeindiging = models.CharField(max_length=2, blank=True, help_text="WMO588/JZ588 uit de 307.")
    startbericht = models.ForeignKey(Bericht, on_delete=models.PROTECT, related_name="gestarte_leveringen")
    stopbericht = models.ForeignKey(Bericht, null=True, blank=True, on_delete=models.PROTECT, related_name="gestopte_leveringen")
    start_verwijderd = models.BooleanField(default=False)
    stop_historie = models.JSONField(default=list, blank=True, help_text="Eerdere (verwijderde of vervangen) stops.")

    class Meta:
        verbose_name_plural = "leveringen"
        ordering = ["voorziening", "begindatum", "id"]
        constraints = [periode("begindatum", "einddatum", "levering_eind_na_begin")]
        indexes = [models.Index(fields=["voorziening", "begindatum"], name="levering_sleutel_idx")]


class Verzoeksoort(models.TextChoices):
    TOEWIJZING = "toewijzing", "Verzoek om toewijzing (315)"
    WIJZIGING = "wijziging", "Verzoek om wijziging (317)"


class Verzoekstatus(models.TextChoices):
    OPEN = "open", "Te beoordelen"
    IN_ONDERZOEK = "in_onderzoek", "Aanvraag in onderzoek"
    TOEGEKEND = "toegekend", "Toegekend"
    AFGEWEZEN = "afgewezen", "Afgewezen"


class Verzoek(models.Model):
    """A provider's request (315 or 317): a work item for the team until a 301 or a 319 answers it."""

    soort = models.CharField(max_length=10, choices=Verzoeksoort.choices)
    wet = models.CharField(max_length=10, choices=Wet.choices)
    bericht = models.ForeignKey(Bericht, on_delete=models.PROTECT, related_name="verzoeken")
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("aanbod.Aanbieder", on_delete=models.PROTECT, related_name="verzoeken")
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, related_name="verzoeken")
    referentie_aanbieder = models.CharField(max_length=36)
    inhoud = models.JSONField(help_text="De gevraagde producten (315) of wijzigingen (317) zoals ontvangen.")
    verwijzer_type = models.CharField(max_length=2, blank=True, help_text="COD327.")
    verwijzer_naam = models.CharField(max_length=64, blank=True)
    verwijzer_agb = models.CharField(max_length=8, blank=True)
    reden_verzoek = models.CharField(max_length=1, blank=True, help_text="WJ758 (317).")
    commentaar = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Verzoekstatus.choices, default=Verzoekstatus.OPEN, db_index=True)
    reden_afwijzing = models.CharField(max_length=1, blank=True, help_text="WJ759.")
    toelichting_besluit = models.TextField(blank=True)
    behandeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    behandeld_op = models.DateTimeField(null=True, blank=True)
    ontvangen_op = models.DateTimeField(auto_now_add=True)
    voorzieningen = models.ManyToManyField("besluiten.ToegewezenVoorziening", blank=True, related_name="verzoeken")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "verzoeken"
        ordering = ["ontvangen_op", "id"]
        constraints = [
            models.UniqueConstraint(fields=["aanbieder", "wet", "referentie_aanbieder"], name="uniek_referentie_aanbieder"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.referentie_aanbieder}"


class Declaratie(models.Model):
    """A 323 and the municipality's judgement of it (the 325)."""

    bericht = models.OneToOneField(Bericht, on_delete=models.PROTECT, related_name="declaratie")
    wet = models.CharField(max_length=10, choices=Wet.choices)
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("aanbod.Aanbieder", on_delete=models.PROTECT, related_name="declaraties")
    declaratienummer = models.CharField(max_length=12)
    periode_begin = models.DateField()
    periode_eind = models.DateField()
    dagtekening = models.DateField()
    ingediend_cent = models.BigIntegerField(help_text="Totaal ingediend, credit negatief.")
    toegekend_cent = models.BigIntegerField(default=0, help_text="Totaal toegekend, credit negatief: de realisatie.")
    aantal_prestaties = models.PositiveIntegerField(default=0)
    aantal_afgewezen = models.PositiveIntegerField(default=0)
    antwoord = models.OneToOneField(Bericht, null=True, blank=True, on_delete=models.PROTECT, related_name="beantwoorde_declaratie")

    class Meta:
        verbose_name_plural = "declaraties"
        ordering = ["-periode_begin", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["aanbieder", "wet", "declaratienummer"], name="uniek_declaratienummer"),
            periode("periode_begin", "periode_eind", "declaratie_eind_na_begin"),
        ]

    def __str__(self) -> str:
        return f"Declaratie {self.declaratienummer}"


class Prestatie(models.Model):
    """One declared prestatie with its outcome. Amounts in cents, credit negative.

    `goedgekeurd` prestaties are the realisation finance uses; `retourcodes` say why one was refused.
    """

    declaratie = models.ForeignKey(Declaratie, on_delete=models.CASCADE, related_name="prestaties")
    # `aanbieder` and `persoon` copy the declaratie's provider and the grant's client for querying, so the database
    # checks no FK of their own (checking 2 × 100,000 rows at commit cost half a second) and keeps no FK index
    # (the unique constraint leads with aanbieder). `voorziening` has prestatie_voorziening_idx.
    aanbieder = models.ForeignKey(
        "aanbod.Aanbieder", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    wet = models.CharField(max_length=10, choices=Wet.choices)
    voorziening = models.ForeignKey(
        "besluiten.ToegewezenVoorziening", null=True, blank=True, on_delete=models.PROTECT, related_name="prestaties",
        db_index=False,
    )
    persoon = models.ForeignKey(
        "inwoners.Persoon", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    referentienummer = models.CharField(max_length=20)
    vorig_referentienummer = models.CharField(max_length=20, blank=True)
    toewijzingnummer = models.PositiveIntegerField()
    productcategorie = models.CharField(max_length=2)
    productcode = models.CharField(max_length=5)
    begindatum = models.DateField()
    einddatum = models.DateField()
    geleverd_volume = models.PositiveIntegerField()
    eenheid = models.CharField(max_length=2, choices=Eenheid.choices)
    product_tarief_cent = models.PositiveIntegerField(null=True, blank=True)
    ingediend_cent = models.BigIntegerField(help_text="Credit negatief.")
    debet = models.BooleanField(default=True)
    goedgekeurd = models.BooleanField(default=False)
    toegekend_cent = models.BigIntegerField(default=0)
    retourcodes = models.CharField(max_length=60, blank=True, help_text="Retourcodes (WJ001), gescheiden door komma's.")
    gecrediteerd = models.BooleanField(default=False, help_text="Een goedgekeurde creditprestatie heeft deze debet opgeheven.")

    class Meta:
        verbose_name_plural = "prestaties"
        ordering = ["declaratie", "id"]
        constraints = [
            models.UniqueConstraint(fields=["aanbieder", "wet", "referentienummer"], name="uniek_referentienummer_prestatie"),
        ]
        indexes = [
            models.Index(fields=["voorziening", "begindatum"], name="prestatie_voorziening_idx"),
        ]


class Aanbiedertoken(models.Model):
    """A provider's key for the HTTP exchange. Only the SHA-256 of the key is stored; the key is shown once."""

    aanbieder = models.ForeignKey("aanbod.Aanbieder", on_delete=models.CASCADE, related_name="tokens")
    omschrijving = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, help_text="Eerste tekens, om de sleutel te herkennen.")
    sleutel_hash = models.CharField(max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    laatst_gebruikt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "aanbiedersleutel"
        verbose_name_plural = "aanbiedersleutels"
        constraints = [models.CheckConstraint(condition=Q(prefix__regex=r"^[A-Za-z0-9_-]{4,8}$"), name="token_prefix")]

    def __str__(self) -> str:
        return f"{self.aanbieder} ({self.prefix}…)"
