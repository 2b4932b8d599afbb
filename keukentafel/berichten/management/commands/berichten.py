"""`berichten valideer FILE` checks a message without storing anything; `berichten verwerk [DIR|FILE]` processes.

Exit codes, so scripts and schedulers can act on them: valideer 0 valid, 1 invalid, 2 unreadable or hostile;
verwerk 0 when everything was processed, 1 when anything was refused, 2 when the path does not exist.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from keukentafel.berichten import veilig, xsd
from keukentafel.berichten.codes import berichtnaam
from keukentafel.berichten.mappen import bestanden, rapport, verwerk_bestand
from keukentafel.berichten.models import Berichtsoort, Kanaal
from keukentafel.berichten.uitgaand import inbox
from keukentafel.berichten.verwerking import lees_kop, structuurfouten
from keukentafel.codelijsten import Wet

_SOORT = re.compile(rb"/(?:wmo|jw)(\d{3})/schema")


def getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Voortgangsbalk:
    """A text bar on stderr: `[#####.....] 45% 45.000/100.000 prestaties`. On a terminal it redraws one line;
    into a pipe or log it writes a line per percent, so a supervisor can follow it."""

    BREEDTE = 30

    def __init__(self, stroom, eenheid: str):
        self.stroom, self.eenheid = stroom, eenheid
        self.tty = hasattr(stroom, "isatty") and stroom.isatty()
        self.laatste_procent = -1
        self.laatste_tijd = 0.0
        self.getekend = False

    def __call__(self, gedaan: int, totaal: int) -> None:
        if totaal <= 0:
            return
        procent = min(100, gedaan * 100 // totaal)
        nu = time.monotonic()
        if procent == self.laatste_procent and (not self.tty or nu - self.laatste_tijd < 0.2):
            return
        self.laatste_procent, self.laatste_tijd = procent, nu
        vol = self.BREEDTE * procent // 100
        regel = f"[{'#' * vol}{'.' * (self.BREEDTE - vol)}] {procent:3d}% {getal(gedaan)}/{getal(totaal)} {self.eenheid}"
        self.stroom.write(("\r" + regel) if self.tty else regel + "\n")
        self.stroom.flush()
        self.getekend = True

    def klaar(self) -> None:
        if self.getekend and self.tty:
            self.stroom.write("\n")
            self.stroom.flush()


class Command(BaseCommand):
    help = "iWmo/iJw-berichten controleren (valideer) of verwerken (verwerk) vanaf de opdrachtregel."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="opdracht", required=True, metavar="{valideer,verwerk}")
        v = sub.add_parser("valideer", help="XSD en header controleren zonder iets op te slaan")
        v.add_argument("bestand", help="het XML-bericht")
        w = sub.add_parser("verwerk", help="berichten verwerken zoals via de inbox")
        w.add_argument("pad", nargs="?", help="een bestand of map (standaard de inbox BERICHTEN_DIR/in)")
        w.add_argument("--laten", action="store_true", help="bestanden niet naar verwerkt/ of afgekeurd/ verplaatsen")
        w.add_argument("--geen-voortgang", action="store_true", help="geen voortgangsbalk tonen")

    def handle(self, *args, **opties) -> None:
        code = self.valideer(Path(opties["bestand"])) if opties["opdracht"] == "valideer" else self.verwerk(opties)
        if code:
            sys.exit(code)

    # --- valideer -------------------------------------------------------------------------------

    def valideer(self, pad: Path) -> int:
        schrijf = self.stdout.write
        schrijf(f"Bestand:       {pad}")
        try:
            data = pad.read_bytes()
        except OSError as exc:
            schrijf(f"Onleesbaar:    {exc.strerror or exc}.")
            return 2
        try:
            doc = veilig.parse(data)
            kop = lees_kop(doc.getroot())
        except veilig.OnveiligBericht as exc:
            schrijf(f"Geweigerd:     {exc.melding}" + (f" (regel {exc.regel})" if exc.regel else ""))
            return 2
        naam = berichtnaam(kop.wet, kop.soort)
        schrijf(f"Bericht:       {naam} – {Berichtsoort(kop.soort).label.split(' ', 1)[1]} ({Wet(kop.wet).label})")
        schrijf(f"Afzender:      {kop.afzender or '(leeg)'}")
        schrijf(f"Ontvanger:     {kop.ontvanger or '(leeg)'}")
        dag = kop.dagtekening.isoformat() if kop.dagtekening else "(geen geldige datum)"
        schrijf(f"Identificatie: {kop.identificatie or '(leeg)'}, dagtekening {dag}")
        xsd_fouten = xsd.valideer(doc, kop.wet, kop.soort)
        if xsd_fouten is None:
            schrijf(f"XSD:           uit ({xsd.xsd_status()[1]})")
        else:
            schrijf(f"XSD:           {'geldig' if not xsd_fouten else 'ongeldig'}")
        fouten = [*(xsd_fouten or []), *structuurfouten(doc.getroot(), kop)]
        if not fouten:
            schrijf(self.style.SUCCESS("Uitkomst:      geldig"))
            return 0
        schrijf(self.style.ERROR(f"Uitkomst:      ongeldig, {len(fouten)} {'fout' if len(fouten) == 1 else 'fouten'}"))
        for f in fouten[:500]:
            plaats = ", ".join(p for p in (f"regel {f.regel}" if f.regel else "", f"element {f.element}" if f.element else "") if p)
            schrijf(f"  - {plaats + ': ' if plaats else ''}{f.melding}")
        if len(fouten) > 500:
            schrijf(f"  … en nog {len(fouten) - 500} fouten.")
        return 1

    # --- verwerk --------------------------------------------------------------------------------

    def verwerk(self, opties: dict) -> int:
        pad = Path(opties["pad"]) if opties.get("pad") else inbox()
        if not pad.exists():
            self.stderr.write(f"{pad} bestaat niet.")
            return 2
        status, xsd_uitleg = xsd.xsd_status()
        if not status:
            self.stderr.write(f"Let op: {xsd_uitleg}")
        aantal = geweigerd = 0
        for bestand in bestanden(pad):
            aantal += 1
            balk = None
            if not opties.get("geen_voortgang"):
                m = _SOORT.search(bestand.open("rb").read(4096))
                balk = Voortgangsbalk(sys.stderr, "prestaties" if m and m.group(1) == b"323" else "regels")
            u = verwerk_bestand(bestand, kanaal=Kanaal.CLI, voortgang=balk, verplaats=not opties.get("laten"))
            if balk:
                balk.klaar()
            o = u.ontvangst
            if u.gelukt and o.bericht is not None:
                b = o.bericht
                wat = "was al verwerkt (zelfde antwoord)" if o.herhaald else "verwerkt"
                regel = (
                    f"{bestand.name}: {b.code} {b.identificatie} {wat}: "
                    f"{getal(b.aantal_regels)} regels, {getal(b.aantal_afgekeurd)} afgekeurd"
                )
                if o.antwoord is not None:
                    regel += f"; antwoord {o.antwoord.code} {o.antwoord.identificatie}"
                    if u.antwoord:
                        regel += f" in {u.antwoord}"
                self.stdout.write(regel)
            else:
                geweigerd += 1
                self.stdout.write(self.style.ERROR(rapport(o, bestand.name).rstrip()))
        if aantal == 0:
            self.stdout.write(f"Geen berichten gevonden in {pad}.")
        else:
            woord = "bestand" if aantal == 1 else "bestanden"
            self.stdout.write(f"{aantal} {woord}: {aantal - geweigerd} verwerkt, {geweigerd} geweigerd.")
        return 1 if geweigerd else 0
