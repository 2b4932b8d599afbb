"""The public sociale kaart: no login, full-text search, every filter, gemeente scoping, pagination, the voorziening page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keukentafel.beleid.models import Leefgebied
from keukentafel.portaal.views_publiek import PER_PAGINA
from keukentafel.testing.factories import AlgemeneVoorzieningFactory

from .fixtures_publiek import fixture_regio, kies_gemeente  # noqa: F401  (fixture regio)

pytestmark = pytest.mark.django_db
URL = reverse("portaal:sociale_kaart")


def namen(r) -> list[str]:
    return [v.naam for v in r.context["pagina"].object_list]


def test_zonder_inloggen_bereikbaar(client):
    AlgemeneVoorzieningFactory(naam="Buurthuis De Ster")
    r = client.get(URL)
    assert r.status_code == 200
    assert "Buurthuis De Ster" in r.content.decode()


def test_zoekt_in_naam_omschrijving_uitvoerder_en_soort(client):
    AlgemeneVoorzieningFactory(naam="Tafeltje-dekje", categorie="maaltijden", omschrijving="Warme maaltijd aan huis")
    AlgemeneVoorzieningFactory(naam="Soos", uitvoerder="Stichting Zonnebloem", categorie="ontmoeting")
    AlgemeneVoorzieningFactory(naam="Steunpunt", categorie="mantelzorg", omschrijving="Advies")
    assert namen(client.get(URL, {"q": "warme maaltijd"})) == ["Tafeltje-dekje"]
    assert namen(client.get(URL, {"q": "zonnebloem"})) == ["Soos"]
    # the categorie's label: "Mantelzorgondersteuning"
    assert namen(client.get(URL, {"q": "mantelzorg"})) == ["Steunpunt"]
    assert namen(client.get(URL, {"q": "maaltijd zonnebloem"})) == []


def test_inactieve_voorziening_niet_gevonden_en_geen_pagina(client):
    weg = AlgemeneVoorzieningFactory(naam="Gesloten soos", actief=False)
    assert namen(client.get(URL)) == []
    assert client.get(reverse("portaal:voorziening", args=[weg.pk])).status_code == 404


def test_filters_soort_doelgroep_leefgebied_en_kosten(client):
    lg = Leefgebied.objects.get(code="financien")
    schuld = AlgemeneVoorzieningFactory(naam="Schuldhulp", categorie="geld", doelgroepen=["volwassenen"], kosten_cent=0)
    schuld.leefgebieden.add(lg)
    AlgemeneVoorzieningFactory(naam="Maaltijd", categorie="maaltijden", doelgroepen=["ouderen"], kosten_cent=750)
    AlgemeneVoorzieningFactory(naam="Buurthuis", categorie="ontmoeting", doelgroepen=["iedereen"])
    assert namen(client.get(URL, {"categorie": "geld"})) == ["Schuldhulp"]
    assert namen(client.get(URL, {"doelgroep": "ouderen"})) == ["Buurthuis", "Maaltijd"]  # "iedereen" fits every group
    assert namen(client.get(URL, {"leefgebied": lg.pk})) == ["Schuldhulp"]
    assert namen(client.get(URL, {"kosten": "gratis"})) == ["Buurthuis", "Schuldhulp"]
    assert namen(client.get(URL, {"kosten": "met_kosten"})) == ["Maaltijd"]


def test_gemeente_uit_de_sessie_en_regio_breed(client, regio):
    AlgemeneVoorzieningFactory(naam="A Lisse", gemeente=regio.lisse)
    AlgemeneVoorzieningFactory(naam="B Hillegom", gemeente=regio.hillegom)
    AlgemeneVoorzieningFactory(naam="C Regio", gemeente=None)
    assert namen(client.get(URL)) == ["A Lisse", "B Hillegom", "C Regio"]
    kies_gemeente(client, regio.lisse)
    assert namen(client.get(URL)) == ["A Lisse", "C Regio"]
    assert namen(client.get(URL, {"q": ""})) == ["A Lisse", "C Regio"]
    # the resident may still look at the whole region
    assert namen(client.get(URL, {"gemeente": ""})) == ["A Lisse", "B Hillegom", "C Regio"]
    assert namen(client.get(URL, {"gemeente": regio.hillegom.pk})) == ["B Hillegom", "C Regio"]


def test_gebied_en_postcode(client, regio):
    centrum = AlgemeneVoorzieningFactory(naam="Centrum", gemeente=regio.lisse)
    centrum.gebieden.add(regio.centrum)
    oost = AlgemeneVoorzieningFactory(naam="Oost", gemeente=regio.lisse)
    oost.gebieden.add(regio.oost)
    AlgemeneVoorzieningFactory(naam="Heel Lisse", gemeente=regio.lisse)
    AlgemeneVoorzieningFactory(naam="Hillegom", gemeente=regio.hillegom)
    AlgemeneVoorzieningFactory(naam="Regio", gemeente=None)
    assert namen(client.get(URL, {"gebied": regio.centrum.pk})) == ["Centrum", "Heel Lisse", "Regio"]
    assert namen(client.get(URL, {"postcode": "2162 AB"})) == ["Heel Lisse", "Oost", "Regio"]
    assert namen(client.get(URL, {"postcode": "2162"})) == ["Heel Lisse", "Oost", "Regio"]
    # the postcode wins over a gemeente chosen earlier
    kies_gemeente(client, regio.hillegom)
    assert namen(client.get(URL, {"postcode": "2161"})) == ["Centrum", "Heel Lisse", "Regio"]


@pytest.mark.parametrize(("postcode", "fout"), [("21", "Vul een postcode in"), ("9999", "hoort niet bij een gemeente in onze regio")])
def test_ongeldige_of_onbekende_postcode(client, regio, postcode, fout):
    AlgemeneVoorzieningFactory(naam="Regio")
    r = client.get(URL, {"postcode": postcode})
    assert r.status_code == 400
    assert fout in r.content.decode()
    assert namen(r) == []


def test_pagineert_met_behoud_van_de_zoekopdracht(client):
    for i in range(PER_PAGINA + 3):
        AlgemeneVoorzieningFactory(naam=f"Soos {i:02d}", categorie="ontmoeting")
    AlgemeneVoorzieningFactory(naam="Maaltijd", categorie="maaltijden")
    r = client.get(URL, {"categorie": "ontmoeting", "pagina": 2})
    assert namen(r) == [f"Soos {i:02d}" for i in range(PER_PAGINA, PER_PAGINA + 3)]
    assert r.context["pagina"].paginator.count == PER_PAGINA + 3
    assert "categorie=ontmoeting&amp;pagina=1" in r.content.decode()


def test_een_pagina_is_een_vast_aantal_queries(client, regio):
    """One query for the count, one for the page (no N+1), whatever the number of results."""
    for i in range(30):
        v = AlgemeneVoorzieningFactory(naam=f"V {i:02d}", gemeente=regio.lisse if i % 2 else None)
        v.gebieden.add(regio.centrum)
    kies_gemeente(client, regio.lisse)
    with CaptureQueriesContext(connection) as queries:
        r = client.get(URL, {"q": "V", "gebied": regio.centrum.pk, "kosten": "gratis"})
    assert r.status_code == 200 and r.context["pagina"].paginator.count == 30
    zoekqueries = [q["sql"] for q in queries.captured_queries if "aanbod_algemenevoorziening" in q["sql"]]
    assert len(zoekqueries) == 2, zoekqueries
    assert not any("DISTINCT" in sql for sql in zoekqueries)


def test_voorzieningpagina(client, regio):
    lg = Leefgebied.objects.get(code="sociaal-netwerk")
    v = AlgemeneVoorzieningFactory(
        naam="Ontmoetingscentrum De Hoek",
        gemeente=regio.lisse,
        adres="Heereweg 10",
        postcode="2161 AB",
        plaats="Lisse",
        openingstijden="ma-vr 9-17 uur",
        telefoon="0252 123456",
        website="https://dehoek.example.nl",
        kosten_cent=250,
        kosten_toelichting="per keer",
        vrij_toegankelijk=False,
    )
    v.leefgebieden.add(lg)
    v.gebieden.add(regio.centrum)
    r = client.get(reverse("portaal:voorziening", args=[v.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    for tekst in (
        "Heereweg 10",
        "2161 AB",
        "ma-vr 9-17 uur",
        'href="tel:0252123456"',
        "https://dehoek.example.nl",
        "€ 2,50 per keer",
        "Niet vrij toegankelijk",
        "Sociaal netwerk",
        "Lisse-Centrum",
    ):
        assert tekst in html, tekst
    assert f"{reverse('portaal:hulp')}?leefgebied=sociaal-netwerk" in html
