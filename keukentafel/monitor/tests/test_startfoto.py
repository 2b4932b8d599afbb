"""Startfoto tables on hand-built data with known answers, the small-cell rule on screen and in the exports, the
benchmarks as dated configuration, and who may see the page.

The regio "Startregio" has Hillegom (1,000 inhabitants) and Lisse (400); a third gemeente in another regio must not
count. Peildatum 30-06-2026; the cost period is 01-07-2025 through 30-06-2026 (365 days). All grants cost per day
(omvang 1 × tarief), so a grant that runs the whole period costs 365 × tarief.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.codelijsten import ProductcategorieWmo
from keukentafel.monitor import startfoto as sf
from keukentafel.monitor.models import Referentiesoort, Referentiewaarde, referentie
from keukentafel.testing.factories import (
    AanbiederFactory,
    GebiedFactory,
    GemeenteFactory,
    MedewerkerFactory,
    PersoonFactory,
    ProductFactory,
    RegioFactory,
    ToegewezenVoorzieningFactory,
)

PEIL = date(2026, 6, 30)
LANG = date(2025, 1, 1)  # a start before the cost period: the grant runs all 365 days of it


def toekenning(persoon, categorie: str, *, lv: str = "zin", aanbieder=None, tarief: int = 100, begin: date = LANG,
               eind: date | None = None, wet: str = "wmo"):
    product = ProductFactory(wet=wet, productcategorie=categorie, productcode=f"{categorie}S01", eenheid="14", frequentie="1")
    return ToegewezenVoorzieningFactory(
        gemeente=persoon.gemeente, persoon=persoon, product=product, leveringsvorm=lv,
        aanbieder=None if lv == "pgb" else (aanbieder or AanbiederFactory()), tarief_cent=tarief, omvang=1, eenheid="14",
        frequentie="1", begindatum=begin, einddatum=eind,
    )


@dataclass
class Regio:
    regio: object
    hillegom: object
    lisse: object
    elders: object
    personen: list


def inwoner(gemeente):
    return PersoonFactory(gebied=GebiedFactory(gemeente=gemeente))


@pytest.fixture
def regio(db) -> Regio:
    r = RegioFactory(naam="Startregio")
    hillegom = GemeenteFactory(regio=r, naam="Hillegom", inwoners=1000)
    lisse = GemeenteFactory(regio=r, naam="Lisse", inwoners=400)
    elders = GemeenteFactory(regio=RegioFactory(naam="Andere regio"), naam="Katwijk", inwoners=5000)
    xenia, aardig, taxi = AanbiederFactory(naam="Xenia Zorg"), AanbiederFactory(naam="Aardig Wonen"), AanbiederFactory(naam="Taxi Bol")
    p1, p2, p3, p4, p5, p6, p7, p8 = (inwoner(hillegom) for _ in range(8))
    toekenning(p1, "02", aanbieder=xenia, tarief=100)
    toekenning(p2, "02", aanbieder=xenia, tarief=200)
    toekenning(p2, "07", aanbieder=xenia, tarief=300)
    toekenning(p2, "08", aanbieder=taxi, tarief=50)  # with transport
    toekenning(p3, "07", lv="pgb", tarief=400)  # without transport
    toekenning(p4, "04", aanbieder=aardig, tarief=1000, begin=date(2026, 6, 1))  # 30 days in the period
    toekenning(p5, "15", aanbieder=aardig, tarief=2000, begin=date(2026, 1, 1), eind=date(2026, 3, 31))  # 90 days, ended
    toekenning(p6, "45", wet="jeugdwet", aanbieder=xenia)  # Jeugdwet: not in the Startfoto
    toekenning(p7, "01", aanbieder=xenia)  # hulp bij het huishouden: not a Startfoto group
    toekenning(p8, "02", aanbieder=xenia, begin=date(2026, 7, 1))  # starts after the peildatum
    q1, q2 = inwoner(lisse), inwoner(lisse)
    toekenning(q1, "02", aanbieder=aardig, tarief=100)
    toekenning(q2, "07", lv="pvb", aanbieder=xenia, tarief=300)
    toekenning(q2, "08", aanbieder=taxi, tarief=50)
    toekenning(inwoner(elders), "02", aanbieder=xenia)  # another regio
    return Regio(r, hillegom, lisse, elders, [p1, p2, p3, p4, p5, p6, p7, p8, q1, q2])


def drempel(gemeente, waarde: int) -> None:
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.MONITOR_CELDREMPEL, gemeente=gemeente, waarde=waarde, geldig_vanaf=date(2015, 1, 1), bron="test"
    )


@pytest.fixture
def zonder_drempel(regio) -> None:
    """Threshold 1: nothing is hidden, so every known answer is visible."""
    drempel(regio.hillegom, 1)
    drempel(regio.lisse, 1)


def waarden(tabel: sf.Tabel) -> dict[str, list]:
    return {r.naam: [c.waarde for c in r.cellen] for r in tabel.rijen}


def test_kostenperiode_is_de_twaalf_maanden_tot_en_met_de_peildatum():
    assert sf.kostenperiode(PEIL) == (date(2025, 7, 1), date(2026, 6, 30))
    assert sf.kostenperiode(date(2026, 12, 31)) == (date(2026, 1, 1), date(2026, 12, 31))
    assert sf.kostenperiode(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))


def test_indeling_gebruikt_geldige_wmo020_codes_en_elke_categorie_een_keer():
    codes = [c for g in sf.PRODUCTGROEPEN for c in g.categorieen]
    assert len(codes) == len(set(codes))
    assert set(codes) <= set(ProductcategorieWmo.values)
    per_groep = {g.code: tuple(g.categorieen) for g in sf.PRODUCTGROEPEN}
    assert per_groep["begeleiding_individueel"] == ("02",) and per_groep["begeleiding_groep"] == ("07",)
    assert per_groep["kortdurend_verblijf"] == ("04",) and per_groep["vervoer"] == ("08",)
    assert all(r["bron"].startswith("Seed 002_76fcc364857742d7.txt") for r in sf.indeling())


@pytest.mark.parametrize(("clienten", "inwoners", "verwacht"), [
    (245, 20_987, "1,17"), (210, 22_312, "0,94"), (300, 25_698, "1,17"), (210, 15_881, "1,32"), (335, 35_774, "0,94"),
    (1300, 120_652, "1,08"),
], ids=["hillegom", "lisse", "noordwijk", "noordwijkerhout", "teylingen", "totaal"])
def test_percentage_van_de_bevolking_zoals_de_seed_tabel_1a(clienten, inwoners, verwacht):
    assert str(sf.procent(clienten, inwoners, 5)) == verwacht


def test_bedragen_in_euro_met_punt_en_komma_en_exact_in_de_export():
    assert str(sf.Bedrag(1_066_600)) == "€ 10.666,00" and str(sf.Bedrag(5)) == "€ 0,05"
    assert sf.Bedrag(1_066_650).export == Decimal("10666.50")
    assert str(sf.bedrag(1_000_000, 3, 5, 3)) == "< 5" and sf.bedrag(1_000_000, 3, 5, 3).export == "< 5"
    assert sf.bedrag(1_000, 5, 5, 3).waarde == 333 and sf.bedrag(1_000, 6, 5, 0).waarde is None


def test_gemeenten_van_de_regio_zijn_de_kolommen_met_totaal(regio, zonder_drempel):
    foto = sf.startfoto(regio.regio, PEIL)
    assert foto.kolommen == ["Hillegom", "Lisse", "Totaal"]
    assert [t.code for t in foto.tabellen] == [
        "clienten", "vervoer", "leveringsvorm", "kosten", "kosten_per_inwoner", "kosten_per_client", "aanbieders"
    ]
    assert all(t.definitie for t in foto.tabellen)


def test_clienten_per_gemeente_en_productgroep_op_de_peildatum_en_percentage_van_de_bevolking(regio, zonder_drempel):
    w = waarden(sf.startfoto(regio.regio, PEIL).tabel("clienten"))
    assert w["Begeleiding individueel"] == [2, 1, 3]
    assert w["Begeleiding groep (dagbesteding)"] == [2, 1, 3]
    assert w["Kortdurend verblijf"] == [1, 0, 1]
    assert w["Beschermd wonen"] == [0, 0, 0]  # ended before the peildatum
    assert w["Totaal cliënten"] == [4, 2, 6]  # a person with individueel and groep counts once
    assert w["Aantal inwoners"] == [1000, 400, 1400]
    assert w["Percentage van de bevolking"] == [0.4, 0.5, 0.43]


def test_begeleiding_groep_met_en_zonder_vervoer(regio, zonder_drempel):
    w = waarden(sf.startfoto(regio.regio, PEIL).tabel("vervoer"))
    assert w == {"Met vervoer": [1, 1, 2], "Zonder vervoer": [1, 0, 1], "Totaal begeleiding groep": [2, 1, 3]}


def test_leveringsvorm_zin_pgb_pvb_als_aantal_en_percentage(regio, zonder_drempel):
    w = waarden(sf.startfoto(regio.regio, PEIL).tabel("leveringsvorm"))
    assert w["Zorg in natura (ZIN)"] == [3, 1, 4]
    assert w["Persoonsgebonden budget (pgb)"] == [1, 0, 1]
    assert w["Persoonsvolgend budget (pvb)"] == [0, 1, 1]
    assert w["% Zorg in natura (ZIN)"] == [75.0, 50.0, 66.67]
    assert w["% Persoonsgebonden budget (pgb)"] == [25.0, 0.0, 16.67]


def test_kosten_per_productgroep_over_de_twaalf_maanden(regio, zonder_drempel):
    w = waarden(sf.startfoto(regio.regio, PEIL).tabel("kosten"))
    assert w["Begeleiding individueel (€)"] == [109_500, 36_500, 146_000]
    assert w["Begeleiding groep (dagbesteding) (€)"] == [255_500, 109_500, 365_000]
    assert w["Kortdurend verblijf (€)"] == [30_000, 0, 30_000]
    assert w["Beschermd wonen (€)"] == [180_000, 0, 180_000]  # 90 days before it ended
    assert w["Vervoer van en naar dagbesteding (€)"] == [18_250, 18_250, 36_500]
    assert w["Totaal (€)"] == [593_250, 164_250, 757_500]


def test_kosten_per_inwoner_naar_leveringsvorm_tegen_de_referentie(regio, zonder_drempel):
    t = sf.startfoto(regio.regio, PEIL).tabel("kosten_per_inwoner")
    w = waarden(t)
    # 447,250 / 1,000; 54,750 / 400 = 136.875 → 137; 502,000 / 1,400 = 358.57 → 359 (cents, half up)
    assert w["Zorg in natura (ZIN) (€)"] == [447, 137, 359]
    assert w["Persoonsgebonden budget (pgb) (€)"] == [146, 0, 104]
    assert w["Persoonsvolgend budget (pvb) (€)"] == [0, 274, 78]
    assert w["Totaal (€)"] == [593, 411, 541]
    ref = next(r for r in t.rijen if r.naam.startswith("Referentie"))
    assert [c.waarde for c in ref.cellen] == [14_600] * 3 and str(ref.cellen[0]) == "€ 146,00"
    assert "Holland Rijnland" in ref.naam and "002_76fcc364857742d7" in t.definitie


def test_kosten_per_client_telt_wie_in_de_twaalf_maanden_een_voorziening_had(regio, zonder_drempel):
    t = sf.startfoto(regio.regio, PEIL).tabel("kosten_per_client")
    w = waarden(t)
    assert w["Cliënten in de kostenperiode"] == [5, 2, 7]  # incl. the ended beschermd wonen
    assert w["Kosten per cliënt (€)"] == [118_650, 82_125, 108_214]  # 757,500 / 7 = 108,214.29
    ref = next(r for r in t.rijen if r.naam.startswith("Referentie"))
    assert str(ref.cellen[-1]) == "€ 10.666,00"


def test_aanbieders_op_aantal_clienten_aflopend_zonder_vervoer_en_pgb(regio, zonder_drempel):
    w = waarden(sf.startfoto(regio.regio, PEIL).tabel("aanbieders"))
    assert list(w) == ["Xenia Zorg", "Aardig Wonen"]  # the taxi (vervoer) and the pgb are not care providers here
    assert w["Xenia Zorg"] == [2, 1, 3] and w["Aardig Wonen"] == [1, 1, 2]


def test_aanbieders_bij_gelijk_aantal_op_naam_en_de_rest_als_overige(db, monkeypatch):
    g = GemeenteFactory(regio=RegioFactory(naam="Toprregio"), naam="Teylingen")
    drempel(g, 1)
    for naam, n in (("Cura", 2), ("Anker", 2), ("Boog", 3), ("Dijk", 1)):
        a = AanbiederFactory(naam=naam)
        for _ in range(n):
            toekenning(inwoner(g), "02", aanbieder=a)
    monkeypatch.setattr(sf, "TOP_AANBIEDERS", 2)
    w = waarden(sf.startfoto(g.regio, PEIL).tabel("aanbieders"))
    assert list(w) == ["Boog", "Anker", "Overige aanbieders (2)"]
    assert w["Overige aanbieders (2)"] == [3, 3]


def test_kleine_aantallen_en_wat_eruit_berekend_is_tonen_als_kleiner_dan_5(regio):
    foto = sf.startfoto(regio.regio, PEIL)
    tekst = {r.naam: [str(c) for c in r.cellen] for r in foto.tabel("clienten").rijen}
    assert tekst["Begeleiding individueel"] == ["< 5", "< 5", "< 5"]
    assert tekst["Beschermd wonen"] == ["0", "0", "0"]
    assert tekst["Totaal cliënten"] == ["< 5", "< 5", "6"]
    assert tekst["Percentage van de bevolking"] == ["< 5", "< 5", "0,43"]
    assert tekst["Aantal inwoners"] == ["1.000", "400", "1.400"]  # not a count of clients
    per_client = {r.naam: [str(c) for c in r.cellen] for r in foto.tabel("kosten_per_client").rijen}
    assert per_client["Kosten per cliënt (€)"] == ["€ 1.186,50", "< 5", "€ 1.082,14"]  # Lisse: 2 clients behind it
    kosten = {r.naam: [str(c) for c in r.cellen] for r in foto.tabel("kosten").rijen}
    assert kosten["Beschermd wonen (€)"] == ["< 5", "€ 0,00", "< 5"]  # one client: the amount is hers
    assert all(r.cellen[0].export == "< 5" for r in foto.tabel("aanbieders").rijen)


def test_strengste_drempel_van_de_regio_geldt_in_de_kolom_totaal(regio):
    drempel(regio.lisse, 10)
    foto = sf.startfoto(regio.regio, PEIL)
    assert foto.drempels == [5, 10, 10]
    assert str(foto.tabel("clienten").rijen[-3].cellen[-1]) == "< 10"  # Totaal cliënten 6


def test_referentie_is_gedateerde_configuratie_met_bron_en_regio_eigen_waarde_gaat_voor(regio):
    landelijk = referentie(Referentiesoort.KOSTEN_PER_CLIENT, regio.regio.pk, PEIL)
    assert landelijk.bedrag_cent == 1_066_600 and "002_76fcc364857742d7" in landelijk.bron
    assert referentie(Referentiesoort.KOSTEN_PER_INWONER, None, PEIL).bedrag_cent == 14_600
    Referentiewaarde.objects.create(soort=Referentiesoort.KOSTEN_PER_INWONER, regio=regio.regio, bedrag_cent=15_000,
                                    omschrijving="Eigen norm", geldig_vanaf=date(2026, 1, 1), bron="Begroting 2026")
    assert referentie(Referentiesoort.KOSTEN_PER_INWONER, regio.regio.pk, PEIL).bedrag_cent == 15_000
    assert referentie(Referentiesoort.KOSTEN_PER_INWONER, regio.regio.pk, date(2025, 12, 31)).bedrag_cent == 14_600
    assert referentie(Referentiesoort.KOSTEN_PER_INWONER, regio.elders.regio.pk, PEIL).bedrag_cent == 14_600
    assert referentie(Referentiesoort.KOSTEN_PER_INWONER, None, date(2012, 12, 31)) is None


@pytest.fixture
def beleid(regio):
    return MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=regio.hillegom)


URL = "monitor:startfoto"


def params(regio: Regio, **extra) -> dict:
    return {"regio": regio.regio.pk, "peildatum": "2026-06-30", **extra}


def test_scherm_toont_tabellen_met_definities_afscherming_en_wordt_gelogd(client, regio, beleid):
    client.force_login(beleid)
    r = client.get(reverse(URL), params(regio))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Startfoto Startregio" in html and "Hillegom" in html and "Katwijk" not in html
    assert 'id="tabel-clienten"' in html and "Definitie:" in html and "&lt; 5" in html and "€ 146,00" in html
    assert "WMO020" in html and "Stand van de gegevens" in html
    record = AuditRecord.objects.filter(medewerker=beleid, actie=AuditActie.LEZEN).latest("tijdstip")
    assert record.object_type == "Regio" and "Startfoto Startregio peildatum 30-06-2026" in record.omschrijving
    inhoud = html.split("<main", 1)[1]  # not the header, which names the logged-in user (Faker may pick a client's surname)
    for p in regio.personen:
        assert p.geslachtsnaam not in inhoud and p.bsn not in html
        assert p.bsn not in record.omschrijving and p.geslachtsnaam not in record.omschrijving


def test_zonder_keuze_de_regio_van_de_medewerker(client, regio, beleid):
    client.force_login(beleid)
    html = client.get(reverse(URL)).content.decode()
    assert "Startfoto Startregio" in html
    other = client.get(reverse(URL), {"regio": regio.elders.regio.pk, "peildatum": "2026-06-30"}).content.decode()
    assert "Startfoto Andere regio" in other and "Katwijk" in other


def test_xlsx_een_blad_per_tabel_met_afscherming_en_zonder_personen(client, regio, beleid):
    client.force_login(beleid)
    r = client.get(reverse(URL), params(regio, formaat="xlsx"))
    assert r.status_code == 200 and r["Content-Disposition"].startswith('attachment; filename="startfoto-startregio-20260630')
    wb = load_workbook(io.BytesIO(r.content))
    assert len(wb.sheetnames) == 2 + 7  # Toelichting, Indeling, then one sheet per table
    clienten = next(wb[n] for n in wb.sheetnames if n.startswith("Cliënten per productgroep"))
    rijen = list(clienten.iter_rows(values_only=True))
    assert rijen[0] == ("Productgroep", "Hillegom", "Lisse", "Totaal")
    assert rijen[1] == ("Begeleiding individueel", "< 5", "< 5", "< 5")
    assert next(r for r in rijen if r[0] == "Totaal cliënten") == ("Totaal cliënten", "< 5", "< 5", 6)
    assert any(r[0] == "Definitie" and r[1] for r in rijen)
    per_client = next(wb[n] for n in wb.sheetnames if n.startswith("Kosten per cliënt"))
    rij = next(r for r in per_client.iter_rows(values_only=True) if r[0] == "Kosten per cliënt (€)")
    assert Decimal(str(rij[1])) == Decimal("1186.50") and rij[2] == "< 5"
    alles = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    for p in regio.personen:
        assert p.bsn not in alles and p.geslachtsnaam not in alles
    assert AuditRecord.objects.filter(medewerker=beleid, actie=AuditActie.EXPORT, object_type="Regio").exists()


def test_csv_per_tabel_met_afscherming_en_zonder_personen(client, regio, beleid):
    client.force_login(beleid)
    r = client.get(reverse(URL), params(regio, formaat="csv", tabel="vervoer"))
    rijen = list(csv.reader(io.StringIO(r.content.decode()), delimiter=";"))
    assert rijen[-1][0] == "Definitie" and "WMO020 08" in rijen[-1][1]
    assert rijen[:4] == [
        ["Begeleiding groep", "Hillegom", "Lisse", "Totaal"],
        ["Met vervoer", "< 5", "< 5", "< 5"],
        ["Zonder vervoer", "< 5", "0", "< 5"],
        ["Totaal begeleiding groep", "< 5", "< 5", "< 5"],
    ]
    tekst = r.content.decode() + client.get(reverse(URL), params(regio, formaat="csv", tabel="aanbieders")).content.decode()
    for p in regio.personen:
        assert p.bsn not in tekst and p.geslachtsnaam not in tekst
    assert client.get(reverse(URL), params(regio, formaat="csv", tabel="bestaat-niet")).status_code == 404


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.BACKOFFICE, Rol.FUNCTIONEEL_BEHEER], ids=str)
def test_dossierrollen_en_beheer_zien_de_startfoto_niet(client, regio, rol):
    client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=regio.hillegom))
    assert client.get(reverse(URL), params(regio)).status_code == 403
    assert client.get(reverse(URL), params(regio, formaat="xlsx")).status_code == 403


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FINANCIEN, Rol.TEAMLEIDER], ids=str)
def test_monitorrollen_zien_de_startfoto(client, regio, rol):
    client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=regio.hillegom))
    assert client.get(reverse(URL), params(regio)).status_code == 200


def test_monitorpagina_linkt_naar_de_startfoto(client, regio, beleid):
    client.force_login(beleid)
    assert reverse(URL) in client.get(reverse("monitor:jeugd_participatie")).content.decode()


def test_aantal_queries_hangt_niet_af_van_het_aantal_toekenningen(regio, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as voor:
        sf.startfoto(regio.regio, PEIL)
    for _ in range(5):
        toekenning(inwoner(regio.lisse), "07", aanbieder=AanbiederFactory())
    with django_assert_num_queries(len(voor)):
        sf.startfoto(regio.regio, PEIL)


def test_ongeldige_peildatum_geeft_een_melding_en_de_standaard(client, regio, beleid):
    client.force_login(beleid)
    r = client.get(reverse(URL), {"regio": regio.elders.regio.pk, "peildatum": "31-31-2026"})
    html = r.content.decode()
    assert r.status_code == 200 and "Peildatum: Voer een geldige datum in." in html
    assert "Startfoto Andere regio" in html  # the valid choice is kept; the date falls back to today
