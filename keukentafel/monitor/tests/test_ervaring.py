"""Client experience: recording on the plan (access, audit, Dutch errors) and the result tables on hand-built answers
with known percentages and means, per team and per provider, the small-cell rule and the filters."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.monitor import services
from keukentafel.monitor.indicatoren import ervaring
from keukentafel.monitor.models import Afname, Vragenlijst
from keukentafel.monitor.periode import periode
from keukentafel.monitor.selectie import Selectie
from keukentafel.testing.factories import (
    AanbiederFactory,
    GebiedFactory,
    GemeenteFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    OndersteuningsplanFactory,
    ProductFactory,
    TeamFactory,
    ToegewezenVoorzieningFactory,
)

JAAR = periode(2025)
VRAGEN = ["weet_waar", "snel_geholpen", "serieus_genomen", "samen_oplossingen", "past_bij_hulpvraag", "kwaliteit_goed",
          "dingen_doen", "beter_redden", "kwaliteit_van_leven"]


def lijst() -> Vragenlijst:
    return Vragenlijst.objects.get(code="wmo-cev", versie=1)


def vul_in(plan, score: int, datum: date = date(2025, 6, 1), **kwargs) -> Afname:
    """Every statement the same score, except ‘snel_geholpen’, always 5 (so tables differ per statement)."""
    antwoorden = {c: score for c in VRAGEN} | {"snel_geholpen": 5}
    return services.registreer_afname(plan.regisseur, plan, lijst(), datum=datum, kanaal="papier", ingevuld_door="inwoner",
                                      antwoorden=antwoorden, **kwargs)


def voorziening(huishouden, aanbieder, begin=date(2025, 1, 1), eind=None, wet="wmo", categorie="02"):
    product = ProductFactory(wet=wet, productcategorie=categorie, productcode=f"{categorie}X01")
    persoon = huishouden.leden.first().persoon
    return ToegewezenVoorziening(huishouden, persoon, product, aanbieder, begin, eind)


def ToegewezenVoorziening(huishouden, persoon, product, aanbieder, begin, eind):  # noqa: N802
    return ToegewezenVoorzieningFactory(gemeente=huishouden.gemeente, persoon=persoon, huishouden=huishouden, product=product,
                                        aanbieder=aanbieder, begindatum=begin, einddatum=eind)


@pytest.fixture
def opzet(db):
    """Gemeente with gebied X (team T1, six households) and gebied Y (team T2, two households).

    Scores (all statements but ‘snel geholpen’): T1 5, 5, 4, 3, 1, weet niet; T2 4, 4.
    Aanbieder A: every T1 household. Aanbieder B: T1 households 0 (two grants), 1 and 4, and both T2 households;
    household 2 had a B grant that ended in 2024."""
    gemeente = GemeenteFactory()
    x, y = GebiedFactory(gemeente=gemeente), GebiedFactory(gemeente=gemeente)
    t1, t2 = TeamFactory(gebied=x, naam="Team Noord"), TeamFactory(gebied=y, naam="Team Zuid")
    r1, r2 = MedewerkerFactory(team=t1), MedewerkerFactory(team=t2)
    a, b = AanbiederFactory(naam="Aanbieder A"), AanbiederFactory(naam="Aanbieder B")
    plannen_t1 = [OndersteuningsplanFactory(huishouden=HuishoudenFactory(gebied=x), regisseur=r1) for _ in range(6)]
    plannen_t2 = [OndersteuningsplanFactory(huishouden=HuishoudenFactory(gebied=y), regisseur=r2) for _ in range(2)]
    for p in plannen_t1:
        voorziening(p.huishouden, a)
    for i in (0, 0, 1, 4):
        voorziening(plannen_t1[i].huishouden, b)
    voorziening(plannen_t1[2].huishouden, b, begin=date(2024, 1, 1), eind=date(2024, 12, 31))
    for p in plannen_t2:
        voorziening(p.huishouden, b)
    for p, s in zip(plannen_t1, (5, 5, 4, 3, 1, 0), strict=True):
        vul_in(p, s)
    for p in plannen_t2:
        vul_in(p, 4)
    return {"gemeente": gemeente, "x": x, "y": y, "t1": t1, "t2": t2, "r1": r1, "r2": r2, "a": a, "b": b,
            "plannen": plannen_t1 + plannen_t2}


def rij(tabel, label_begin: str) -> list[str]:
    return next([str(c) for c in cellen] for label, cellen in tabel.rijen if label.startswith(label_begin))


def selectie(o, **kwargs) -> Selectie:
    return Selectie(o["gemeente"].regio, JAAR, o["gemeente"], **kwargs)


def test_de_standaardvragenlijst_is_geladen_met_negen_stellingen_op_volgorde(db):
    vragen = list(lijst().vragen.values_list("code", flat=True))
    assert vragen == VRAGEN
    assert "te controleren" in lijst().bron


def test_totaal_per_stelling_telt_weet_niet_niet_mee_in_aantal_procent_en_gemiddelde(opzet):
    totaal, _, _ = ervaring.tabellen(selectie(opzet))
    # n = 7 (5,5,4,3,1,4,4), eens = 5 → 71,4 %, mean 26/7 = 3,7; one ‘weet niet’ → "< 5".
    assert rij(totaal, "Ik voel me serieus genomen") == ["7", "71,4", "3,7", "< 5"]
    # ‘Snel geholpen’: everybody 5 (also the ‘weet niet’ household): n = 8, 100 %, 5,0.
    assert rij(totaal, "Ik werd snel geholpen") == ["8", "100,0", "5,0", "0"]
    assert [label for label, _ in totaal.rijen][0].startswith("Ik weet waar ik moet zijn")
    assert totaal.export_rijen()[2][1:] == [7, 71.4, 3.7, "< 5"]


def test_per_team_van_de_regisseur_en_kleine_teams_afgeschermd(opzet):
    _, per_team, _ = ervaring.tabellen(selectie(opzet))
    assert rij(per_team, "Team Noord · Ik voel me serieus") == ["5", "60,0", "3,6", "< 5"]
    assert rij(per_team, "Team Zuid · Ik voel me serieus") == ["< 5", "< 5", "< 5", "0"]
    assert not any(label.startswith("Zonder team") for label, _ in per_team.rijen)


def test_het_team_ligt_vast_bij_het_vastleggen_ook_als_de_regisseur_later_wisselt(opzet):
    plan = opzet["plannen"][6]  # a Team Zuid household
    plan.regisseur = opzet["r1"]
    plan.save()
    _, per_team, _ = ervaring.tabellen(selectie(opzet))
    assert rij(per_team, "Team Noord · Ik voel me serieus") == ["5", "60,0", "3,6", "< 5"]


def test_per_aanbieder_telt_elk_antwoord_een_keer_ook_bij_twee_voorzieningen_van_die_aanbieder(opzet):
    _, _, per_aanbieder = ervaring.tabellen(selectie(opzet))
    # A: the six T1 households → as Team Noord.
    assert rij(per_aanbieder, "Aanbieder A · Ik voel me serieus") == ["5", "60,0", "3,6", "< 5"]
    # B: T1 households 0 (5, two grants: once), 1 (5), 4 (1) and T2 (4, 4): n = 5, eens 4 → 80 %, mean 19/5 = 3,8.
    # Household 2's B grant ended in 2024: not counted.
    assert rij(per_aanbieder, "Aanbieder B · Ik voel me serieus") == ["5", "80,0", "3,8", "0"]


def test_filters_periode_gemeente_gebied_team_en_wet(opzet):
    vul_in(opzet["plannen"][0], 1, datum=date(2024, 12, 31))  # before the period
    ander = OndersteuningsplanFactory()  # another gemeente
    voorziening(ander.huishouden, opzet["a"])
    vul_in(ander, 1)
    totaal, _, _ = ervaring.tabellen(selectie(opzet))
    assert rij(totaal, "Ik voel me serieus genomen") == ["7", "71,4", "3,7", "< 5"]
    zuid, _, _ = ervaring.tabellen(selectie(opzet, team=opzet["t2"]))
    assert rij(zuid, "Ik voel me serieus genomen") == ["< 5", "< 5", "< 5", "0"]
    noord, _, _ = ervaring.tabellen(selectie(opzet, gebied=opzet["x"]))
    assert rij(noord, "Ik voel me serieus genomen") == ["5", "60,0", "3,6", "< 5"]
    jeugd, _, _ = ervaring.tabellen(selectie(opzet, wet="jeugdwet"))
    assert rij(jeugd, "Ik voel me serieus genomen") == ["0", "–", "–", "0"]
    categorie, _, _ = ervaring.tabellen(selectie(opzet, categorie="wmo:02"))
    assert rij(categorie, "Ik voel me serieus genomen") == ["7", "71,4", "3,7", "< 5"]


def test_een_hogere_celdrempel_schermt_meer_af(opzet, monkeypatch):
    monkeypatch.setattr(Selectie, "drempel", lambda self: 8)
    totaal, per_team, _ = ervaring.tabellen(selectie(opzet))
    assert rij(totaal, "Ik voel me serieus genomen") == ["< 8", "< 8", "< 8", "< 8"]
    assert rij(totaal, "Ik werd snel geholpen") == ["8", "100,0", "5,0", "0"]
    assert "< 8" in totaal.definitie


def test_aantal_queries_groeit_niet_met_de_gegevens(opzet):
    def tel() -> int:
        with CaptureQueriesContext(connection) as ctx:
            ervaring.tabellen(selectie(opzet))
        return len(ctx.captured_queries)

    voor = tel()
    extra_team = TeamFactory(gebied=opzet["x"])
    regisseur = MedewerkerFactory(team=extra_team)
    for _ in range(4):
        p = OndersteuningsplanFactory(huishouden=HuishoudenFactory(gebied=opzet["x"]), regisseur=regisseur)
        voorziening(p.huishouden, AanbiederFactory())
        vul_in(p, 3)
    assert tel() == voor


def test_registreren_weigert_voorziening_van_een_ander_huishouden_en_ontbrekende_antwoorden(opzet):
    plan, ander = opzet["plannen"][0], opzet["plannen"][1]
    vreemd = ander.huishouden.voorzieningen.first()
    with pytest.raises(ValidationError) as exc:
        services.registreer_afname(plan.regisseur, plan, lijst(), datum=date(2025, 6, 1), kanaal="papier",
                                   ingevuld_door="inwoner", antwoorden={"weet_waar": 4}, voorziening=vreemd)
    assert "voorziening" in exc.value.error_dict and "vraag_beter_redden" in exc.value.error_dict


# --- the staff form -------------------------------------------------------------------------------------------------

def _post(score: str = "4") -> dict:
    return {"datum": "2025-06-01", "kanaal": "telefoon", "ingevuld_door": "met_hulp"} | {f"vraag_{c}": score for c in VRAGEN}


def test_medewerker_met_toegang_legt_een_vragenlijst_vast_en_dat_wordt_gelogd(client, opzet):
    plan = opzet["plannen"][0]
    client.force_login(opzet["r1"])
    url = reverse("monitor:ervaring_nieuw", args=[plan.pk])
    assert url == f"/monitor/ervaring/plan/{plan.pk}/nieuw/"
    r = client.get(url)
    assert r.status_code == 200
    assert r.content.decode().count('type="radio"') == 9 * 6 + 4 + 3
    r = client.post(url, _post() | {"voorziening": str(plan.huishouden.voorzieningen.first().pk)})
    assert r.status_code == 302
    afname = Afname.objects.filter(plan=plan).latest("id")
    assert (afname.kanaal, afname.ingevuld_door, afname.team_id) == ("telefoon", "met_hulp", opzet["t1"].pk)
    assert afname.antwoorden.count() == 9 and set(afname.antwoorden.values_list("waarde", flat=True)) == {4}
    acties = set(AuditRecord.objects.filter(huishouden_id=plan.huishouden_id).values_list("actie", flat=True))
    assert {AuditActie.LEZEN, AuditActie.AANMAKEN} <= acties
    r = client.get(reverse("monitor:ervaring_detail", args=[afname.pk]))
    assert r.status_code == 200 and "Mee eens" in r.content.decode()


def test_ontbrekende_antwoorden_geven_een_nederlands_foutoverzicht(client, opzet):
    plan = opzet["plannen"][0]
    client.force_login(opzet["r1"])
    data = _post()
    del data["vraag_beter_redden"], data["kanaal"]
    r = client.post(reverse("monitor:ervaring_nieuw", args=[plan.pk]), data)
    html = r.content.decode()
    assert r.status_code == 400
    assert "Er ging iets mis" in html and "De vragenlijst is niet vastgelegd." in html
    assert "Kies een antwoord (of ‘weet niet / niet van toepassing’)." in html
    assert 'href="#id_vraag_beter_redden_0"' in html and "Kies hoe de vragenlijst is ingevuld." in html
    assert not Afname.objects.filter(plan=plan, kanaal="telefoon").exists()


def test_beleid_zonder_dossierrol_krijgt_geen_toegang(client, opzet):
    plan = opzet["plannen"][0]
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=opzet["gemeente"]))
    assert client.get(reverse("monitor:ervaring_plan", args=[plan.pk])).status_code == 403
    assert client.post(reverse("monitor:ervaring_nieuw", args=[plan.pk]), _post()).status_code == 403


def test_generalist_van_een_ander_gebied_moet_eerst_een_reden_geven(client, opzet):
    plan = opzet["plannen"][0]
    client.force_login(MedewerkerFactory(team=TeamFactory()))
    r = client.get(reverse("monitor:ervaring_plan", args=[plan.pk]))
    assert r.status_code == 302 and reverse("inwoners:noodtoegang", args=[plan.huishouden.pk]) in r["Location"]
    assert client.post(reverse("monitor:ervaring_nieuw", args=[plan.pk]), _post()).status_code == 403
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, huishouden_id=plan.huishouden_id).exists()
