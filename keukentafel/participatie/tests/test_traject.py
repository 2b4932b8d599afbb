"""Rules of the traject: track from earning capacity, ordered Werkspoor phases, reviews, nobody written off."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.participatie import services
from keukentafel.participatie.models import Afsluitreden, Fase, Spoor, Traject, Trajectstap
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory

START = date(2026, 2, 2)


def _start(generalist, persoon, procent=60, **kw):
    return services.start_traject(generalist, persoon, klantmanager=generalist, verdiencapaciteit_procent=procent, startdatum=START, **kw)


@pytest.mark.parametrize(
    ("procent", "spoor"),
    [(41, Spoor.WERKSPOOR), (40, Spoor.PARTICIPATIESPOOR), (100, Spoor.WERKSPOOR), (0, Spoor.PARTICIPATIESPOOR)],
    ids=["41-werkspoor", "40-participatiespoor", "100-werkspoor", "0-participatiespoor"],
)
def test_spoor_volgt_verdiencapaciteit_boven_de_grens(generalist, ouder, procent, spoor):
    traject = _start(generalist, ouder, procent)
    assert traject.spoor == spoor
    assert traject.fase == (Fase.DIAGNOSE if spoor == Spoor.WERKSPOOR else "")


def test_werkspoorgrens_komt_uit_het_beleid_van_de_gemeente(generalist, ouder, huishouden):
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.WERKSPOOR_GRENS_PROCENT, gemeente=huishouden.gemeente, waarde=60, geldig_vanaf=date(2026, 1, 1), bron="test"
    )
    assert _start(generalist, ouder, 55).spoor == Spoor.PARTICIPATIESPOOR


def test_herbeoordelingsdatum_volgt_de_termijn_uit_het_beleid(generalist, ouder):
    traject = _start(generalist, ouder)
    assert traject.herbeoordeling_op == date(2027, 2, 2)  # 12 months (national default)
    stap = traject.stappen.get()
    assert stap.soort == Trajectstap.Soort.START and stap.volgende_herbeoordeling == date(2027, 2, 2)


def test_start_wordt_geaudit_met_het_huishouden(generalist, ouder, huishouden):
    traject = _start(generalist, ouder)
    record = AuditRecord.objects.get(object_type="Traject", object_id=str(traject.pk))
    assert record.actie == AuditActie.AANMAKEN and record.huishouden_id == huishouden.pk
    assert ouder.bsn not in record.omschrijving


def test_een_lopend_traject_per_persoon(generalist, ouder):
    _start(generalist, ouder)
    with pytest.raises(ValidationError, match="al een lopend traject"):
        _start(generalist, ouder)


def test_werkspoorfasen_in_volgorde_met_gedateerde_geschiedenis(generalist, ouder):
    traject = _start(generalist, ouder)
    services.volgende_fase(generalist, traject, traject.version, datum=date(2026, 3, 1))
    assert traject.fase == Fase.ONTWIKKELING
    services.volgende_fase(generalist, traject, traject.version, datum=date(2026, 6, 1))
    assert traject.fase == Fase.MATCHING
    with pytest.raises(ValidationError, match="laatste fase"):
        services.volgende_fase(generalist, traject, traject.version, datum=date(2026, 7, 1))
    assert list(traject.stappen.values_list("datum", "fase")) == [
        (START, "diagnose"),
        (date(2026, 3, 1), "ontwikkeling"),
        (date(2026, 6, 1), "matching"),
    ]


def test_fase_niet_terug_in_de_tijd(generalist, ouder):
    traject = _start(generalist, ouder)
    with pytest.raises(ValidationError, match="vóór de vorige stap"):
        services.volgende_fase(generalist, traject, traject.version, datum=date(2026, 1, 1))


def test_participatiespoor_kent_geen_fasen(generalist, ouder):
    traject = _start(generalist, ouder, 20)
    with pytest.raises(ValidationError, match="Alleen een traject in het Werkspoor"):
        services.volgende_fase(generalist, traject, traject.version, datum=date(2026, 3, 1))


def test_verouderde_versie_wordt_geweigerd(generalist, ouder):
    traject = _start(generalist, ouder)
    oud = traject.version
    services.volgende_fase(generalist, traject, oud, datum=date(2026, 3, 1))
    with pytest.raises(GelijktijdigGewijzigd):
        services.volgende_fase(generalist, Traject.objects.get(pk=traject.pk), oud, datum=date(2026, 4, 1))


def test_herbeoordeling_kan_van_spoor_wisselen_en_plant_de_volgende(generalist, ouder):
    traject = _start(generalist, ouder, 20)
    services.herbeoordeel(
        generalist,
        traject,
        traject.version,
        datum=date(2027, 2, 1),
        verdiencapaciteit_procent=50,
        uitkomst="Klaar voor de stap naar het Werkspoor",
    )
    traject.refresh_from_db()
    assert (traject.spoor, traject.fase, traject.herbeoordeling_op) == (Spoor.WERKSPOOR, Fase.DIAGNOSE, date(2028, 2, 1))
    services.herbeoordeel(
        generalist,
        traject,
        traject.version,
        datum=date(2027, 6, 1),
        verdiencapaciteit_procent=30,
        uitkomst="Terug naar participatie",
        volgende_herbeoordeling=date(2027, 12, 1),
    )
    traject.refresh_from_db()
    assert (traject.spoor, traject.fase, traject.herbeoordeling_op) == (Spoor.PARTICIPATIESPOOR, "", date(2027, 12, 1))


def test_herbeoordeling_vraagt_een_uitkomst(generalist, ouder):
    traject = _start(generalist, ouder, 20)
    with pytest.raises(ValidationError) as exc:
        services.herbeoordeel(generalist, traject, traject.version, datum=date(2027, 2, 1), verdiencapaciteit_procent=20, uitkomst=" ")
    assert "uitkomst" in exc.value.error_dict


@pytest.mark.parametrize("reden", ["niet_bemiddelbaar", "", "afgeschreven"], ids=["niet-bemiddelbaar", "leeg", "afgeschreven"])
def test_niemand_afschrijven_geen_afsluiting_als_niet_bemiddelbaar(generalist, ouder, reden):
    traject = _start(generalist, ouder, 10)
    with pytest.raises(ValidationError, match="we schrijven niemand af"):
        services.sluit_traject(generalist, traject, traject.version, datum=date(2026, 5, 1), reden=reden)
    traject.refresh_from_db()
    assert traject.is_open and traject.herbeoordeling_op is not None


def test_afsluiten_om_een_feitelijke_reden(generalist, ouder):
    traject = _start(generalist, ouder, 10)
    services.sluit_traject(generalist, traject, traject.version, datum=date(2026, 5, 1), reden=Afsluitreden.WERK_GEVONDEN)
    traject.refresh_from_db()
    assert traject.afgesloten_op == date(2026, 5, 1) and traject.afsluitreden == "werk_gevonden"
    assert traject.stappen.last().soort == Trajectstap.Soort.AFSLUITING


def test_database_eist_herbeoordeling_bij_open_traject(generalist, ouder):
    traject = _start(generalist, ouder, 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Traject.objects.filter(pk=traject.pk).update(herbeoordeling_op=None)


def test_werklijst_herbeoordelingen_alleen_zichtbare_huishoudens(generalist, ouder, buitenstaander):
    traject = _start(generalist, ouder, 10)
    ander = HuishoudenFactory(gebied=buitenstaander.team.gebied)
    vreemd = services.start_traject(
        buitenstaander, ander.leden.first().persoon, klantmanager=buitenstaander, verdiencapaciteit_procent=10, startdatum=START
    )
    op = date(2027, 3, 1)
    assert list(services.te_herbeoordelen(generalist, op)) == [traject]
    assert list(services.te_herbeoordelen(generalist, date(2026, 12, 1))) == []
    assert vreemd not in services.te_herbeoordelen(generalist, op)
    assert list(services.te_herbeoordelen(MedewerkerFactory(rol="beleid", team=None), op)) == []


def test_volgende_herbeoordeling_ligt_na_de_herbeoordeling(generalist, ouder):
    traject = _start(generalist, ouder, 20)
    with pytest.raises(ValidationError) as exc:
        services.herbeoordeel(
            generalist,
            traject,
            traject.version,
            datum=date(2027, 2, 1),
            verdiencapaciteit_procent=20,
            uitkomst="Gesprek",
            volgende_herbeoordeling=date(2027, 2, 1),
        )
    assert "volgende_herbeoordeling" in exc.value.error_dict


def test_klantmanager_werk_van_buiten_het_gebied_opent_het_dossier_zolang_het_traject_loopt(generalist, ouder, huishouden):
    from keukentafel.accounts.access import Toegang, toegang_tot, zichtbare_huishoudens
    from keukentafel.inwoners.models import Huishouden

    klantmanager = MedewerkerFactory(rol=Rol.GENERALIST, first_name="Kees", last_name="Klantmanager",
                                     team__gebied__gemeente=huishouden.gemeente)  # another gebied of the same gemeente
    assert toegang_tot(klantmanager, huishouden) == Toegang.REDEN_NODIG
    traject = services.start_traject(generalist, ouder, klantmanager=klantmanager, verdiencapaciteit_procent=60,
                                     startdatum=date(2026, 2, 2))
    assert toegang_tot(klantmanager, huishouden) == Toegang.EIGEN
    assert list(zichtbare_huishoudens(klantmanager, Huishouden.objects.all())) == [huishouden]
    services.sluit_traject(generalist, traject, traject.version, datum=date(2026, 6, 1), reden=Afsluitreden.WERK_GEVONDEN)
    assert toegang_tot(klantmanager, huishouden) == Toegang.REDEN_NODIG


def test_volgende_herbeoordeling_niet_verder_dan_de_termijn_uit_het_beleid(generalist, ouder):
    traject = _start(generalist, ouder, 20)
    kw = dict(datum=date(2026, 6, 1), verdiencapaciteit_procent=10, uitkomst="Geen perspectief op korte termijn")
    with pytest.raises(ValidationError) as exc:
        services.herbeoordeel(generalist, traject, traject.version, volgende_herbeoordeling=date(2099, 1, 1), **kw)
    assert "uiterlijk 01-06-2027" in exc.value.error_dict["volgende_herbeoordeling"][0].message
    with pytest.raises(ValidationError):
        services.herbeoordeel(generalist, traject, traject.version, volgende_herbeoordeling=date(2027, 6, 2), **kw)
    services.herbeoordeel(generalist, traject, traject.version, volgende_herbeoordeling=date(2027, 6, 1), **kw)
    traject.refresh_from_db()
    assert traject.herbeoordeling_op == date(2027, 6, 1)


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FUNCTIONEEL_BEHEER], ids=["beleid", "functioneel-beheer"])
def test_klantmanager_heeft_een_dossierrol(generalist, ouder, huishouden, rol):
    zonder = MedewerkerFactory(rol=rol, team=None, gemeente=huishouden.gemeente)
    with pytest.raises(ValidationError) as exc:
        services.start_traject(generalist, ouder, klantmanager=zonder, verdiencapaciteit_procent=60, startdatum=START)
    assert "rol die dossiers" in exc.value.error_dict["klantmanager"][0].message
    assert not Traject.objects.exists()


def test_klantmanager_werkt_voor_de_gemeente_van_het_traject(generalist, ouder, huishouden):
    from keukentafel.accounts.access import Toegang, toegang_tot

    elders = MedewerkerFactory(rol=Rol.GENERALIST)  # another gemeente
    assert elders.werkgemeente != huishouden.gemeente
    with pytest.raises(ValidationError) as exc:
        services.start_traject(generalist, ouder, klantmanager=elders, verdiencapaciteit_procent=60, startdatum=START)
    assert "gemeente van deze inwoner" in exc.value.error_dict["klantmanager"][0].message
    assert toegang_tot(elders, huishouden) == Toegang.REDEN_NODIG


@pytest.mark.parametrize("zichzelf", [True, False], ids=["zichzelf-als-klantmanager", "collega-als-klantmanager"])
def test_noodtoegang_wordt_geen_blijvende_toegang_via_een_traject(generalist, ouder, huishouden, zichzelf):
    from keukentafel.accounts.access import Toegang, registreer_noodtoegang, toegang_tot

    vreemde = MedewerkerFactory(rol=Rol.GENERALIST, team__gebied__gemeente=huishouden.gemeente)  # another gebied
    registreer_noodtoegang(vreemde, huishouden, "Spoed: crisis in het gezin")
    assert toegang_tot(vreemde, huishouden) == Toegang.MET_REDEN
    with pytest.raises(ValidationError, match="tijdelijke toegang met een reden"):
        services.start_traject(vreemde, ouder, klantmanager=vreemde if zichzelf else generalist, verdiencapaciteit_procent=60,
                               startdatum=START)
    assert not Traject.objects.exists()
