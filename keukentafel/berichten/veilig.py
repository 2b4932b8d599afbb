"""Parsing untrusted XML: no DTD, no entities, no network, a size limit. Hostile input never reaches the database."""

from __future__ import annotations

from django.conf import settings
from lxml import etree


class OnveiligBericht(ValueError):
    """Refused before anything is stored: too large, not well-formed, or carrying a DTD/entities."""

    def __init__(self, melding: str, regel: int | None = None, http_status: int = 400):
        super().__init__(melding)
        self.melding = melding
        self.regel = regel
        self.http_status = http_status


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_comments=True,
    )


def parse(data: bytes, max_bytes: int | None = None) -> etree._ElementTree:
    limiet = max_bytes or settings.BERICHT_MAX_BYTES
    if len(data) > limiet:
        raise OnveiligBericht(
            f"Het bericht is {len(data) / 2**20:.1f} MB; de grens is {limiet / 2**20:.0f} MB (OP179).", http_status=413
        )
    if not data.strip():
        raise OnveiligBericht("Het bericht is leeg.")
    # A DTD is never part of an iStandaarden message; refusing it up front stops XXE and entity expansion.
    kop = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in kop or b"<!entity" in kop:
        raise OnveiligBericht("Het bericht bevat een DTD of entiteitsdefinitie; dat is niet toegestaan.")
    try:
        doc = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise OnveiligBericht(f"Het bericht is geen geldige XML: {exc.msg}", regel=exc.lineno) from None
    if doc.docinfo.doctype or doc.docinfo.internalDTD is not None:
        raise OnveiligBericht("Het bericht bevat een DTD of entiteitsdefinitie; dat is niet toegestaan.")
    return doc
