"""A provider simulator for the demo: providers fetch their 301s and answer with realistic traffic.

It plays every contracted provider of the demo region: fetches the toewijzingen waiting in its outbox, sends a
302 retour, a 305 when delivery starts, a 307 when a grant has ended, and a monthly 323 with a prestatie per
delivered grant — with a few faulty lines (wrong tariff, too much volume, unknown toewijzing, a reused
reference) so the review screens show refusals. Everything goes through `verwerking.ontvang`, as real traffic.

Finally it keeps a handful of provider requests on the team's list (`OPEN_VERZOEKEN`): 315s asking to extend a
grant that ends soonest, 317s asking for more volume from next month, alternating Wmo and Jeugdwet. They stay
open for the team to decide; a run tops up to the handful, so running again sends none while they are open.
"""

from __future__ import annotations

import calendar
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder
from keukentafel.aanbod.services import contracttarief
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening, VoorzieningStatus
from keukentafel.besluiten.services import reserveer_nummers
from keukentafel.codelijsten import Eenheid, Frequentie, Wet, redenen_beeindiging

from ..models import Bericht, Berichtstatus, Declaratie, Kanaal, Levering, Prestatie, Richting, Verzoek, Verzoeksoort, Verzoekstatus
from ..verwerking import ontvang
from .declaratie import Prestatieregel, declaratie
from .levering import Startregel, Stopregel, client_van, start_zorg, stop_zorg
from .retour import retour_op
from .verzoek import Aanvraagregel, TeWijzigenregel, verzoek_om_toewijzing, verzoek_om_wijziging

logger = logging.getLogger("keukentafel.berichten")

#: Provider requests the simulator keeps open on the team's list: 315 verzoek om toewijzing, 317 verzoek om wijziging.
OPEN_VERZOEKEN = {Verzoeksoort.TOEWIJZING: 3, Verzoeksoort.WIJZIGING: 2}
#: How long an extension asked for in a 315 runs.
VERLENGING_DAGEN = 182
#: Jeugdwet extensions come with a referral by the huisarts (CD067: without AGB code the name is required).
HUISARTS = "Huisartsenpraktijk De Linde"


@dataclass
class Simulatie:
    opgehaald: int = 0
    retouren: int = 0
    starts: int = 0
    stops: int = 0
    declaraties: int = 0
    prestaties: int = 0
    afgewezen: int = 0
    verzoeken_toewijzing: int = 0
    verzoeken_wijziging: int = 0
    geweigerd: list[str] = field(default_factory=list)

    def samenvatting(self) -> str:
        return (
            f"{self.opgehaald} toewijzingen opgehaald, {self.retouren} retouren, {self.starts} startberichten, "
            f"{self.stops} stopberichten, {self.declaraties} declaraties met {self.prestaties} prestaties "
            f"({self.afgewezen} afgewezen), {self.verzoeken_toewijzing} verzoeken om toewijzing en "
            f"{self.verzoeken_wijziging} verzoeken om wijziging"
        )


def _maandeinde(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _vorige_maand(d: date) -> date:
    return (d.replace(day=1) - timedelta(days=1)).replace(day=1)


class _Aanbieder:
    """One simulated provider: numbers its messages and sends them."""

    def __init__(self, aanbieder: Aanbieder, sim: Simulatie):
        self.aanbieder, self.sim = aanbieder, sim

    def identificatie(self, gemeente) -> str:
        """Unique per provider and message type (TR056), also when the provider serves several gemeenten."""
        return f"{gemeente.gemeentecode}{reserveer_nummers(gemeente, f'sim-{self.aanbieder.agb_code}')[0]}"

    def stuur(self, data: bytes, wat: str) -> Bericht | None:
        uitkomst = ontvang(data, kanaal=Kanaal.SIMULATOR, aanbieder=self.aanbieder, bestandsnaam=f"simulator-{wat}.xml")
        if uitkomst.http_status != 200:
            self.sim.geweigerd.append(f"{self.aanbieder.naam} {wat}: {uitkomst.melding}")
        return uitkomst.bericht


def simuleer(
    *, vandaag: date | None = None, seed: int = 2026, foutkans: float = 0.04, maanden: int = 2,
    uitvoer: Callable[[str], None] | None = None,
) -> Simulatie:
    """Run one round of provider traffic. Safe to run again: only new work is answered."""
    vandaag = vandaag or timezone.localdate()
    rng = random.Random(seed)
    sim = Simulatie()
    uitvoer = uitvoer or (lambda tekst: None)
    spelers: dict[int, _Aanbieder] = {}

    def speler(a: Aanbieder) -> _Aanbieder:
        return spelers.setdefault(a.pk, _Aanbieder(a, sim))

    # 1. Fetch waiting 301s and answer each with a 302 (a provider checks the message, it rarely finds an error).
    wachtend = Bericht.objects.filter(richting=Richting.UIT, soort="301", status=Berichtstatus.KLAAR)
    wachtend = wachtend.select_related("aanbieder", "gemeente")
    for b in wachtend.order_by("pk").iterator(chunk_size=500):
        Bericht.objects.filter(pk=b.pk).update(status=Berichtstatus.OPGEHAALD, opgehaald_op=timezone.now())
        sim.opgehaald += 1
        retour = retour_op(b.xml_bytes, identificatie_retour=speler(b.aanbieder).identificatie(b.gemeente))
        if speler(b.aanbieder).stuur(retour.bytes(), "302"):
            sim.retouren += 1
    uitvoer(f"Aanbieders: {sim.opgehaald} toewijzingen opgehaald en beantwoord met een 302")

    # 2. Start delivery (305) for grants that began and have no delivery yet; 3. stop (307) ended ones.
    zin = (
        ToegewezenVoorziening.objects.geldend()
        .filter(leveringsvorm__in=[Leveringsvorm.ZIN, Leveringsvorm.PVB], begindatum__lte=vandaag, toewijzingsregels__isnull=False)
        .select_related("persoon", "product", "aanbieder", "gemeente")
        .distinct()
    )
    nog_niet = zin.exclude(leveringen__isnull=False)
    _per_client(nog_niet, lambda groep: _start(groep, speler, sim, rng))
    gestopt = Q(leveringen__einddatum__isnull=False) | Q(leveringen__start_verwijderd=True)
    te_stoppen = zin.filter(einddatum__lt=vandaag, leveringen__isnull=False).exclude(gestopt)
    _per_client(te_stoppen, lambda groep: _stop(groep, speler, sim))
    uitvoer(f"Aanbieders: {sim.starts} startberichten (305) en {sim.stops} stopberichten (307)")

    # 4. Monthly declarations for the last full months, oldest first (TR318: consecutive periods).
    maand = _vorige_maand(vandaag)
    reeks = []
    for _ in range(maanden):
        reeks.insert(0, maand)
        maand = _vorige_maand(maand)
    for begin in reeks:
        _declareer_maand(begin, _maandeinde(begin), speler, sim, rng, foutkans)
    uitvoer(f"Aanbieders: {sim.declaraties} declaraties (323) met {sim.prestaties} prestaties, {sim.afgewezen} afgewezen")

    # 5. A handful of requests (315, 317) left open as work for the team.
    _verzoeken(speler, sim)
    uitvoer(f"Aanbieders: {sim.verzoeken_toewijzing} verzoeken om toewijzing (315) en "
            f"{sim.verzoeken_wijziging} verzoeken om wijziging (317), open voor het team")
    # One line per run; the messages themselves log at DEBUG (refusals at WARNING).
    logger.info("Aanbiedersimulator: %s%s", sim.samenvatting(),
                f"; {len(sim.geweigerd)} berichten geweigerd" if sim.geweigerd else "")
    return sim


def _per_client(qs, doe: Callable[[list[ToegewezenVoorziening]], None]) -> None:
    groepen: dict[tuple, list[ToegewezenVoorziening]] = defaultdict(list)
    for v in qs.order_by("pk"):
        groepen[(v.aanbieder_id, v.gemeente_id, v.product.wet, v.persoon_id)].append(v)
    for groep in groepen.values():
        doe(groep)


def _start(groep: list[ToegewezenVoorziening], speler, sim: Simulatie, rng: random.Random) -> None:
    v0 = groep[0]
    regels = [
        Startregel(
            toewijzingnummer=v.toewijzingnummer, productcategorie=v.product.productcategorie, productcode=v.product.productcode,
            toewijzing_ingangsdatum=v.begindatum, begindatum=v.begindatum + timedelta(days=rng.choice([0, 0, 0, 1, 3, 7])),
        )
        for v in groep
    ]
    for r, v in zip(regels, groep, strict=True):
        if v.einddatum and r.begindatum > v.einddatum:
            r.begindatum = v.begindatum
    s = speler(v0.aanbieder)
    opbouw = start_zorg(
        v0.product.wet, agb=v0.aanbieder.agb_code, gemeentecode=v0.gemeente.gemeentecode, identificatie=s.identificatie(v0.gemeente),
        dagtekening=timezone.localdate(), client=client_van(v0.persoon), regels=regels,
    )
    if s.stuur(opbouw.bytes(), "305"):
        sim.starts += 1


def _stop(groep: list[ToegewezenVoorziening], speler, sim: Simulatie) -> None:
    v0 = groep[0]
    regels = []
    for v in groep:
        levering = Levering.objects.filter(voorziening=v, einddatum__isnull=True, start_verwijderd=False).order_by("-begindatum").first()
        if levering is None:
            continue
        reden = redenen_beeindiging(v.product.wet)
        regels.append(Stopregel(
            toewijzingnummer=v.toewijzingnummer, productcategorie=v.product.productcategorie, productcode=v.product.productcode,
            toewijzing_ingangsdatum=v.begindatum, begindatum=levering.begindatum,
            reden_beeindiging=reden.VOLGENS_PLAN.value, einddatum=max(v.einddatum, levering.begindatum),
        ))
    if not regels:
        return
    s = speler(v0.aanbieder)
    opbouw = stop_zorg(
        v0.product.wet, agb=v0.aanbieder.agb_code, gemeentecode=v0.gemeente.gemeentecode, identificatie=s.identificatie(v0.gemeente),
        dagtekening=timezone.localdate(), client=client_van(v0.persoon), regels=regels,
    )
    if s.stuur(opbouw.bytes(), "307"):
        sim.stops += 1


def _geleverd(v: ToegewezenVoorziening, begin: date, eind: date, rng: random.Random) -> int:
    """What a provider delivers in the period: a little under what was granted, per the frequency."""
    dagen = (eind - begin).days + 1
    if v.frequentie == Frequentie.PER_DAG:
        toegewezen = v.omvang * dagen
    elif v.frequentie == Frequentie.PER_WEEK:
        toegewezen = v.omvang * dagen // 7
    elif v.frequentie == Frequentie.PER_MAAND:
        toegewezen = v.omvang
    else:
        return v.omvang  # a total (a device, an adaptation) is delivered and declared once
    return max(1, int(toegewezen * rng.uniform(0.75, 1.0)))


def _declareer_maand(begin: date, eind: date, speler, sim: Simulatie, rng: random.Random, foutkans: float) -> None:
    geleverd = (
        Levering.objects.filter(start_verwijderd=False, begindatum__lte=eind)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=begin))
        .select_related("voorziening__persoon", "voorziening__product", "voorziening__aanbieder", "voorziening__gemeente")
        .order_by("voorziening_id", "begindatum")
    )
    per_aanbieder: dict[tuple, dict[int, ToegewezenVoorziening]] = defaultdict(dict)
    for lev in geleverd:
        v = lev.voorziening
        if v.eenheid == Eenheid.EUROS:
            continue
        per_aanbieder[(v.aanbieder_id, v.gemeente_id, v.product.wet)][v.pk] = v
    for (_, _, wet), grants in sorted(per_aanbieder.items(), key=lambda kv: kv[0]):
        v0 = next(iter(grants.values()))
        if Declaratie.objects.filter(aanbieder=v0.aanbieder, gemeente=v0.gemeente, wet=wet, periode_begin=begin).exists():
            continue
        prestaties = []
        for v in grants.values():
            p_begin, p_eind = max(begin, v.begindatum), min(eind, v.einddatum or eind)
            if p_eind < p_begin:
                continue
            if v.frequentie == Frequentie.TOTAAL and Prestatie.objects.filter(voorziening=v, debet=True, goedgekeurd=True).exists():
                continue
            tarief = contracttarief(v.aanbieder, v.product, v.gemeente, p_begin)
            tarief_cent = tarief.tarief.tarief_cent if tarief else v.tarief_cent
            volume = _geleverd(v, p_begin, p_eind, rng)
            regel = Prestatieregel(
                bsn=v.persoon.bsn, referentienummer=f"{v.toewijzingnummer}-{begin:%Y%m}", toewijzingnummer=v.toewijzingnummer,
                productcategorie=v.product.productcategorie, productcode=v.product.productcode, begindatum=p_begin, einddatum=p_eind,
                volume=volume, eenheid=v.eenheid, tarief_cent=tarief_cent, bedrag_cent=volume * tarief_cent,
            )
            if rng.random() < foutkans:
                _maak_fout(regel, prestaties, rng)
            prestaties.append(regel)
        if not prestaties:
            continue
        s = speler(v0.aanbieder)
        ident = s.identificatie(v0.gemeente)
        opbouw = declaratie(
            wet, agb=v0.aanbieder.agb_code, gemeentecode=v0.gemeente.gemeentecode, identificatie=ident, dagtekening=timezone.localdate(),
            declaratienummer=f"D{begin:%Y%m}{ident}"[:12], periode_begin=begin, periode_eind=eind, prestaties=prestaties,
        )
        b = s.stuur(opbouw.bytes(), "323")
        if b is not None and hasattr(b, "declaratie"):
            sim.declaraties += 1
            sim.prestaties += b.declaratie.aantal_prestaties
            sim.afgewezen += b.declaratie.aantal_afgewezen


# ---------------------------------------------------------------------------------------------------
# 315 / 317: requests for the team
# ---------------------------------------------------------------------------------------------------


def _om_en_om(per_wet: list[Iterator[ToegewezenVoorziening]]) -> Iterator[ToegewezenVoorziening]:
    """Candidates alternately from each law (Wmo first), so the handful covers both when the demo has both."""
    bronnen = list(per_wet)
    while bronnen:
        for bron in list(bronnen):
            v = next(bron, None)
            if v is None:
                bronnen.remove(bron)
            else:
                yield v


def _kandidaten(op: date) -> list[Iterator[ToegewezenVoorziening]]:
    """Running grants in natura or pvb that reached the provider, with a product code and a periodic volume
    (a budget or a total cannot simply be extended or raised), the ones ending soonest first."""
    qs = (
        ToegewezenVoorziening.objects.filter(
            status=VoorzieningStatus.ACTIEF, leveringsvorm__in=[Leveringsvorm.ZIN, Leveringsvorm.PVB], aanbieder__isnull=False,
            begindatum__lte=op, einddatum__gte=op, toewijzingsregels__isnull=False,
        )
        .exclude(product__productcode="").exclude(eenheid=Eenheid.EUROS).exclude(frequentie=Frequentie.TOTAAL)
        .select_related("persoon", "product", "aanbieder", "gemeente")
        .distinct()
        .order_by("einddatum", "pk")
    )
    return [qs.filter(product__wet=wet).iterator(chunk_size=200) for wet in (Wet.WMO, Wet.JEUGDWET)]


def _verzoeken(speler, sim: Simulatie) -> None:
    """Top up the open simulator requests to `OPEN_VERZOEKEN`; never twice for one client at one provider (TR374)."""
    from ..verzoeken import actuele_toewijzingen  # the gemeente's side: what a 317 must list (TR349)

    vandaag = timezone.localdate()  # the messages are dated today, and the gemeente judges them by that date
    open_ = Verzoek.objects.filter(bericht__kanaal=Kanaal.SIMULATOR, status__in=[Verzoekstatus.OPEN, Verzoekstatus.IN_ONDERZOEK])
    nodig = {soort: max(0, n - open_.filter(soort=soort).count()) for soort, n in OPEN_VERZOEKEN.items()}
    if not any(nodig.values()):
        return
    bezet = set(Verzoek.objects.values_list("persoon_id", "aanbieder_id"))
    for v in _om_en_om(_kandidaten(vandaag)):
        if not any(nodig.values()):
            return
        if (v.persoon_id, v.aanbieder_id) in bezet:
            continue
        # Take turns between the two kinds; a client that does not suit one may still suit the other.
        volgorde = [Verzoeksoort.TOEWIJZING, Verzoeksoort.WIJZIGING]
        if sim.verzoeken_wijziging < sim.verzoeken_toewijzing:
            volgorde.reverse()
        for soort in volgorde:
            if not nodig[soort]:
                continue
            if soort == Verzoeksoort.TOEWIJZING:
                gestuurd = _stuur_315(v, speler, sim)
            else:
                gestuurd = _stuur_317(v, list(actuele_toewijzingen(v.persoon, v.aanbieder, v.product.wet, vandaag)), vandaag, speler, sim)
            if gestuurd:
                bezet.add((v.persoon_id, v.aanbieder_id))
                nodig[soort] -= 1
                break


def _verzoek_gemaakt(b: Bericht | None, wat: str, sim: Simulatie, aanbieder: Aanbieder) -> bool:
    if b is None or b.status == Berichtstatus.AFGEKEURD:
        return False  # refused as a whole: `stuur` noted it already
    if not Verzoek.objects.filter(bericht=b).exists():
        codes = ", ".join(sorted({f.get("code", "") for f in b.fouten})) or "?"
        sim.geweigerd.append(f"{aanbieder.naam} {wat}: afgewezen ({codes})")
        return False
    return True


def _stuur_315(v: ToegewezenVoorziening, speler, sim: Simulatie) -> bool:
    """Ask to extend the grant: the same product and volume from the day after it ends (a "verlenging")."""
    begin = v.einddatum + timedelta(days=1)
    eind = begin + timedelta(days=VERLENGING_DAGEN - 1)
    if contracttarief(v.aanbieder, v.product, v.gemeente, begin) is None:
        return False  # the contract ends with the grant: the provider cannot ask for more
    if ToegewezenVoorziening.objects.filter(persoon=v.persoon, product=v.product).overlappend(begin, eind).exists():
        return False  # already extended
    s = speler(v.aanbieder)
    ident = s.identificatie(v.gemeente)
    jeugd = v.product.wet == Wet.JEUGDWET
    regel = Aanvraagregel(
        referentie_aanbieder=f"VT{ident}", productcategorie=v.product.productcategorie, productcode=v.product.productcode,
        toewijzing_ingangsdatum=begin, toewijzing_einddatum=eind, volume=v.omvang, eenheid=v.eenheid, frequentie=v.frequentie,
        verwijzer_type="02" if jeugd else "01", verwijzer_naam=HUISARTS if jeugd else "",
        commentaar=f"Verlenging van toewijzing {v.toewijzingnummer}: de ondersteuning is na {v.einddatum:%d-%m-%Y} nog nodig.",
    )
    opbouw = verzoek_om_toewijzing(
        v.product.wet, agb=v.aanbieder.agb_code, gemeentecode=v.gemeente.gemeentecode, identificatie=ident,
        dagtekening=timezone.localdate(), client=client_van(v.persoon), producten=[regel],
    )
    if _verzoek_gemaakt(s.stuur(opbouw.bytes(), "315"), "315", sim, v.aanbieder):
        sim.verzoeken_toewijzing += 1
        return True
    return False


def _stuur_317(v: ToegewezenVoorziening, actueel: list[ToegewezenVoorziening], vandaag: date, speler, sim: Simulatie) -> bool:
    """Ask for one unit more from next month; every other current grant at this provider goes along unchanged (TR349)."""
    if v.pk not in {a.pk for a in actueel}:
        return False
    producten = [(a.product.productcategorie, a.product.productcode) for a in actueel]
    if len(set(producten)) < len(producten):
        return False  # the same product twice: TR361 would refuse the whole request
    vanaf = _maandeinde(vandaag) + timedelta(days=1)
    if v.einddatum < vanaf + timedelta(days=27):
        return False  # ends too soon for a change to matter
    s = speler(v.aanbieder)
    ident = s.identificatie(v.gemeente)
    opbouw = verzoek_om_wijziging(
        v.product.wet, agb=v.aanbieder.agb_code, gemeentecode=v.gemeente.gemeentecode, identificatie=ident,
        dagtekening=timezone.localdate(), bsn=v.persoon.bsn, referentie_aanbieder=f"VW{ident}", reden_verzoek="1",
        ongewijzigd=[a.toewijzingnummer for a in actueel if a.pk != v.pk],
        te_wijzigen=[TeWijzigenregel(toewijzingnummer=v.toewijzingnummer, gewenste_ingangsdatum=vanaf, einddatum=v.einddatum,
                                     volume=v.omvang + 1, eenheid=v.eenheid, frequentie=v.frequentie)],
        nieuw=[],
    )
    if _verzoek_gemaakt(s.stuur(opbouw.bytes(), "317"), "317", sim, v.aanbieder):
        sim.verzoeken_wijziging += 1
        return True
    return False


def _maak_fout(regel: Prestatieregel, eerder: list[Prestatieregel], rng: random.Random) -> None:
    """The mistakes providers make in practice, each caught by a TR rule."""
    soort = rng.choice(["tarief", "volume", "toewijzing", "referentie"])
    if soort == "tarief" and regel.tarief_cent:
        regel.tarief_cent += 100  # TR418 / 0611
        regel.bedrag_cent = regel.volume * regel.tarief_cent
    elif soort == "volume":
        regel.volume *= 4  # TR321 / 9321
        regel.bedrag_cent = regel.volume * (regel.tarief_cent or 0)
    elif soort == "referentie" and eerder:
        regel.referentienummer = eerder[-1].referentienummer  # TR314 / 8021
    else:
        regel.toewijzingnummer = 900000000 + rng.randrange(99999)  # TR338 / 9338


__all__ = ["Simulatie", "simuleer", "Wet"]
