"""Exchange by file: every *.xml in a directory goes through `ontvang`, then moves to `verwerkt/` or `afgekeurd/`.

The inbox layout is `BERICHTEN_DIR/in/<agb>/…`: a file in a provider's own directory must come from that
provider (as a key does over HTTP), so one provider's drop cannot speak for another. A file moves only after
its transaction has committed; a crash leaves it in place and a re-run answers it (once) — a message that
was already processed is recognised by its identification and gets the same answer again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder

from .models import Kanaal
from .uitgaand import inbox
from .verwerking import Ontvangst, ontvang
from .xsd import Fout

logger = logging.getLogger("keukentafel.berichten")

VERWERKT, AFGEKEURD = "verwerkt", "afgekeurd"
_AGB = re.compile(r"\d{8}")


@dataclass
class Bestandsuitkomst:
    bron: Path
    ontvangst: Ontvangst
    doel: Path | None = None
    antwoord: Path | None = None

    @property
    def gelukt(self) -> bool:
        return self.ontvangst.http_status == 200


def bestanden(pad: Path) -> Iterator[Path]:
    """The messages to process under `pad` (or `pad` itself), skipping what was already handled and our own answers."""
    pad = Path(pad)
    if pad.is_file():
        yield pad
        return
    for p in sorted(pad.rglob("*.xml")):
        rel = p.relative_to(pad).parts
        if any(d in (VERWERKT, AFGEKEURD) for d in rel[:-1]) or p.name.startswith(".") or p.name.endswith(".antwoord.xml"):
            continue
        if p.is_file():
            yield p


def aanbieder_van_map(bestand: Path) -> str | None:
    """The AGB code whose inbox directory holds `bestand`, if it lies under BERICHTEN_DIR/in/<agb>/."""
    try:
        rel = bestand.resolve().relative_to(inbox().resolve())
    except (ValueError, OSError):
        return None
    return rel.parts[0] if len(rel.parts) > 1 and _AGB.fullmatch(rel.parts[0]) else None


def _vrij(doel: Path) -> Path:
    if not doel.exists():
        return doel
    stempel = timezone.now().strftime("%Y%m%d%H%M%S%f")
    return doel.with_name(f"{doel.stem}.{stempel}{doel.suffix}")


def verwerk_bestand(
    bestand: Path, *, kanaal: str = Kanaal.MAP, voortgang: Callable[[int, int], None] | None = None, verplaats: bool = True
) -> Bestandsuitkomst:
    """Process one file; afterwards it moves next door to verwerkt/ or afgekeurd/, with the answer beside it."""
    bestand = Path(bestand)
    aanbieder = None
    agb = aanbieder_van_map(bestand)
    if agb:
        aanbieder = Aanbieder.objects.filter(agb_code=agb).first()
    try:
        data = bestand.read_bytes()
    except OSError as exc:
        melding = f"Het bestand kan niet gelezen worden: {exc.strerror or exc}."
        return Bestandsuitkomst(bestand, Ontvangst(400, fouten=[Fout(melding).als_dict()], melding=melding))
    o = ontvang(data, kanaal=kanaal, bestandsnaam=bestand.name, aanbieder=aanbieder, voortgang=voortgang)
    uitkomst = Bestandsuitkomst(bestand, o)
    if not verplaats:
        return uitkomst
    map_ = bestand.parent / (VERWERKT if uitkomst.gelukt else AFGEKEURD)
    try:
        map_.mkdir(exist_ok=True)
        uitkomst.doel = _vrij(map_ / bestand.name)
        bestand.replace(uitkomst.doel)
        stam = uitkomst.doel.name.removesuffix(".xml")
        if o.antwoord_xml is not None:
            uitkomst.antwoord = map_ / f"{stam}.antwoord.xml"
            uitkomst.antwoord.write_bytes(o.antwoord_xml)
        if not uitkomst.gelukt:
            (map_ / f"{stam}.fouten.txt").write_text(rapport(o, bestand.name), encoding="utf-8")
    except OSError as exc:
        # The database holds the outcome; a file left behind is answered the same way on the next run.
        logger.warning("Bestand %s niet verplaatst: %s", bestand.name, exc)
    return uitkomst


def rapport(o: Ontvangst, naam: str) -> str:
    """A readable Dutch account of a refusal: file, line, element, reason."""
    regels = [f"{naam}: {o.melding or 'geweigerd'} (status {o.http_status})"]
    for f in o.fouten:
        plaats = ", ".join(
            p for p in (f"regel {f['regel']}" if f.get("regel") else "", f"element {f['element']}" if f.get("element") else "") if p
        )
        code = f" [{f['code']}]" if f.get("code") and f.get("code") != "0001" else ""
        regels.append(f"  - {plaats + ': ' if plaats else ''}{f.get('melding', '')}{code}")
    return "\n".join(regels) + "\n"


def verwerk_map(
    pad: Path | None = None, voortgang: Callable[[int, int], None] | None = None, *, kanaal: str = Kanaal.MAP
) -> list[Bestandsuitkomst]:
    """Process every message under `pad` (default: the whole inbox, BERICHTEN_DIR/in)."""
    pad = Path(pad) if pad is not None else inbox()
    if not pad.exists():
        return []
    return [verwerk_bestand(b, kanaal=kanaal, voortgang=voortgang) for b in bestanden(pad)]
