"""Gesprek: the verslag per leefgebied, the cliëntondersteuning record, score history, remarks and the PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.beleid.models import Leefgebied
from keukentafel.testing.factories import MeldingFactory
from keukentafel.toegang import services
from keukentafel.toegang.models import Verslagonderdeel, Zelfredzaamheidsscore

from .conftest import datum_tijd

pytestmark = pytest.mark.django_db


@pytest.fixture
def gesprek(generalist, huishouden):
    onderzoek = services.start_onderzoek(generalist, MeldingFactory(huishouden=huishouden))
    return services.plan_gesprek(generalist, onderzoek, timezone.now() - timedelta(hours=3), deelnemers="Mevrouw en haar dochter")


def lg(code: str) -> Leefgebied:
    return Leefgebied.objects.get(code=code)


def verslag(gesprek, **velden) -> dict:
    data = {
        "actie": "vastleggen",
        "verslag-version": gesprek.version,
        "verslag-gehouden_op": datum_tijd(timedelta(hours=-2)),
        "verslag-deelnemers": "Mevrouw en haar dochter",
        "verslag-gewezen_op_clientondersteuning": "on",
        "verslag-samenvatting": "Goed gesprek aan de keukentafel.",
    }
    data.update({f"verslag-{k}": v for k, v in velden.items()})
    return data


def url(gesprek) -> str:
    return reverse("toegang:gesprek_detail", args=[gesprek.pk])


def test_gesprek_vereist_vastlegging_clientondersteuning(client, generalist, gesprek):
    client.force_login(generalist)
    data = verslag(gesprek, **{f"lg{lg('financien').pk}_score": "2"})
    del data["verslag-gewezen_op_clientondersteuning"]
    r = client.post(url(gesprek), data)
    assert r.status_code == 400
    assert "Leg vast dat de inwoner is gewezen op gratis onafhankelijke cliëntondersteuning." in r.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.gehouden_op is None
    assert not Verslagonderdeel.objects.exists() and not Zelfredzaamheidsscore.objects.exists()


def test_verslag_per_leefgebied_met_scores_lege_rijen_overgeslagen(client, generalist, gesprek):
    client.force_login(generalist)
    fin, huis = lg("financien"), lg("huisvesting")
    data = verslag(
        gesprek,
        **{
            f"lg{fin.pk}_bevindingen": "Betalingsachterstand bij de energieleverancier.",
            f"lg{fin.pk}_score": "2",
            f"lg{huis.pk}_bevindingen": "Woning is gelijkvloers.",
        },
    )
    r = client.post(url(gesprek), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    gesprek.refresh_from_db()
    assert gesprek.gehouden_op is not None and gesprek.gewezen_op_clientondersteuning
    onderdelen = {o.leefgebied.code: o for o in gesprek.onderdelen.all()}
    assert set(onderdelen) == {"financien", "huisvesting"}  # the other leefgebieden were empty
    assert onderdelen["financien"].score == 2 and onderdelen["huisvesting"].score is None
    assert list(Zelfredzaamheidsscore.objects.values_list("leefgebied__code", "score")) == [("financien", 2)]


def test_scores_worden_historie_en_staan_naast_het_nieuwe_verslag(client, generalist, gesprek):
    client.force_login(generalist)
    fin = lg("financien")
    assert client.post(url(gesprek), verslag(gesprek, **{f"lg{fin.pk}_score": "2"})).status_code == 302
    gesprek.refresh_from_db()
    # saving the same verslag again replaces its scores, it does not add to the history
    assert client.post(url(gesprek), verslag(gesprek, **{f"lg{fin.pk}_score": "3"})).status_code == 302
    assert list(Zelfredzaamheidsscore.objects.values_list("score", flat=True)) == [3]
    tweede = services.plan_gesprek(generalist, gesprek.onderzoek, timezone.now() - timedelta(minutes=30))
    assert (
        client.post(
            url(tweede), verslag(tweede, **{f"lg{fin.pk}_score": "4"}) | {"verslag-gehouden_op": datum_tijd(timedelta(minutes=-20))}
        ).status_code
        == 302
    )
    assert sorted(Zelfredzaamheidsscore.objects.filter(huishouden=gesprek.onderzoek.huishouden).values_list("score", flat=True)) == [3, 4]
    html = client.get(url(tweede)).content.decode()
    assert "3 – beperkt zelfredzaam (keukentafelgesprek)" in html  # previous score next to the new row


def test_score_buiten_1_tot_5_geweigerd(client, generalist, gesprek):
    client.force_login(generalist)
    r = client.post(url(gesprek), verslag(gesprek, **{f"lg{lg('financien').pk}_score": "6"}))
    assert r.status_code == 400
    assert not Zelfredzaamheidsscore.objects.exists()


def test_formulier_toont_alle_actieve_leefgebieden_met_nederlandse_scorelabels(client, generalist, gesprek):
    Leefgebied.objects.filter(code="justitie").update(actief=False)
    client.force_login(generalist)
    html = client.get(url(gesprek)).content.decode()
    for naam in Leefgebied.objects.filter(actief=True).values_list("naam", flat=True):
        assert f">{naam}</legend>" in html.replace("&amp;", "&")
    assert ">Justitie</legend>" not in html
    for label in ("acute problematiek", "niet zelfredzaam", "beperkt zelfredzaam", "voldoende zelfredzaam", "volledig zelfredzaam"):
        assert label in html


def test_gesprek_in_de_toekomst_kan_niet_gehouden_zijn(client, generalist, gesprek):
    client.force_login(generalist)
    r = client.post(url(gesprek), verslag(gesprek) | {"verslag-gehouden_op": datum_tijd(timedelta(days=1))})
    assert r.status_code == 400 and "niet in de toekomst gehouden" in r.content.decode()


def test_opmerkingen_van_de_inwoner_worden_toegevoegd(client, generalist, gesprek):
    client.force_login(generalist)
    client.post(url(gesprek), verslag(gesprek))
    r = client.post(url(gesprek), {"actie": "opmerking", "opmerking-opmerkingen": "Ik wil graag dat mijn zoon ook meedenkt."})
    assert r.status_code == 302
    client.post(url(gesprek), {"actie": "opmerking", "opmerking-opmerkingen": "En de tuin is ook een zorg."})
    gesprek.refresh_from_db()
    assert "mijn zoon" in gesprek.opmerkingen_inwoner and "de tuin" in gesprek.opmerkingen_inwoner


def test_verslag_pdf_is_een_echte_pdf_en_de_download_wordt_gelogd(client, generalist, gesprek):
    client.force_login(generalist)
    client.post(url(gesprek), verslag(gesprek, **{f"lg{lg('financien').pk}_bevindingen": "Schulden", f"lg{lg('financien').pk}_score": "1"}))
    r = client.get(reverse("toegang:verslag_pdf", args=[gesprek.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert AuditRecord.objects.filter(
        actie=AuditActie.EXPORT,
        medewerker=generalist,
        object_type="Gesprek",
        object_id=str(gesprek.pk),
        huishouden_id=gesprek.onderzoek.huishouden_id,
    ).exists()
    assert "bsn" not in r["Content-Disposition"].lower()


def test_verslag_pdf_tekst_is_nederlands(generalist, gesprek):
    from django.template.loader import render_to_string

    services.leg_gesprek_vast(
        generalist,
        gesprek,
        verwachte_versie=gesprek.version,
        gehouden_op=timezone.now() - timedelta(hours=1),
        bevindingen=[services.Bevinding(lg("financien"), "Schulden bij de verhuurder", 2)],
        gewezen_op_clientondersteuning=True,
    )
    services.voeg_opmerking_inwoner_toe(generalist, gesprek, "Ik ben het eens met het verslag.")
    h = gesprek.onderzoek.huishouden
    html = render_to_string(
        "toegang/verslag_pdf.html",
        {
            "gesprek": gesprek,
            "huishouden": h,
            "gemeente": h.gemeente,
            "leden": list(h.leden_op()),
            "onderdelen": list(gesprek.onderdelen.all()),
        },
    )
    for tekst in (
        "Verslag van het keukentafelgesprek",
        "gratis onafhankelijke cliëntondersteuning",
        "Schulden bij de verhuurder",
        "2 – niet zelfredzaam",
        "Ik ben het eens met het verslag.",
        "Uw opmerkingen op dit verslag",
        "Mevrouw en haar dochter",
    ):
        assert tekst in html
