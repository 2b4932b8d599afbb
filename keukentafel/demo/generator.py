"""Generate the demo region Bollenstreek: deterministic, realistic, and built through the domain services.

Organisation, persons, households, memberships and networks are bulk-inserted (they have no flow
invariants); every step of the flow — melding, triage, onderzoek, gesprek with verslag, plan, goals,
actions, version, signatures, evaluation, income question — goes through the services, so the data obey
the same rules as data entered in the UI (one open plan per household, linking of a second melding to a
running case, deadlines from beleid). Where a service stamps "now" (triage moment, plan creation, version,
signature registration, closing a melding), the past moment is set afterwards with a queryset update.
The catalogue (`aanbod`) is bulk-inserted before the flow; the grants (`besluiten`) are decided through the
decision services at the moments the flow reaches them (plan signed, evaluated, closed).

Everything is drawn from `random.Random(2015)` (catalogue and grants: their own streams) in a fixed order and
dated relative to `vandaag`: two loads on empty databases on the same day give the same data. Personal data
are fictitious; the BSNs pass the elfproef and come from a range (prefix 20.000.000+) the test factories
never use.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from stdnum.nl import bsn as stdnum_bsn

from keukentafel.accounts.beheerrechten import maak_functioneel_beheerder
from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Postcodegebied, Regio, Rol, Team
from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners.models import (
    VERTEGENWOORDIGENDE_ROLLEN,
    Geslacht,
    Huishouden,
    Huishoudlid,
    LidRol,
    Netwerklid,
    NetwerkRol,
    Persoon,
)
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import (
    METHODEN_VOOR_MEDEWERKER,
    EvaluatieBesluit,
    Inkomensvraag,
    Ondersteuningsplan,
    OndertekenaarRol,
    Ondertekening,
    Ondertekenmethode,
    Planversie,
)
from keukentafel.toegang import services as toegang
from keukentafel.toegang.models import (
    Gespreksplaats,
    Kanaal,
    MelderType,
    Melding,
    MeldingStatus,
    Onderzoek,
    OnderzoekStatus,
    TriageUitkomst,
    Voorliggend,
    Vraagtype,
)

from . import gegevens as g
from .aanbod import bestaande_catalogus, laad_catalogus
from .besluiten import Besluitenbouwer

ZAAD = 2015

#: First 8 digits of the demo BSNs start here; the test factories use 10.000.000 + 2n.
BSN_BASIS = 20_000_000

#: Stages of the flow and their share of the households with a question (percent). Rationale: most of
#: the 1.4% are long-running begeleiding clients (active plans); a steady inflow sits in triage and
#: onderzoek; a good share is answered at once or referred to Zvw/Wlz (seed 002: "voorliggend").
FASEN: tuple[tuple[str, int], ...] = (
    ("nieuw", 4),
    ("toegewezen", 4),
    ("acuut", 2),
    ("direct", 14),
    ("voorliggend_zvw", 3),
    ("voorliggend_wlz", 2),
    ("onderzoek_lopend", 6),
    ("onderzoek_bijna", 3),
    ("onderzoek_verlopen", 2),
    ("onderzoek_opgeschort", 2),
    ("gesprek_gehouden", 3),
    ("onderzoek_gestopt", 1),
    ("plan_concept", 5),
    ("plan_actief", 25),
    ("plan_evaluatie_nodig", 8),
    ("plan_geevalueerd", 7),
    ("plan_afgesloten", 9),
)
FASE_VOLGORDE = {code: i for i, (code, _) in enumerate(FASEN)}

#: Stages with a running case, to which a second melding can be linked.
LOPENDE_FASEN = {
    "toegewezen",
    "acuut",
    "onderzoek_lopend",
    "onderzoek_bijna",
    "onderzoek_verlopen",
    "onderzoek_opgeschort",
    "gesprek_gehouden",
    "plan_concept",
    "plan_actief",
    "plan_evaluatie_nodig",
    "plan_geevalueerd",
}

#: Which households a stage draws (default: the profile weights).
PROFIELGEWICHTEN_PER_FASE = {
    "voorliggend_wlz": {"oudere_alleen": 5, "ouder_echtpaar": 4, "jongvolwassene": 1},
    "acuut": {"volwassene_alleen": 4, "gezin": 3, "eenoudergezin": 2, "oudere_alleen": 1},
}

TRIAGE_GEBIEDSTEAM = (
    "Vraag op meerdere leefgebieden: keukentafelgesprek door het gebiedsteam.",
    "Vraag achter de vraag nog onduidelijk; huisbezoek door een generalist.",
    "Netwerk raakt overbelast; samen met inwoner en mantelzorger kijken wat nodig is.",
    "Mogelijk maatwerk nodig; eerst onderzoek aan de keukentafel.",
)

POSTCODELETTERS = "ABCDEGHJKLMNPRTVWXZ"
ONGEBRUIKTE_LETTERCOMBINATIES = {"SA", "SD", "SS"}


class DemoBestaatAl(Exception):
    """The database already holds a region: the demo loads into an empty installation only."""


def bsn_uit_prefix(prefix: int) -> str | None:
    """Complete an 8-digit prefix with the elfproef check digit, or None if no digit fits."""
    cijfers = f"{prefix:08d}"
    controle = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
    return None if controle == 10 else cijfers + str(controle)


def demo_bsn(n: int) -> str:
    """The n-th demo BSN (prefix 20.000.000 + 2n, or +1 when 2n has no valid check digit)."""
    waarde = bsn_uit_prefix(BSN_BASIS + 2 * n) or bsn_uit_prefix(BSN_BASIS + 2 * n + 1)
    assert waarde is not None and stdnum_bsn.is_valid(waarde)
    return waarde


def verdeel(n: int, gewichten: list[tuple[str, float]]) -> list[str]:
    """Split n over the keys in proportion to the weights (largest remainder): deterministic, sums to n."""
    totaal = sum(w for _, w in gewichten)
    quota = [(k, n * w / totaal) for k, w in gewichten]
    uitkomst = {k: int(q) for k, q in quota}
    rest = n - sum(uitkomst.values())
    for k, _ in sorted(quota, key=lambda kq: -(kq[1] - int(kq[1])))[:rest]:
        uitkomst[k] += 1
    return [k for k, _ in gewichten for _ in range(uitkomst[k])]


def aantal_generalisten(gebied: g.GebiedDef) -> int:
    return 4 if gebied.inwoners >= 9_000 else 3


def demo_gebruikersnamen() -> list[str]:
    """The usernames `laad_demoregio` creates, to check beforehand that none is taken."""
    namen = ["beleid", "financien", "beheer"]
    for gemeente in g.GEMEENTEN:
        namen.append(f"backoffice.{slugify(gemeente.naam)}")
        for gebied in gemeente.gebieden:
            slug = slugify(gebied.naam)
            namen.append(f"teamleider.{slug}")
            namen += [f"generalist{'' if i == 1 else i}.{slug}" for i in range(1, aantal_generalisten(gebied) + 1)]
    return namen


@dataclass
class Login:
    rol: str
    username: str
    naam: str
    waar: str


@dataclass
class Resultaat:
    regio: Regio
    logins: list[Login]
    aantallen: dict[str, int]
    fasen: dict[str, int]
    seconden: float


@dataclass
class _Hh:
    """One household of the demo with everything the flow needs to know about it."""

    index: int
    gemeente: Gemeente
    gebied: Gebied
    gebieddef: g.GebiedDef
    team: Team
    profiel: g.Profiel
    fase: str
    huishouden: Huishouden | None = None
    leden: list[tuple[Persoon, str, date, date | None]] = field(default_factory=list)
    netwerk: list[Netwerklid] = field(default_factory=list)
    generalist: Medewerker | None = None
    scores: dict[str, int] = field(default_factory=dict)
    adres: dict = field(default_factory=dict)

    @property
    def aanvrager(self) -> Persoon:
        return self.leden[0][0]

    @property
    def partner(self) -> Persoon | None:
        return next((p for p, rol, _, eind in self.leden if rol == LidRol.PARTNER and eind is None), None)

    def netwerk_met_rol(self, *rollen: str) -> list[Netwerklid]:
        return [n for n in self.netwerk if n.rol in rollen]

    @property
    def vertegenwoordiger(self) -> Netwerklid | None:
        return next((n for n in self.netwerk if n.rol in VERTEGENWOORDIGENDE_ROLLEN), None)


def _achternaam(voorvoegsel: str, geslachtsnaam: str) -> str:
    """Surname without first name: the voorvoegsel is capitalised ('Van der Berg')."""
    if not voorvoegsel:
        return geslachtsnaam
    return f"{voorvoegsel[0].upper()}{voorvoegsel[1:]} {geslachtsnaam}"


def _zin(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


class _Bouwer:
    def __init__(self, *, schaal: float, vandaag: date, uitvoer: Callable[[str], None]):
        self.rng = random.Random(ZAAD)
        self.schaal = schaal
        self.vandaag = vandaag
        self.gisteren = vandaag - timedelta(days=1)
        # Latest moment anything in the demo happened: last night, so two loads on one day are identical.
        self.grens = timezone.make_aware(datetime.combine(vandaag, dtime(0, 0))) - timedelta(minutes=1)
        self.uitvoer = uitvoer
        self.bsn_teller = 0
        self.leefgebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
        self.logins: list[Login] = []
        self.teams: dict[int, dict] = {}  # gebied pk -> {"team", "teamleider", "generalisten"}
        self.backoffice: dict[int, Medewerker] = {}
        self.huishoudens: list[_Hh] = []
        self.tellers: Counter = Counter()
        self.uitgesteld: dict[tuple, dict[int, dict]] = {}
        self.afgerond: dict[int, datetime] = {}
        self.melding_leefgebieden: list[tuple[int, int]] = []
        self.besluiten: Besluitenbouwer  # set by `aanbod`, before the flow

    # --- helpers --------------------------------------------------------------------------------

    def later(self, model, pk: int, **velden) -> None:
        """Set fields the services stamp with "now" (or cannot set) to their past value, in bulk at the end."""
        self.uitgesteld.setdefault((model, tuple(sorted(velden))), {})[pk] = velden

    def dagen_terug(self, a: int, b: int) -> date:
        return self.vandaag - timedelta(days=self.rng.randint(a, b))

    def na(self, d: date, a: int, b: int) -> date:
        """A date a..b days after d, but at the latest yesterday (things that happened)."""
        return min(d + timedelta(days=self.rng.randint(a, b)), self.gisteren)

    def moment(self, d: date, van_uur: int = 9, tot_uur: int = 16) -> datetime:
        return timezone.make_aware(datetime.combine(d, dtime(self.rng.randint(van_uur, tot_uur), self.rng.choice((0, 15, 30, 45)))))

    def uren_later(self, m: datetime, a: int, b: int) -> datetime:
        """Some hours after m, but not later than last night."""
        return min(m + timedelta(hours=self.rng.randint(a, b), minutes=self.rng.randint(0, 59)), self.grens)

    def naam(self, generatie: str, geslacht: str) -> tuple[str, str, str]:
        voornaam = self.rng.choice(g.VOORNAMEN[generatie][geslacht])
        voorvoegsel, achternaam = self.rng.choice(g.ACHTERNAMEN)
        return voornaam, voorvoegsel, achternaam

    @staticmethod
    def generatie(geboortedatum: date) -> str:
        if geboortedatum.year < 1956:
            return "oud"
        if geboortedatum.year <= 1990:
            return "midden"
        if geboortedatum.year <= 2008:
            return "jong"
        return "kind"

    def geboren(self, leeftijd: int) -> date:
        return date(self.vandaag.year - leeftijd - 1, 1, 1) + timedelta(days=self.rng.randint(0, 364))

    # --- organisation ---------------------------------------------------------------------------

    def organisatie(self) -> Regio:
        regio = Regio.objects.create(naam=g.REGIO)
        wachtwoord = make_password(g.DEMO_WACHTWOORD)  # hashed once: PBKDF2 per user would cost seconds
        medewerkers: list[Medewerker] = []

        def medewerker(username: str, rol: str, *, team: Team | None = None, gemeente: Gemeente | None = None) -> Medewerker:
            voornaam, voorvoegsel, achternaam = self.naam(self.rng.choice(("midden", "jong")), self.rng.choice("MVV"))
            m = Medewerker(
                username=username,
                first_name=voornaam,
                last_name=f"{voorvoegsel} {achternaam}".strip(),
                rol=rol,
                team=team,
                gemeente=gemeente,
                password=wachtwoord,
            )
            medewerkers.append(m)
            waar = team.naam if team else (gemeente.naam if gemeente else "regio " + g.REGIO)
            self.logins.append(Login(rol, username, f"{voornaam} {m.last_name}", waar))
            return m

        for gdef in g.GEMEENTEN:
            gemeente = Gemeente.objects.create(regio=regio, naam=gdef.naam, gemeentecode=gdef.code, inwoners=gdef.inwoners)
            for bdef in gdef.gebieden:
                gebied = Gebied.objects.create(gemeente=gemeente, naam=bdef.naam, inwoners=bdef.inwoners)
                Postcodegebied.objects.bulk_create(Postcodegebied(pc4=pc4, gebied=gebied, woonplaats=wp) for pc4, wp in bdef.postcodes)
                team = Team.objects.create(gebied=gebied, naam=f"Gebiedsteam {bdef.naam}")
                slug = slugify(bdef.naam)
                aantal = aantal_generalisten(bdef)
                self.teams[gebied.pk] = {
                    "gebied": gebied,
                    "def": bdef,
                    "gemeente": gemeente,
                    "team": team,
                    "teamleider": medewerker(f"teamleider.{slug}", Rol.TEAMLEIDER, team=team),
                    "generalisten": [
                        medewerker(f"generalist{'' if i == 1 else i}.{slug}", Rol.GENERALIST, team=team) for i in range(1, aantal + 1)
                    ],
                }
            self.backoffice[gemeente.pk] = medewerker(f"backoffice.{slugify(gdef.naam)}", Rol.BACKOFFICE, gemeente=gemeente)
        # Policy and finance work for the largest gemeente: their screens show one gemeente's figures.
        grootste = max(Gemeente.objects.filter(regio=regio), key=lambda gm: gm.inwoners)
        medewerker("beleid", Rol.BELEID, gemeente=grootste)
        medewerker("financien", Rol.FINANCIEN, gemeente=grootste)
        beheerder = medewerker("beheer", Rol.FUNCTIONEEL_BEHEER)
        Medewerker.objects.bulk_create(medewerkers)
        maak_functioneel_beheerder(Medewerker.objects.get(username=beheerder.username))
        return regio

    # --- catalogue and grants -------------------------------------------------------------------

    def aanbod(self, regio: Regio) -> None:
        """The catalogue (own random stream, so the flow's draws stay as they were) and the builder of the grants."""
        beheerder = Medewerker.objects.get(username="beheer")
        self.catalogus = laad_catalogus(random.Random(ZAAD + 1), regio, self.vandaag, beheerder)
        self.besluiten = Besluitenbouwer(self, self.catalogus, random.Random(ZAAD + 2))
        t = self.catalogus.tellers
        self.uitvoer(
            f"Aanbod: {t['producten']} maatwerkproducten, {t['aanbieders']} aanbieders, {t['contracten']} contracten met "
            f"{t['tarieven']} tarieven, {t['algemene_voorzieningen']} algemene voorzieningen"
        )

    def na_de_stroom(self) -> None:
        """Existing indications (overgangsrecht), legal protection, the backoffice's sample and the demo worklist."""
        b = self.besluiten
        b.overgangsrecht(self.huishoudens, self.backoffice)
        b.werkvoorraad_sassenheim(self.huishoudens)
        b.rechtsbescherming()
        b.rechtmatigheidstoetsen()
        b.afronden()
        t = self.tellers
        pgb = b.aantal_pgb / max(1, b.aantal)
        self.uitvoer(
            f"Besluiten: {b.aantal} toewijzingen ({1 - pgb:.0%} zorg in natura waarvan {b.aantal_pvb} pvb, {pgb:.0%} pgb), "
            f"{t['open_aanvragen']} open aanvragen, {t['afwijzingen']} afwijzingen, {t['bezwaren']} bezwaren, "
            f"{t['overgangsrecht']} onder overgangsrecht"
        )

    # --- population -----------------------------------------------------------------------------

    def bevolking(self) -> None:
        """Plan the households per gebied (stage, profile), then bulk-insert persons, households and networks."""
        index = 0
        for info in self.teams.values():
            bdef: g.GebiedDef = info["def"]
            n = max(1, round(bdef.inwoners * g.AANDEEL_MET_VRAAG * self.schaal))
            fasen = verdeel(n, list(FASEN))
            self.rng.shuffle(fasen)
            for fase in fasen:
                self.huishoudens.append(_Hh(index, info["gemeente"], info["gebied"], bdef, info["team"], self.kies_profiel(fase), fase))
                index += 1
        self.vul_ontbrekende_fasen()
        # The "Jordi" case from seed 001_8130d38cb886e681.txt, in Sassenheim: an extra household.
        sassenheim = next(i for i in self.teams.values() if i["def"].naam == "Sassenheim")
        self.huishoudens.append(
            _Hh(
                index,
                sassenheim["gemeente"],
                sassenheim["gebied"],
                sassenheim["def"],
                sassenheim["team"],
                g.PROFIEL_PER_CODE["jongvolwassene"],
                "jordi",
            )
        )
        self.wijs_generalisten_toe()

        for hh in self.huishoudens:
            self.maak_leden(hh)
        huishoudens = [self.huishouden_object(hh) for hh in self.huishoudens]
        Huishouden.objects.bulk_create(huishoudens, batch_size=500)
        for hh, obj in zip(self.huishoudens, huishoudens, strict=True):
            hh.huishouden = obj
        personen = [p for hh in self.huishoudens for p, *_ in hh.leden]
        Persoon.objects.bulk_create(personen, batch_size=500)
        Huishoudlid.objects.bulk_create(
            (
                Huishoudlid(huishouden=hh.huishouden, persoon=p, rol=rol, begindatum=begin, einddatum=eind)
                for hh in self.huishoudens
                for p, rol, begin, eind in hh.leden
            ),
            batch_size=500,
        )
        for hh in self.huishoudens:
            self.maak_netwerk(hh)
        self.zorg_voor_bijzondere_netwerken()
        netwerk = [n for hh in self.huishoudens for n in hh.netwerk]
        Netwerklid.objects.bulk_create(netwerk, batch_size=500)
        self.tellers.update(huishoudens=len(huishoudens), personen=len(personen), netwerkleden=len(netwerk))

    def kies_profiel(self, fase: str) -> g.Profiel:
        gewichten = PROFIELGEWICHTEN_PER_FASE.get(fase)
        if gewichten:
            code = self.rng.choices(list(gewichten), weights=list(gewichten.values()))[0]
            return g.PROFIEL_PER_CODE[code]
        return self.rng.choices(g.PROFIELEN, weights=[p.gewicht for p in g.PROFIELEN])[0]

    def vul_ontbrekende_fasen(self) -> None:
        """At small scales, make sure every stage occurs at least once (taking households from the largest stage)."""
        telling = Counter(hh.fase for hh in self.huishoudens)
        for fase, _ in FASEN:
            if telling[fase]:
                continue
            grootste = max(telling, key=lambda f: (telling[f], -FASE_VOLGORDE[f]))
            if telling[grootste] <= 1:
                return
            kandidaten = [hh for hh in self.huishoudens if hh.fase == grootste]
            hh = self.rng.choice(kandidaten)
            hh.fase = fase
            hh.profiel = self.kies_profiel(fase)
            telling[grootste] -= 1
            telling[fase] += 1

    def wijs_generalisten_toe(self) -> None:
        """Round robin per gebied over the stages, so each generalist gets a mixed, realistic worklist."""
        for info in self.teams.values():
            eigen = [hh for hh in self.huishoudens if hh.gebied is info["gebied"]]
            eigen.sort(key=lambda h: (FASE_VOLGORDE.get(h.fase, -1), h.index))
            generalisten = info["generalisten"]
            for i, hh in enumerate(eigen):
                hh.generalist = generalisten[i % len(generalisten)]

    def persoon(self, hh: _Hh, *, leeftijd: int, geslacht: str, familie: tuple[str, str] | None = None, voornaam: str = "") -> Persoon:
        geboortedatum = self.geboren(leeftijd)
        generatie = self.generatie(geboortedatum)
        eerste, voorvoegsel, achternaam = self.naam(generatie, geslacht)
        if familie:
            voorvoegsel, achternaam = familie
        voornamen = voornaam or eerste
        if not voornaam and generatie == "oud" and self.rng.random() < 0.6:
            tweede = self.rng.choice(g.VOORNAMEN["oud"][geslacht])
            if tweede != voornamen:
                voornamen = f"{voornamen} {tweede}"
        self.bsn_teller += 1
        adres = self.adres_voor(hh)
        return Persoon(
            bsn=demo_bsn(self.bsn_teller),
            voornamen=voornamen,
            voorvoegsel=voorvoegsel,
            geslachtsnaam=achternaam,
            geboortedatum=geboortedatum,
            geslacht=Geslacht.MAN if geslacht == "M" else Geslacht.VROUW,
            gemeente=hh.gemeente,
            gebied=hh.gebied,
            **adres,
        )

    def adres_voor(self, hh: _Hh) -> dict:
        if not hh.adres:
            postcodes = hh.gebieddef.postcodes
            pc4, woonplaats = self.rng.choices(postcodes, weights=[3] + [1] * (len(postcodes) - 1))[0]
            while True:
                letters = self.rng.choice(POSTCODELETTERS) + self.rng.choice(POSTCODELETTERS)
                if letters not in ONGEBRUIKTE_LETTERCOMBINATIES:
                    break
            hh.adres = {
                "straat": self.rng.choice(hh.gebieddef.straten),
                "huisnummer": self.rng.randint(1, 180),
                "huisletter": self.rng.choice("ABC") if self.rng.random() < 0.08 else "",
                "postcode": f"{pc4}{letters}",
                "woonplaats": woonplaats,
            }
        return dict(hh.adres)

    def maak_leden(self, hh: _Hh) -> None:
        rng, code = self.rng, hh.profiel.code
        volwassenen: list[tuple[Persoon, str]] = []
        kinderen: list[Persoon] = []
        ex: Persoon | None = None
        if hh.fase == "jordi":
            jordi = self.persoon(hh, leeftijd=31, geslacht="M", familie=("van", "Leeuwen"), voornaam="Jordi")
            volwassenen.append((jordi, LidRol.AANVRAGER))
        elif code == "oudere_alleen":
            leeftijd = round(rng.triangular(74, 97, 86))
            volwassenen.append((self.persoon(hh, leeftijd=leeftijd, geslacht="V" if rng.random() < 0.7 else "M"), LidRol.AANVRAGER))
        elif code == "ouder_echtpaar":
            leeftijd = rng.randint(72, 92)
            geslacht = rng.choice("MV")
            volwassenen.append((self.persoon(hh, leeftijd=leeftijd, geslacht=geslacht), LidRol.AANVRAGER))
            ander = geslacht if rng.random() < 0.03 else ("V" if geslacht == "M" else "M")
            volwassenen.append((self.persoon(hh, leeftijd=max(65, leeftijd + rng.randint(-5, 4)), geslacht=ander), LidRol.PARTNER))
        elif code in ("gezin", "eenoudergezin"):
            leeftijd = rng.randint(28, 50) if code == "gezin" else rng.randint(24, 50)
            moeder = rng.random() < (0.6 if code == "gezin" else 0.85)
            ouder = self.persoon(hh, leeftijd=leeftijd, geslacht="V" if moeder else "M")
            volwassenen.append((ouder, LidRol.AANVRAGER))
            tweede = self.persoon(hh, leeftijd=max(20, leeftijd + rng.randint(-3, 4)), geslacht="M" if moeder else "V")
            familie = (tweede.voorvoegsel, tweede.geslachtsnaam) if moeder else (ouder.voorvoegsel, ouder.geslachtsnaam)
            if code == "gezin":
                volwassenen.append((tweede, LidRol.PARTNER))
            elif rng.random() < 0.5:
                ex = tweede  # the ex-partner left the household; the membership history keeps that
            else:
                familie = (ouder.voorvoegsel, ouder.geslachtsnaam)  # tweede stays out of the demo
            for _ in range(rng.choice((1, 1, 2, 2, 2, 3, 4)) if code == "gezin" else rng.choice((1, 2, 2, 3))):
                kind = self.persoon(hh, leeftijd=rng.randint(0, min(17, leeftijd - 20)), geslacht=rng.choice("MV"), familie=familie)
                kinderen.append(kind)
        elif code == "jongvolwassene":
            volwassenen.append((self.persoon(hh, leeftijd=rng.randint(20, 30), geslacht=rng.choice("MMV")), LidRol.AANVRAGER))
        else:
            volwassenen.append((self.persoon(hh, leeftijd=rng.randint(30, 66), geslacht=rng.choice("MV")), LidRol.AANVRAGER))

        jongste_volwassene = max(p.geboortedatum for p, _ in volwassenen)
        vroegst = date(jongste_volwassene.year + 19, 6, 1)
        laatst = self.vandaag - timedelta(days=600)  # before the oldest melding of the demo
        start = laatst - timedelta(days=rng.randint(0, max(0, (laatst - vroegst).days)))
        start = max(start, vroegst) if vroegst <= laatst else laatst
        for p, rol in volwassenen:
            hh.leden.append((p, rol, start, None))
        for kind in sorted(kinderen, key=lambda k: k.geboortedatum):
            hh.leden.append((kind, LidRol.KIND, max(start, kind.geboortedatum), None))
        if ex is not None:
            vertrek = self.vandaag - timedelta(days=rng.randint(610, 1500))
            if vertrek > start:
                # Moved out of the region: the BRP address is elsewhere, no gebied here.
                ex.straat, ex.huisnummer, ex.huisletter, ex.postcode, ex.woonplaats = "", None, "", "", "Leiden"
                ex.gebied = ex.gemeente = None
                hh.leden.append((ex, LidRol.PARTNER, start, vertrek))

    def huishouden_object(self, hh: _Hh) -> Huishouden:
        a = hh.aanvrager
        return Huishouden(
            naam=f"Huishouden {_achternaam(a.voorvoegsel, a.geslachtsnaam)}",
            straat=a.straat,
            huisnummer=a.huisnummer,
            huisletter=a.huisletter,
            postcode=a.postcode,
            woonplaats=a.woonplaats,
            gemeente=hh.gemeente,
            gebied=hh.gebied,
        )

    def netwerklid(self, hh: _Hh, rol: str, relatie: str, *, familie: bool = True, voor: Persoon | None = None, **velden) -> Netwerklid:
        geslacht = "V" if relatie in ("dochter", "moeder", "zus", "buurvrouw", "nicht", "schoondochter", "oma") else "M"
        generatie = "midden" if relatie not in ("oma",) else "oud"
        voornaam, voorvoegsel, achternaam = self.naam(generatie, geslacht)
        zelfde_naam = relatie in ("zoon", "broer", "vader") or (relatie == "dochter" and self.rng.random() < 0.4)
        if familie and zelfde_naam:
            voorvoegsel, achternaam = hh.aanvrager.voorvoegsel, hh.aanvrager.geslachtsnaam
        naam = " ".join(x for x in (voornaam, voorvoegsel, achternaam) if x)
        lid = Netwerklid(huishouden=hh.huishouden, voor_persoon=voor or hh.aanvrager, naam=naam, rol=rol, relatie=relatie, **velden)
        hh.netwerk.append(lid)
        return lid

    def mantelzorger(self, hh: _Hh, relatie: str, voor: Persoon | None = None) -> Netwerklid:
        uren = self.rng.choice((2, 4, 4, 6, 8, 8, 10, 12, 16, 20, 24))
        kans = g.AANDEEL_OVERBELAST * (2.2 if uren >= 16 else 0.7)
        return self.netwerklid(
            hh,
            NetwerkRol.MANTELZORGER,
            relatie,
            voor=voor,
            taken=self.rng.choice(g.TAKEN_MANTELZORG),
            uren_per_week=uren,
            overbelast=self.rng.random() < kans,
        )

    def maak_netwerk(self, hh: _Hh) -> None:
        rng, code = self.rng, hh.profiel.code
        if hh.fase == "jordi":
            self.netwerklid(
                hh,
                NetwerkRol.MANTELZORGER,
                "moeder",
                taken="Kwam dagelijks langs om te helpen met het huishouden en de post; kan dat na een ongeval voorlopig niet meer.",
                uren_per_week=10,
            )
            hh.netwerk[-1].naam = "Ria van Leeuwen"
            return
        if code == "oudere_alleen":
            if rng.random() < 0.85:
                self.mantelzorger(hh, rng.choice(("dochter", "dochter", "zoon", "schoondochter", "nicht")))
            if rng.random() < 0.3:
                self.netwerklid(hh, NetwerkRol.BUREN, "buurvrouw", familie=False, taken="Kijkt dagelijks even of alles in orde is.")
            if rng.random() < 0.12:
                rol = rng.choice((NetwerkRol.MENTOR, NetwerkRol.CURATOR))
                self.netwerklid(hh, rol, rng.choice(("zoon", "dochter")), taken="Behartigt de zorgbelangen.")
            elif rng.random() < 0.08:
                self.bewindvoerder(hh)
        elif code == "ouder_echtpaar":
            if rng.random() < 0.85:
                self.mantelzorger(hh, rng.choice(("dochter", "zoon", "dochter")))
            if rng.random() < 0.12 and hh.partner:
                self.netwerklid(hh, NetwerkRol.MENTOR, "zoon", voor=hh.partner, taken="Mentor vanwege de dementie van de partner.")
        elif code == "gezin":
            if rng.random() < 0.6:
                self.netwerklid(hh, NetwerkRol.FAMILIE, "oma", familie=False, taken="Vangt de kinderen twee middagen per week op.")
            if rng.random() < 0.1:
                self.netwerklid(hh, NetwerkRol.BUREN, "buurvrouw", familie=False, taken="Haalt soms de kinderen uit school.")
        elif code == "eenoudergezin":
            if rng.random() < 0.65:
                self.netwerklid(hh, NetwerkRol.FAMILIE, rng.choice(("zus", "moeder")), familie=False, taken="Helpt met de kinderen.")
            if rng.random() < 0.15:
                self.bewindvoerder(hh)
        elif code == "jongvolwassene":
            if rng.random() < 0.85:
                self.mantelzorger(hh, rng.choice(("moeder", "moeder", "vader")))
            if rng.random() < 0.35:
                ouder = rng.choice(("moeder", "vader"))
                self.netwerklid(hh, NetwerkRol.MENTOR, ouder, taken="Mentor: beslist mee over zorg en begeleiding.")
            if rng.random() < 0.2:
                self.bewindvoerder(hh)
        else:
            if rng.random() < 0.45:
                self.netwerklid(hh, NetwerkRol.FAMILIE, rng.choice(("broer", "zus")), taken="Springt bij waar het kan.")
            if rng.random() < 0.3:
                self.bewindvoerder(hh)
        if rng.random() < 0.08:
            taak = "Onafhankelijke cliëntondersteuning."
            self.netwerklid(hh, NetwerkRol.CLIENTONDERSTEUNER, "cliëntondersteuner", familie=False, taken=taak)
            hh.netwerk[-1].naam = f"{hh.netwerk[-1].naam} (MEE)"

    def bewindvoerder(self, hh: _Hh) -> None:
        taak = "Beschermingsbewind over inkomen en vermogen."
        lid = self.netwerklid(hh, NetwerkRol.BEWINDVOERDER, "bewindvoerder", familie=False, taken=taak)
        lid.naam = f"{lid.naam} ({self.rng.choice(g.BEWINDVOERDERS)})"

    def zorg_voor_bijzondere_netwerken(self) -> None:
        """At small scales: at least one overburdened mantelzorger and one legal representative."""
        mantelzorgers = [n for hh in self.huishoudens for n in hh.netwerk if n.rol == NetwerkRol.MANTELZORGER]
        if mantelzorgers and not any(n.overbelast for n in mantelzorgers):
            mantelzorgers[0].overbelast = True
            mantelzorgers[0].uren_per_week = 24
        if not any(hh.vertegenwoordiger for hh in self.huishoudens):
            hh = next((h for h in self.huishoudens if h.fase == "plan_actief"), self.huishoudens[0])
            self.bewindvoerder(hh)

    # --- the flow -------------------------------------------------------------------------------

    def stroom(self) -> None:
        per_gemeente: dict[int, list[_Hh]] = {}
        for hh in self.huishoudens:
            per_gemeente.setdefault(hh.gemeente.pk, []).append(hh)
        for lijst in per_gemeente.values():
            begin, voor = time.perf_counter(), Counter(self.tellers)
            for hh in lijst:
                getattr(self, f"fase_{hh.fase}")(hh)
                self.tellers[f"fase_{'onderzoek_lopend' if hh.fase == 'jordi' else hh.fase}"] += 1
            erbij = self.tellers - voor
            self.uitvoer(
                f"  {lijst[0].gemeente.naam:<16} {len(lijst):>5} huishoudens  {erbij['meldingen']:>5} meldingen  "
                f"{erbij['onderzoeken']:>4} onderzoeken  {erbij['plannen']:>4} plannen  ({time.perf_counter() - begin:.1f} s)"
            )

    def context(self, hh: _Hh) -> dict[str, str]:
        a = hh.aanvrager
        man = a.geslacht == Geslacht.MAN
        achternaam = _achternaam(a.voorvoegsel, a.geslachtsnaam)
        return {
            "aanhef": f"{'meneer' if man else 'mevrouw'} {achternaam}",
            "achternaam": achternaam,
            "voornaam": a.voornamen.split()[0],
            "leeftijd": str(a.leeftijd(self.vandaag)),
            "hij": "hij" if man else "zij",
            "Hij": "Hij" if man else "Zij",
            "zijn": "zijn" if man else "haar",
            "hem": "hem" if man else "haar",
        }

    def tekst(self, hh: _Hh, sjabloon: str, **extra: str) -> str:
        return _zin(sjabloon.format(**(self.context(hh) | extra)))

    def teamlid(self, hh: _Hh) -> Medewerker:
        info = self.teams[hh.gebied.pk]
        return self.rng.choice([info["teamleider"], *info["generalisten"]])

    def melding(self, hh: _Hh, datum: date, *, tweede: bool = False, acuut: bool = False, uren: tuple[int, int] = (8, 16)) -> Melding:
        """Register the (first or a second) melding about this household through the service."""
        rng, p = self.rng, hh.profiel
        ontvangen = self.moment(datum, *uren)
        familie = hh.netwerk_met_rol(NetwerkRol.MANTELZORGER, NetwerkRol.FAMILIE, NetwerkRol.MENTOR)
        velden: dict = {}
        if tweede:
            bron, sjabloon = rng.choice(p.tweede_signaal)
            if bron == "familie" and not familie:
                bron, sjabloon = next(((b, s) for b, s in p.tweede_signaal if b != "familie"), (p.vindplaatsen[0], sjabloon))
            kern = self.tekst(hh, sjabloon)
        else:
            i = rng.randrange(len(p.vragen))
            bron = rng.choices(("inwoner", "familie", "vindplaats"), weights=(40, 25 if familie else 0, 35))[0]
            if bron == "vindplaats":
                bron = rng.choice(p.vraag_vindplaatsen[i])
            kern = self.tekst(hh, p.vragen[i])
            if acuut:
                kern = f"{kern} {self.tekst(hh, g.ACUUT[p.code])}"
        if bron == "inwoner":
            kanaal = rng.choices((Kanaal.TELEFOON, Kanaal.BALIE, Kanaal.WEB, Kanaal.EMAIL), weights=(50, 20, 20, 10))[0]
            melder_type, vraag = MelderType.INWONER, kern
            velden["client_op_de_hoogte"] = True
        elif bron == "familie":
            lid = rng.choice(familie)
            kanaal = rng.choice((Kanaal.TELEFOON, Kanaal.TELEFOON, Kanaal.EMAIL))
            melder_type = MelderType.VERTEGENWOORDIGER
            velden |= {"melder_naam": f"{lid.naam} ({lid.relatie})", "client_op_de_hoogte": True}
            vraag = f"{_zin(lid.relatie)} {lid.naam} {'belt' if kanaal == Kanaal.TELEFOON else 'mailt'}: {kern}"
        else:
            kanaal, melder_type = Kanaal.VINDPLAATS, MelderType.PROFESSIONAL
            organisatie = g.ORGANISATIE_PER_VINDPLAATS[bron].format(woonplaats=hh.aanvrager.woonplaats)
            voornaam, voorvoegsel, achternaam = self.naam("midden", rng.choice("MV"))
            velden |= {
                "vindplaats": bron,
                "melder_organisatie": organisatie,
                "melder_naam": " ".join(x for x in (voornaam, voorvoegsel, achternaam) if x),
                "client_op_de_hoogte": bron != "politie" or rng.random() < 0.5,
            }
            vraag = f"{organisatie} meldt: {kern}"
        door = None if kanaal == Kanaal.WEB else self.teamlid(hh)
        focus = [self.leefgebieden[c] for c in hh.profiel.focus[: rng.randint(1, 3)] if c in self.leefgebieden]
        m = toegang.registreer_melding(
            door,
            gemeente=hh.gemeente,
            vraag=vraag,
            kanaal=kanaal,
            melder_type=melder_type,
            ontvangen_op=ontvangen,
            persoon=hh.aanvrager,
            huishouden=hh.huishouden,
            **velden,
        )
        self.melding_leefgebieden += [(m.pk, lg.pk) for lg in focus]  # tags without rules: inserted in bulk at the end
        self.tellers["meldingen"] += 1
        return m

    def trieer_naar_team(self, hh: _Hh, m: Melding, *, acuut: bool = False) -> Melding:
        info = self.teams[hh.gebied.pk]
        door = self.rng.choice((info["teamleider"], hh.generalist))
        toegang.trieer(
            door,
            m,
            uitkomst=TriageUitkomst.ACUUT if acuut else TriageUitkomst.GEBIEDSTEAM,
            verwachte_versie=m.version,
            vraagtype=Vraagtype.SPOED if acuut else self.rng.choice((Vraagtype.MEERVOUDIG, Vraagtype.COMPLEX, Vraagtype.ENKELVOUDIG)),
            toelichting=(
                "Direct huisbezoek nodig; de veiligheid in huis is onvoldoende." if acuut else self.rng.choice(TRIAGE_GEBIEDSTEAM)
            ),
            toewijzen_aan=hh.generalist,
        )
        getrieerd = self.uren_later(m.ontvangen_op, 0, 1) if acuut else self.uren_later(m.ontvangen_op, 1, 30)
        self.later(Melding, m.pk, getrieerd_op=getrieerd)
        return m

    def trieer_afgehandeld(self, hh: _Hh, m: Melding, uitkomst: str) -> None:
        info = self.teams[hh.gebied.pk]
        door = self.rng.choice((info["teamleider"], hh.generalist))
        if uitkomst == TriageUitkomst.DIRECT:
            advies, naar = self.rng.choice(hh.profiel.direct)
            extra = {"vraagtype": Vraagtype.ENKELVOUDIG}
        else:
            wlz = uitkomst == Voorliggend.WLZ
            advies, naar = self.rng.choice(hh.profiel.wlz if wlz else hh.profiel.zvw)
            extra = {"vraagtype": Vraagtype.ENKELVOUDIG, "voorliggend": uitkomst}
            uitkomst = TriageUitkomst.VOORLIGGEND
        toegang.trieer(door, m, uitkomst=uitkomst, verwachte_versie=m.version, toelichting=advies, doorverwezen_naar=naar, **extra)
        moment = self.uren_later(m.ontvangen_op, 0, 48)
        self.later(Melding, m.pk, getrieerd_op=moment, afgesloten_op=moment)

    def onderzoek(self, hh: _Hh, m: Melding) -> Onderzoek:
        o = toegang.start_onderzoek(hh.generalist, m, behandelaar=hh.generalist)
        self.tellers["onderzoeken"] += 1
        return o

    def bevindingen(self, hh: _Hh) -> list[toegang.Bevinding]:
        p, rng = hh.profiel, self.rng
        codes = list(p.focus) + rng.sample(p.overig, k=min(len(p.overig), rng.choice((0, 1, 1, 2))))
        persoonlijk = p.code in ("oudere_alleen", "jongvolwassene", "volwassene_alleen")
        uit: list[toegang.Bevinding] = []
        for i, code in enumerate(codes):
            if code not in self.leefgebieden:
                continue
            score = rng.choice((1, 2, 2, 3, 3)) if i < len(p.focus) else rng.choice((3, 4, 4, 5))
            hh.scores[code] = score
            tekst = g.BEVINDINGEN[code][0 if score <= 2 else 1 if score == 3 else 2]
            uit.append(toegang.Bevinding(self.leefgebieden[code], tekst, score, hh.aanvrager if persoonlijk else None))
        return uit

    def gesprek(self, hh: _Hh, o: Onderzoek, wanneer: datetime, *, gehouden: bool):
        rng = self.rng
        deelnemers = [hh.aanvrager.naam] + ([hh.partner.naam] if hh.partner else [])
        deelnemers += [f"{n.naam} ({n.relatie})" for n in hh.netwerk[:2]]
        ondersteuner = any(n.rol == NetwerkRol.CLIENTONDERSTEUNER for n in hh.netwerk) or rng.random() < 0.1
        gesprek = toegang.plan_gesprek(
            hh.generalist,
            o,
            wanneer,
            plaats=rng.choices((Gespreksplaats.THUIS, Gespreksplaats.WIJKCENTRUM, Gespreksplaats.TELEFONISCH), weights=(75, 20, 5))[0],
            deelnemers=", ".join(deelnemers),
            clientondersteuner_aanwezig=ondersteuner,
            tolk_aanwezig=rng.random() < 0.03,
            gewezen_op_clientondersteuning=True,
        )
        if gehouden:
            toegang.leg_gesprek_vast(
                hh.generalist,
                gesprek,
                verwachte_versie=gesprek.version,
                gehouden_op=wanneer,
                bevindingen=self.bevindingen(hh),
                samenvatting=self.tekst(hh, rng.choice(hh.profiel.samenvattingen)),
            )
            self.tellers["gesprekken"] += 1
        return gesprek

    def rond_af(self, hh: _Hh, o: Onderzoek, m: Melding, op: date) -> None:
        toegang.rond_onderzoek_af(
            hh.generalist, o, "Vraag en mogelijkheden in beeld; afspraken worden vastgelegd in het ondersteuningsplan.", op=op
        )
        # Newer versions of the service close the melding "now"; `afronden` dates that back to this moment.
        self.afgerond[m.pk] = self.moment(op, 12, 16)

    def uitvoerder(self, hh: _Hh, wie: str) -> tuple[str, Netwerklid | None] | None:
        if wie == "inwoner":
            if hh.profiel.code == "gezin":
                return "Ouders", None
            if hh.profiel.code == "ouder_echtpaar":
                return f"Echtpaar {_achternaam(hh.aanvrager.voorvoegsel, hh.aanvrager.geslachtsnaam)}", None
            return hh.aanvrager.naam, None
        if wie == "netwerk":
            lid = next(iter(hh.netwerk_met_rol(NetwerkRol.MANTELZORGER, NetwerkRol.FAMILIE, NetwerkRol.BUREN)), None)
            return (f"{lid.naam} ({lid.relatie})", lid) if lid else None
        return {
            "vrijwilliger": f"Vrijwilliger via {g.welzijn(hh.gemeente.naam)}",
            "welzijn": g.welzijn(hh.gemeente.naam),
            "aanbieder": self.rng.choice(g.AANBIEDERS),
            "isd": g.ISD,
        }.get(wie, wie), None

    def plan(self, hh: _Hh, o: Onderzoek | None, aangemaakt: date, van: date, *, kort: bool = False) -> Ondersteuningsplan:
        """A plan with 2-3 goals (1-2 for a short trajectory), each with 1-3 actions on the afwegingsladder."""
        rng, p = self.rng, hh.profiel
        gen = hh.generalist
        plan = plannen.maak_plan(gen, hh.huishouden, regisseur=gen, onderzoek=o, toelichting=self.tekst(hh, rng.choice(p.samenvattingen)))
        self.later(Ondersteuningsplan, plan.pk, aangemaakt_op=self.moment(aangemaakt))
        self.tellers["plannen"] += 1
        # The review date the service would derive per action, asked once per plan (all actions start on `van`).
        standaard = plannen.standaard_evaluatiedatum(plan, van)
        zonder_maatwerk = rng.random() < 0.25  # seed 002: maatwerk in most plans, the policy wants fewer
        aantal = rng.choice((1, 2)) if kort else rng.choice((2, 2, 3))
        doelen = rng.sample(p.doelen, k=min(aantal, len(p.doelen)))
        for doeldef in sorted(doelen, key=p.doelen.index):
            persoon = {"aanvrager": hh.aanvrager, "partner": hh.partner or hh.aanvrager, "huishouden": None}[doeldef.voor]
            naam = (persoon or hh.aanvrager).voornamen.split()[0]
            doel = plannen.voeg_doel_toe(
                gen,
                plan,
                plan.version,
                leefgebied=self.leefgebieden[doeldef.leefgebied],
                omschrijving=doeldef.omschrijving.format(voornaam=naam),
                beoogd_resultaat=doeldef.resultaat.format(voornaam=naam),
                persoon=persoon,
            )
            maatwerk = [a for a in doeldef.acties if a[0] == "maatwerk" and not zonder_maatwerk]
            overig = [a for a in doeldef.acties if a[0] != "maatwerk"] or maatwerk
            gekozen = maatwerk[:1] + rng.sample(overig, k=min(len(overig), 1 if kort else rng.choice((1, 2, 2))))
            for trede, omschrijving, wie, voorziening in sorted(set(gekozen), key=doeldef.acties.index):
                uitvoerder = self.uitvoerder(hh, wie)
                if uitvoerder is None:
                    continue
                tot = van + timedelta(days=rng.randint(90, 365)) if rng.random() < 0.3 else None
                actie = plannen.voeg_actie_toe(
                    gen,
                    doel,
                    plan.version,
                    trede=trede,
                    omschrijving=omschrijving.format(voornaam=naam),
                    uitvoerder=uitvoerder[0],
                    netwerklid=uitvoerder[1],
                    voorziening=voorziening,
                    van=van,
                    tot=tot,
                    **self.besluiten.catalogus_keuze(hh, trede, voorziening),
                    evaluatiedatum=tot if tot and tot < standaard else standaard,
                )
                self.besluiten.noteer_actie(hh, plan, actie, voorziening, persoon)
                self.tellers["acties"] += 1
        return plan

    def versie(self, hh: _Hh, plan: Ondersteuningsplan, op: date, toelichting: str) -> Planversie:
        versie = plannen.leg_versie_vast(hh.generalist, plan, plan.version, toelichting=toelichting)
        self.later(Planversie, versie.pk, gemaakt_op=self.moment(op))
        return versie

    def teken(self, hh: _Hh, plan: Ondersteuningsplan, versie: Planversie, op: date, *, alleen_professional: bool = False) -> None:
        rng = self.rng
        if not alleen_professional:
            v = hh.vertegenwoordiger
            if v is not None and (hh.profiel.code in ("jongvolwassene", "ouder_echtpaar", "oudere_alleen") or rng.random() < 0.3):
                rol = OndertekenaarRol.VERTEGENWOORDIGER
                t = plannen.onderteken(hh.generalist, versie, rol=rol, methode=Ondertekenmethode.PAPIER, datum=op, netwerklid=v)
            else:
                methode = rng.choices([m.value for m in METHODEN_VOOR_MEDEWERKER], weights=(45, 35, 20))[0]
                t = plannen.onderteken(hh.generalist, versie, rol=OndertekenaarRol.INWONER, methode=methode, datum=op, persoon=hh.aanvrager)
            self.later(Ondertekening, t.pk, vastgelegd_op=self.moment(op))
        t = plannen.onderteken(hh.generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL, datum=op)
        self.later(Ondertekening, t.pk, vastgelegd_op=self.moment(op))
        plan.refresh_from_db()

    def evalueer(self, hh: _Hh, plan: Ondersteuningsplan, op: date, besluit: str) -> None:
        rng = self.rng
        stap = (1, 1, 2) if besluit == EvaluatieBesluit.AFSLUITEN else (0, 0, 1, 1, 2)
        scores = {self.leefgebieden[c]: min(5, s + rng.choice(stap)) for c, s in hh.scores.items() if c in hh.profiel.focus}
        toelichting = {
            EvaluatieBesluit.VOORTZETTEN: "Afspraken werken; doelen nog niet helemaal bereikt. Plan loopt door.",
            EvaluatieBesluit.BIJSTELLEN: rng.choice(g.BIJSTELREDENEN),
            EvaluatieBesluit.AFSLUITEN: self.tekst(hh, rng.choice(g.AFSLUITREDENEN)),
        }[besluit]
        persoonlijk = hh.profiel.code in ("oudere_alleen", "jongvolwassene", "volwassene_alleen")
        plannen.evalueer(
            hh.generalist,
            plan,
            plan.version,
            datum=op,
            besluit=besluit,
            toelichting=toelichting,
            scores=scores,
            persoon=hh.aanvrager if persoonlijk else None,
        )
        self.tellers["evaluaties"] += 1

    def inkomensvraag(self, hh: _Hh, op: date, plan: Ondersteuningsplan | None = None) -> None:
        kans = 0.4 if hh.profiel.code in ("gezin", "eenoudergezin", "volwassene_alleen") else 0.08
        if self.rng.random() >= kans:
            return
        omschrijving, naar = self.rng.choice(g.INKOMENSVRAGEN)
        vraag = plannen.registreer_inkomensvraag(
            hh.generalist, hh.huishouden, omschrijving=omschrijving, datum=op, doorgezet_naar=naar, plan=plan
        )
        if op < self.vandaag - timedelta(days=45):
            self.later(Inkomensvraag, vraag.pk, afgehandeld=True)
        self.tellers["inkomensvragen"] += 1

    def misschien_gekoppeld(self, hh: _Hh, na: date) -> None:
        """A second melding about a household with a running case (seed 001, the Jordi case): the service links it."""
        if self.rng.random() >= 0.08:
            return
        vroegst = max(na + timedelta(days=1), self.vandaag - timedelta(days=25))
        if vroegst > self.gisteren:
            return
        datum = vroegst + timedelta(days=self.rng.randint(0, (self.gisteren - vroegst).days))
        self.melding(hh, datum, tweede=True)
        self.tellers["gekoppeld"] += 1

    # --- the stages ------------------------------------------------------------------------------

    def fase_nieuw(self, hh: _Hh) -> None:
        self.melding(hh, self.dagen_terug(1, 5))

    def fase_toegewezen(self, hh: _Hh) -> None:
        d = self.dagen_terug(1, 10)
        self.trieer_naar_team(hh, self.melding(hh, d))
        self.misschien_gekoppeld(hh, d)

    def fase_acuut(self, hh: _Hh) -> None:
        d = self.dagen_terug(1, 25)
        m = self.melding(hh, d, acuut=True, uren=(8, 12))
        self.trieer_naar_team(hh, m, acuut=True)
        o = self.onderzoek(hh, m)
        self.gesprek(hh, o, min(m.ontvangen_op + timedelta(hours=3), self.grens), gehouden=True)
        self.besluiten.bij_acuut(hh, d)
        self.misschien_gekoppeld(hh, d)

    def fase_direct(self, hh: _Hh) -> None:
        self.trieer_afgehandeld(hh, self.melding(hh, self.dagen_terug(1, 540)), TriageUitkomst.DIRECT)

    def fase_voorliggend_zvw(self, hh: _Hh) -> None:
        self.trieer_afgehandeld(hh, self.melding(hh, self.dagen_terug(1, 540)), Voorliggend.ZVW)

    def fase_voorliggend_wlz(self, hh: _Hh) -> None:
        self.trieer_afgehandeld(hh, self.melding(hh, self.dagen_terug(1, 540)), Voorliggend.WLZ)

    def gestart(self, hh: _Hh, a: int, b: int) -> tuple[date, Melding, Onderzoek]:
        d = self.dagen_terug(a, b)
        m = self.trieer_naar_team(hh, self.melding(hh, d))
        return d, m, self.onderzoek(hh, m)

    def later_gepland(self, d: date, a: int, b: int) -> datetime:
        return self.moment(max(d + timedelta(days=self.rng.randint(5, 14)), self.vandaag + timedelta(days=self.rng.randint(a, b))))

    def fase_onderzoek_lopend(self, hh: _Hh) -> None:
        d, m, o = self.gestart(hh, 3, 30)
        if self.rng.random() < 0.25 and d + timedelta(days=6) <= self.gisteren:
            van = d + timedelta(days=2)
            s = toegang.schort_op(hh.generalist, o, self.rng.choice(g.OPSCHORTINGSREDENEN), van)
            toegang.beeindig_opschorting(hh.generalist, s, self.na(van, 3, 10))
        self.gesprek(hh, o, self.later_gepland(d, 1, 10), gehouden=False)
        self.misschien_gekoppeld(hh, d)

    def fase_onderzoek_bijna(self, hh: _Hh) -> None:
        d, m, o = self.gestart(hh, 36, 41)  # deadline (42 days) within the warning margin
        if self.rng.random() < 0.5:
            self.gesprek(hh, o, self.moment(self.na(d, 14, 30)), gehouden=True)
        else:
            self.gesprek(hh, o, self.later_gepland(d, 1, 3), gehouden=False)
        self.misschien_gekoppeld(hh, d)

    def fase_onderzoek_verlopen(self, hh: _Hh) -> None:
        d, m, o = self.gestart(hh, 44, 80)
        if self.rng.random() < 0.4:
            self.gesprek(hh, o, self.moment(self.na(d, 20, 40)), gehouden=True)
        else:
            self.gesprek(hh, o, self.later_gepland(d, 1, 7), gehouden=False)
        self.misschien_gekoppeld(hh, d)

    def fase_onderzoek_opgeschort(self, hh: _Hh) -> None:
        d, m, o = self.gestart(hh, 15, 70)
        van = self.na(d, 3, 20)
        if self.rng.random() < 0.5 and van - timedelta(days=2) > d:
            self.gesprek(hh, o, self.moment(van - timedelta(days=1)), gehouden=True)
        toegang.schort_op(hh.generalist, o, self.rng.choice(g.OPSCHORTINGSREDENEN), van)
        self.misschien_gekoppeld(hh, d)

    def fase_gesprek_gehouden(self, hh: _Hh) -> None:
        d, m, o = self.gestart(hh, 10, 35)
        gehouden = self.na(d, 3, 20)
        self.gesprek(hh, o, self.moment(gehouden), gehouden=True)
        self.inkomensvraag(hh, gehouden)
        self.misschien_gekoppeld(hh, d)

    def fase_onderzoek_gestopt(self, hh: _Hh) -> None:
        d, m, o = self.gestart(hh, 20, 400)
        gestopt = self.na(d, 7, 30)
        # No service stops an onderzoek (yet): the withdrawal is recorded directly, with its date.
        Onderzoek.objects.filter(pk=o.pk).update(
            status=OnderzoekStatus.GESTOPT,
            afgerond_op=gestopt,
            conclusie="Inwoner heeft de vraag ingetrokken: de familie regelt de ondersteuning zelf.",
        )
        Melding.objects.filter(pk=m.pk).update(status=MeldingStatus.AFGESLOTEN, afgesloten_op=self.moment(gestopt))

    def naar_plan(self, hh: _Hh, a: int, b: int) -> tuple[Melding, Onderzoek, date, date]:
        """Melding a..b days ago, gesprek held, onderzoek closed; returns the dates of gesprek and closing."""
        d, m, o = self.gestart(hh, a, b)
        gehouden = self.na(d, 5, 20)
        self.gesprek(hh, o, self.moment(gehouden), gehouden=True)
        afgerond = self.na(gehouden, 1, 6)
        self.rond_af(hh, o, m, afgerond)
        return m, o, gehouden, afgerond

    def actief_plan(self, hh: _Hh, a: int, b: int, *, kort: bool = False) -> tuple[Ondersteuningsplan, date, date]:
        m, o, gehouden, afgerond = self.naar_plan(hh, a, b)
        getekend = self.na(afgerond, 3, 21)
        plan = self.plan(hh, o, afgerond, getekend, kort=kort)
        versie = self.versie(hh, plan, min(afgerond + timedelta(days=2), getekend), "Eerste versie, besproken aan de keukentafel.")
        self.teken(hh, plan, versie, getekend)
        self.besluiten.na_ondertekening(hh, plan, getekend)
        self.inkomensvraag(hh, gehouden, plan)
        return plan, afgerond, getekend

    def fase_plan_concept(self, hh: _Hh) -> None:
        m, o, gehouden, afgerond = self.naar_plan(hh, 20, 60)
        plan = self.plan(hh, o, afgerond, self.na(afgerond, 1, 14))
        keuze = self.rng.random()
        if keuze >= 0.4:
            versie = self.versie(hh, plan, self.na(afgerond, 0, 3), "Concept ter ondertekening.")
            if keuze >= 0.75:
                self.teken(hh, plan, versie, self.na(afgerond, 1, 4), alleen_professional=True)
        self.besluiten.bij_concept(hh, plan, afgerond)
        self.inkomensvraag(hh, gehouden, plan)
        self.misschien_gekoppeld(hh, afgerond)

    def fase_plan_actief(self, hh: _Hh) -> None:
        plan, _, getekend = self.actief_plan(hh, 50, 370)  # evaluation date (signing + 12 months) still ahead
        self.misschien_gekoppeld(hh, getekend)

    def fase_plan_evaluatie_nodig(self, hh: _Hh) -> None:
        plan, _, getekend = self.actief_plan(hh, 380, 450)  # evaluation date around today, mostly passed
        self.misschien_gekoppeld(hh, getekend)

    def fase_plan_geevalueerd(self, hh: _Hh) -> None:
        plan, _, getekend = self.actief_plan(hh, 420, 540)
        moment = min(max(plan.evaluatiedatum + timedelta(days=self.rng.randint(-14, 21)), getekend + timedelta(days=30)), self.gisteren)
        if self.rng.random() < 0.6:
            self.evalueer(hh, plan, moment, EvaluatieBesluit.VOORTZETTEN)
            self.besluiten.na_evaluatie(hh, plan, moment, EvaluatieBesluit.VOORTZETTEN)
        else:
            self.evalueer(hh, plan, moment, EvaluatieBesluit.BIJSTELLEN)
            doel = plan.doelen.order_by("volgorde", "pk").first()
            doel.plan = plan  # the service bumps the version on this instance
            actie = plannen.voeg_actie_toe(
                hh.generalist,
                doel,
                plan.version,
                trede="algemene_voorziening",
                omschrijving="Mantelzorgcursus en een vast aanspreekpunt bij het steunpunt mantelzorg.",
                uitvoerder=g.welzijn(hh.gemeente.naam),
                voorziening="Mantelzorgondersteuning",
                van=moment,
                **self.besluiten.catalogus_keuze(hh, "algemene_voorziening", "Mantelzorgondersteuning"),
            )
            self.besluiten.noteer_actie(hh, plan, actie, "Mantelzorgondersteuning", None)
            versie = self.versie(hh, plan, moment, "Bijgesteld na de evaluatie.")
            self.teken(hh, plan, versie, self.na(moment, 0, 10))
        self.misschien_gekoppeld(hh, moment)

    def fase_plan_afgesloten(self, hh: _Hh) -> None:
        plan, _, getekend = self.actief_plan(hh, 130, 540, kort=True)
        gesloten = self.na(getekend, 60, 270)
        self.evalueer(hh, plan, gesloten, EvaluatieBesluit.AFSLUITEN)
        self.besluiten.na_evaluatie(hh, plan, gesloten, EvaluatieBesluit.AFSLUITEN)

    def fase_jordi(self, hh: _Hh) -> None:
        """Seed 001_8130d38cb886e681.txt: Jordi tells the generalist in the wijkcentrum, his mother calls the gemeente."""
        info = self.teams[hh.gebied.pk]
        hh.generalist = info["generalisten"][0]
        eerste = toegang.registreer_melding(
            hh.generalist,
            gemeente=hh.gemeente,
            vraag="Jordi (31) vertelt de generalist in het wijkcentrum, waar hij helpt met tafels en stoelen klaarzetten, "
            "dat zijn moeder een poos niet meer kan komen helpen. Het huishouden dreigt vast te lopen.",
            kanaal=Kanaal.BALIE,
            melder_type=MelderType.INWONER,
            ontvangen_op=self.moment(self.vandaag - timedelta(days=9), 10, 10),
            persoon=hh.aanvrager,
            huishouden=hh.huishouden,
            leefgebieden=[self.leefgebieden["adl"], self.leefgebieden["sociaal-netwerk"]],
            client_op_de_hoogte=True,
        )
        self.trieer_naar_team(hh, eerste)
        o = self.onderzoek(hh, eerste)
        self.gesprek(hh, o, self.moment(self.vandaag + timedelta(days=2), 10, 10), gehouden=False)
        moeder = hh.netwerk[0]
        toegang.registreer_melding(
            self.backoffice[hh.gemeente.pk],
            gemeente=hh.gemeente,
            vraag="Moeder van Jordi belt de gemeente: door een ongeval kan zij niet meer dagelijks bij Jordi langs om hem te helpen "
            "zijn huishouden op orde te houden. Zij weet dat de gemeente vroeger huishoudelijke ondersteuning bood.",
            kanaal=Kanaal.TELEFOON,
            melder_type=MelderType.VERTEGENWOORDIGER,
            melder_naam=f"{moeder.naam} (moeder)",
            ontvangen_op=self.moment(self.vandaag - timedelta(days=8), 14, 14),
            persoon=hh.aanvrager,
            huishouden=hh.huishouden,
            leefgebieden=[self.leefgebieden["adl"]],
            client_op_de_hoogte=True,
        )
        self.tellers.update(meldingen=2, gekoppeld=1)

    # --- loose ends ------------------------------------------------------------------------------

    def anonieme_signalen(self) -> None:
        rng = self.rng
        aantal = max(2, round(len(self.huishoudens) * 0.015))
        teams = list(self.teams.values())
        for i in range(aantal):
            info = rng.choices(teams, weights=[t["def"].inwoners for t in teams])[0]
            kanaal = rng.choice((Kanaal.WEB, Kanaal.TELEFOON, Kanaal.TELEFOON, Kanaal.EMAIL))
            dagen = rng.randint(1, 120)
            door = None if kanaal == Kanaal.WEB else rng.choice(info["generalisten"])
            m = toegang.registreer_melding(
                door,
                gemeente=info["gemeente"],
                vraag=f"{rng.choice(g.ANONIEME_SIGNALEN)} (omgeving {rng.choice(info['def'].straten)}, {info['def'].naam})",
                kanaal=kanaal,
                melder_type=MelderType.ANONIEM,
                ontvangen_op=self.moment(self.vandaag - timedelta(days=dagen), 8, 20),
            )
            # Without a household the service cannot route it; the signal names the area, so the team gets it.
            self.later(Melding, m.pk, team=info["team"])
            if dagen > 7 and i % 2 == 0:
                m.refresh_from_db()
                toegang.trieer(
                    info["teamleider"],
                    m,
                    uitkomst=TriageUitkomst.DIRECT,
                    verwachte_versie=m.version,
                    vraagtype=Vraagtype.ENKELVOUDIG,
                    toelichting=rng.choice(g.ANONIEM_AFGEHANDELD),
                )
                moment = self.uren_later(m.ontvangen_op, 1, 48)
                self.later(Melding, m.pk, getrieerd_op=moment, afgesloten_op=moment)
        self.tellers.update(meldingen=aantal, anoniem=aantal)

    def afronden(self) -> None:
        """Apply the deferred past moments; a household record exists since the first contact."""
        gesloten = Melding.objects.filter(pk__in=list(self.afgerond), status=MeldingStatus.AFGESLOTEN).values_list("pk", flat=True)
        for pk in gesloten:
            self.later(Melding, pk, afgesloten_op=self.afgerond[pk])
        for (model, velden), rijen in self.uitgesteld.items():
            objecten = [model(pk=pk, **waarden) for pk, waarden in rijen.items()]
            model.objects.bulk_update(objecten, list(velden), batch_size=400)
        Melding.leefgebieden.through.objects.bulk_create(
            Melding.leefgebieden.through(melding_id=m, leefgebied_id=lg) for m, lg in self.melding_leefgebieden
        )
        eerste = Melding.objects.filter(huishouden=OuterRef("pk")).order_by("ontvangen_op").values("ontvangen_op")[:1]
        Huishouden.objects.filter(pk__in=[hh.huishouden.pk for hh in self.huishoudens]).update(aangemaakt_op=Subquery(eerste))


def laad_demoregio(*, schaal: float = 1.0, vandaag: date | None = None, uitvoer: Callable[[str], None] | None = None) -> Resultaat:
    """Load the demo region into an empty database, in one transaction. Raises DemoBestaatAl otherwise."""
    if schaal <= 0:
        raise ValueError("De schaal moet groter dan 0 zijn.")
    if Regio.objects.exists():
        namen = ", ".join(Regio.objects.order_by("naam").values_list("naam", flat=True))
        raise DemoBestaatAl(f"Er staat al een regio in de database ({namen}).")
    bezet = sorted(Medewerker.objects.filter(username__in=demo_gebruikersnamen()).values_list("username", flat=True))
    if bezet:
        raise DemoBestaatAl(f"Deze gebruikersnamen van de demo bestaan al: {', '.join(bezet)}.")
    bezet = bestaande_catalogus()
    if bezet:
        raise DemoBestaatAl(f"Deze producten of aanbieders van de demo bestaan al: {', '.join(bezet[:5])}.")
    uitvoer = uitvoer or (lambda tekst: None)
    begin = time.perf_counter()
    with transaction.atomic():
        bouwer = _Bouwer(schaal=schaal, vandaag=vandaag or timezone.localdate(), uitvoer=uitvoer)
        regio = bouwer.organisatie()
        uitvoer(f"Organisatie: {len(g.GEMEENTEN)} gemeenten, {len(bouwer.teams)} gebieden met een team, {len(bouwer.logins)} medewerkers")
        bouwer.aanbod(regio)
        bouwer.bevolking()
        t = bouwer.tellers
        uitvoer(f"Inwoners: {t['huishoudens']} huishoudens, {t['personen']} personen, {t['netwerkleden']} netwerkleden")
        bouwer.stroom()
        bouwer.na_de_stroom()
        bouwer.anonieme_signalen()
        bouwer.afronden()
    fasen = {k.removeprefix("fase_"): v for k, v in bouwer.tellers.items() if k.startswith("fase_")}
    aantallen = {k: v for k, v in bouwer.tellers.items() if not k.startswith("fase_")}
    return Resultaat(regio, bouwer.logins, aantallen, fasen, time.perf_counter() - begin)
