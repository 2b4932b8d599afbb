"""Signing by the resident without a medewerker (Mijn Keukentafel) and goals proposed by the resident."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.plannen import services
from keukentafel.plannen.forms import OndertekenForm
from keukentafel.plannen.models import Doel, Doelvoorstel, OndertekenaarRol, Ondertekenmethode, VoorstelStatus
from keukentafel.testing.factories import NetwerklidFactory

from .helpers import inwoner, plan_met_doel

pytestmark = pytest.mark.django_db


@pytest.fixture
def versie(plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    return services.leg_versie_vast(generalist, plan, plan.version)


def test_inwoner_tekent_zonder_medewerker(plan, versie):
    persoon = inwoner(plan.huishouden)
    o = services.onderteken(
        None, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PORTAAL, persoon=persoon, kanaal="portaal"
    )
    assert o.vastgelegd_door is None and o.medewerker is None and o.methode == "portaal" and o.naam == persoon.naam
    rec = AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN).latest("pk")
    assert rec.medewerker is None and rec.kanaal == "portaal"
    assert rec.omschrijving == f"Versie {versie.nummer} ondertekend (digitaal via Mijn Keukentafel) door {persoon.naam}"
    assert persoon.bsn not in rec.omschrijving


def test_vertegenwoordiger_tekent_zonder_medewerker_namens_de_inwoner(plan, versie, curator):
    persoon = inwoner(plan.huishouden)
    curator.voor_persoon = persoon
    curator.save()
    o = services.onderteken(
        None, versie, rol=OndertekenaarRol.VERTEGENWOORDIGER, methode=Ondertekenmethode.PORTAAL, netwerklid=curator, kanaal="portaal"
    )
    assert o.vastgelegd_door is None and o.netwerklid == curator
    rec = AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN).latest("pk")
    assert rec.kanaal == "portaal" and rec.omschrijving.endswith(f"door Curator Bakker (curator) namens {persoon.naam}")


def test_zonder_medewerker_alleen_inwoner_via_het_portaal(plan, versie, generalist):
    persoon = inwoner(plan.huishouden)
    with pytest.raises(ValidationError) as fout:
        services.onderteken(None, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.PORTAAL)
    assert "rol" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        services.onderteken(None, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, persoon=persoon)
    assert "methode" in fout.value.message_dict
    # a medewerker cannot record a signature as if the resident signed in the portal
    with pytest.raises(ValidationError) as fout:
        services.onderteken(generalist, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PORTAAL, persoon=persoon)
    assert "methode" in fout.value.message_dict
    assert not versie.ondertekeningen.exists()
    form = OndertekenForm(plan=plan, versie=versie, gebruiker=generalist)
    assert Ondertekenmethode.PORTAAL not in dict(form.fields["methode"].choices)


def test_medewerker_tekent_nog_steeds_met_vastgelegd_door(plan, versie, generalist):
    o = services.onderteken(generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    assert o.vastgelegd_door == generalist
    rec = AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN).latest("pk")
    assert rec.medewerker == generalist and rec.kanaal == "systeem"


def test_doelvoorstel_wijzigt_het_plan_niet(plan, versie, leefgebied2):
    persoon = inwoner(plan.huishouden)
    plan.refresh_from_db()
    voor = (plan.version, Doel.objects.filter(plan=plan).count(), services.momentopname(plan))
    v = services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied2, omschrijving=" Vaker op bezoek bij mijn zus ", persoon=persoon)
    plan.refresh_from_db()
    assert (plan.version, Doel.objects.filter(plan=plan).count(), services.momentopname(plan)) == voor
    assert v.omschrijving == "Vaker op bezoek bij mijn zus" and v.status == VoorstelStatus.OPEN and v.ingediend_door == persoon.naam
    rec = AuditRecord.objects.get(object_type="Doelvoorstel")
    assert (
        rec.kanaal == "portaal" and rec.medewerker is None and rec.huishouden_id == plan.huishouden_id and persoon.naam in rec.omschrijving
    )


def test_doelvoorstel_alleen_van_lid_of_vertegenwoordiger_en_begrensd(plan, versie, leefgebied, mantelzorger, curator):
    with pytest.raises(ValidationError):
        services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied, omschrijving="Iets", persoon=None)
    with pytest.raises(ValidationError):  # a mantelzorger does not represent the resident
        services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied, omschrijving="Iets", netwerklid=mantelzorger)
    with pytest.raises(ValidationError):  # a representative of another household
        services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied, omschrijving="Iets", netwerklid=NetwerklidFactory(rol="curator"))
    with pytest.raises(ValidationError) as fout:
        services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied, omschrijving="x" * 2001, netwerklid=curator)
    assert "omschrijving" in fout.value.message_dict
    for i in range(services.MAX_OPEN_VOORSTELLEN):
        services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied, omschrijving=f"Doel {i}", netwerklid=curator)
    with pytest.raises(ValidationError) as fout:
        services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied, omschrijving="Nog een", netwerklid=curator)
    assert "voorstellen" in fout.value.messages[0]
    assert Doelvoorstel.objects.count() == services.MAX_OPEN_VOORSTELLEN


def test_overnemen_maakt_een_doel_voor_de_volgende_versie(plan, versie, generalist, leefgebied2):
    persoon = inwoner(plan.huishouden)
    v = services.voeg_doel_van_inwoner_toe(plan, leefgebied=leefgebied2, omschrijving="Vaker naar buiten", persoon=persoon)
    plan.refresh_from_db()
    doel = services.neem_doelvoorstel_over(generalist, v, plan.version)
    v.refresh_from_db()
    assert v.doel == doel and doel.persoon == persoon and doel.leefgebied == leefgebied2 and v.status == VoorstelStatus.OVERGENOMEN
    assert plan.huidige_versie == versie  # not signed yet: the regisseur freezes a new version
    nieuwe = services.leg_versie_vast(generalist, plan, plan.version + 1)
    assert [d["omschrijving"] for d in nieuwe.inhoud["doelen"]][-1] == "Vaker naar buiten"
    with pytest.raises(ValidationError):
        services.wijs_doelvoorstel_af(generalist, v, "Toch niet")
