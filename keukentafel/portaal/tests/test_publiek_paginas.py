"""Home with the gemeente choice, the etalage (public and its staff editing), the eigenkrachtwijzer and the demo data."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Leefgebied
from keukentafel.portaal.demo_publiek import ZELFTESTVRAGEN, laad_demo, laad_zelftestvragen
from keukentafel.portaal.models import Etalagepagina, Thema, Zelftestvraag
from keukentafel.testing.factories import AlgemeneVoorzieningFactory, MedewerkerFactory

from .fixtures_publiek import fixture_regio, kies_gemeente  # noqa: F401  (fixture regio)

pytestmark = pytest.mark.django_db
HOME = reverse("portaal:home")


# --- home and gemeente choice ---------------------------------------------------------------------


def test_alle_publieke_paginas_zonder_inloggen(client, regio):
    laad_zelftestvragen()
    v = AlgemeneVoorzieningFactory(gemeente=regio.lisse)
    urls = [
        HOME,
        reverse("portaal:sociale_kaart"),
        reverse("portaal:voorziening", args=[v.pk]),
        reverse("portaal:zelftest"),
        reverse("portaal:zelftest_leefgebied", args=["financien"]),
        *[reverse("portaal:etalage", args=[t]) for t in Thema.values],
    ]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "Content-Security-Policy" in r.headers, url


def test_home_linkt_naar_kaart_etalage_zelftest_en_hulp(client):
    html = client.get(HOME).content.decode()
    for url in (
        reverse("portaal:sociale_kaart"),
        reverse("portaal:zelftest"),
        reverse("portaal:hulp"),
        *[reverse("portaal:etalage", args=[t]) for t in Thema.values],
    ):
        assert f'href="{url}"' in html, url


def test_gemeente_kiezen_wordt_onthouden(client, regio):
    r = client.post(HOME, {"gemeente": regio.hillegom.pk})
    assert r.status_code == 302
    assert client.session["portaal_gemeente_id"] == regio.hillegom.pk
    r = client.get(HOME)
    assert r.context["portaal_gemeente"] == regio.hillegom
    assert "Hulp en ondersteuning in Hillegom" in r.content.decode()


def test_postcode_geeft_gemeente_en_gebied(client, regio):
    client.post(HOME, {"postcode": "2162 XY"})
    assert client.session["portaal_gemeente_id"] == regio.lisse.pk
    assert client.session["portaal_gebied_id"] == regio.oost.pk
    assert "Lisse-Oost" in client.get(HOME).content.decode()


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({}, "Kies uw gemeente of vul uw postcode in."),
        ({"postcode": "abc"}, "Vul een postcode in"),
        ({"postcode": "9999"}, "hoort niet bij een gemeente in onze regio"),
    ],
)
def test_gemeentekeuze_fouten(client, regio, data, fout):
    r = client.post(HOME, data)
    assert r.status_code == 400
    assert fout in r.content.decode()
    assert "portaal_gemeente_id" not in client.session


# --- etalage: public ------------------------------------------------------------------------------


def test_etalage_toont_alleen_gepubliceerde_tekst_van_de_gekozen_gemeente(client, regio):
    Etalagepagina.objects.create(
        gemeente=regio.lisse,
        thema=Thema.MANTELZORG,
        titel="Mantelzorg in Lisse",
        tekst="Eerste alinea.\n\nTweede <b>alinea</b>.",
        links="MantelzorgNL | https://www.mantelzorg.nl",
        gepubliceerd=True,
    )
    Etalagepagina.objects.create(gemeente=regio.lisse, thema=Thema.MANTELZORG, titel="Concept", tekst="x", gepubliceerd=False)
    Etalagepagina.objects.create(gemeente=regio.hillegom, thema=Thema.MANTELZORG, titel="Hillegoms", tekst="x", gepubliceerd=True)
    AlgemeneVoorzieningFactory(naam="Steunpunt Mantelzorg Lisse", categorie="mantelzorg", gemeente=regio.lisse)
    AlgemeneVoorzieningFactory(naam="Steunpunt Hillegom", categorie="mantelzorg", gemeente=regio.hillegom)
    AlgemeneVoorzieningFactory(naam="Soos", categorie="ontmoeting", gemeente=regio.lisse)
    url = reverse("portaal:etalage", args=[Thema.MANTELZORG])
    assert "Kies uw gemeente" in client.get(url).content.decode()
    kies_gemeente(client, regio.lisse)
    html = client.get(url).content.decode()
    assert "Mantelzorg in Lisse" in html and "Concept" not in html and "Hillegoms" not in html
    assert "<p>Eerste alinea.</p>" in html and "Tweede &lt;b&gt;alinea&lt;/b&gt;." in html  # plain text, no HTML
    assert 'href="https://www.mantelzorg.nl"' in html
    assert "Steunpunt Mantelzorg Lisse" in html and "Steunpunt Hillegom" not in html and "Soos" not in html


def test_onbekend_thema_404(client):
    assert client.get(reverse("portaal:etalage", args=["onbekend"])).status_code == 404


# --- etalage: staff editing -----------------------------------------------------------------------


@pytest.fixture
def beheerder():
    return MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None)


def test_beheer_vraagt_inloggen(client):
    r = client.get(reverse("portaal:etalage_beheer"))
    assert r.status_code == 302 and "/account/inloggen/" in r["Location"]


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.TEAMLEIDER, Rol.BACKOFFICE, Rol.FINANCIEN])
def test_andere_rollen_krijgen_403(client, regio, rol):
    pagina = Etalagepagina.objects.create(gemeente=regio.lisse, thema=Thema.MANTELZORG, titel="T", tekst="x")
    client.force_login(
        MedewerkerFactory(rol=rol, team__gebied=regio.centrum)
        if rol in (Rol.GENERALIST, Rol.TEAMLEIDER)
        else MedewerkerFactory(rol=rol, team=None, gemeente=regio.lisse)
    )
    assert client.get(reverse("portaal:etalage_beheer")).status_code == 403
    assert client.get(reverse("portaal:etalage_beheer_nieuw")).status_code == 403
    r = client.post(reverse("portaal:etalage_beheer_publiceer", args=[pagina.pk]), {"gepubliceerd": "1"})
    assert r.status_code == 403
    pagina.refresh_from_db()
    assert not pagina.gepubliceerd


def test_beheerder_maakt_publiceert_en_haalt_offline_met_audit(client, regio, beheerder):
    client.force_login(beheerder)
    r = client.post(
        reverse("portaal:etalage_beheer_nieuw"),
        {
            "gemeente": regio.lisse.pk,
            "thema": Thema.GEZONDHEID,
            "titel": "Samen bewegen",
            "tekst": "Wandelen op dinsdag.",
            "links": "",
            "volgorde": 1,
        },
    )
    assert r.status_code == 302
    client.get(r["Location"])  # shows (and so consumes) the "opgeslagen" message
    pagina = Etalagepagina.objects.get(titel="Samen bewegen")
    assert not pagina.gepubliceerd and pagina.gewijzigd_door == beheerder
    url = reverse("portaal:etalage", args=[Thema.GEZONDHEID])
    kies_gemeente(client, regio.lisse)
    assert "Samen bewegen" not in client.get(url).content.decode()
    client.post(reverse("portaal:etalage_beheer_publiceer", args=[pagina.pk]), {"gepubliceerd": "1"}, follow=True)
    assert "Samen bewegen" in client.get(url).content.decode()
    client.post(reverse("portaal:etalage_beheer_publiceer", args=[pagina.pk]), {"gepubliceerd": "0"}, follow=True)
    assert "Samen bewegen" not in client.get(url).content.decode()
    records = AuditRecord.objects.filter(object_type="Etalagepagina", object_id=str(pagina.pk)).order_by("pk")
    assert [r.actie for r in records] == [AuditActie.AANMAKEN, AuditActie.WIJZIGEN, AuditActie.WIJZIGEN]
    assert all(r.medewerker == beheerder for r in records)
    assert "offline gehaald" in records.last().omschrijving


def test_ongeldige_link_niet_opgeslagen(client, regio, beheerder):
    client.force_login(beheerder)
    r = client.post(
        reverse("portaal:etalage_beheer_nieuw"),
        {
            "gemeente": regio.lisse.pk,
            "thema": Thema.GEZONDHEID,
            "titel": "T",
            "tekst": "x",
            "links": "Klik hier | javascript:alert(1)",
            "volgorde": 0,
        },
    )
    assert r.status_code == 400
    assert "geen geldig webadres" in r.content.decode()
    assert not Etalagepagina.objects.exists()
    assert not AuditRecord.objects.filter(object_type="Etalagepagina").exists()


def test_beleid_alleen_de_eigen_gemeente(client, regio):
    beleid = MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=regio.lisse)
    eigen = Etalagepagina.objects.create(gemeente=regio.lisse, thema=Thema.MANTELZORG, titel="Eigen", tekst="x")
    andere = Etalagepagina.objects.create(gemeente=regio.hillegom, thema=Thema.MANTELZORG, titel="Andere", tekst="x")
    client.force_login(beleid)
    r = client.get(reverse("portaal:etalage_beheer"))
    assert r.status_code == 200 and list(r.context["paginas"]) == [eigen]
    assert client.get(reverse("portaal:etalage_beheer_wijzig", args=[andere.pk])).status_code == 404
    assert client.post(reverse("portaal:etalage_beheer_publiceer", args=[andere.pk]), {"gepubliceerd": "1"}).status_code == 404
    r = client.post(
        reverse("portaal:etalage_beheer_nieuw"),
        {
            "gemeente": regio.hillegom.pk,
            "thema": Thema.MANTELZORG,
            "titel": "T",
            "tekst": "x",
            "volgorde": 0,
        },
    )
    assert r.status_code == 400 and not Etalagepagina.objects.filter(titel="T").exists()


# --- eigenkrachtwijzer ----------------------------------------------------------------------------


def test_zelftest_suggereert_voorzieningen_en_biedt_een_melding(client, regio):
    laad_zelftestvragen()
    kies_gemeente(client, regio.lisse)
    AlgemeneVoorzieningFactory(naam="Schuldhulpmaatje Lisse", categorie="geld", gemeente=regio.lisse)
    AlgemeneVoorzieningFactory(naam="Schuldhulp Hillegom", categorie="geld", gemeente=regio.hillegom)
    AlgemeneVoorzieningFactory(naam="Soos", categorie="ontmoeting", gemeente=regio.lisse)
    AlgemeneVoorzieningFactory(naam="Oude schuldhulp", categorie="geld", gemeente=regio.lisse, actief=False)
    vragen = list(Zelftestvraag.objects.filter(leefgebied__code="financien").order_by("volgorde"))
    antwoorden = {f"vraag_{v.pk}": "nee" for v in vragen}
    antwoorden[f"vraag_{vragen[0].pk}"] = "ja"
    url = reverse("portaal:zelftest_leefgebied", args=["financien"])
    r = client.post(url, antwoorden)
    assert r.status_code == 200
    assert [v.naam for v in r.context["uitkomst"]["voorzieningen"]] == ["Schuldhulpmaatje Lisse"]
    assert f'href="{reverse("portaal:hulp")}?leefgebied=financien"' in r.content.decode()
    # all "nee": no suggestions, still the offer to make a melding
    r = client.post(url, {f"vraag_{v.pk}": "nee" for v in vragen})
    assert r.context["uitkomst"]["voorzieningen"] == []
    assert "?leefgebied=financien" in r.content.decode()


def test_zelftest_zonder_antwoord_geeft_foutmelding(client):
    laad_zelftestvragen()
    r = client.post(reverse("portaal:zelftest_leefgebied", args=["financien"]), {})
    assert r.status_code == 400
    assert "Kies ja of nee." in r.content.decode()


def test_zelftest_zonder_vragen_404(client):
    assert client.get(reverse("portaal:zelftest_leefgebied", args=["justitie"])).status_code == 404


def test_zelftestvragen_komen_uit_de_tabel(client):
    laad_zelftestvragen()
    lg = Leefgebied.objects.get(code="financien")
    Zelftestvraag.objects.create(leefgebied=lg, code="eigen-vraag", tekst="Is dit een eigen vraag van de gemeente?", categorieen=["geld"])
    Zelftestvraag.objects.filter(code="geld-schulden").update(actief=False)
    html = client.get(reverse("portaal:zelftest_leefgebied", args=["financien"])).content.decode()
    assert "Is dit een eigen vraag van de gemeente?" in html
    assert "Heeft u betalingsachterstanden of schulden?" not in html


# --- demo -----------------------------------------------------------------------------------------


def test_demo_laadt_vragen_en_een_tekst_per_thema_per_gemeente(regio):
    laad_demo(random.Random(1))
    laad_demo(random.Random(1))  # idempotent
    assert Zelftestvraag.objects.count() == len(ZELFTESTVRAGEN)
    for gemeente in (regio.lisse, regio.hillegom):
        gepubliceerd = Etalagepagina.objects.filter(gemeente=gemeente, gepubliceerd=True)
        assert sorted(gepubliceerd.values_list("thema", flat=True)) == sorted(Thema.values)
        assert all(gemeente.naam in p.tekst or "Welzijn" in p.tekst or p.thema == Thema.VOORLIGGEND for p in gepubliceerd)
