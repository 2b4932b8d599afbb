"""One letter context for the beschikking PDF: the staff download and Mijn Keukentafel render the same letter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keukentafel.besluiten import brieven
from keukentafel.besluiten.models import Besluit
from keukentafel.portaal.tests.fixtures_mijn import *  # noqa: F403
from keukentafel.portaal.tests.fixtures_mijn import meld_aan_als

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_routes")]


def test_beschikking_context(beschikking_a):
    context = brieven.beschikking_context(beschikking_a)
    aanvraag = beschikking_a.aanvraag
    assert context["beschikking"] == beschikking_a and context["aanvraag"] == aanvraag and context["persoon"] == aanvraag.persoon
    assert context["gemeente"] == beschikking_a.gemeente and context["toegekend"] == (beschikking_a.besluit != Besluit.AFWIJZING)
    assert context["voorzieningen"] and all(hasattr(v, "pgb_gegevens") for v in context["voorzieningen"])
    assert context["adres"] in (aanvraag.persoon, aanvraag.huishouden) and context["bezwaartermijn"]
    assert brieven.beschikking_bestandsnaam(beschikking_a) == f"beschikking-{beschikking_a.kenmerk}.pdf"


def test_medewerker_en_inwoner_krijgen_dezelfde_brief(client, anna, plan_a, beschikking_a, monkeypatch):
    gebruikt = []
    echt = brieven.beschikking_context
    monkeypatch.setattr(brieven, "beschikking_context", lambda b: gebruikt.append(b.pk) or echt(b))
    client.force_login(plan_a.regisseur)
    r = client.get(reverse("besluiten:beschikking_pdf", args=[beschikking_a.pk]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert f"beschikking-{beschikking_a.kenmerk}.pdf" in r["Content-Disposition"]
    client.logout()
    meld_aan_als(client, anna)
    r = client.get(reverse("portaal:mijn_beschikking_pdf", args=[beschikking_a.pk]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert gebruikt == [beschikking_a.pk, beschikking_a.pk]
