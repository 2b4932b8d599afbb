"""The worklist per role: the right items, flags, limits, and a bounded number of queries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from keukentafel.accounts.models import Rol
from keukentafel.plannen.models import Ondersteuningsplan, PlanStatus, Planversie
from keukentafel.plannen.services import maak_plan
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory, MeldingFactory, TeamFactory
from keukentafel.toegang import services
from keukentafel.toegang.models import MeldingStatus, Opschorting
from keukentafel.toegang.werkvoorraad import LIMIET, werkvoorraad_voor

pytestmark = pytest.mark.django_db


def moment(dagen_geleden: int) -> datetime:
    d = timezone.localdate() - timedelta(days=dagen_geleden)
    return timezone.make_aware(datetime(d.year, d.month, d.day, 9, 0))


def onderzoek(behandelaar, gebied, dagen_geleden: int):
    melding = MeldingFactory(huishouden=HuishoudenFactory(gebied=gebied), ontvangen_op=moment(dagen_geleden))
    return services.start_onderzoek(behandelaar, melding, behandelaar=behandelaar)


def plan(regisseur, gebied, *, status=PlanStatus.ACTIEF, evaluatie: date | None = None, versie: bool = False) -> Ondersteuningsplan:
    p = maak_plan(regisseur, HuishoudenFactory(gebied=gebied), regisseur=regisseur)
    Ondersteuningsplan.objects.filter(pk=p.pk).update(status=status, evaluatiedatum=evaluatie)
    if versie:
        Planversie.objects.create(plan=p, nummer=1, inhoud={}, gemaakt_door=regisseur)
    return p


@pytest.fixture
def situatie(generalist, collega, team, gebied):
    vandaag = timezone.localdate()
    ander_team = TeamFactory()
    s = {
        "mijn_nieuw": MeldingFactory(
            huishouden=HuishoudenFactory(gebied=gebied), team=team, toegewezen_aan=generalist, status=MeldingStatus.NIEUW
        ),
        "mijn_lopend": MeldingFactory(
            huishouden=HuishoudenFactory(gebied=gebied), team=team, toegewezen_aan=generalist, status=MeldingStatus.IN_BEHANDELING
        ),
        "mijn_afgesloten": MeldingFactory(
            huishouden=HuishoudenFactory(gebied=gebied), team=team, toegewezen_aan=generalist, status=MeldingStatus.AFGESLOTEN
        ),
        "team_vrij": MeldingFactory(huishouden=HuishoudenFactory(gebied=gebied), team=team, status=MeldingStatus.NIEUW),
        "collega": MeldingFactory(
            huishouden=HuishoudenFactory(gebied=gebied), team=team, toegewezen_aan=collega, status=MeldingStatus.IN_BEHANDELING
        ),
        "ander_team": MeldingFactory(huishouden=HuishoudenFactory(gebied=ander_team.gebied), team=ander_team, status=MeldingStatus.NIEUW),
        "ok_bijna": onderzoek(generalist, gebied, 40),
        "ok_verlopen": onderzoek(generalist, gebied, 50),
        "ok_opgeschort": onderzoek(generalist, gebied, 10),
        "ok_collega": onderzoek(collega, gebied, 5),
        "plan_te_laat": plan(generalist, gebied, evaluatie=vandaag - timedelta(days=3)),
        "plan_binnenkort": plan(generalist, gebied, evaluatie=vandaag + timedelta(days=5)),
        "plan_later": plan(generalist, gebied, evaluatie=vandaag + timedelta(days=90)),
        "concept_getekend": plan(generalist, gebied, status=PlanStatus.CONCEPT, versie=True),
        "concept_in_opbouw": plan(generalist, gebied, status=PlanStatus.CONCEPT),
        "plan_collega": plan(collega, gebied, evaluatie=vandaag - timedelta(days=1)),
    }
    Opschorting.objects.create(
        onderzoek=s["ok_opgeschort"], reden="Wacht op stukken", van=vandaag - timedelta(days=2), vastgelegd_door=generalist
    )
    # a melding linked to my running case
    s["gekoppeld"] = services.registreer_melding(
        collega,
        gemeente=gebied.gemeente,
        huishouden=s["ok_bijna"].huishouden,
        kanaal="telefoon",
        melder_type="inwoner",
        vraag="Nieuwe zorg",
    )
    return s


def test_generalist_ziet_eigen_werk_en_nieuwe_meldingen_van_het_team(generalist, situatie):
    wv = werkvoorraad_voor(generalist)
    assert wv.soort == "generalist"
    assert {m.pk for m in wv.meldingen.rijen} == {situatie["mijn_nieuw"].pk, situatie["mijn_lopend"].pk}
    assert [m.pk for m in wv.team_nieuw.rijen] == [situatie["team_vrij"].pk]
    assert [m.pk for m in wv.gekoppeld.rijen] == [situatie["gekoppeld"].pk]
    assert situatie["gekoppeld"].toegewezen_aan == generalist
    assert [r.onderzoek.pk for r in wv.onderzoeken.rijen] == [situatie[k].pk for k in ("ok_verlopen", "ok_bijna", "ok_opgeschort")]
    verlopen, bijna, opgeschort = wv.onderzoeken.rijen
    assert verlopen.termijn.verlopen and bijna.termijn.waarschuwing and opgeschort.termijn.opgeschort
    assert [r.plan.pk for r in wv.evaluaties.rijen] == [situatie["plan_te_laat"].pk, situatie["plan_binnenkort"].pk]
    assert wv.evaluaties.rijen[0].verlopen and not wv.evaluaties.rijen[1].verlopen
    assert [p.pk for p in wv.ter_ondertekening.rijen] == [situatie["concept_getekend"].pk]


def test_generalist_pagina_toont_vlaggen_als_tekst_en_links(client, generalist, situatie):
    client.force_login(generalist)
    html = client.get(reverse("toegang:werkvoorraad")).content.decode()
    assert "Verlopen:" in html and "Bijna verlopen: nog 2 dagen" in html and "Opgeschort" in html
    assert reverse("plannen:plan_detail", args=[situatie["plan_te_laat"].pk]) in html
    assert reverse("plannen:plan_detail", args=[situatie["concept_getekend"].pk]) in html
    assert reverse("toegang:onderzoek_detail", args=[situatie["ok_bijna"].pk]) in html
    assert f"Melding {situatie['collega'].pk}<" not in html and f"Melding {situatie['ander_team'].pk}<" not in html
    assert reverse("plannen:plan_detail", args=[situatie["plan_collega"].pk]) not in html


def test_teamleider_ziet_het_werk_van_het_hele_team_met_wie_het_doet(client, teamleider, generalist, collega, situatie):
    wv = werkvoorraad_voor(teamleider)
    assert wv.soort == "teamleider"
    assert {m.pk for m in wv.meldingen.rijen} == {situatie[k].pk for k in ("mijn_nieuw", "mijn_lopend", "collega")}
    assert {r.onderzoek.pk for r in wv.onderzoeken.rijen} == {
        situatie[k].pk for k in ("ok_bijna", "ok_verlopen", "ok_opgeschort", "ok_collega")
    }
    assert {r.plan.pk for r in wv.evaluaties.rijen} == {situatie[k].pk for k in ("plan_te_laat", "plan_binnenkort", "plan_collega")}
    client.force_login(teamleider)
    html = client.get(reverse("toegang:werkvoorraad")).content.decode()
    assert "Toegewezen aan" in html and "Behandelaar" in html and "Regisseur" in html
    assert escape(collega) in html and escape(generalist) in html  # names may hold an apostrophe


def test_andere_rollen_krijgen_een_korte_verwijzing(client, gebied):
    for rol, tekst in ((Rol.BACKOFFICE, "Een inwoner of huishouden zoeken"), (Rol.BELEID, "werkt niet met dossiers van inwoners")):
        m = MedewerkerFactory(team=None, gemeente=gebied.gemeente, rol=rol)
        client.force_login(m)
        html = client.get(reverse("toegang:werkvoorraad")).content.decode()
        assert tekst in html and "Mijn lopende onderzoeken" not in html


def test_lege_werkvoorraad_heeft_nederlandse_lege_toestanden(client, generalist):
    client.force_login(generalist)
    html = client.get(reverse("toegang:werkvoorraad")).content.decode()
    for tekst in (
        "Er staan geen nieuwe of lopende meldingen op uw naam.",
        "Er wachten geen nieuwe meldingen op toewijzing.",
        "Er lopen geen onderzoeken.",
        "Er zijn geen evaluaties die binnenkort of te laat zijn.",
        "Er wachten geen plannen op ondertekening.",
    ):
        assert tekst in html


def test_lijsten_zijn_begrensd_met_totaal(client, generalist, team, gebied):
    h = HuishoudenFactory(gebied=gebied)
    for _ in range(LIMIET + 3):
        MeldingFactory(huishouden=h, team=team, toegewezen_aan=generalist, status=MeldingStatus.IN_BEHANDELING)
    wv = werkvoorraad_voor(generalist)
    assert len(wv.meldingen.rijen) == LIMIET and wv.meldingen.totaal == LIMIET + 3 and wv.meldingen.meer
    client.force_login(generalist)
    assert f"De eerste {LIMIET} van {LIMIET + 3} worden getoond." in client.get(reverse("toegang:werkvoorraad")).content.decode()


def test_aantal_queries_hangt_niet_af_van_het_aantal_rijen(client, django_assert_max_num_queries, generalist, team, gebied):
    """No N+1: suspensions are prefetched and the warning margin is read once per gemeente."""
    client.force_login(generalist)
    for i in range(12):
        o = onderzoek(generalist, gebied, 30 + i)
        Opschorting.objects.create(
            onderzoek=o, reden="Wacht", van=o.startdatum, tot=o.startdatum + timedelta(days=2), vastgelegd_door=generalist
        )
        MeldingFactory(huishouden=o.huishouden, team=team, status=MeldingStatus.NIEUW)
        plan(generalist, gebied, evaluatie=timezone.localdate())
        plan(generalist, gebied, status=PlanStatus.CONCEPT, versie=True)
    with django_assert_max_num_queries(16):
        r = client.get(reverse("toegang:werkvoorraad"))
    assert r.status_code == 200


def test_aantal_queries_teamleider_met_namen_begrensd(client, django_assert_max_num_queries, teamleider, generalist, collega, team, gebied):
    """The assignee's name is joined for a teamleider, not fetched per row."""
    for i in range(6):
        for wie in (generalist, collega):
            o = onderzoek(wie, gebied, 30 + i)
            MeldingFactory(huishouden=o.huishouden, team=team, toegewezen_aan=wie, status=MeldingStatus.IN_BEHANDELING)
            plan(wie, gebied, evaluatie=timezone.localdate())
            plan(wie, gebied, status=PlanStatus.CONCEPT, versie=True)
    client.force_login(teamleider)
    with django_assert_max_num_queries(17):
        r = client.get(reverse("toegang:werkvoorraad"))
    assert escape(collega) in r.content.decode()
