"""Volunteer pages: public list with gebied filter, vacancy page, sign-up with abuse protection; the servicepunt screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.portaal.models import Vrijwilliger, Vrijwilligerskoppeling
from keukentafel.testing.factories import MedewerkerFactory

from .fixtures_hulp import (  # noqa: F401  (fixture regio)
    _lege_limiet,
    fixture_regio,
    maak_vacature,
    maak_vrijwilliger,
    vrijwilligerdata,
)

LIJST = "/portaal/vrijwilligers/"
AANMELDEN = "/portaal/vrijwilligers/aanmelden/"
SERVICEPUNT = "/portaal/vrijwilligers/servicepunt/"


@pytest.mark.django_db
def test_lijst_filtert_op_gebied_en_toont_alleen_open_vacatures(client, regio):
    a = maak_vacature(regio.gemeente, regio.gebied, titel="Maatje Dukenburg")
    b = maak_vacature(regio.gemeente, regio.ander_gebied, titel="Klussen Lindenholt")
    heel = maak_vacature(regio.gemeente, None, titel="Buurtbus hele gemeente")
    maak_vacature(regio.gemeente, regio.gebied, titel="Verlopen vacature", geldig_tot=date.today() - timedelta(days=1))
    r = client.get(LIJST)
    assert r.status_code == 200
    html = r.content.decode()
    assert a.titel in html and b.titel in html and heel.titel in html and "Verlopen vacature" not in html
    html = client.get(f"{LIJST}?gemeente={regio.gemeente.pk}&gebied={regio.gebied.pk}").content.decode()
    assert a.titel in html and heel.titel in html and b.titel not in html
    assert client.get(f"{LIJST}?gebied=abc").status_code == 200


@pytest.mark.django_db
def test_vacaturepagina(client, regio):
    vac = maak_vacature(regio.gemeente, regio.gebied, titel="Taalmaatje", tijdsinvestering="1,5 uur per week")
    r = client.get(reverse("portaal:vrijwilligersvacature", args=[vac.pk]))
    assert r.status_code == 200 and "Taalmaatje" in r.content.decode() and "1,5 uur per week" in r.content.decode()
    vac.actief = False
    vac.save()
    assert client.get(reverse("portaal:vrijwilligersvacature", args=[vac.pk])).status_code == 404


@pytest.mark.django_db
def test_aanmelden_als_vrijwilliger(client, regio):
    r = client.get(AANMELDEN)
    assert r.status_code == 200 and "Laat dit veld leeg" in r.content.decode()
    r = client.post(AANMELDEN, vrijwilligerdata(regio))
    assert r.status_code == 302 and r["Location"] == "/portaal/vrijwilligers/aangemeld/"
    v = Vrijwilliger.objects.get()
    assert v.naam == "Joost Peters" and list(v.gebieden.all()) == [regio.gebied] and v.beschikbaarheid == ["avond"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("over", "fout"),
    [
        ({"email": ""}, "Vul een e-mailadres of telefoonnummer in"),
        ({"gebieden": []}, "Kies minstens één wijk"),
        ({"beschikbaarheid": []}, "Kies minstens één dagdeel"),
        ({"toestemming": None}, "Geef toestemming"),
    ],
)
def test_aanmelden_met_fouten(client, regio, over, fout):
    r = client.post(AANMELDEN, vrijwilligerdata(regio, **over))
    assert r.status_code == 400 and fout in r.content.decode()
    assert not Vrijwilliger.objects.exists()


@pytest.mark.django_db
def test_aanmelden_wijk_van_andere_gemeente_geweigerd(client, regio):
    r = client.post(AANMELDEN, vrijwilligerdata(regio, gebieden=[str(regio.andere_gemeente.gebieden.first().pk)]))
    assert r.status_code == 400 and "Kies alleen wijken van de gemeente Nijmegen" in r.content.decode()


@pytest.mark.django_db
def test_aanmelden_deelt_de_misbruikbescherming(client, regio, settings):
    assert client.post(AANMELDEN, vrijwilligerdata(regio, website="spam")).status_code == 400
    settings.PORTAAL_LIMIET_PER_UUR = 1
    assert client.post(AANMELDEN, vrijwilligerdata(regio)).status_code == 302
    assert client.post(AANMELDEN, vrijwilligerdata(regio, naam="Nog een")).status_code == 429
    assert Vrijwilliger.objects.count() == 1


@pytest.mark.django_db
def test_servicepunt_vraagt_inloggen_en_de_juiste_rol(client, regio):
    r = client.get(SERVICEPUNT)
    assert r.status_code == 302 and "/account/inloggen" in r["Location"]
    client.force_login(MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=regio.gemeente))
    assert client.get(SERVICEPUNT).status_code == 403


@pytest.mark.django_db
def test_servicepunt_toont_matches_en_koppelt_geaudit(client, regio):
    vac = maak_vacature(regio.gemeente, regio.gebied, titel="Maatje")
    v = maak_vrijwilliger(regio.gemeente, [regio.gebied], naam="Anja Bakker")
    maak_vrijwilliger(regio.andere_gemeente, [regio.andere_gemeente.gebieden.first()], naam="Wijchense Willem")
    client.force_login(regio.generalist)
    r = client.get(SERVICEPUNT)
    html = r.content.decode()
    assert r.status_code == 200 and "Anja Bakker" in html and "Wijchense Willem" not in html
    assert AuditRecord.objects.filter(medewerker=regio.generalist, omschrijving__startswith="Servicepunt vrijwilligerswerk").exists()
    r = client.post(SERVICEPUNT, {"vrijwilliger": v.pk, "vacature": vac.pk}, follow=True)
    assert "is gekoppeld aan de vacature" in r.content.decode()
    assert Vrijwilligerskoppeling.objects.filter(vrijwilliger=v, vacature=vac).exists()
    # Twice: a clear message, no second link.
    r = client.post(SERVICEPUNT, {"vrijwilliger": v.pk, "vacature": vac.pk}, follow=True)
    assert "al aan deze vacature gekoppeld" in r.content.decode()
    assert Vrijwilligerskoppeling.objects.count() == 1


@pytest.mark.django_db
def test_servicepunt_kan_geen_vrijwilliger_van_een_andere_gemeente_koppelen(client, regio):
    vac = maak_vacature(regio.gemeente, regio.gebied)
    vreemd = maak_vrijwilliger(regio.andere_gemeente, [regio.andere_gemeente.gebieden.first()])
    client.force_login(regio.generalist)
    assert client.post(SERVICEPUNT, {"vrijwilliger": vreemd.pk, "vacature": vac.pk}).status_code == 404
    assert not Vrijwilligerskoppeling.objects.exists()


@pytest.mark.django_db
def test_servicepunt_toont_open_vrijwilligersacties_van_het_gebied_en_koppelt(client, regio):
    from .test_vrijwilligers_matching import _vrijwilligersactie

    actie = _vrijwilligersactie(regio)
    v = maak_vrijwilliger(regio.gemeente, [regio.gebied], naam="Anja Bakker")
    client.force_login(regio.generalist)
    html = client.get(SERVICEPUNT).content.decode()
    assert "Wekelijks bezoek van een maatje" in html
    assert "Best passend: <strong>Anja Bakker</strong> (zelfde gebied (Dukenburg))" in html
    huishouden_id = actie.doel.plan.huishouden_id
    assert AuditRecord.objects.filter(medewerker=regio.generalist, object_type="Actie", huishouden_id=huishouden_id).exists()
    r = client.post(SERVICEPUNT, {"vrijwilliger": v.pk, "actie": actie.pk}, follow=True)
    assert "gekoppeld aan de planactie" in r.content.decode()
    assert Vrijwilligerskoppeling.objects.filter(vrijwilliger=v, actie=actie).exists()
    # A generalist of another gebied does not see it and cannot link it.
    client.force_login(regio.collega_ander_team)
    assert "Wekelijks bezoek van een maatje" not in client.get(SERVICEPUNT).content.decode()
    assert client.post(SERVICEPUNT, {"vrijwilliger": v.pk, "actie": actie.pk}).status_code == 403
