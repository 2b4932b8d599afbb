"""Finding persons by BSN, name or address: a fixed number of index-backed queries, always audited.

Queries (independent of the size of the table): the persons (≤ 51 rows, read in index order), their
current memberships, which of those households the user may open without a reason, and — only when
there are more than 50 hits — a count capped at `TELLEN_TOT`. A name typed with a voorvoegsel
("de Vries") has two branches, each read as its own index range and merged here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import chain

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.access import zichtbare_huishoudens
from keukentafel.accounts.models import AuditActie, Medewerker
from keukentafel.logging import mask_bsn

from .models import Huishouden, Huishoudlid, Persoon
from .persoontoegang import mag_persoon_zonder_huishouden_openen
from .validators import normalize_postcode
from .zoeknaam import naam_takken

_CIJFERS = re.compile(r"\d")
MAX_RESULTATEN = 50
TELLEN_TOT = 1000


@dataclass
class Treffer:
    persoon: Persoon
    huishouden: Huishouden | None
    #: True: the user may open the dossier now; False: a reason must be recorded first.
    direct: bool


@dataclass
class Zoekuitkomst:
    treffers: list[Treffer]
    aantal: int
    #: The count stopped at TELLEN_TOT: there are more.
    meer: bool


def _omschrijving(bsn: str, geslachtsnaam: str, voornaam: str, geboortedatum: date | None, postcode: str, huisnummer: int | None) -> str:
    if bsn:
        return "Gezocht op BSN"  # never the number itself
    if geslachtsnaam:
        # Names hold no digits: blank any, so a (formatted) BSN typed in a name field is not logged.
        tekst = f"Gezocht op naam '{_CIJFERS.sub('*', geslachtsnaam.strip())}'"
        if voornaam:
            tekst += f", voornaam '{_CIJFERS.sub('*', voornaam.strip())}'"
        if geboortedatum:
            tekst += f", geboren {geboortedatum:%d-%m-%Y}"
        return tekst
    tekst = f"Gezocht op postcode {normalize_postcode(postcode)}"
    return f"{tekst} {huisnummer}" if huisnummer else tekst


def zoek_personen(
    medewerker: Medewerker,
    *,
    bsn: str = "",
    geslachtsnaam: str = "",
    voornaam: str = "",
    geboortedatum: date | None = None,
    postcode: str = "",
    huisnummer: int | None = None,
    request: HttpRequest | None = None,
) -> Zoekuitkomst:
    """Search one way (BSN, else name, else postcode) and log the search without a BSN in the text."""
    basis = Persoon.objects.all()
    sleutel_eerst = False
    if bsn:
        takken = [basis.filter(bsn=bsn)]
        volgorde: tuple[str, ...] = ("pk",)
    elif geslachtsnaam:
        extra = Q()
        if voornaam.strip():
            extra &= Q(voornamen__istartswith=voornaam.strip())
        if geboortedatum:
            extra &= Q(geboortedatum=geboortedatum)
        takken = [basis.filter(tak & extra) for tak in naam_takken(geslachtsnaam)]
        # Exactly the columns of persoon_zoek_idx: the key query is an index-only scan.
        volgorde = ("zoeknaam", "voornamen", "geboortedatum", "pk")
        sleutel_eerst = True
    elif postcode:
        qs = basis.filter(postcode=normalize_postcode(postcode))
        if huisnummer:
            qs = qs.filter(huisnummer=huisnummer)
        takken = [qs]
        volgorde = ("huisnummer", "huisletter", "toevoeging", "zoeknaam", "voornamen", "pk")
    else:
        raise ValueError("Zoek op BSN, naam of postcode.")

    vandaag = timezone.localdate()
    huidig = Prefetch(
        "lidmaatschappen",
        queryset=Huishoudlid.objects.actief_op(vandaag).select_related("huishouden__gebied"),
        to_attr="huidige_lidmaatschappen",
    )
    limiet = MAX_RESULTATEN + 1
    if not sleutel_eerst:
        personen = list(takken[0].select_related("gebied").prefetch_related(huidig).order_by(*volgorde)[:limiet])
    else:
        # Step 1: the sort keys of each branch, read in index order from the index alone (no table
        # rows, so a voornaam or geboortedatum that rules out many names costs index entries only);
        # branches are merged here. Step 2: the ≤ 51 rows themselves.
        sleutels = sorted(set(chain.from_iterable(t.order_by(*volgorde).values_list(*volgorde)[:limiet] for t in takken)))[:limiet]
        plek = {s[-1]: i for i, s in enumerate(sleutels)}
        rijen = Persoon.objects.filter(pk__in=plek).select_related("gebied").prefetch_related(huidig).order_by() if plek else []
        personen = sorted(rijen, key=lambda p: plek[p.pk])
    if len(personen) <= MAX_RESULTATEN:
        aantal, meer = len(personen), False
    else:
        personen = personen[:MAX_RESULTATEN]
        # The branches are (practically) disjoint: a name rarely starts with both "devries" and "vries".
        aantal = sum(t.order_by()[: TELLEN_TOT + 1].count() for t in takken)
        aantal, meer = min(aantal, TELLEN_TOT), aantal > TELLEN_TOT

    huishoudens = {p.pk: (p.huidige_lidmaatschappen[0].huishouden if p.huidige_lidmaatschappen else None) for p in personen}
    ids = {h.pk for h in huishoudens.values() if h is not None}
    zichtbaar = set(zichtbare_huishoudens(medewerker, Huishouden.objects.filter(pk__in=ids)).values_list("pk", flat=True)) if ids else set()
    treffers = [
        Treffer(
            persoon=p,
            huishouden=huishoudens[p.pk],
            direct=(huishoudens[p.pk].pk in zichtbaar) if huishoudens[p.pk] else mag_persoon_zonder_huishouden_openen(medewerker, p),
        )
        for p in personen
    ]

    omschrijving = _omschrijving(bsn, geslachtsnaam, voornaam, geboortedatum, postcode, huisnummer)
    omschrijving += f": {'meer dan ' if meer else ''}{aantal} gevonden"
    # mask_bsn: a BSN typed into the name field must not reach the audit trail either.
    audit.log(medewerker, AuditActie.ZOEKEN, None, omschrijving=mask_bsn(omschrijving), request=request)
    return Zoekuitkomst(treffers=treffers, aantal=aantal, meer=meer)
