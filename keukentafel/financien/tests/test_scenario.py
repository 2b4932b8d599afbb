"""Scenarios: the book, each measure, its start year, measures compounding in order, lines without dekking, budgets per
year, saving with a version and peildatum, and the screens (formset of measures, charts, audit)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.financien.models import Begroting, Begrotingsbedrag, Begrotingspost, Begrotingsversie, Postsoort, Scenario
from keukentafel.financien.scenario import NIET_TOEGEREKEND, OngeldigScenario, bewaar, boek, doorreken, valideer_maatregelen
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


# --- measures compound: each on the running book the previous ones left -------------------------------------------
# The book (fixture `boekje`): wmo:01 costs 1,444,714 of which 844,714 per week; wmo:02 costs 1,251,428, 2 clients,
# inflow share 50 %.


def _een_jaar(gemeente, maatregelen):
    return per_post(doorreken(gemeente, 2026, 1, maatregelen, peildatum=PEIL), 2026)


def test_tarief_then_frequentie_halves_the_raised_weekly_part(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [{"soort": "tarief", "categorie": "wmo:01", "procent": "10", "vanaf": 2026},
                               {"soort": "frequentie", "vanaf": 2026}])
    # 1.1B − 0.55W: B 1,444,714 + 144,471 = 1,589,185; W 844,714 + 84,471 = 929,185; half of it 464,593 (464,592.5 up).
    assert uit["hbh"] == 1_589_185 - 464_593 == 1_124_592


def test_frequentie_then_tarief_raises_the_halved_cost(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [{"soort": "frequentie", "vanaf": 2026},
                               {"soort": "tarief", "categorie": "wmo:01", "procent": "10", "vanaf": 2026}])
    # (B − 0.5W) × 1.1: 1,444,714 − 422,357 = 1,022,357; + 102,236 (102,235.7) = 1,124,593.
    assert uit["hbh"] == 1_124_593


def test_frequentie_twice_halves_only_once(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [{"soort": "frequentie", "vanaf": 2026}, {"soort": "frequentie", "vanaf": 2026}])
    assert uit["hbh"] == 1_444_714 - 422_357


def test_korting_then_frequentie_halves_the_cut_weekly_part(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [{"soort": "korting", "post": "hbh", "procent": "10", "vanaf": 2026},
                               {"soort": "frequentie", "vanaf": 2026}])
    # Cut 144,471 (144,471.4): B 1,300,243; the weekly part shrinks alike: 844,714 − 84,471 = 760,243; half 380,122.
    assert uit["hbh"] == 1_300_243 - 380_122 == 920_121


def test_korting_then_verschuiving_moves_a_share_of_the_cut_cost(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [
        {"soort": "korting", "post": "begeleiding", "procent": "20", "vanaf": 2026},
        {"soort": "verschuiving", "categorie": "wmo:02", "aandeel": "50", "kosten_per_deelnemer_cent": 150_000, "vanaf": 2026},
    ])
    # 1,251,428 − 250,286 (250,285.6) = 1,001,142; half goes (500,571), 1 participant at € 1,500 comes.
    assert uit["begeleiding"] == 1_001_142 - 500_571 + 150_000 == 650_571


def test_verschuiving_then_korting_cuts_the_line_total_incl_the_algemene_voorziening(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    d = doorreken(gemeente, 2026, 1, [
        {"soort": "verschuiving", "categorie": "wmo:02", "aandeel": "50", "kosten_per_deelnemer_cent": 150_000, "vanaf": 2026},
        {"soort": "korting", "post": "begeleiding", "procent": "20", "vanaf": 2026},
    ], peildatum=PEIL)
    # 625,714 maatwerk + 150,000 algemene voorziening = 775,714; 20 % = 155,143 (155,142.8), rounded once on the total.
    assert per_post(d, 2026)["begeleiding"] == 775_714 - 155_143 == 620_571
    assert d.effect_per_maatregel == [{2026: -625_714 + 150_000}, {2026: -155_143}]


def test_instroom_then_tarief_raises_the_changed_book(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [{"soort": "instroom", "categorie": "wmo:02", "procent": "-20", "vanaf": 2026},
                               {"soort": "tarief", "categorie": "wmo:02", "procent": "10", "vanaf": 2026}])
    # 1,251,428 − 62,571 (a quarter of the book × 20 %) = 1,188,857; + 118,886 (118,885.7) = 1,307,743.
    assert uit["begeleiding"] == 1_307_743


def test_tarief_then_instroom_changes_the_raised_book(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [{"soort": "tarief", "categorie": "wmo:02", "procent": "10", "vanaf": 2026},
                               {"soort": "instroom", "categorie": "wmo:02", "procent": "-20", "vanaf": 2026}])
    # 1,251,428 + 125,143 = 1,376,571; − 5 % of it: 68,829 (68,828.55 up) = 1,307,742.
    assert uit["begeleiding"] == 1_307_742


def test_two_cuts_on_one_line_compound(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    uit = _een_jaar(gemeente, [{"soort": "korting", "post": "begeleiding", "procent": "10", "vanaf": 2026},
                               {"soort": "korting", "post": "begeleiding", "procent": "10", "vanaf": 2026}])
    # 1,251,428 − 125,143 = 1,126,285; − 112,629 (112,628.5 up) = 1,013,656 (not 1,251,428 × 0.8 = 1,001,142).
    assert uit["begeleiding"] == 1_013_656


def test_a_later_measure_compounds_only_from_its_year(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    d = doorreken(gemeente, 2026, 2, [{"soort": "tarief", "categorie": "wmo:01", "procent": "10", "vanaf": 2026},
                                      {"soort": "frequentie", "vanaf": 2027}], peildatum=PEIL)
    assert per_post(d, 2026)["hbh"] == 1_589_185 and per_post(d, 2027)["hbh"] == 1_124_592
    assert d.effect_per_maatregel[1] == {2027: -464_593}


# --- lines without dekking: their budget is their cost --------------------------------------------------------------


def test_line_without_dekking_has_its_budget_as_baseline_and_can_be_cut(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1_500_000, "begeleiding": 1_300_000, "overhead": 400_000})
    begroting(gemeente, 2027, {"hbh": 1_500_000, "begeleiding": 1_300_000, "overhead": 500_000})
    d = doorreken(gemeente, 2026, 2, [{"soort": "korting", "post": "overhead", "procent": "12,5", "vanaf": 2026}], peildatum=PEIL)
    assert per_post(d, 2026, "basis_cent")["overhead"] == 400_000 and per_post(d, 2027, "basis_cent")["overhead"] == 500_000
    assert per_post(d, 2026)["overhead"] == 350_000 and per_post(d, 2027)["overhead"] == 437_500
    # The totals now compare with the budget: every lasten line is in them.
    assert d.totaal("begroot_cent", 2026) == 3_200_000
    assert d.totaal("basis_cent", 2026) == 1_444_714 + 1_251_428 + 400_000
    overhead = next(p for p in d.posten if p.code == "overhead")
    assert not overhead.gedekt and d.als_dict()["posten"][2]["gedekt"] is False


def test_a_category_on_two_lines_counts_on_the_first(gemeente, boekje):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1}, dekking={"hbh": ["wmo:01", "wmo:02"], "begeleiding": ["wmo:02"]})
    d = doorreken(gemeente, 2026, 1, [], peildatum=PEIL)
    assert per_post(d, 2026, "basis_cent") == {"hbh": 1_444_714 + 1_251_428, "begeleiding": 0}


@pytest.mark.parametrize("procent, bp", [
    ("0,005", 1), ("-0,005", -1), ("0.015", 2), ("0.025", 3), ("-0.025", -3), ("12.345", 1235), ("-12.345", -1235), ("0,004", 0),
])
def test_percentages_round_half_away_from_zero_to_basis_points(procent, bp):
    assert valideer_maatregelen([{"soort": "tarief", "procent": procent, "vanaf": 2026}], set())[0]["procent_bp"] == bp


def test_peildatum_defaults_to_the_local_date_and_is_saved_so_the_result_reproduces(gemeente, boekje, monkeypatch):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: PEIL)
    mw = MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=gemeente)
    m = [{"soort": "tarief", "procent": "3", "vanaf": 2026}]
    s = bewaar(gemeente, mw, naam="Index", jaar=2026, jaren=2, maatregelen=m)
    assert s.peildatum == PEIL and s.resultaat["peildatum"] == "2026-06-01"
    # The grant that ended on 30 April is not in the book of 1 June, and the saved result is reproduced from the peildatum.
    assert doorreken(gemeente, 2026, 2, s.maatregelen, peildatum=s.peildatum).als_dict() == s.resultaat
    assert doorreken(gemeente, 2026, 2, s.maatregelen, peildatum=date(2026, 4, 1)).als_dict() != s.resultaat


# --- screens ---------------------------------------------------------------------------------------------------


@pytest.fixture
def financien(gemeente):
    return MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=gemeente)


def test_screens_for_financien_and_beleid_only(client, gemeente, boekje):
    for rol, status in ((Rol.FINANCIEN, 200), (Rol.BELEID, 200), (Rol.GENERALIST, 403), (Rol.BACKOFFICE, 403)):
        client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=gemeente))
        assert client.get(reverse("financien:scenario_lijst")).status_code == status
        assert client.get(reverse("financien:scenario_nieuw")).status_code == status


def rijen(*maatregelen: dict, leeg: int = 2) -> dict:
    """POST data of the measure formset: the given rows, then `leeg` empty ones."""
    data = {"maatregel-TOTAL_FORMS": str(len(maatregelen) + leeg), "maatregel-INITIAL_FORMS": "0",
            "maatregel-MIN_NUM_FORMS": "0", "maatregel-MAX_NUM_FORMS": "30"}
    for i, m in enumerate(maatregelen):
        data.update({f"maatregel-{i}-{k}": v for k, v in m.items()})
    return data


SEEDPAKKET = (  # seed 000_9b14841e6fe6ddc8.txt "De financiële opgave": 25 % begeleiding, 40 % HbH, and an overhead cut
    {"soort": "korting", "post": "begeleiding", "percentage": "25"},
    {"soort": "korting", "post": "hbh", "percentage": "40"},
    {"soort": "korting", "post": "overhead", "percentage": "15", "vanaf": "2028"},
    {"soort": "tarief", "categorie": "wmo:01", "percentage": "2,5"},
    {"soort": "tarief", "percentage": "-1"},
    {"soort": "frequentie"},
)


def test_create_view_compare_and_export(client, gemeente, boekje, financien):
    begroting(gemeente, 2026, {"hbh": 1_000_000, "begeleiding": 1_200_000, "overhead": 300_000})
    client.force_login(financien)
    r = client.get(reverse("financien:scenario_nieuw"))
    html = r.content.decode()
    assert html.count('<legend class="utrecht-form-fieldset__legend">Maatregel ') == 5  # five empty rows
    assert '<option value="overhead">Wmo: Overhead (zonder voorzieningen)</option>' in html  # a line without dekking

    data = {"naam": "Vernieuwing", "jaar": "2027", "jaren": "2", **rijen(SEEDPAKKET[1], {"soort": "frequentie"})}
    r = client.post(reverse("financien:scenario_nieuw"), data)
    s = Scenario.objects.get(naam="Vernieuwing")
    assert r.status_code == 302 and r["Location"] == reverse("financien:scenario_detail", args=[s.pk])
    assert [m["soort"] for m in s.maatregelen] == ["korting", "frequentie"]
    assert all(m["vanaf"] == 2027 for m in s.maatregelen)  # an empty "vanaf" means the first year
    r = client.get(reverse("financien:scenario_detail", args=[s.pk]))
    html = r.content.decode()
    assert r.status_code == 200 and "40 % korting op post hbh, vanaf 2027" in html
    # The chart: baseline vs scenario per year as SVG, the totals table its text alternative.
    assert "<svg" in html and 'aria-labelledby="svg-titel-tabel-totalen svg-desc-tabel-totalen"' in html
    assert 'id="tabel-totalen"' in html and 'href="#tabel-totalen"' in html

    r = client.get(reverse("financien:scenario_xlsx", args=[s.pk]))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(r.content)).active
    assert ws["A1"].value == "Post" and ws["C1"].value == "Begroot 2027"
    xrijen = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert xrijen["begeleiding"][2] == 12_000.0 and xrijen["overhead"][3] == 3_000.0  # overhead: basis = begroting

    client.post(reverse("financien:scenario_nieuw"), {"naam": "Alleen korting", "jaar": "2027", "jaren": "2", **rijen(SEEDPAKKET[1])})
    ids = list(Scenario.objects.values_list("pk", flat=True))
    r = client.get(reverse("financien:scenario_vergelijk"), {"id": ids})
    html = r.content.decode()
    assert r.status_code == 200 and "Alleen korting" in html and "Vernieuwing" in html
    assert 'id="tabel-vergelijking"' in html and "<svg" in html and ">Alleen korting</text>" in html
    r = client.get(reverse("financien:scenario_vergelijk"), {"id": ids, "formaat": "xlsx"})
    ws = load_workbook(BytesIO(r.content)).active
    assert ws["A1"].value == "Scenario" and ws["B1"].value == "Boek van"
    export = AuditRecord.objects.get(actie="export", omschrijving__startswith="Vergelijking van scenario's")
    assert export.medewerker == financien and export.ip_adres == "127.0.0.1"


def test_several_measures_of_each_kind_in_one_scenario(client, gemeente, boekje, financien):
    begroting(gemeente, 2026, {"hbh": 1_000_000, "begeleiding": 1_200_000, "overhead": 300_000})
    client.force_login(financien)
    r = client.post(reverse("financien:scenario_nieuw"), {"naam": "Opgave", "jaar": "2027", "jaren": "2", **rijen(*SEEDPAKKET)})
    assert r.status_code == 302
    s = Scenario.objects.get(naam="Opgave")
    assert s.maatregelen == [
        {"soort": "korting", "vanaf": 2027, "post": "begeleiding", "procent_bp": 2500},
        {"soort": "korting", "vanaf": 2027, "post": "hbh", "procent_bp": 4000},
        {"soort": "korting", "vanaf": 2028, "post": "overhead", "procent_bp": 1500},
        {"soort": "tarief", "vanaf": 2027, "categorie": "wmo:01", "procent_bp": 250},
        {"soort": "tarief", "vanaf": 2027, "categorie": "", "procent_bp": -100},
        {"soort": "frequentie", "vanaf": 2027, "categorie": "wmo:01"},
    ]
    assert s.resultaat == doorreken(gemeente, 2027, 2, s.maatregelen, peildatum=s.peildatum).als_dict()
    overhead = next(p for p in s.resultaat["posten"] if p["code"] == "overhead")
    assert overhead["scenario"] == {"2027": 300_000, "2028": 255_000}
    # The edit form shows every saved row (and empty ones to add more).
    html = client.get(reverse("financien:scenario_wijzig", args=[s.pk])).content.decode()
    assert 'name="maatregel-5-soort"' in html and 'name="maatregel-8-soort"' in html
    assert '<option value="frequentie" selected>' in html


@pytest.mark.parametrize("rij, veld, melding", [
    ({"percentage": "10"}, "soort", "Vul dit in: kies de soort maatregel, of maak de hele rij leeg."),
    ({"soort": "korting", "percentage": "10"}, "post", "Vul dit in bij een korting op een begrotingspost."),
    ({"soort": "korting", "post": "hbh", "percentage": "110"}, "percentage", "Een korting ligt tussen 0 en 100 %."),
    ({"soort": "verschuiving", "aandeel": "10"}, "kosten", "Vul dit in bij een verschuiving naar een algemene voorziening."),
    ({"soort": "tarief", "percentage": "5", "aandeel": "3"}, "aandeel", "Hoort niet bij een tariefwijziging: maak dit leeg."),
    ({"soort": "instroom", "percentage": "5", "vanaf": "2031"}, "vanaf", "Kies een jaar van 2027 tot en met 2028, of laat het leeg."),
    ({"soort": "tarief", "percentage": "12,345"}, "percentage", "achter de komma"),
])
def test_row_errors_are_dutch_per_row_keep_input_and_save_nothing(client, gemeente, boekje, financien, rij, veld, melding):
    begroting(gemeente, 2026, {"hbh": 1})
    client.force_login(financien)
    goed = {"soort": "frequentie"}
    r = client.post(reverse("financien:scenario_nieuw"), {"naam": "Half", "jaar": "2027", "jaren": "2", **rijen(goed, rij)})
    html = r.content.decode()
    assert r.status_code == 200 and melding in html, html[html.find("kt-foutoverzicht"):][:1500]
    # The error summary links to the field of the second row, named by its row.
    assert f'href="#id_maatregel-1-{veld}"' in html and "Maatregel 2, " in html
    assert 'value="Half"' in html and not Scenario.objects.exists()


def test_more_rows_button_adds_empty_rows_keeps_input_and_saves_nothing(client, gemeente, boekje, financien):
    begroting(gemeente, 2026, {"hbh": 1})
    client.force_login(financien)
    data = {"naam": "Groot", "jaar": "2027", "jaren": "2", "meer_rijen": "1",
            **rijen({"soort": "korting", "post": "hbh", "percentage": "7,5"}, leeg=4)}
    html = client.post(reverse("financien:scenario_nieuw"), data).content.decode()
    assert 'name="maatregel-TOTAL_FORMS" value="8"' in html  # 5 rows + 3
    assert 'value="7,5"' in html and 'value="Groot"' in html and "Er ging iets mis" not in html
    assert not Scenario.objects.exists()


def test_form_post_list_and_service_use_the_first_years_budget(client, gemeente, boekje, financien):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    begroting(gemeente, 2040, {"hbh": 1, "begeleiding": 1, "apparaatskosten": 800_000})
    client.force_login(financien)
    data = {"naam": "Later", "jaar": "2040", "jaren": "1",
            **rijen({"soort": "korting", "post": "apparaatskosten", "percentage": "10"})}
    assert client.post(reverse("financien:scenario_nieuw"), data).status_code == 302
    s = Scenario.objects.get(naam="Later")
    assert next(p for p in s.resultaat["posten"] if p["code"] == "apparaatskosten")["scenario"] == {"2040": 720_000}
    # For a scenario from 2030 the list is that of the 2026 budget: no apparaatskosten to choose.
    r = client.post(reverse("financien:scenario_nieuw"), {**data, "naam": "Eerder", "jaar": "2030"})
    assert r.status_code == 200 and "Selecteer een geldige keuze" in r.content.decode()


def test_saving_from_the_view_audits_with_the_request(client, gemeente, boekje, financien):
    begroting(gemeente, 2026, {"hbh": 1})
    client.force_login(financien)
    client.post(reverse("financien:scenario_nieuw"), {"naam": "Basis", "jaar": "2027", "jaren": "1", **rijen()})
    s = Scenario.objects.get(naam="Basis")
    rec = AuditRecord.objects.get(object_type="Scenario", object_id=str(s.pk), actie="aanmaken")
    assert rec.kanaal == "ui" and rec.ip_adres == "127.0.0.1" and rec.medewerker == financien


def test_detail_shows_peildatum_and_recomputing_uses_todays_book(client, gemeente, boekje, financien, monkeypatch):
    begroting(gemeente, 2026, {"hbh": 1, "begeleiding": 1})
    s = bewaar(gemeente, financien, naam="Oud", jaar=2026, jaren=1, maatregelen=[], peildatum=date(2026, 4, 1))
    client.force_login(financien)
    html = client.get(reverse("financien:scenario_detail", args=[s.pk])).content.decode()
    assert 'data-testid="scenario-peildatum">1 april 2026</strong>' in html
    assert s.resultaat["posten"][1]["basis"]["2026"] > 2 * BEG_JAAR  # on 1 April the ended grant was still in the book
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: PEIL)
    html = client.get(reverse("financien:scenario_wijzig", args=[s.pk])).content.decode()
    assert "Opnieuw doorrekenen gebruikt het boek van vandaag (1 juni 2026), niet dat van 1 april 2026" in html
    r = client.post(reverse("financien:scenario_wijzig", args=[s.pk]),
                    {"naam": "Oud", "jaar": "2026", "jaren": "1", "version": "1", **rijen()}, follow=True)
    s.refresh_from_db()
    assert s.peildatum == PEIL and s.version == 2 and s.resultaat["posten"][1]["basis"]["2026"] == 2 * BEG_JAAR
    assert "doorgerekend op het boek van vandaag (1 juni 2026)" in r.content.decode()


def test_other_gemeente_scenario_is_forbidden(client, gemeente, boekje, financien):
    ander = GebiedFactory().gemeente
    s = Scenario.objects.create(gemeente=ander, naam="X", jaar=2026, aangemaakt_door=financien)
    client.force_login(financien)
    assert client.get(reverse("financien:scenario_detail", args=[s.pk])).status_code == 403
