"""Sending: every message Keukentafel produces is validated against the official XSD before it is stored,
then waits in the outbox (database and, after commit, the provider's outbox directory) until fetched."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from lxml import etree

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.services import reserveer_nummers

from . import xsd
from .codes import BERICHTCODES, berichtnaam
from .models import Bericht, Berichtstatus, Kanaal, Richting
from .opbouw import Opbouw

logger = logging.getLogger("keukentafel.berichten")


class OngeldigUitgaandBericht(RuntimeError):
    """A message we built does not validate: a bug, never sent."""


def volgende_identificatie(gemeente: Gemeente) -> str:
    """BerichtIdentificatie for a message of this gemeente: unique per sender (TR056), at most 12 characters."""
    return str(reserveer_nummers(gemeente, "bericht")[0])


def uitbox(aanbieder: Aanbieder) -> Path:
    return Path(settings.BERICHTEN_DIR) / "uit" / aanbieder.agb_code


def inbox(aanbieder: Aanbieder | None = None) -> Path:
    basis = Path(settings.BERICHTEN_DIR) / "in"
    return basis / aanbieder.agb_code if aanbieder else basis


def verzend(
    opbouw: Opbouw,
    *,
    gemeente: Gemeente,
    aanbieder: Aanbieder,
    persoon=None,
    heenbericht: Bericht | None = None,
    kanaal: str = Kanaal.SYSTEEM,
    aantal_regels: int = 0,
) -> Bericht:
    """Validate and store an outgoing message; its file lands in the outbox when the transaction commits."""
    fouten = xsd.valideer(opbouw.root, opbouw.wet, opbouw.soort)
    if fouten:
        naam = berichtnaam(opbouw.wet, opbouw.soort)
        raise OngeldigUitgaandBericht(f"{naam} valideert niet: {fouten[0].melding} (regel {fouten[0].regel})")
    data = opbouw.bytes()
    ns = opbouw.ns
    nb = opbouw.ns_basis
    h = opbouw.root.find(f"{{{ns}}}Header")
    identificatie = h.find(f"{{{ns}}}IdentificatieRetour")
    if identificatie is None:
        identificatie = h.find(f"{{{ns}}}BerichtIdentificatie/{{{nb}}}Identificatie")
    afzender, ontvanger = h.find(f"{{{ns}}}Afzender").text, h.find(f"{{{ns}}}Ontvanger").text
    b = Bericht.objects.create(
        richting=Richting.UIT, wet=opbouw.wet, soort=opbouw.soort, berichtcode=BERICHTCODES[opbouw.wet][opbouw.soort],
        gemeente=gemeente, aanbieder=aanbieder, afzender=afzender, ontvanger=ontvanger, identificatie=identificatie.text,
        dagtekening=timezone.localdate(), xml=data, sha256=hashlib.sha256(data).hexdigest(),
        status=Berichtstatus.KLAAR, kanaal=kanaal, xsd_gevalideerd=fouten is not None, heenbericht=heenbericht,
        persoon=persoon, aantal_regels=aantal_regels,
        sleutel=Bericht.maak_sleutel(Richting.UIT, opbouw.wet, opbouw.soort, gemeente.gemeentecode, identificatie.text),
    )
    transaction.on_commit(lambda: _schrijf(b.pk, aanbieder, f"{b.code}_{b.identificatie}.xml", data))
    return b


def _schrijf(pk: int, aanbieder: Aanbieder, naam: str, data: bytes) -> None:
    """Best effort: the database is the record; the directory is a convenience for file-based exchange."""
    try:
        doel = uitbox(aanbieder)
        doel.mkdir(parents=True, exist_ok=True)
        tmp = doel / f".{naam}.tmp"
        tmp.write_bytes(data)
        tmp.replace(doel / naam)
    except OSError as exc:
        logger.warning("Bericht %s niet in de uitbox geschreven: %s", pk, exc)


def als_tekst(root: etree._Element) -> str:
    return etree.tostring(root, encoding="unicode", pretty_print=True)
