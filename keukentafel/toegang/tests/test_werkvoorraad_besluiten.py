"""The worklist's besluiten parts: aanvragen by beslistermijn for generalists/teamleiders, counts for the backoffice."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from keukentafel.accounts.models import Rol
from keukentafel.besluiten.models import (
    Aanvraag,
    AanvraagStatus,
    Grondslag,
    Herbeoordeling,
    Rechtmatigheidstoets,
    ToegewezenVoorziening,
    ToetsSelectie,
    ToetsUitkomst,
)
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, MedewerkerFactory, ProductFactory
from keukentafel.toegang.werkvoorraad import LIMIET, werkvoorraad_voor

pytestmark = pytest.mark.django_db
_nummers = count(1)


def aanvraag(behandelaar, gebied, dagen_over: int, status: str = AanvraagStatus.OPEN) -> Aanvraag:
    h = HuishoudenFactory(gebied=gebied)
    vandaag = timezone.localdate()
    return Aanvraag.objects.create(
        persoon=h.leden.get().persoon, huishouden=h, gemeente=gebied.gemeente, product=ProductFactory(), omvang=3, eenheid="04",
        frequentie="2", ontvangen_op=vandaag - timedelta(days=3), uiterste_beslisdatum=vandaag + timedelta(days=dagen_over),
        behandelaar=behandelaar, status=status,
    )


def voorziening(gemeente, door) -> ToegewezenVoorziening:
    h = HuishoudenFactory(gebied=GebiedFactory(gemeente=gemeente))
    return ToegewezenVoorziening.objects.create(
        gemeente=gemeente, toewijzingnummer=next(_nummers), persoon=h.leden.get().persoon, huishouden=h, product=ProductFactory(),
        grondslag=Grondslag.OVERGANGSRECHT, leveringsvorm="pgb", tarief_cent=5000, omvang=2, eenheid="04", frequentie="2",
        begindatum=timezone.localdate(), einddatum=timezone.localdate() + timedelta(days=365), toegekend_door=door,
        toegekend_op=timezone.localdate(),
    )


def test_generalist_ziet_eigen_open_aanvragen_dringendste_eerst(client, generalist, collega, gebied):
    verlopen = aanvraag(generalist, gebied, -2)
    bijna = aanvraag(generalist, gebied, 3)
    ruim = aanvraag(generalist, gebied, 12)
    aanvraag(generalist, gebied, 1, status=AanvraagStatus.BESLOTEN)
    van_collega = aanvraag(collega, gebied, 1)
    wv = werkvoorraad_voor(generalist)
    assert [r.aanvraag.pk for r in wv.aanvragen.rijen] == [verlopen.pk, bijna.pk, ruim.pk]
    a, b, c = wv.aanvragen.rijen
    assert a.verlopen and a.dagen_te_laat == 2 and b.waarschuwing and not b.verlopen and not c.waarschuwing
    assert a.url == reverse("besluiten:aanvraag", args=[verlopen.pk])
    client.force_login(generalist)
    html = client.get(reverse("toegang:werkvoorraad")).content.decode()
    assert "Aanvragen (beslistermijn): 3 open" in html
    assert "Verlopen: 2 dagen over de beslistermijn" in html and "Bijna verlopen: nog 3 dagen" in html and "Nog 12 dagen" in html
    assert reverse("besluiten:aanvraag", args=[bijna.pk]) in html and reverse("besluiten:aanvraag", args=[van_collega.pk]) not in html


def test_teamleider_ziet_de_aanvragen_van_het_team_met_behandelaar(client, teamleider, generalist, collega, gebied):
    mijn, van_collega = aanvraag(generalist, gebied, 5), aanvraag(collega, gebied, 4)
    aanvraag(MedewerkerFactory(), gebied, 1)  # another team
    assert [r.aanvraag.pk for r in werkvoorraad_voor(teamleider).aanvragen.rijen] == [van_collega.pk, mijn.pk]
    client.force_login(teamleider)
    html = client.get(reverse("toegang:werkvoorraad")).content.decode()
    assert "Aanvragen (beslistermijn) van het team: 2 open" in html and escape(collega) in html


def test_aanvragen_begrensd_en_geteld(generalist, gebied):
    for i in range(LIMIET + 2):
        aanvraag(generalist, gebied, i)
    lijst = werkvoorraad_voor(generalist).aanvragen
    assert len(lijst.rijen) == LIMIET and lijst.totaal == LIMIET + 2 and lijst.meer


def test_aanvragen_kosten_een_vast_aantal_queries(generalist, gebied):
    """One query for the list, whatever the number of rows (huishouden, product and marge are not fetched per row)."""
    aanvraag(generalist, gebied, 4)
    with CaptureQueriesContext(connection) as een:
        werkvoorraad_voor(generalist)
    for i in range(8):
        aanvraag(generalist, gebied, i)
    with CaptureQueriesContext(connection) as negen:
        werkvoorraad_voor(generalist)
    assert len(negen) == len(een)
    assert sum("besluiten_aanvraag" in q["sql"] for q in negen.captured_queries) == 1


def test_lege_lijst_aanvragen(client, generalist):
    client.force_login(generalist)
    assert "Er staan geen aanvragen open." in client.get(reverse("toegang:werkvoorraad")).content.decode()


def test_backoffice_ziet_open_toetsen_en_herbeoordelingen_van_de_eigen_gemeente(client, gebied, generalist):
    gemeente = gebied.gemeente
    backoffice = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=gemeente)
    vandaag = timezone.localdate()
    for uitkomst in (ToetsUitkomst.OPEN, ToetsUitkomst.OPEN, ToetsUitkomst.RECHTMATIG):
        Rechtmatigheidstoets.objects.create(
            voorziening=voorziening(gemeente, generalist), selectie=ToetsSelectie.STEEKPROEF, geselecteerd_op=vandaag, uitkomst=uitkomst
        )
    ander = GebiedFactory().gemeente
    elders = voorziening(ander, generalist)
    Rechtmatigheidstoets.objects.create(voorziening=elders, selectie=ToetsSelectie.VOLLEDIG, geselecteerd_op=vandaag)
    for dagen, afgerond, wie in ((-5, None, gemeente), (30, None, gemeente), (90, None, gemeente), (91, None, gemeente),
                                 (10, vandaag, gemeente), (10, None, ander)):
        Herbeoordeling.objects.create(
            voorziening=voorziening(wie, generalist), cohort="2027-K1", uiterlijk_op=vandaag + timedelta(days=dagen), afgerond_op=afgerond
        )
    wv = werkvoorraad_voor(backoffice)
    assert wv.soort == "backoffice" and (wv.backoffice.toetsen_open, wv.backoffice.herbeoordelingen_binnenkort) == (2, 3)
    client.force_login(backoffice)
    html = client.get(reverse("toegang:werkvoorraad")).content.decode()
    assert "Open rechtmatigheidstoetsen</a>: 2" in html and "binnen 90 dagen moeten of te laat zijn: 3" in html
    assert reverse("besluiten:rechtmatigheid") in html and reverse("besluiten:herbeoordelingen") in html
    assert reverse("besluiten:import") in html and "Een inwoner of huishouden zoeken" in html


def test_backoffice_zonder_gemeente(client):
    m = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=None)
    assert werkvoorraad_voor(m).backoffice is None
    client.force_login(m)
    assert "niet aan een gemeente gekoppeld" in client.get(reverse("toegang:werkvoorraad")).content.decode()


def test_backoffice_tellingen_kosten_twee_queries(django_assert_num_queries, gebied):
    backoffice = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=gebied.gemeente)
    with django_assert_num_queries(2):
        werkvoorraad_voor(backoffice)
