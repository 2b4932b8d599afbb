"""Meldcode trail and Verwijsindex: the steps and the decision, and strict access (recorder, regisseur, teamleider of
the household's team; not the gebied at large, not the backoffice, no break-the-glass), every read and refusal audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from keukentafel.accounts.access import registreer_noodtoegang
from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.jeugd import services
from keukentafel.jeugd.models import MeldcodeBesluit, MeldcodeStap
from keukentafel.jeugd.toegang import mag_veiligheid_inzien
from keukentafel.testing.factories import MedewerkerFactory, OndersteuningsplanFactory

START = date(2026, 11, 2)


@pytest.fixture
def traject(collega, jeugdige):
    return services.start_meldcode(collega, jeugdige, gestart_op=START)


@pytest.fixture
def signaal(collega, jeugdige):
    return services.registreer_verwijsindexsignaal(collega, jeugdige, signaalgever="M. de Vries, mentor", organisatie="Fioretti College",
                                                   datum=START)


def stap(door, traject, nummer, **kw):
    return services.leg_meldcodestap_vast(door, traject, traject.version, stap=nummer, datum=START, wie="C. Collega, generalist",
                                          uitkomst="Vastgelegd", **kw)


def test_meldcode_besluit_melden_vraagt_weging_en_datum_melding(collega, traject):
    stap(collega, traject, MeldcodeStap.SIGNALEN)
    stap(collega, traject, MeldcodeStap.CONSULTATIE, veilig_thuis_geraadpleegd=True)
    with pytest.raises(ValidationError, match="stap 4"):
        services.rond_meldcode_af(collega, traject, traject.version, besluit=MeldcodeBesluit.MELDEN, datum=START)
    stap(collega, traject, MeldcodeStap.GESPREK)
    stap(collega, traject, MeldcodeStap.WEGEN)
    with pytest.raises(ValidationError) as exc:
        services.rond_meldcode_af(collega, traject, traject.version, besluit=MeldcodeBesluit.MELDEN, datum=START)
    assert "melding_veilig_thuis_op" in exc.value.message_dict
    services.rond_meldcode_af(collega, traject, traject.version, besluit=MeldcodeBesluit.MELDEN, datum=START,
                              melding_veilig_thuis_op=START)
    assert traject.afgerond_op == START and traject.stappen.filter(veilig_thuis_geraadpleegd=True).count() == 1
    with pytest.raises(ValidationError, match="afgerond"):
        stap(collega, traject, MeldcodeStap.SIGNALEN)


def test_verwijsindexsignaal_eindigt_en_alleen_voor_jeugdigen(collega, signaal, ouder):
    services.beeindig_verwijsindexsignaal(collega, signaal, signaal.version, einddatum=date(2026, 12, 1))
    assert signaal.einddatum == date(2026, 12, 1)
    with pytest.raises(ValidationError, match="23 jaar"):
        services.registreer_verwijsindexsignaal(collega, ouder, signaalgever="X", organisatie="Y", datum=START)


@pytest.mark.parametrize("soort", ["traject", "signaal"])
def test_strikte_toegang(request, soort, collega, generalist, teamleider, huishouden, gebied):
    obj = request.getfixturevalue(soort)
    OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)
    andere_generalist_zelfde_gebied = MedewerkerFactory(rol=Rol.GENERALIST, team=generalist.team)
    backoffice = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=gebied.gemeente)
    teamleider_elders = MedewerkerFactory(rol=Rol.TEAMLEIDER, team__gebied__gemeente=gebied.gemeente)
    assert mag_veiligheid_inzien(collega, obj)  # recorded it
    assert mag_veiligheid_inzien(generalist, obj)  # regisseur of the plan
    assert mag_veiligheid_inzien(teamleider, obj)  # teamleider of the household's team
    assert not mag_veiligheid_inzien(andere_generalist_zelfde_gebied, obj)  # the gebied at large
    assert not mag_veiligheid_inzien(backoffice, obj)
    assert not mag_veiligheid_inzien(teamleider_elders, obj)
    registreer_noodtoegang(teamleider_elders, huishouden, "Spoedvraag van de politie over dit gezin")
    assert not mag_veiligheid_inzien(teamleider_elders, obj)  # no break-the-glass


def test_pagina_inzien_en_weigering_worden_geaudit(client, collega, generalist, traject, signaal, jeugdige):
    andere = MedewerkerFactory(rol=Rol.GENERALIST, team=generalist.team)
    url = reverse("jeugd:veiligheid", args=[jeugdige.pk])
    client.force_login(collega)
    html = client.get(url).content.decode()
    assert "Fioretti College" in html and "Meldcodetraject" in html
    assert AuditRecord.objects.filter(medewerker=collega, actie=AuditActie.LEZEN, object_type="BeperktGegeven",
                                      object_id=str(traject.pk)).exists()
    assert AuditRecord.objects.filter(medewerker=collega, actie=AuditActie.LEZEN, object_type="BeperktGegeven",
                                      object_id=str(signaal.pk)).exists()
    client.force_login(andere)
    html = client.get(url).content.decode()
    assert "Fioretti College" not in html  # the list does not even show that something exists
    r = client.get(reverse("jeugd:meldcode", args=[traject.pk]))
    assert r.status_code == 403
    assert AuditRecord.objects.filter(medewerker=andere, actie=AuditActie.GEWEIGERD, object_type="BeperktGegeven",
                                      object_id=str(traject.pk)).exists()


def test_veiligheidspagina_vraagt_eerst_de_gewone_dossiertoegang_en_auditeert_de_inzage(client, collega, jeugdige, huishouden):
    vreemde = MedewerkerFactory(rol=Rol.GENERALIST)  # another gemeente
    assert vreemde.werkgemeente != jeugdige.gemeente
    client.force_login(vreemde)
    r = client.get(reverse("jeugd:veiligheid", args=[jeugdige.pk]))
    # Outside the own team the page asks for a reason first (the normal dossier rule), before showing any name.
    assert r.status_code == 302 and "/toegang/" in r.url and jeugdige.naam not in r.content.decode()
    assert not AuditRecord.objects.filter(medewerker=vreemde, actie=AuditActie.LEZEN).exists()
    registreer_noodtoegang(vreemde, huishouden, "Spoedvraag van de politie over dit gezin")
    assert client.get(reverse("jeugd:veiligheid", args=[jeugdige.pk])).status_code == 200
    assert AuditRecord.objects.filter(medewerker=vreemde, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).exists()  # audited
    client.force_login(collega)  # the household's own team: the read itself is audited, even with nothing to show
    assert client.get(reverse("jeugd:veiligheid", args=[jeugdige.pk])).status_code == 200
    assert AuditRecord.objects.filter(medewerker=collega, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).exists()


def test_audittrail_noemt_geen_stap_besluit_of_naam_van_meldcode_en_verwijsindex(client, collega, teamleider, jeugdige):
    """The audit screen (functioneel beheer, teamleiders) must not reveal that a meldcode trail or signal exists,
    nor its steps, decision or the names in it."""
    t = services.start_meldcode(collega, jeugdige, gestart_op=START)
    for nummer in (MeldcodeStap.SIGNALEN, MeldcodeStap.WEGEN):
        stap(collega, t, nummer)
    services.rond_meldcode_af(collega, t, t.version, besluit=MeldcodeBesluit.MELDEN, datum=START, melding_veilig_thuis_op=START)
    s = services.registreer_verwijsindexsignaal(collega, jeugdige, signaalgever="M. de Vries, mentor", organisatie="Fioretti College",
                                                datum=START)
    services.beeindig_verwijsindexsignaal(collega, s, s.version, einddatum=date(2026, 12, 1))
    client.force_login(collega)
    client.get(reverse("jeugd:veiligheid", args=[jeugdige.pk]))
    client.get(reverse("jeugd:meldcode", args=[t.pk]))
    verboden = ["meldcode", "verwijsindex", "veilig thuis", "signaal", "fioretti", "de vries", "collega, generalist",
                *(label.lower() for label in MeldcodeStap.labels), *(label.lower() for label in MeldcodeBesluit.labels)]
    records = list(AuditRecord.objects.all())
    assert sum(r.object_type == "BeperktGegeven" for r in records) >= 8
    for r in records:
        assert r.object_type not in ("Meldcodetraject", "Meldcodestap", "Verwijsindexsignaal")
        assert not [w for w in verboden if w in r.omschrijving.lower()], r.omschrijving
    client.force_login(teamleider)
    html = client.get(reverse("accounts:audit")).content.decode().lower()
    assert "beperkt toegankelijk gegeven" in html
    assert not [w for w in ("veilig thuis", "meldcode", "verwijsindex", "fioretti") if w in html]


def test_meldcodestap_met_onbekende_stap_geweigerd_door_de_service(collega, traject):
    with pytest.raises(ValidationError) as exc:
        stap(collega, traject, "9")
    assert "stap" in exc.value.message_dict and not traject.stappen.exists()


def test_meldcodebesluit_niet_voor_het_begin_van_het_traject(collega, traject):
    stap(collega, traject, MeldcodeStap.WEGEN)
    with pytest.raises(ValidationError) as exc:
        services.rond_meldcode_af(collega, traject, traject.version, besluit=MeldcodeBesluit.HULP, datum=date(2026, 11, 1))
    assert "datum" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.rond_meldcode_af(collega, traject, traject.version, besluit=MeldcodeBesluit.MELDEN, datum=START,
                                  melding_veilig_thuis_op=date(2026, 10, 30))
    assert "melding_veilig_thuis_op" in exc.value.message_dict
    traject.refresh_from_db()
    assert traject.afgerond_op is None
