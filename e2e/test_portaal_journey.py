"""The resident's journey through the portal (issue 5 §4): find a voorziening on the sociale kaart, press the help
button and send a question — with the keyboard only —, the melding appears on the gebiedsteam's worklist; later the
resident signs in to Mijn Keukentafel, signs the plan and downloads the beschikking; another resident cannot reach
it. Built from the parts' own fixtures; the live server shares this process, so the e-mailed code is read from the
locmem outbox."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import download_bytes, login
from keukentafel.inwoners.models import Persoon
from keukentafel.plannen.models import OndertekenaarRol, Ondertekening
from keukentafel.portaal.tests.fixtures_hulp import bouw_regio
from keukentafel.portaal.tests.fixtures_mijn import maak_beschikking, maak_plan_met_versie
from keukentafel.testing.factories import WACHTWOORD, AlgemeneVoorzieningFactory, HuishoudenFactory
from keukentafel.toegang.models import Melding

pytestmark = pytest.mark.django_db(transaction=True)


def tab_naar(page, label: str, *, max_stappen: int = 80) -> None:
    """Press Tab until the focused element is the field (or button) with this accessible label: keyboard only."""
    for _ in range(max_stappen):
        page.keyboard.press("Tab")
        naam = page.evaluate(
            """() => { const e = document.activeElement; if (!e) return '';
                       const l = e.labels && e.labels.length ? e.labels[0].innerText : '';
                       return (l || e.getAttribute('aria-label') || e.innerText || e.value || '').trim(); }"""
        )
        if naam.startswith(label):
            return
    raise AssertionError(f"'{label}' is met Tab niet te bereiken")


def test_van_sociale_kaart_via_hulpknop_naar_getekend_plan(page, settings):
    settings.PORTAAL_MIN_INVULTIJD = 0  # Playwright types faster than a person; the fill time is unit-tested
    cache.clear()
    mail.outbox = []
    regio = bouw_regio()
    AlgemeneVoorzieningFactory(naam="Geheugenpoli Dukenburg", gemeente=regio.gemeente, categorie="informatie_advies",
                               omschrijving="Informatie en advies bij vergeetachtigheid en dementie.")

    # 1. The sociale kaart: search, open the voorziening, go on to the help button.
    page.goto(reverse("portaal:sociale_kaart"))
    page.get_by_label("Waar zoekt u hulp bij?").fill("vergeetachtigheid")
    page.get_by_label("Waar zoekt u hulp bij?").press("Enter")
    page.get_by_role("link", name="Geheugenpoli Dukenburg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geheugenpoli Dukenburg")

    # 2. The help form, keyboard only: Tab to every field, type, choose with Space, send with Enter.
    page.goto(reverse("portaal:hulp"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp vragen")
    tab_naar(page, "Wat is uw vraag?")
    page.keyboard.type("Mijn moeder vergeet steeds meer; wat kan ik doen?")
    tab_naar(page, "Uw gemeente")
    page.keyboard.type("Nijmegen")
    tab_naar(page, "Postcode")
    page.keyboard.type("6535 AB")
    tab_naar(page, "Uw naam")
    page.keyboard.type("Sanne Jansen")
    tab_naar(page, "Bel mij")
    page.keyboard.press("Space")
    tab_naar(page, "Telefoonnummer")
    page.keyboard.type("06 11223344")
    tab_naar(page, "Maakt niet uit")  # a radio group takes one Tab stop; the arrow keys choose within it
    for _ in range(3):
        if page.get_by_label("Middag (12.00–17.00 uur)").is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Middag (12.00–17.00 uur)")).to_be_checked()
    tab_naar(page, "Ik geef de gemeente toestemming")
    page.keyboard.press("Space")
    tab_naar(page, "Vraag versturen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw vraag is verstuurd")
    melding = Melding.objects.get(vraag__startswith="Mijn moeder vergeet")

    # 3. The gebiedsteam sees it on its worklist.
    context = page.context
    staff = context.browser.new_context(base_url=page.url.split("/portaal")[0], locale="nl-NL").new_page()
    login(staff, regio.generalist.username, WACHTWOORD)
    team = staff.locator("section", has=staff.get_by_role("heading", name="Nieuwe meldingen voor het team"))
    expect(team.get_by_role("link", name=f"Melding {melding.pk}")).to_be_visible()
    staff.context.close()

    # 4. Later: the resident signs in, signs the plan and downloads the beschikking; another resident cannot.
    eigen = HuishoudenFactory(naam="Huishouden Jansen", leden=1)
    Persoon.objects.filter(pk=eigen.leden_op().first().persoon_id).update(email="sanne@voorbeeld.nl")
    plan = maak_plan_met_versie(eigen)
    beschikking = maak_beschikking(plan)
    ander = HuishoudenFactory(naam="Huishouden Bakker", leden=1)
    Persoon.objects.filter(pk=ander.leden_op().first().persoon_id).update(email="bert@voorbeeld.nl")
    andere_beschikking = maak_beschikking(maak_plan_met_versie(ander))

    page.goto(reverse("portaal:mijn"))
    page.get_by_label("E-mailadres").fill("sanne@voorbeeld.nl")
    page.get_by_role("button", name="Stuur mij een code").click()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Keukentafel")
    page.get_by_role("link", name=re.compile("^Ondersteuningsplan van")).click()
    page.get_by_label("Ik ga akkoord met deze versie van het ondersteuningsplan").check()
    page.get_by_role("button", name="Plan ondertekenen").click()
    expect(page.get_by_role("status")).to_contain_text("ondertekend")
    assert Ondertekening.objects.filter(versie__plan=plan, rol=OndertekenaarRol.INWONER).exists()

    page.goto(reverse("portaal:mijn"))
    data, naam = download_bytes(page, page.get_by_role("link", name=f"download beschikking {beschikking.kenmerk} (PDF)"))
    assert data.startswith(b"%PDF") and naam.endswith(".pdf")
    r = page.goto(reverse("portaal:mijn_beschikking_pdf", args=[andere_beschikking.pk]))
    assert r.status == 404, "een andere inwoner kan niet bij deze beschikking"
