"""The official XSDs, read from the operator's iStandaarden directory (`settings.ISTANDAARDEN_DIR`).

iWmo 3.2 ships no XSDs for its retour messages (302, 306, …, 325); their structure is the iJw one. We derive
them at load time from the iJw release files by swapping the namespaces and the BerichtCode, and validate
against the iWmo Basisschema. Nothing of the release is copied into the product.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from lxml import etree

from keukentafel.codelijsten import Wet

from .codes import BERICHTCODES, basis_namespace, bericht_namespace, berichtnaam

XSD_MAP = {Wet.WMO: "iwmo-3.2", Wet.JEUGDWET: "ijw-3.2"}


@dataclass
class Fout:
    """One finding: what is wrong, where (line, element) and which rule or retourcode says so."""

    melding: str
    regel: int | None = None
    element: str = ""
    code: str = "0001"
    regelcode: str = "XSD"
    extra: dict = field(default_factory=dict)

    def als_dict(self) -> dict:
        return {"melding": self.melding, "regel": self.regel, "element": self.element, "code": self.code, "regelcode": self.regelcode}


def xsd_map() -> Path | None:
    pad = settings.ISTANDAARDEN_DIR
    return Path(pad) if pad else None


def xsd_status() -> tuple[bool, str]:
    """(on, explanation) — shown by the CLI and the UI so nobody assumes validation that is not there."""
    pad = xsd_map()
    if pad is None:
        return False, "XSD-validatie staat uit: KEUKENTAFEL_ISTANDAARDEN_DIR is niet ingesteld."
    if not (pad / "iwmo-3.2" / "xsd").is_dir() or not (pad / "ijw-3.2" / "xsd").is_dir():
        return False, f"XSD-validatie staat uit: {pad} bevat geen iwmo-3.2/xsd en ijw-3.2/xsd."
    return True, f"XSD-validatie tegen {pad}."


@functools.lru_cache(maxsize=64)
def _schema(pad: str, wet: str, soort: str) -> etree.XMLSchema:
    basis = Path(pad)
    eigen = basis / XSD_MAP[wet] / "xsd" / f"{berichtnaam(wet, soort)}.xsd"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    if eigen.is_file():
        return etree.XMLSchema(etree.parse(str(eigen), parser))
    if wet != Wet.WMO:
        raise FileNotFoundError(eigen)
    # iWmo retour message: the iJw structure in iWmo namespaces, against the iWmo Basisschema.
    jw = (basis / XSD_MAP[Wet.JEUGDWET] / "xsd" / f"JW{soort}.xsd").read_text(encoding="utf-8")
    tekst = jw.replace(basis_namespace(Wet.JEUGDWET), basis_namespace(Wet.WMO))
    tekst = tekst.replace(bericht_namespace(Wet.JEUGDWET, soort), bericht_namespace(Wet.WMO, soort))
    tekst = re.sub(
        r'(<xs:pattern value=")' + BERICHTCODES[Wet.JEUGDWET][soort] + '"',
        r"\g<1>" + BERICHTCODES[Wet.WMO][soort] + '"',
        tekst,
        count=1,
    )
    doc = etree.fromstring(tekst.encode("utf-8"), parser, base_url=str(basis / XSD_MAP[Wet.WMO] / "xsd" / "afgeleid.xsd"))
    return etree.XMLSchema(doc)


def schema(wet: str, soort: str) -> etree.XMLSchema | None:
    """The schema for a message, or None when XSD validation is off."""
    aan, _ = xsd_status()
    if not aan:
        return None
    return _schema(str(xsd_map()), wet, soort)


#: lxml schema objects keep one error log each; validation is serialised so threads never mix up findings.
_LOCK = threading.Lock()
_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")


def valideer(doc: etree._ElementTree | etree._Element, wet: str, soort: str) -> list[Fout] | None:
    """XSD findings (empty list: valid), or None when validation is off."""
    s = schema(wet, soort)
    if s is None:
        return None
    with _LOCK:
        if s.validate(doc):
            return []
        log = list(s.error_log)
    fouten = []
    for e in log:
        m = _ELEMENT.search(e.message)
        fouten.append(Fout(melding=_vertaal(e.message), regel=e.line, element=m.group(1) if m else ""))
    return fouten


def _vertaal(melding: str) -> str:
    """libxml2's English reason with the namespace noise removed; prefixed in Dutch."""
    schoon = re.sub(r"\{[^}]*\}", "", melding)
    return f"Voldoet niet aan de XSD: {schoon}"
