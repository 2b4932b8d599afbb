"""Need-to-know on every page of the access flow, and no BSN in any URL or audit line we produce."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from keukentafel.accounts.access import registreer_noodtoegang
from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.inwoners.models import Persoon
from keukentafel.testing.factories import MedewerkerFactory, MeldingFactory, geldig_bsn
from keukentafel.toegang import services
from keukentafel.toegang.models import Melding

from .conftest import datum_tijd, melding_formulier

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(generalist, huishouden):
    melding = MeldingFactory(huishouden=huishouden, team=generalist.team)
    onderzoek = services.start_onderzoek(generalist, melding)
    gesprek = services.plan_gesprek(generalist, onderzoek, timezone.now() - timedelta(hours=2))
    services.leg_gesprek_vast(
        generalist,
        gesprek,
        verwachte_versie=gesprek.version,
        gehouden_op=timezone.now() - timedelta(hours=1),
        bevindingen=[],
        gewezen_op_clientondersteuning=True,
    )
    return {"melding": melding, "onderzoek": onderzoek, "gesprek": gesprek}


PAGINAS = [
    ("toegang:melding_detail", "melding"),
    ("toegang:onderzoek_detail", "onderzoek"),
    ("toegang:gesprek_detail", "gesprek"),
    ("toegang:verslag_pdf", "gesprek"),
]


@pytest.mark.parametrize(("naam", "wat"), PAGINAS)
def test_generalist_van_ander_gebied_moet_eerst_een_reden_geven(client, buitenstaander, dossier, huishouden, naam, wat):
    client.force_login(buitenstaander)
    url = reverse(naam, args=[dossier[wat].pk])
    r = client.get(url)
    assert r.status_code == 302
    assert r.url.startswith(reverse("inwoners:noodtoegang", args=[huishouden.pk]) + "?next=")
    assert AuditRecord.objects.filter(medewerker=buitenstaander, actie=AuditActie.GEWEIGERD, huishouden_id=huishouden.pk).exists()
    assert not AuditRecord.objects.filter(medewerker=buitenstaander, actie__in=[AuditActie.LEZEN, AuditActie.EXPORT]).exists()


@pytest.mark.parametrize(
    ("naam", "wat", "data"),
    [
        (
            "toegang:melding_detail",
            "melding",
            {"actie": "trieer", "triage-version": "2", "triage-uitkomst": "direct", "triage-toelichting": "x"},
        ),
        ("toegang:onderzoek_detail", "onderzoek", {"actie": "opschorten", "opschorten-reden": "x", "opschorten-van": "2026-01-01"}),
        ("toegang:gesprek_detail", "gesprek", {"actie": "opmerking", "opmerking-opmerkingen": "Kwaadwillige tekst"}),
    ],
)
def test_generalist_van_ander_gebied_krijgt_403_op_wijzigingen(client, buitenstaander, dossier, naam, wat, data):
    client.force_login(buitenstaander)
    r = client.post(reverse(naam, args=[dossier[wat].pk]), data)
    assert r.status_code == 403
    dossier["gesprek"].refresh_from_db()
    assert dossier["gesprek"].opmerkingen_inwoner == ""
    assert dossier["melding"].__class__.objects.get(pk=dossier["melding"].pk).triage_uitkomst == ""
    assert not dossier["onderzoek"].opschortingen.exists()


def test_met_vastgelegde_reden_mag_de_pagina_open(client, buitenstaander, dossier, huishouden):
    registreer_noodtoegang(buitenstaander, huishouden, "Collega ziek, crisis bij dit gezin vandaag.")
    client.force_login(buitenstaander)
    assert client.get(reverse("toegang:onderzoek_detail", args=[dossier["onderzoek"].pk])).status_code == 200
    assert AuditRecord.objects.filter(medewerker=buitenstaander, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).exists()


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER])
def test_rollen_zonder_dossierwerk_krijgen_403(client, dossier, gebied, rol):
    m = MedewerkerFactory(team=None, gemeente=gebied.gemeente, rol=rol)
    client.force_login(m)
    for naam, wat in PAGINAS:
        assert client.get(reverse(naam, args=[dossier[wat].pk])).status_code == 403


def test_eigen_gebied_leest_en_de_inzage_wordt_gelogd(client, collega, dossier, huishouden):
    client.force_login(collega)
    for naam, wat in PAGINAS[:3]:
        assert client.get(reverse(naam, args=[dossier[wat].pk])).status_code == 200
    assert AuditRecord.objects.filter(medewerker=collega, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).count() == 3


def test_backoffice_van_de_gemeente_mag_lezen(client, dossier, gebied):
    backoffice = MedewerkerFactory(team=None, gemeente=gebied.gemeente, rol=Rol.BACKOFFICE)
    client.force_login(backoffice)
    assert client.get(reverse("toegang:melding_detail", args=[dossier["melding"].pk])).status_code == 200


def _urls(html: str) -> list[str]:
    return re.findall(r'(?:href|action|hx-get|hx-post|src)="([^"]*)"', html)


def test_geen_bsn_in_enige_url_die_we_maken(client, generalist, gebied):
    bsn = geldig_bsn(900_100)
    client.force_login(generalist)
    data = melding_formulier(
        bsn=bsn,
        voornamen="Kees",
        geslachtsnaam="Visser",
        geboortedatum="1960-06-06",
        postcode=f"{gebied.postcodes.first().pc4}AB",
        huisnummer="4",
    )
    r = client.post(reverse("toegang:melding_nieuw"), data)
    assert r.status_code == 302 and bsn not in r.url
    melding = Melding.objects.get()
    gezien = [r.url]
    paginas = [reverse("toegang:werkvoorraad"), reverse("toegang:melding_detail", args=[melding.pk]), reverse("toegang:melding_nieuw")]
    r = client.post(paginas[1], {"actie": "onderzoek", "onderzoek-behandelaar": ""})
    gezien.append(r.url)
    paginas.append(r.url)
    onderzoek = melding.onderzoek
    r = client.post(
        r.url,
        {
            "actie": "gesprek",
            "gesprek-gepland_op": datum_tijd(),
            "gesprek-plaats": "thuis",
            "gesprek-leden": [str(Persoon.objects.get().pk)],
        },
    )
    gezien.append(r.url)
    paginas.append(r.url)
    paginas.append(reverse("toegang:onderzoek_detail", args=[onderzoek.pk]))
    for p in paginas:
        html = client.get(p).content.decode()
        gezien.extend(_urls(html))
    assert len(gezien) > 20
    assert not [u for u in gezien if bsn in u]
    assert not AuditRecord.objects.filter(omschrijving__contains=bsn).exists()
    assert not AuditRecord.objects.filter(reden__contains=bsn).exists()
