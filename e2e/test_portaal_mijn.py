"""Mijn Keukentafel in the browser: a resident signs in with the e-mailed code, signs the plan and downloads the
beschikking; another resident cannot reach it. axe-core (WCAG 2.1 A/AA) on every resident page, and no
horizontal scrolling at 375 px.

The live server runs in a thread of this process with Django's test (locmem) e-mail backend, so the code is
read from django.core.mail.outbox here.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import download_bytes
from e2e.test_toegankelijkheid import _verslag, axe_schendingen
from keukentafel.accounts.models import AuditRecord
from keukentafel.inwoners.models import Netwerklid, NetwerkRol, Persoon
from keukentafel.plannen.models import OndertekenaarRol, Ondertekening
from keukentafel.portaal.tests.fixtures_mijn import maak_beschikking, maak_gesprek, maak_plan_met_versie, portaal_routes  # noqa: F401
from keukentafel.testing.factories import HuishoudenFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_routes")]


def _bewoner(naam: str, email: str):
    hh = HuishoudenFactory(naam=naam, leden=1)
    persoon = hh.leden_op().first().persoon
    Persoon.objects.filter(pk=persoon.pk).update(email=email)
    plan = maak_plan_met_versie(hh)
    beschikking = maak_beschikking(plan)
    maak_gesprek(hh, plan.regisseur)
    return plan, beschikking


def _aanmelden(page, email: str) -> None:
    page.goto(reverse("portaal:mijn"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen op Mijn Keukentafel")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code in")
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Keukentafel")


def _controleer(page, naam: str, schendingen: dict, smal: dict) -> None:
    schendingen[naam] = axe_schendingen(page)
    page.set_viewport_size({"width": 375, "height": 800})
    breed = page.evaluate("document.documentElement.scrollWidth")
    if breed > 375:
        smal[naam] = breed
    page.set_viewport_size({"width": 1280, "height": 900})


def test_inwoner_tekent_plan_en_downloadt_beschikking_ander_kan_er_niet_bij(page, live_server):
    cache.clear()
    mail.outbox = []
    plan_a, beschikking_a = _bewoner("Huishouden Jansen", "anna@voorbeeld.nl")
    plan_b, beschikking_b = _bewoner("Huishouden Bakker", "bert@voorbeeld.nl")
    schendingen: dict[str, list] = {}
    smal: dict[str, int] = {}

    page.goto(reverse("portaal:mijn_aanmelden"))
    _controleer(page, "aanmelden", schendingen, smal)
    _aanmelden(page, "anna@voorbeeld.nl")
    _controleer(page, "overzicht", schendingen, smal)
    expect(page.get_by_role("heading", name="Huishouden Jansen")).to_be_visible()
    expect(page.get_by_text("Huishouden Bakker")).to_have_count(0)

    page.get_by_role("link", name=re.compile("^Ondersteuningsplan van")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw ondersteuningsplan")
    _controleer(page, "plan", schendingen, smal)
    page.get_by_role("button", name="Plan ondertekenen").click()  # without the tick: an error summary
    expect(page.get_by_role("alert")).to_contain_text("Zet een vinkje")
    _controleer(page, "plan met fout", schendingen, smal)
    page.get_by_label("Ik ga akkoord met deze versie van het ondersteuningsplan").check()
    page.get_by_role("button", name="Plan ondertekenen").click()
    expect(page.get_by_role("status")).to_contain_text("ondertekend")
    assert Ondertekening.objects.filter(versie__plan=plan_a, rol=OndertekenaarRol.INWONER).exists()

    page.get_by_role("link", name="Overzicht").click()
    data, naam = download_bytes(page, page.get_by_role("link", name=f"download beschikking {beschikking_a.kenmerk} (PDF)"))
    assert data.startswith(b"%PDF") and naam == f"beschikking-{beschikking_a.kenmerk}.pdf"

    page.get_by_role("link", name=re.compile("^Verslag van het gesprek")).click()
    expect(page.get_by_text("We spraken over de boodschappen.")).to_be_visible()
    _controleer(page, "gespreksverslag", schendingen, smal)
    for pagina, titel in (
        ("portaal:mijn_bijdrage", "bijdrage"),
        ("portaal:mijn_berichten", "berichten"),
        ("portaal:mijn_documenten", "documenten"),
        ("portaal:mijn_namens", "namens"),
    ):
        page.goto(reverse(pagina))
        _controleer(page, titel, schendingen, smal)
    page.goto(reverse("portaal:mijn_berichten"))
    page.get_by_label("Uw bericht").fill("Kan de afspraak een week later?")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Kan de afspraak een week later?")).to_be_visible()
    _controleer(page, "berichten met bericht", schendingen, smal)
    page.goto(reverse("portaal:mijn_documenten"))
    page.get_by_label("Wat is het voor document?").fill("Brief van de huisarts")
    page.get_by_label("Bestand").set_input_files({"name": "brief.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%test\n"})
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_role("status")).to_contain_text("Uw document is ontvangen")

    # someone else's documents: 404, no data
    for adres in (reverse("portaal:mijn_plan", args=[plan_b.pk]), reverse("portaal:mijn_beschikking_pdf", args=[beschikking_b.pk])):
        assert page.goto(adres).status == 404

    page.goto(reverse("portaal:mijn"))
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen op Mijn Keukentafel")
    assert page.goto(reverse("portaal:mijn_plan", args=[plan_a.pk])).url.endswith(reverse("portaal:mijn_aanmelden"))

    _aanmelden(page, "bert@voorbeeld.nl")
    expect(page.get_by_role("heading", name="Huishouden Bakker")).to_be_visible()
    assert page.goto(reverse("portaal:mijn_beschikking_pdf", args=[beschikking_a.pk])).status == 404
    assert page.goto(reverse("portaal:mijn_plan", args=[plan_a.pk])).status == 404

    assert not any(schendingen.values()), _verslag(schendingen)
    assert not smal, f"horizontaal scrollen op 375 px: {smal}"


def test_toetsenbord_alleen_aanmelden(page, live_server):
    """Sign-in with the keyboard only: skip link, e-mail field, button, code field."""
    cache.clear()
    mail.outbox = []
    hh = HuishoudenFactory(naam="Huishouden Toets", leden=1)
    Persoon.objects.filter(pk=hh.leden_op().first().persoon_id).update(email="toets@voorbeeld.nl")
    page.goto(reverse("portaal:mijn_aanmelden"))
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    page.get_by_label("E-mailadres").focus()
    page.keyboard.type("toets@voorbeeld.nl")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code in")
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code").focus()
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Keukentafel")


def test_vertegenwoordiger_handelt_namens_en_tekent(page, live_server):
    cache.clear()
    mail.outbox = []
    plan_a, beschikking_a = _bewoner("Huishouden Jansen", "anna@voorbeeld.nl")
    anna = Persoon.objects.get(email="anna@voorbeeld.nl")
    eigen = HuishoudenFactory(naam="Huishouden De Wit", leden=1)
    Persoon.objects.filter(pk=eigen.leden_op().first().persoon_id).update(email="carla@voorbeeld.nl")
    Netwerklid.objects.create(
        huishouden=plan_a.huishouden, voor_persoon=anna, naam="Carla de Wit", rol=NetwerkRol.BEWINDVOERDER, email="carla@voorbeeld.nl"
    )
    schendingen: dict[str, list] = {}
    smal: dict[str, int] = {}

    page.goto(reverse("portaal:mijn"))
    page.get_by_label("E-mailadres").fill("carla@voorbeeld.nl")
    page.get_by_role("button", name="Stuur mij een code").click()
    page.get_by_label("Code").fill(re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor wie handelt u?")
    _controleer(page, "namens", schendingen, smal)
    page.get_by_label(f"Ik handel namens {anna.naam} (als bewindvoerder)").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Huishouden Jansen")).to_be_visible()
    _controleer(page, "overzicht namens", schendingen, smal)
    page.get_by_role("link", name=re.compile("^Ondersteuningsplan van")).click()
    page.get_by_label("Ik ga akkoord met deze versie van het ondersteuningsplan").check()
    page.get_by_role("button", name="Plan ondertekenen").click()
    expect(page.get_by_role("status")).to_contain_text("ondertekend")
    assert Ondertekening.objects.get(versie__plan=plan_a).rol == OndertekenaarRol.VERTEGENWOORDIGER
    assert AuditRecord.objects.filter(kanaal="portaal", omschrijving__contains=f"(bewindvoerder) namens {anna.naam}").count() >= 3
    assert not any(schendingen.values()), _verslag(schendingen)
    assert not smal, f"horizontaal scrollen op 375 px: {smal}"
