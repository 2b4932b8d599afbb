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


# ---------------------------------------------------------------------------------------------------
# Servicepunt: vacancies of the own gemeente
# ---------------------------------------------------------------------------------------------------

NIEUW = "/portaal/vrijwilligers/servicepunt/vacatures/nieuw/"


def vacaturedata(regio, **over) -> dict:
    data = {
        "titel": "Voorlezen in de bibliotheek",
        "omschrijving": "Kinderen voorlezen op woensdagmiddag.",
        "organisatie": "Bibliotheek Nijmegen",
        "contact": "vrijwilligers@bieb.example",
        "tijdsinvestering": "2 uur per week",
        "dagdelen": ["middag", "weekend"],
        "gebied": str(regio.gebied.pk),
        "geldig_tot": "",
        "actief": "on",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def test_vacatureroutes():
    assert reverse("portaal:vacature_nieuw") == NIEUW
    assert reverse("portaal:vacature_wijzig", args=[7]) == "/portaal/vrijwilligers/servicepunt/vacatures/7/"


@pytest.mark.django_db
def test_servicepunt_maakt_een_vacature_aan_die_op_het_portaal_staat(client, regio):
    from keukentafel.beleid.models import Leefgebied
    from keukentafel.portaal.models import Vrijwilligersvacature

    lg = Leefgebied.objects.filter(actief=True).first()
    client.force_login(regio.generalist)
    html = client.get(SERVICEPUNT).content.decode()
    assert NIEUW in html
    r = client.get(NIEUW)
    assert r.status_code == 200 and "Hele gemeente Nijmegen" in r.content.decode() and "Wijchen-Centrum" not in r.content.decode()
    r = client.post(NIEUW, vacaturedata(regio, leefgebieden=[str(lg.pk)] if lg else []), follow=True)
    assert r.redirect_chain[-1][0] == SERVICEPUNT and "is aangemaakt" in r.content.decode()
    vac = Vrijwilligersvacature.objects.get()
    assert vac.gemeente == regio.gemeente and vac.gebied == regio.gebied and vac.actief
    assert vac.dagdelen == ["middag", "weekend"] and vac.geldig_tot is None
    assert list(vac.leefgebieden.all()) == ([lg] if lg else [])
    assert reverse("portaal:vacature_wijzig", args=[vac.pk]) in r.content.decode()
    record = AuditRecord.objects.get(object_type="Vrijwilligersvacature", object_id=str(vac.pk))
    assert record.actie == "aanmaken" and record.medewerker == regio.generalist
    assert "bieb.example" not in record.omschrijving and "Voorlezen" not in record.omschrijving
    # The public list shows it (also when filtered on its gebied).
    client.logout()
    assert "Voorlezen in de bibliotheek" in client.get(LIJST).content.decode()
    assert "Voorlezen in de bibliotheek" in client.get(f"{LIJST}?gebied={regio.gebied.pk}").content.decode()
    assert "Voorlezen in de bibliotheek" not in client.get(f"{LIJST}?gebied={regio.ander_gebied.pk}").content.decode()


@pytest.mark.django_db
def test_servicepunt_wijzigt_een_vacature(client, regio):
    vac = maak_vacature(regio.gemeente, regio.gebied, titel="Maatje", dagdelen=["avond"])
    url = reverse("portaal:vacature_wijzig", args=[vac.pk])
    client.force_login(regio.teamleider)
    assert url in client.get(SERVICEPUNT).content.decode()
    r = client.get(url)
    assert r.status_code == 200 and 'value="Maatje"' in r.content.decode()
    r = client.post(url, vacaturedata(regio, titel="Maatje (gewijzigd)", gebied="", actief=None, dagdelen=[]))
    assert r.status_code == 302 and r["Location"] == SERVICEPUNT
    assert "is opgeslagen" in client.get(SERVICEPUNT).content.decode()
    vac.refresh_from_db()
    assert vac.titel == "Maatje (gewijzigd)" and vac.gebied is None and not vac.actief and vac.dagdelen == []
    record = AuditRecord.objects.get(object_type="Vrijwilligersvacature", object_id=str(vac.pk))
    assert record.actie == "wijzigen" and record.medewerker == regio.teamleider
    assert "titel" in record.omschrijving and "gebied" in record.omschrijving and "Maatje" not in record.omschrijving
    # Inactive now: gone from the public list, but still editable on the servicepunt.
    assert "Maatje (gewijzigd)" not in client.get(LIJST).content.decode()
    html = client.get(SERVICEPUNT).content.decode()
    assert url in html and "niet actief" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("over", "fout"),
    [
        ({"titel": "  "}, "Vul een titel in."),
        ({"organisatie": ""}, "Vul de organisatie in."),
        ({"dagdelen": ["nacht"]}, "Kies alleen ochtend, middag, avond of weekend."),
        ({"geldig_tot": "2000-01-01"}, "Kies een datum vanaf vandaag"),
        ({"geldig_tot": "morgen"}, "Vul een geldige datum in."),
    ],
)
def test_vacature_met_fouten_houdt_de_invoer_en_bewaart_niets(client, regio, over, fout):
    from keukentafel.portaal.models import Vrijwilligersvacature

    client.force_login(regio.generalist)
    r = client.post(NIEUW, vacaturedata(regio, omschrijving="Mijn eigen omschrijving", **over))
    html = r.content.decode()
    assert r.status_code == 400 and fout in html and "De vacature is niet opgeslagen" in html
    assert "Mijn eigen omschrijving" in html and 'value="vrijwilligers@bieb.example"' in html
    assert not Vrijwilligersvacature.objects.exists()
    assert not AuditRecord.objects.filter(object_type="Vrijwilligersvacature").exists()


@pytest.mark.django_db
def test_vacature_met_wijk_van_een_andere_gemeente_geweigerd(client, regio):
    from keukentafel.portaal.models import Vrijwilligersvacature

    vreemd = regio.andere_gemeente.gebieden.first()
    client.force_login(regio.generalist)
    r = client.post(NIEUW, vacaturedata(regio, gebied=str(vreemd.pk)))
    assert r.status_code == 400 and "Kies een wijk van de gemeente Nijmegen" in r.content.decode()
    assert not Vrijwilligersvacature.objects.exists()
    vac = maak_vacature(regio.gemeente, regio.gebied, titel="Maatje")
    r = client.post(reverse("portaal:vacature_wijzig", args=[vac.pk]), vacaturedata(regio, gebied=str(vreemd.pk)))
    assert r.status_code == 400
    vac.refresh_from_db()
    assert vac.gebied == regio.gebied and vac.titel == "Maatje"


@pytest.mark.django_db
def test_vacaturebeheer_alleen_voor_de_eigen_gemeente_en_rol(client, regio):
    from keukentafel.accounts.models import Team

    vac = maak_vacature(regio.gemeente, regio.gebied, titel="Maatje")
    url = reverse("portaal:vacature_wijzig", args=[vac.pk])
    # Not logged in: to the login page.
    assert "/account/inloggen" in client.get(NIEUW)["Location"]
    # Another role of the same gemeente: 403.
    client.force_login(MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=regio.gemeente))
    assert client.get(NIEUW).status_code == 403
    assert client.post(url, vacaturedata(regio)).status_code == 403
    # A generalist of another gemeente: 404 on this vacancy, and their own new form offers only their own wijken.
    client.force_login(MedewerkerFactory(rol=Rol.GENERALIST, team=Team.objects.get(naam="Team Wijchen")))
    assert client.get(url).status_code == 404
    assert client.post(url, vacaturedata(regio, titel="Gekaapt")).status_code == 404
    r = client.post(NIEUW, vacaturedata(regio))  # regio.gebied belongs to Nijmegen
    assert r.status_code == 400 and "Kies een wijk van de gemeente Wijchen" in r.content.decode()
    vac.refresh_from_db()
    assert vac.titel == "Maatje"
    assert not AuditRecord.objects.filter(object_type="Vrijwilligersvacature").exists()
