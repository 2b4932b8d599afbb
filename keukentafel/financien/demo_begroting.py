"""Demo budget for a demo gemeente: sized from its own grants, so the budget-vs-commitment screens have something to say.

Maatwerk lines (Wmo HbH, begeleiding/persoonlijke verzorging, overige Wmo, jeugdhulp ambulant/met verblijf/
jeugdbescherming) cover the product categories the gemeente's grants actually use; each is the commitment of that
year (bedragen.verplichting) ± 2–6 %, alternately above and below, so some lines end up over and some under budget.
The other lasten (gebiedsteams, mantelzorg, participatie) are sized with the ratios of the Hardenberg example
(seed 001_8130d38cb886e681.txt §10.4, 2015 column). Baten: sociaal deelfonds, eigen bijdragen, gemeentelijke
bijdrage; the balance is a saldopost "Onvoorzien" per onderdeel. A primitieve begroting and one wijziging.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from keukentafel.accounts.models import Gemeente

from .bedragen import afronden
from .begroting import Postinvoer, bedragen_op, maak_begroting, voeg_wijziging_toe
from .models import DEKKING_EIGEN_BIJDRAGE, Begroting, Domein, Postsoort, Verdeelsleutel
from .verplichting import verplichtingen
from .voorbeeld_hardenberg import BLOKKEN

BRON = "Demo: programmabegroting sociaal domein {jaar}, raad 10 november {vorig}"
L, B = Postsoort.LASTEN, Postsoort.BATEN

#: (domein, code, naam, product categories it may cover, verdeelsleutel)
MAATWERK = [
    (Domein.WMO, "wmo-hbh", "Hulp bij het huishouden", {"wmo:01"}, Verdeelsleutel.GEBRUIK),
    (Domein.WMO, "wmo-begeleiding", "Begeleiding en persoonlijke verzorging", {"wmo:02", "wmo:03", "wmo:04", "wmo:07"},
     Verdeelsleutel.GEBRUIK),
    (Domein.WMO, "wmo-overig", "Overige Wmo-maatwerkvoorzieningen", {f"wmo:{c:02d}" for c in range(5, 19) if c != 7}, ""),
    (Domein.JEUGD, "jeugd-ambulant", "Jeugdhulp ambulant en daghulp",
     {f"jeugdwet:{c}" for c in (31, 32, 33, 34, 40, 41, 42, 45, 50, 51, 52, 53, 54)}, Verdeelsleutel.JEUGDIGEN),
    (Domein.JEUGD, "jeugd-verblijf", "Jeugdhulp met verblijf en crisis", {f"jeugdwet:{c}" for c in (35, 36, 37, 38, 43, 44, 46)},
     Verdeelsleutel.JEUGDIGEN),
    (Domein.JEUGD, "jeugd-bescherming", "Jeugdbescherming en jeugdreclassering", {f"jeugdwet:{c}" for c in (47, 48, 49, 55)}, ""),
]
ONDERDEEL = {Domein.WMO: "Wmo 2015", Domein.JEUGD: "Jeugdhulp", Domein.PARTICIPATIE: "Participatie"}


def _seed(code: str) -> int:
    """A 2015 amount (euro) of the Hardenberg example, by its code."""
    for _, _, regels in BLOKKEN:
        for regel in regels:
            if regel[0] == code:
                return regel[3][0]
    raise KeyError(code)


def verplichting_per_categorie(gemeente: Gemeente, jaar: int) -> dict[str, int]:
    """Commitment in cents in `jaar` of the gemeente's grants per "wet:productcategorie"."""
    return {cat: bedrag for (cat,), bedrag in verplichtingen(gemeente, jaar, per=("productcategorie",)).items()}


def _rond(cent: float | int) -> int:
    """To whole hundreds of euros, as budgets are written."""
    return afronden(int(round(cent)), 10_000) * 10_000


def laad_demo(gemeente: Gemeente, jaar: int, rng: random.Random) -> None:
    """Create the demo budget of `gemeente` for `jaar` (nothing when it already has one). Deterministic for `rng`."""
    if Begroting.objects.filter(gemeente=gemeente, jaar=jaar).exists():
        return
    per_cat = verplichting_per_categorie(gemeente, jaar)
    posten: list[Postinvoer] = []
    maatwerk: dict[str, int] = defaultdict(int)
    teken = 1
    for domein, code, naam, categorieen, sleutel in MAATWERK:
        gebruikt = sorted(c for c in categorieen if per_cat.get(c))
        if not gebruikt:
            continue
        commitment = sum(per_cat[c] for c in gebruikt)
        bedrag = _rond(commitment * (1 + teken * rng.uniform(0.02, 0.06)))
        teken = -teken
        maatwerk[domein] += bedrag
        posten.append(Postinvoer(domein, ONDERDEEL[domein], code, naam, L, bedrag_cent=bedrag, dekking=gebruikt, verdeelsleutel=sleutel,
                                 waarschuwing_procent=3))
    wmo = maatwerk[Domein.WMO] or gemeente.inwoners * 100 * 100  # no grants: demo fallback of € 100 per inwoner
    jeugd = maatwerk[Domein.JEUGD] or gemeente.inwoners * 100 * 100
    # ratios of the Hardenberg example (seed 001 §10.4, 2015)
    wmo_basis, jeugd_basis = _seed("wmo-begeleiding") + _seed("hbh-kosten"), _seed("jeugd-rta")
    vast = [
        (Domein.WMO, "wmo-gebiedsteams", "Gebiedsteams (Wmo-deel)", wmo * _seed("wmo-gebiedsteams") / wmo_basis, Verdeelsleutel.INWONERS),
        (Domein.WMO, "wmo-mantelzorg", "Mantelzorg- en vrijwilligersondersteuning",
         wmo * (_seed("wmo-mantelzorg") + _seed("wmo-vrijwilligers")) / wmo_basis, Verdeelsleutel.INWONERS),
        (Domein.JEUGD, "jeugd-gebiedsteams", "Gebiedsteams (Jeugd-deel)", jeugd * _seed("jeugd-gebiedsteams") / jeugd_basis,
         Verdeelsleutel.INWONERS),
        (Domein.PARTICIPATIE, "part-beschut-werk", "Beschut werk en WSW", (wmo + jeugd) * _seed("part-wsw-oud") / (wmo_basis + jeugd_basis),
         ""),
        (Domein.PARTICIPATIE, "part-reintegratie", "Re-integratie en participatie",
         (wmo + jeugd) * _seed("part-directe-kosten") / (wmo_basis + jeugd_basis), ""),
    ]
    for domein, code, naam, bedrag, sleutel in vast:
        posten.append(Postinvoer(domein, ONDERDEEL[domein], code, naam, L, bedrag_cent=_rond(bedrag), verdeelsleutel=sleutel))
    lasten: dict[str, int] = defaultdict(int)
    for p in posten:
        lasten[p.domein] += p.bedrag_cent or 0
    for domein, onderdeel in ONDERDEEL.items():
        posten.append(Postinvoer(domein, onderdeel, f"{domein}-onvoorzien", "Onvoorzien", L, saldopost=True,
                                 toelichting="Afgeleid: baten min de overige lasten."))
        deelfonds = _rond(lasten[domein] * rng.uniform(0.90, 0.96))
        eigen = _rond(maatwerk[Domein.WMO] * rng.uniform(0.03, 0.05)) if domein == Domein.WMO else 0
        bijdrage = _rond(lasten[domein] * (1 + rng.uniform(0.005, 0.02)) - deelfonds - eigen)
        naam = {Domein.WMO: "Integratie-uitkering sociaal domein Wmo", Domein.JEUGD: "Integratie-uitkering sociaal domein Jeugd",
                Domein.PARTICIPATIE: "Integratie-uitkering Participatiewet"}[domein]
        posten.append(Postinvoer(domein, onderdeel, f"{domein}-deelfonds", naam, B, bedrag_cent=deelfonds))
        if domein == Domein.WMO:
            posten.append(Postinvoer(domein, onderdeel, "wmo-eigen-bijdragen", "Eigen bijdragen (CAK)", B, bedrag_cent=eigen,
                                     dekking=[DEKKING_EIGEN_BIJDRAGE]))
        posten.append(Postinvoer(domein, onderdeel, f"{domein}-gemeentelijke-bijdrage", "Gemeentelijke bijdrage", B, bedrag_cent=bijdrage))
    begroting = maak_begroting(
        gemeente, jaar, posten, naam="Sociaal domein", bron=BRON.format(jaar=jaar, vorig=jaar - 1),
        vastgesteld_op=date(jaar - 1, 11, 10),
    )
    # Voorjaarsnota: the meicirculaire raises the Wmo deelfonds and the first maatwerk line gets part of it.
    bedragen = bedragen_op(begroting)
    eerste = next((p for p in begroting.posten.all() if p.dekking), None)
    deelfonds = begroting.posten.get(code=f"{Domein.WMO}-deelfonds")
    mutatie = _rond(bedragen[deelfonds.id] * rng.uniform(0.005, 0.015)) or 10_000
    mutaties = {deelfonds.code: mutatie}
    if eerste is not None:
        mutaties[eerste.code] = _rond(mutatie / 2) or 10_000
    voeg_wijziging_toe(begroting, mutaties, omschrijving="Voorjaarsnota: meicirculaire sociaal domein", vastgesteld_op=date(jaar, 7, 1),
                       bron=f"Demo: voorjaarsnota {jaar}, raad 1 juli {jaar}")


__all__ = ["MAATWERK", "laad_demo", "verplichting_per_categorie"]
