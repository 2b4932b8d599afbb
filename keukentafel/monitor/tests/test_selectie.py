"""The selection every dashboard indicator filters by: regio, gemeente, gebied, team, period, wet, category."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.monitor.drempel import aantal
from keukentafel.monitor.periode import periode
from keukentafel.monitor.selectie import Selectie
from keukentafel.monitor.tabel import Tabel, csv_response
from keukentafel.testing.factories import (
    GebiedFactory,
    GemeenteFactory,
    PersoonFactory,
    ProductFactory,
    RegioFactory,
    TeamFactory,
    ToegewezenVoorzieningFactory,
)

pytestmark = pytest.mark.django_db
Q3 = periode(2026, 3)


def _grant(gebied, wet="wmo", categorie="02", begin=date(2026, 1, 1), eind=None):
    persoon = PersoonFactory(gebied=gebied)
    product = ProductFactory(wet=wet, productcategorie=categorie, productcode=f"{categorie}X{wet[:1]}")
    return ToegewezenVoorzieningFactory(gemeente=gebied.gemeente, persoon=persoon, product=product, begindatum=begin, einddatum=eind)


def test_selectie_filtert_op_gemeente_gebied_team_wet_categorie_en_periode():
    lisse = GemeenteFactory(naam="Lisse", inwoners=22000, regio=RegioFactory(naam="Eigen regio"))
    hillegom = GemeenteFactory(naam="Hillegom", regio=lisse.regio, inwoners=21000)
    noord, zuid = GebiedFactory(gemeente=lisse, inwoners=12000), GebiedFactory(gemeente=lisse, inwoners=10000)
    elders = GebiedFactory(gemeente=hillegom)
    a = _grant(noord)
    b = _grant(zuid, wet="jeugdwet", categorie="45")
    c = _grant(elders, categorie="01")
    _grant(noord, eind=date(2026, 6, 30))  # ended before Q3
    regio = Selectie(regio=lisse.regio, periode=Q3)
    assert set(regio.voorzieningen()) == {a, b, c} and regio.inwoners() == 43000
    assert set(Selectie(regio=lisse.regio, periode=Q3, gemeente=lisse).voorzieningen()) == {a, b}
    assert set(Selectie(regio=lisse.regio, periode=Q3, gebied=noord).voorzieningen()) == {a}
    team = TeamFactory(gebied=zuid)
    per_team = Selectie(regio=lisse.regio, periode=Q3, team=team)
    assert set(per_team.voorzieningen()) == {b} and per_team.inwoners() == 10000
    assert set(Selectie(regio=lisse.regio, periode=Q3, wet="jeugdwet").voorzieningen()) == {b}
    assert set(Selectie(regio=lisse.regio, periode=Q3, categorie="wmo:01").voorzieningen()) == {c}
    assert "Lisse" in Selectie(regio=lisse.regio, periode=Q3, gemeente=lisse, wet="wmo").omschrijving()


def test_drempel_is_de_strengste_van_de_gemeenten():
    lisse = GemeenteFactory(regio=RegioFactory(naam="Eigen regio"))
    hillegom = GemeenteFactory(regio=lisse.regio)
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.MONITOR_CELDREMPEL, gemeente=hillegom, waarde=10, geldig_vanaf=date(2020, 1, 1), bron="x"
    )
    assert Selectie(regio=lisse.regio, periode=Q3).drempel() == 10
    assert Selectie(regio=lisse.regio, periode=Q3, gemeente=lisse).drempel() == 5


def test_tabel_exporteert_afgeschermde_cellen_en_de_definitie():
    t = Tabel("t", "Cliënten", "Aantal cliënten.", ["Gemeente", "Cliënten"], [("Lisse", [aantal(3, 5)]), ("Hillegom", [aantal(12, 5)])])
    assert t.export_rijen() == [["Lisse", "< 5"], ["Hillegom", 12]]
    tekst = csv_response("x", [t]).content.decode()
    assert "Lisse;< 5" in tekst and "Definitie;Aantal cliënten." in tekst
