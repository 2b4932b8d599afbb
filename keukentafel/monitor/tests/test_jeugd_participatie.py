"""Youth indicators on hand-built data with known answers, the small-cell rule, and who may see the page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from keukentafel.accounts.models import Rol
from keukentafel.monitor import jeugd_participatie as jp
from keukentafel.monitor.drempel import aantal, verhouding
from keukentafel.monitor.periode import periode
from keukentafel.testing.factories import (
    GebiedFactory,
    MedewerkerFactory,
    PersoonFactory,
    ProductFactory,
    ToegewezenVoorzieningFactory,
)

Q3 = periode(2026, 3)


@pytest.fixture
def gebied(db):
    return GebiedFactory()


def jeugdige(gebied, geboren: date):
    return PersoonFactory(gebied=gebied, geboortedatum=geboren)


def jeugdhulp(persoon, categorie: str = "45", begin: date = date(2026, 1, 1), eind: date | None = date(2026, 12, 31)):
    product = ProductFactory(wet="jeugdwet", productcategorie=categorie, productcode=f"{categorie}A01")
    return ToegewezenVoorzieningFactory(gemeente=persoon.gemeente, persoon=persoon, product=product, begindatum=begin, einddatum=eind)


def test_periode_van_een_kwartaal_en_een_jaar():
    assert (Q3.van, Q3.tot) == (date(2026, 7, 1), date(2026, 9, 30))
    assert (periode(2024, 1).tot, periode(2026).tot) == (date(2024, 3, 31), date(2026, 12, 31))
    with pytest.raises(ValueError):
        periode(2026, 5)


def test_kleine_aantallen_worden_afgeschermd_ook_in_een_verhouding():
    assert [str(aantal(n, 5)) for n in (0, 1, 4, 5, 1234)] == ["0", "< 5", "< 5", "5", "1.234"]
    assert str(verhouding(3, 100, 1000, 5)) == "< 5" and verhouding(3, 100, 1000, 5).export == "< 5"
    assert str(verhouding(6, 400, 1000, 5)) == "15,0"
    assert str(verhouding(6, 0, 1000, 5)) == "–"


def test_jeugdigen_in_zorg_per_1000_telt_wie_hulp_had_op_een_dag_dat_hij_jonger_dan_18_was(gebied):
    gemeente = gebied.gemeente
    grens = jp.leeftijden(gemeente, Q3.tot)
    assert (grens.jeugd, grens.verlengd) == (18, 23)
    kinderen = [jeugdige(gebied, date(2012, 1, 1)) for _ in range(8)]
    jeugdige(gebied, date(2008, 10, 1))  # 17 all of Q3, no care: a youth, not in care
    wordt_18 = jeugdige(gebied, date(2008, 9, 30))  # 17 until 29-09: care on those days counts
    al_18 = jeugdige(gebied, date(2008, 6, 30))  # 18 before Q3: neither youth nor counted
    for k in kinderen[:5]:
        jeugdhulp(k)
    jeugdhulp(kinderen[5], begin=date(2026, 1, 1), eind=date(2026, 6, 30))  # ended before Q3: not counted
    ToegewezenVoorzieningFactory(gemeente=gemeente, persoon=kinderen[6], begindatum=date(2026, 1, 1))  # a Wmo grant
    jeugdhulp(wordt_18)
    jeugdhulp(al_18)
    jeugdhulp(kinderen[0], categorie="54")  # a second grant of the same youth counts once
    i = jp.jeugdigen_in_zorg(gemeente, Q3, 5, grens)
    assert (i.teller.waarde, i.noemer.waarde) == (6, 10)
    assert i.waarde.waarde == 600.0


def test_uithuisplaatsingen_alleen_verblijfscategorieen_en_nieuw_in_de_periode(gebied):
    gemeente = gebied.gemeente
    for categorie in ("43", "44", "35", "43", "44"):
        jeugdhulp(jeugdige(gebied, date(2014, 1, 1)), categorie=categorie)
    jeugdhulp(jeugdige(gebied, date(2014, 1, 1)), categorie="43", begin=date(2026, 8, 1))
    jeugdhulp(jeugdige(gebied, date(2014, 1, 1)), categorie="46")  # crisis: not a placement
    jeugdhulp(jeugdige(gebied, date(2014, 1, 1)), categorie="45")  # ambulant
    assert jp.uithuisplaatsingen(gemeente, Q3, 5).waarde.waarde == 6
    nieuw = jp.nieuwe_uithuisplaatsingen(gemeente, Q3, 5).waarde
    assert (nieuw.waarde, str(nieuw)) == (1, "< 5")


def test_verlengde_jeugdhulp_telt_hulp_die_liep_na_de_18e_verjaardag(gebied):
    grens = jp.leeftijden(gebied.gemeente, Q3.tot)
    for geboren in (date(2008, 9, 30), date(2003, 10, 1), date(2003, 9, 30), date(2010, 1, 1), date(2003, 6, 30)):
        jeugdhulp(jeugdige(gebied, geboren))
    # Care that ended the day before the 18th birthday (1-8-2026) is not verlengde jeugdhulp, though 18 in the period.
    jeugdhulp(jeugdige(gebied, date(2008, 8, 1)), eind=date(2026, 7, 31))
    # 18 on 30-9 (care that day), 22 all of Q3, 22 until 29-9; not: 16, already 23 (30-6), care ended at 17.
    assert jp.verlengde_jeugdhulp(gebied.gemeente, Q3, 1, grens).waarde.waarde == 3


def test_beleid_ziet_de_pagina_met_definities_en_export_met_afscherming(client, gebied):
    kind = jeugdige(gebied, date(2014, 1, 1))
    jeugdhulp(kind, categorie="43")
    beleid = MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=gebied.gemeente)
    client.force_login(beleid)
    url = reverse("monitor:jeugd_participatie")
    html = client.get(url, {"jaar": 2026, "kwartaal": 3}).content.decode()
    assert "3e kwartaal 2026" in html and "Crisisopvang (46) telt niet mee" in html and "&lt; 5" in html
    r = client.get(url, {"jaar": 2026, "kwartaal": 3, "formaat": "xlsx"})
    rijen = list(load_workbook(__import__("io").BytesIO(r.content)).active.iter_rows(values_only=True))
    plaatsing = next(r for r in rijen if r[0] == "Jeugdigen met jeugdhulp met verblijf (uithuisplaatsing)")
    assert plaatsing[1] == "< 5"
    csv = client.get(url, {"jaar": 2026, "formaat": "csv"}).content.decode()
    assert "Jeugdigen met jeugdhulp per 1.000 jeugdigen;< 5;< 5" in csv
    assert kind.bsn not in csv and kind.geslachtsnaam not in csv


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.BACKOFFICE, Rol.FUNCTIONEEL_BEHEER], ids=str)
def test_dossierrollen_en_beheer_zien_de_monitor_niet(client, gebied, rol):
    client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=gebied.gemeente))
    assert client.get(reverse("monitor:jeugd_participatie")).status_code == 403


def test_ladderbeweging_vergelijkt_begin_en_eind_van_de_periode(gebied):
    from keukentafel.participatie import services as participatie

    km = MedewerkerFactory(rol=Rol.GENERALIST, team__gebied=gebied)
    metingen = {
        "omhoog": [(date(2026, 5, 1), 2), (date(2026, 8, 1), 4)],
        "omhoog_zonder_eerdere": [(date(2026, 7, 10), 3), (date(2026, 9, 1), 5)],
        "gelijk": [(date(2026, 6, 1), 3), (date(2026, 9, 30), 3)],
        "omlaag": [(date(2026, 1, 1), 5), (date(2026, 7, 1), 5), (date(2026, 8, 15), 4)],
        "geen_meting_in_periode": [(date(2026, 2, 1), 1)],
        "alleen_na_periode": [(date(2026, 10, 2), 6)],
    }
    for reeks in metingen.values():
        p = PersoonFactory(gebied=gebied)
        participatie.start_traject(km, p, klantmanager=km, verdiencapaciteit_procent=50, startdatum=date(2026, 1, 1))
        for datum, trede in reeks:
            participatie.leg_ladderscore_vast(km, p, datum=datum, trede=trede)
    omhoog, gelijk, omlaag = (i.waarde.waarde for i in jp.ladderbeweging(gebied.gemeente, Q3, 1))
    assert (omhoog, gelijk, omlaag) == (2, 1, 1)


def test_plaatsingen_en_uitstroom_naar_werk_in_de_periode(gebied):
    from keukentafel.participatie import services as participatie
    from keukentafel.participatie.models import Afsluitreden

    km = MedewerkerFactory(rol=Rol.GENERALIST, team__gebied=gebied)
    werkgever = participatie.registreer_werkgever(km, naam="Kringloop", gemeente=gebied.gemeente)
    trajecten = []
    for _ in range(3):
        p = PersoonFactory(gebied=gebied)
        trajecten.append(participatie.start_traject(km, p, klantmanager=km, verdiencapaciteit_procent=70, startdatum=date(2026, 1, 1)))
    for traject, start in zip(trajecten, (date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 1)), strict=True):
        vacature = participatie.maak_vacature(km, werkgever, titel="Magazijn", uren_per_week=24, competenties=[])
        participatie.plaats_kandidaat(km, traject, vacature, startdatum=start)
    t = trajecten[0]
    t.refresh_from_db()
    participatie.sluit_traject(km, t, t.version, datum=date(2026, 9, 1), reden=Afsluitreden.WERK_GEVONDEN)
    geplaatst, uitstroom = jp.plaatsingen(gebied.gemeente, Q3, 5)
    assert (geplaatst.waarde.waarde, str(geplaatst.waarde), uitstroom.waarde.waarde) == (2, "< 5", 1)
