"""Shared helpers for the prognose tests: grants, approved prestaties, PGB spending and a small budget."""

from __future__ import annotations

from datetime import date
from itertools import count

from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.berichten.models import Bericht, Berichtstatus, Declaratie, Prestatie, Richting
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.financien.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Begrotingsversie,
    Bijdrageberekening,
    Bijdrageregeling,
    Pgbimport,
    Pgbuitgave,
)
from keukentafel.testing.factories import (
    AanbiederFactory,
    GebiedFactory,
    GemeenteFactory,
    HuishoudenFactory,
    PersoonFactory,
    ProductFactory,
    ToegewezenVoorzieningFactory,
)

_nr = count(1)


def voorziening(gemeente: Gemeente, gebied: Gebied | None = None, *, product=None, **velden) -> ToegewezenVoorziening:  # noqa: ANN001
    """A grant of `gemeente` for a person in `gebied` (ZIN unless leveringsvorm="pgb", which has no aanbieder)."""
    persoon = PersoonFactory(gebied=gebied or GebiedFactory(gemeente=gemeente))
    if velden.get("leveringsvorm") == "pgb":
        velden.setdefault("aanbieder", None)
    return ToegewezenVoorzieningFactory(
        gemeente=gemeente, persoon=persoon, product=product or ProductFactory(), **velden
    )


def prestatie(v: ToegewezenVoorziening, bedrag_cent: int, begindatum: date, **velden) -> Prestatie:
    """An approved prestatie on grant `v` (credit: negative amount, debet=False), in its own declaratie."""
    n = next(_nr)
    aanbieder = velden.pop("aanbieder", v.aanbieder)
    b = Bericht.objects.create(
        richting=Richting.IN, wet=v.product.wet, soort="323", berichtcode="000", gemeente=v.gemeente, aanbieder=aanbieder,
        afzender=aanbieder.agb_code, ontvanger=v.gemeente.gemeentecode, identificatie=f"D{n}", xml="<x/>", sha256="0" * 64,
        status=Berichtstatus.VERWERKT,
    )
    d = Declaratie.objects.create(
        bericht=b, wet=v.product.wet, gemeente=v.gemeente, aanbieder=aanbieder, declaratienummer=f"D{n}",
        periode_begin=begindatum.replace(day=1), periode_eind=begindatum, dagtekening=begindatum, ingediend_cent=bedrag_cent,
        toegekend_cent=bedrag_cent,
    )
    waarden = dict(
        declaratie=d, aanbieder=aanbieder, wet=v.product.wet, voorziening=v, persoon=v.persoon, referentienummer=f"P{n}",
        toewijzingnummer=v.toewijzingnummer, productcategorie=v.product.productcategorie, productcode=v.product.productcode,
        begindatum=begindatum, einddatum=begindatum, geleverd_volume=1, eenheid=v.eenheid, ingediend_cent=bedrag_cent,
        goedgekeurd=True, toegekend_cent=bedrag_cent, debet=bedrag_cent >= 0,
    )
    waarden.update(velden)
    return Prestatie.objects.create(**waarden)


def pgb_uitgave(v: ToegewezenVoorziening, bedrag_cent: int, periode_begin: date) -> Pgbuitgave:
    n = next(_nr)
    imp = Pgbimport.objects.create(gemeente=v.gemeente, bestandsnaam=f"svb{n}.csv", sha256=f"{n:064d}")
    return Pgbuitgave.objects.create(
        pgbimport=imp, gemeente=v.gemeente, voorziening=v, kenmerk=f"K{n}", periode_begin=periode_begin,
        periode_eind=periode_begin, betaaldatum=periode_begin, bedrag_cent=bedrag_cent,
    )


def bijdrageregeling(gemeente: Gemeente, vanaf: date, periodelengte: str = "maand") -> Bijdrageregeling:
    return Bijdrageregeling.objects.create(
        gemeente=gemeente, naam="Abonnementstarief", soort="abonnement", periodelengte=periodelengte, geldig_vanaf=vanaf,
        parameters={"tarief_cent": 2100}, bron="test",
    )


def bijdrage(regeling: Bijdrageregeling, periode: tuple[date, date], bedrag_cent: int) -> Bijdrageberekening:
    """A computed eigen bijdrage of a new household for one period."""
    return Bijdrageberekening.objects.create(
        huishouden=HuishoudenFactory(), regeling=regeling, periode_begin=periode[0], periode_eind=periode[1],
        bedrag_cent=bedrag_cent, kostprijs_cent=10**6,
    )


def begroting(gemeente: Gemeente, jaar: int, posten: list[tuple], **velden) -> Begroting:
    """A budget with a primitieve versie: posten as (domein, code, dekking, bedrag_cent) lasten lines, optionally with
    a fifth element of fields of that line (soort, onderdeel, saldopost, verdeelsleutel; a saldopost gets no amount)."""
    b = Begroting.objects.create(gemeente=gemeente, jaar=jaar, naam="Begroting sociaal domein", bron="Raadsbesluit test")
    versie = Begrotingsversie.objects.create(
        begroting=b, volgnummer=0, soort="primitief", omschrijving="Primitief", vastgesteld_op=date(jaar - 1, 11, 1)
    )
    for i, (domein, code, dekking, bedrag, *extra) in enumerate(posten):
        eigen = {"onderdeel": code, "soort": "lasten", **velden, **(extra[0] if extra else {})}
        p = Begrotingspost.objects.create(begroting=b, domein=domein, code=code, naam=code.upper(), dekking=dekking, volgorde=i, **eigen)
        if not p.saldopost:
            Begrotingsbedrag.objects.create(versie=versie, post=p, bedrag_cent=bedrag)
    return b


__all__ = [
    "AanbiederFactory", "GebiedFactory", "GemeenteFactory", "begroting", "bijdrage", "bijdrageregeling", "pgb_uitgave",
    "prestatie", "voorziening",
]
