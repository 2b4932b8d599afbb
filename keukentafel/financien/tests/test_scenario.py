"""Scenarios: the book, each measure, its start year, budgets per year, saving with a version, and the screens."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.financien.models import Begroting, Begrotingsbedrag, Begrotingspost, Begrotingsversie, Postsoort, Scenario
from keukentafel.financien.scenario import NIET_TOEGEREKEND, OngeldigScenario, bewaar, boek, doorreken
from keukentafel.testing.factories import (
    GebiedFactory,
    MedewerkerFactory,
    PersoonFactory,
    ProductFactory,
    ToegewezenVoorzieningFactory,
)

PEIL = date(2026, 6, 1)
#: 3 hours a week at € 54: a full year is 3 × 5400 × 365 / 7 = 844,714.29 → 844,714 cent.
HBH_JAAR = 844_714
#: 2 hours a week at € 60 begeleiding: 2 × 6000 × 365 / 7 = 625,714.29 → 625,714 cent.
BEG_JAAR = 625_714


@pytest.fixture
def gebied(db):
    return GebiedFactory()


@pytest.fixture
def gemeente(gebied):
    return gebied.gemeente


@pytest.fixture
def hbh(db):
    return ProductFactory(wet="wmo", productcategorie="01", productcode="01A01", naam="Hulp bij het huishouden")


@pytest.fixture
def begeleiding(db):
    return ProductFactory(wet="wmo", productcategorie="02", productcode="02A01", naam="Begeleiding individueel")


def voorziening(gemeente, gebied, product, **kw):
    kw.setdefault("persoon", PersoonFactory(gebied=gebied))
    return ToegewezenVoorzieningFactory(gemeente=gemeente, product=product, **kw)


@pytest.fixture
def boekje(gemeente, gebied, hbh, begeleiding):
    """Two HbH grants (one per week, one per maand), two begeleiding grants (one new: inflow), one ended grant."""
    voorziening(gemeente, gebied, hbh, omvang=3, tarief_cent=5400, frequentie="2", begindatum=date(2024, 1, 1))
    voorziening(gemeente, gebied, hbh, omvang=10, tarief_cent=5000, frequentie="4", begindatum=date(2024, 1, 1))
    voorziening(gemeente, gebied, begeleiding, omvang=2, tarief_cent=6000, frequentie="2", begindatum=date(2023, 3, 1))
    voorziening(gemeente, gebied, begeleiding, omvang=2, tarief_cent=6000, frequentie="2", begindatum=date(2026, 3, 1))
    voorziening(gemeente, gebied, begeleiding, omvang=9, tarief_cent=6000, frequentie="2", begindatum=date(2023, 1, 1),
                einddatum=date(2026, 4, 30), status="beeindigd")


def begroting(gemeente, jaar: int, bedragen: dict[str, int], *, dekking=None) -> Begroting:
    dekking = dekking or {"hbh": ["wmo:01"], "begeleiding": ["wmo:02"]}
    b = Begroting.objects.create(gemeente=gemeente, jaar=jaar, naam="Begroting", bron="test")
    v = Begrotingsversie.objects.create(begroting=b, volgnummer=0, soort="primitief", omschrijving="Primitief",
                                        vastgesteld_op=date(jaar - 1, 11, 10))
    for i, (code, bedrag) in enumerate(bedragen.items()):
        p = Begrotingspost.objects.create(begroting=b, domein="wmo", onderdeel="Wmo", code=code, naam=code.title(),
                                          soort=Postsoort.LASTEN, dekking=dekking.get(code, []), volgorde=i)
        Begrotingsbedrag.objects.create(versie=v, post=p, bedrag_cent=bedrag)
    return b


def per_post(d, jaar: int, veld: str = "scenario_cent") -> dict[str, int]:
    return {p.code: getattr(p, veld)[jaar] for p in d.posten}


def test_boek_is_full_year_cost_of_grants_geldend_on_peildatum(gemeente, boekje):
    b = boek(gemeente, PEIL)
    assert b["wmo:01"].jaarkosten_cent == HBH_JAAR + 10 * 5000 * 12
    assert b["wmo:01"].per_week_cent == HBH_JAAR
    assert b["wmo:02"].jaarkosten_cent == 2 * BEG_JAAR  # the ended grant is not in the book
    assert len(b["wmo:02"].clienten) == 2
    assert b["wmo:02"].instroom_cent == BEG_JAAR and b["wmo:02"].instroomaandeel_bp == 5000


def test_baseline_per_post_and_budget_of_latest_earlier_year(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1_000_000, "begeleiding": 1_200_000})
    begroting(gemeente, 2028, {"hbh": 900_000, "begeleiding": 1_100_000})
    d = doorreken(gemeente, 2026, 4, [], peildatum=PEIL)
    assert d.jaren == [2026, 2027, 2028, 2029]
    assert per_post(d, 2027, "basis_cent") == {"hbh": HBH_JAAR + 600_000, "begeleiding": 2 * BEG_JAAR}
    hbh = next(p for p in d.posten if p.code == "hbh")
    assert hbh.begroot_cent == {2026: 1_000_000, 2027: 1_000_000, 2028: 900_000, 2029: 900_000}
    assert all(p.scenario_cent == p.basis_cent for p in d.posten)


def test_korting_cuts_its_post_from_its_year(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    d = doorreken(gemeente, 2026, 3, [{"soort": "korting", "post": "begeleiding", "procent": "25", "vanaf": 2027}], peildatum=PEIL)
    assert per_post(d, 2026)["begeleiding"] == 2 * BEG_JAAR
    assert per_post(d, 2027)["begeleiding"] == 2 * BEG_JAAR - 312_857  # 25 % of 1,251,428 = 312,857
    assert per_post(d, 2027)["hbh"] == HBH_JAAR + 600_000
    assert d.effect_per_maatregel[0] == {2027: -312_857, 2028: -312_857}


def test_verschuiving_moves_clients_to_an_algemene_voorziening(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    m = {"soort": "verschuiving", "categorie": "wmo:02", "aandeel": "50", "kosten_per_deelnemer_cent": 150_000, "vanaf": 2026}
    d = doorreken(gemeente, 2026, 1, [m], peildatum=PEIL)
    # Half of 2 clients = 1 participant at € 1,500; half of the maatwerk cost goes.
    assert per_post(d, 2026)["begeleiding"] == 2 * BEG_JAAR - BEG_JAAR + 150_000


def test_frequentie_halves_only_weekly_hbh(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    d = doorreken(gemeente, 2026, 1, [{"soort": "frequentie", "vanaf": 2026}], peildatum=PEIL)
    assert per_post(d, 2026)["hbh"] == HBH_JAAR - HBH_JAAR // 2 + 600_000  # 844,714 / 2 = 422,357 exactly
    assert per_post(d, 2026)["begeleiding"] == 2 * BEG_JAAR


def test_tarief_change_of_one_category_or_all(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    d = doorreken(gemeente, 2026, 1, [{"soort": "tarief", "categorie": "wmo:01", "procent": "-10", "vanaf": 2026}], peildatum=PEIL)
    assert per_post(d, 2026) == {"hbh": HBH_JAAR + 600_000 - 144_471, "begeleiding": 2 * BEG_JAAR}
    d = doorreken(gemeente, 2026, 1, [{"soort": "tarief", "procent": "2,5", "vanaf": 2026}], peildatum=PEIL)
    assert per_post(d, 2026) == {"hbh": HBH_JAAR + 600_000 + 36_118, "begeleiding": 2 * BEG_JAAR + 31_286}


def test_instroom_effect_grows_with_the_inflow_share(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    d = doorreken(gemeente, 2026, 3, [{"soort": "instroom", "categorie": "wmo:02", "procent": "-20", "vanaf": 2026}], peildatum=PEIL)
    # Inflow share 50 %: a quarter of the book replaced in year 1, three quarters in year 2, all in year 3.
    assert d.effect_per_maatregel[0] == {2026: -62_571, 2027: -187_714, 2028: -250_286}


def test_measures_apply_in_order_on_each_others_outcome(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    d = doorreken(gemeente, 2026, 1, [
        {"soort": "tarief", "categorie": "wmo:02", "procent": "10", "vanaf": 2026},
        {"soort": "korting", "post": "begeleiding", "procent": "10", "vanaf": 2026},
    ], peildatum=PEIL)
    na_tarief = 2 * BEG_JAAR + 125_143
    assert per_post(d, 2026)["begeleiding"] == na_tarief - 137_657  # 10 % of 1,376,571 rounded half up


def test_categories_on_no_post_are_niet_toegerekend(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1})
    d = doorreken(gemeente, 2026, 1, [], peildatum=PEIL)
    assert per_post(d, 2026, "basis_cent")[NIET_TOEGEREKEND] == 2 * BEG_JAAR


@pytest.mark.parametrize("maatregel, melding", [
    ({"soort": "korting", "post": "bestaat-niet", "procent": "5", "vanaf": 2026}, "kies een begrotingspost"),
    ({"soort": "korting", "post": "hbh", "procent": "150", "vanaf": 2026}, "tussen 0 en 100"),
    ({"soort": "tarief", "procent": "veel", "vanaf": 2026}, "geen percentage"),
    ({"soort": "tarief", "procent": "5"}, "geef het jaar"),
    ({"soort": "toverstaf", "vanaf": 2026}, "onbekende soort"),
    ({"soort": "verschuiving", "aandeel": "10", "vanaf": 2026}, "kosten per deelnemer"),
])
def test_invalid_measures_are_refused_in_dutch(gemeente, boekje, maatregel, melding):
    begroting(gemeente, 2026, {"hbh": 1})
    with pytest.raises(OngeldigScenario, match=melding):
        doorreken(gemeente, 2026, 1, [maatregel], peildatum=PEIL)


def test_bewaar_saves_result_audits_and_guards_name_and_version(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    mw = MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=gemeente)
    m = [{"soort": "korting", "post": "hbh", "procent": "40", "vanaf": 2027}]
    s = bewaar(gemeente, mw, naam="HbH -40%", jaar=2026, jaren=2, maatregelen=m, peildatum=PEIL)
    assert s.maatregelen == [{"soort": "korting", "vanaf": 2027, "post": "hbh", "procent_bp": 4000}]
    assert s.resultaat["jaren"] == [2026, 2027]
    assert AuditRecord.objects.filter(object_type="Scenario", object_id=str(s.pk), actie="aanmaken").exists()
    with pytest.raises(OngeldigScenario, match="al een scenario"):
        bewaar(gemeente, mw, naam="HbH -40%", jaar=2026, jaren=2, maatregelen=m, peildatum=PEIL)
    # Saved measures can be recomputed as they are; a stale version is refused.
    s2 = bewaar(gemeente, mw, naam="HbH -40%", jaar=2026, jaren=3, maatregelen=s.maatregelen, scenario=s, version=1, peildatum=PEIL)
    assert s2.version == 2 and s2.resultaat["jaren"] == [2026, 2027, 2028]
    with pytest.raises(OngeldigScenario, match="intussen gewijzigd"):
        bewaar(gemeente, mw, naam="HbH -40%", jaar=2026, jaren=3, maatregelen=m, scenario=s2, version=1, peildatum=PEIL)


# --- screens ---------------------------------------------------------------------------------------------------


@pytest.fixture
def financien(gemeente):
    return MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=gemeente)


def test_screens_for_financien_and_beleid_only(client, gemeente, boekje):
    for rol, status in ((Rol.FINANCIEN, 200), (Rol.BELEID, 200), (Rol.GENERALIST, 403), (Rol.BACKOFFICE, 403)):
        client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=gemeente))
        assert client.get(reverse("financien:scenario_lijst")).status_code == status
        assert client.get(reverse("financien:scenario_nieuw")).status_code == status


def test_create_view_compare_and_export(client, gemeente, boekje, financien):
    begroting(gemeente, 2026, {"hbh": 1_000_000, "begeleiding": 1_200_000})
    client.force_login(financien)
    data = {"naam": "Vernieuwing", "jaar": "2027", "jaren": "2", "korting_post": "begeleiding", "korting_procent": "10",
            "frequentie_aan": "on"}
    r = client.post(reverse("financien:scenario_nieuw"), data)
    s = Scenario.objects.get(naam="Vernieuwing")
    assert r.status_code == 302 and r["Location"] == reverse("financien:scenario_detail", args=[s.pk])
    assert [m["soort"] for m in s.maatregelen] == ["korting", "frequentie"]
    assert all(m["vanaf"] == 2027 for m in s.maatregelen)  # an empty "vanaf" means the first year
    r = client.get(reverse("financien:scenario_detail", args=[s.pk]))
    assert r.status_code == 200 and "10 % korting op post begeleiding, vanaf 2027" in r.content.decode()

    r = client.get(reverse("financien:scenario_xlsx", args=[s.pk]))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(r.content)).active
    assert ws["A1"].value == "Post" and ws["C1"].value == "Begroot 2027"
    rijen = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert rijen["begeleiding"][2] == 12_000.0

    client.post(reverse("financien:scenario_nieuw"), {**data, "naam": "Alleen korting", "frequentie_aan": ""})
    ids = list(Scenario.objects.values_list("pk", flat=True))
    r = client.get(reverse("financien:scenario_vergelijk"), {"id": ids})
    assert r.status_code == 200 and "Alleen korting" in r.content.decode() and "Vernieuwing" in r.content.decode()
    r = client.get(reverse("financien:scenario_vergelijk"), {"id": ids, "formaat": "xlsx"})
    assert load_workbook(BytesIO(r.content)).active["A1"].value == "Scenario"


def test_form_errors_keep_input_and_save_nothing(client, gemeente, boekje, financien):
    begroting(gemeente, 2026, {"hbh": 1})
    client.force_login(financien)
    r = client.post(reverse("financien:scenario_nieuw"), {"naam": "Half", "jaar": "2027", "jaren": "2", "korting_procent": "10"})
    assert r.status_code == 200 and "Vul dit in, of laat de hele maatregel leeg." in r.content.decode()
    assert 'value="Half"' in r.content.decode() and not Scenario.objects.exists()


def test_other_gemeente_scenario_is_forbidden(client, gemeente, boekje, financien):
    ander = GebiedFactory().gemeente
    s = Scenario.objects.create(gemeente=ander, naam="X", jaar=2026, aangemaakt_door=financien)
    client.force_login(financien)
    assert client.get(reverse("financien:scenario_detail", args=[s.pk])).status_code == 403
