"""Matching volunteers to vacancies (same gebied, shared interests, availability) and linking by the servicepunt."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.beleid.models import Leefgebied
from keukentafel.plannen.models import Actie, Doel, PlanStatus, Trede
from keukentafel.portaal import vrijwilligers as dienst
from keukentafel.portaal.demo_hulp import laad_demo
from keukentafel.portaal.models import Vrijwilliger, Vrijwilligerskoppeling, Vrijwilligersvacature
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory, OndersteuningsplanFactory

from .fixtures_hulp import _lege_limiet, fixture_regio, maak_vacature, maak_vrijwilliger  # noqa: F401  (fixture regio)


def _lg(code):
    return Leefgebied.objects.get(code=code)


@pytest.mark.django_db
def test_zelfde_gebied_gedeelde_interesse_en_dagdeel_scoren_hoger(regio):
    vac = maak_vacature(regio.gemeente, regio.gebied, leefgebieden=[_lg("sociaal-netwerk")], dagdelen=["middag"])
    beste = maak_vrijwilliger(regio.gemeente, [regio.gebied], interesses=[_lg("sociaal-netwerk")], beschikbaarheid=["middag"], naam="Beste")
    alleen_gebied = maak_vrijwilliger(regio.gemeente, [regio.gebied], beschikbaarheid=["avond"], naam="Alleen gebied")
    ander_gebied = maak_vrijwilliger(regio.gemeente, [regio.ander_gebied], interesses=[_lg("sociaal-netwerk")], naam="Ander gebied")
    andere_gemeente = maak_vrijwilliger(regio.andere_gemeente, [regio.andere_gemeente.gebieden.first()], naam="Wijchen")
    inactief = maak_vrijwilliger(regio.gemeente, [regio.gebied], naam="Gestopt", actief=False)
    matches = dienst.vrijwilligers_voor(vac)
    assert [m.vrijwilliger for m in matches] == [beste, alleen_gebied]
    assert matches[0].score == 3 + 2 + 1 and matches[1].score == 3
    assert "zelfde gebied (Dukenburg)" in matches[0].redenen
    assert not {ander_gebied, andere_gemeente, inactief} & {m.vrijwilliger for m in matches}


@pytest.mark.django_db
def test_vacature_voor_de_hele_gemeente_past_bij_elke_vrijwilliger_van_de_gemeente(regio):
    vac = maak_vacature(regio.gemeente, None)
    v = maak_vrijwilliger(regio.gemeente, [regio.ander_gebied])
    (m,) = dienst.vrijwilligers_voor(vac)
    assert m.vrijwilliger == v and m.score == 1 + 1  # gemeente-wide + no dagdelen asked


@pytest.mark.django_db
def test_vacatures_voor_een_vrijwilliger_beste_eerst_en_alleen_open(regio):
    v = maak_vrijwilliger(regio.gemeente, [regio.gebied], interesses=[_lg("financien")], beschikbaarheid=["ochtend"])
    goed = maak_vacature(regio.gemeente, regio.gebied, titel="Thuisadministratie", leefgebieden=[_lg("financien")], dagdelen=["ochtend"])
    matig = maak_vacature(regio.gemeente, regio.gebied, titel="Klussen", dagdelen=["weekend"])
    maak_vacature(regio.gemeente, regio.gebied, titel="Verlopen", geldig_tot=date.today() - timedelta(days=1))
    maak_vacature(regio.gemeente, regio.gebied, titel="Inactief", actief=False)
    maak_vacature(regio.gemeente, regio.ander_gebied, titel="Elders")
    assert [m.vacature for m in dienst.vacatures_voor(v)] == [goed, matig]


@pytest.mark.django_db
def test_aanmelden_vraagt_toestemming_bereikbaarheid_en_wijk_van_de_gemeente(regio):
    basis = dict(
        gemeente=regio.gemeente,
        naam="Joost",
        email="j@v.example",
        telefoon="",
        gebieden=[regio.gebied],
        interesses=[],
        beschikbaarheid=["avond"],
    )
    with pytest.raises(ValidationError):
        dienst.meld_vrijwilliger_aan(**basis, toestemming=False)
    with pytest.raises(ValidationError):
        dienst.meld_vrijwilliger_aan(**(basis | {"email": ""}), toestemming=True)
    with pytest.raises(ValidationError):
        dienst.meld_vrijwilliger_aan(**(basis | {"gebieden": [regio.andere_gemeente.gebieden.first()]}), toestemming=True)
    with pytest.raises(ValidationError):
        dienst.meld_vrijwilliger_aan(**(basis | {"beschikbaarheid": ["nacht"]}), toestemming=True)
    v = dienst.meld_vrijwilliger_aan(**basis, toestemming=True)
    assert v.toestemming_op and "toestemming" in v.toestemmingstekst
    assert not any(f.name == "bsn" for f in Vrijwilliger._meta.fields)


@pytest.mark.django_db
def test_koppelen_aan_vacature_alleen_binnen_de_eigen_gemeente_en_geaudit(regio):
    vac = maak_vacature(regio.gemeente, regio.gebied)
    v = maak_vrijwilliger(regio.gemeente, [regio.gebied])
    k = dienst.koppel_aan_vacature(regio.generalist, v, vac)
    assert AuditRecord.objects.filter(object_type="Vrijwilligerskoppeling", object_id=str(k.pk), medewerker=regio.generalist).exists()
    with pytest.raises(ValidationError):
        dienst.koppel_aan_vacature(regio.generalist, v, vac)
    wijchen = maak_vrijwilliger(regio.andere_gemeente, [regio.andere_gemeente.gebieden.first()], naam="Wijchen")
    with pytest.raises(PermissionDenied):
        dienst.koppel_aan_vacature(regio.generalist, wijchen, vac)
    beleid = MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=regio.gemeente)
    with pytest.raises(PermissionDenied):
        dienst.koppel_aan_vacature(beleid, v, vac)
    assert Vrijwilligerskoppeling.objects.count() == 1


def _vrijwilligersactie(regio, gebied=None, trede=Trede.VRIJWILLIGER, status=PlanStatus.CONCEPT):
    huishouden = HuishoudenFactory(gebied=gebied or regio.gebied)
    plan = OndersteuningsplanFactory(huishouden=huishouden, regisseur=regio.generalist, status=status)
    doel = Doel.objects.create(plan=plan, leefgebied=_lg("sociaal-netwerk"), omschrijving="Minder alleen zijn")
    return Actie.objects.create(
        doel=doel, trede=trede, omschrijving="Wekelijks bezoek van een maatje", uitvoerder="Vrijwilliger", van=date.today()
    )


@pytest.mark.django_db
def test_open_vrijwilligersacties_alleen_van_het_eigen_gebied_en_open_plannen(regio):
    eigen = _vrijwilligersactie(regio)
    eigen_kracht = _vrijwilligersactie(regio, trede=Trede.EIGEN_KRACHT)
    afgesloten = _vrijwilligersactie(regio, status=PlanStatus.AFGESLOTEN)
    ander = _vrijwilligersactie(regio, gebied=regio.ander_gebied)
    acties = list(dienst.open_vrijwilligersacties(regio.generalist))
    assert acties == [eigen]
    assert not {eigen_kracht, afgesloten, ander} & set(acties)


@pytest.mark.django_db
def test_koppelen_aan_planactie_geaudit_bij_het_huishouden(regio):
    actie = _vrijwilligersactie(regio)
    v = maak_vrijwilliger(regio.gemeente, [regio.gebied])
    k = dienst.koppel_aan_actie(regio.generalist, v, actie)
    rec = AuditRecord.objects.get(object_type="Vrijwilligerskoppeling", object_id=str(k.pk))
    assert rec.huishouden_id == actie.doel.plan.huishouden_id and rec.medewerker == regio.generalist
    # A generalist of another gebied cannot link to this household's action.
    with pytest.raises(PermissionDenied):
        dienst.koppel_aan_actie(regio.collega_ander_team, maak_vrijwilliger(regio.gemeente, [regio.gebied], naam="B"), actie)


@pytest.mark.django_db
def test_demo_laadt_vacatures_per_gebied_en_vrijwilligers(regio):
    tellers = laad_demo(random.Random(7))
    assert tellers["vacatures"] == Vrijwilligersvacature.objects.count() > 0
    assert tellers["vrijwilligers"] == Vrijwilliger.objects.count() > 0
    for gebied in (regio.gebied, regio.ander_gebied):
        assert Vrijwilligersvacature.objects.filter(gebied=gebied).count() >= 2
    v = Vrijwilliger.objects.filter(gemeente=regio.gemeente).first()
    assert dienst.vacatures_voor(v)


@pytest.mark.django_db
def test_vrijwilligers_voor_een_planactie_gerangschikt_op_gebied_en_leefgebied(regio):
    actie = _vrijwilligersactie(regio)  # household in Dukenburg, goal on sociaal netwerk
    maatje = maak_vrijwilliger(regio.gemeente, [regio.gebied], interesses=[_lg("sociaal-netwerk")], naam="Maatje")
    buur = maak_vrijwilliger(regio.gemeente, [regio.gebied], naam="Buurman")
    elders = maak_vrijwilliger(regio.gemeente, [regio.ander_gebied], interesses=[_lg("sociaal-netwerk")], naam="Elders")
    kandidaten = list(Vrijwilliger.objects.filter(actief=True).prefetch_related("gebieden", "interesses"))
    matches = dienst.vrijwilligers_voor_actie(actie, kandidaten)
    assert [m.vrijwilliger for m in matches] == [maatje, buur]
    assert [m.score for m in matches] == [3 + 2 + 1, 3 + 1]
    assert "1 gedeelde interesse" in matches[0].redenen and elders not in [m.vrijwilliger for m in matches]


@pytest.mark.django_db
def test_bewaar_vacature_alleen_voor_de_eigen_gemeente(regio):
    velden = {"titel": "Klussen", "omschrijving": "Kleine klusjes.", "organisatie": "Buurthuis", "contact": "Piet",
              "tijdsinvestering": "1 uur per week"}
    vac = dienst.bewaar_vacature(regio.generalist, dagdelen=["avond", "ochtend"], **velden)
    assert vac.gemeente == regio.gemeente and vac.gebied is None and vac.dagdelen == ["ochtend", "avond"]
    vreemd = maak_vacature(regio.andere_gemeente, None)
    with pytest.raises(PermissionDenied):
        dienst.bewaar_vacature(regio.generalist, vreemd, **velden)
    with pytest.raises(PermissionDenied):
        dienst.bewaar_vacature(MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=regio.gemeente), **velden)
    with pytest.raises(ValidationError) as fout:
        dienst.bewaar_vacature(regio.generalist, vac, gebied=regio.andere_gemeente.gebieden.first(), **{**velden, "titel": ""})
    assert set(fout.value.message_dict) == {"titel", "gebied"}
    vac.refresh_from_db()
    assert vac.titel == "Klussen" and Vrijwilligersvacature.objects.count() == 2
