"""The audit trail viewer, its CSV export and the break-the-glass report: who may see what."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.access import registreer_noodtoegang
from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory, TeamFactory

pytestmark = pytest.mark.django_db
AUDIT = "/account/audit/"
RAPPORT = "/account/audit/noodtoegang/"
REDEN = "Vervanging van de vaste generalist tijdens verlof."


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def teamleider(team):
    return MedewerkerFactory(rol=Rol.TEAMLEIDER, team=team)


@pytest.fixture
def collega(team):
    return MedewerkerFactory(rol=Rol.GENERALIST, team=team)


@pytest.fixture
def buitenstaander():
    return MedewerkerFactory(rol=Rol.GENERALIST)


@pytest.fixture
def beheerder():
    return MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None)


def test_audittrail_alleen_voor_functioneel_beheer_en_teamleider(client, teamleider, beheerder):
    for rol in (Rol.GENERALIST, Rol.BACKOFFICE, Rol.BELEID, Rol.FINANCIEN):
        client.force_login(MedewerkerFactory(rol=rol))
        assert client.get(AUDIT).status_code == 403
        assert client.get(reverse("accounts:audit_export")).status_code == 403
        assert client.get(RAPPORT).status_code == 403
    for medewerker in (teamleider, beheerder):
        client.force_login(medewerker)
        assert client.get(AUDIT).status_code == 200
        assert client.get(RAPPORT).status_code == 200


def test_teamleider_ziet_alleen_regels_van_het_eigen_team(client, teamleider, collega, buitenstaander, beheerder):
    audit.log(collega, AuditActie.LEZEN, omschrijving="regel van collega")
    audit.log(buitenstaander, AuditActie.LEZEN, omschrijving="regel van buitenstaander")
    client.force_login(teamleider)
    html = client.get(AUDIT).content.decode()
    assert "regel van collega" in html and "regel van buitenstaander" not in html
    # Filtering on someone outside the team is not possible either.
    assert client.get(AUDIT, {"medewerker": buitenstaander.pk}).status_code == 400
    client.force_login(beheerder)
    html = client.get(AUDIT).content.decode()
    assert "regel van collega" in html and "regel van buitenstaander" in html


def test_filters_op_medewerker_actie_huishouden_en_periode(client, beheerder, collega, buitenstaander):
    h = HuishoudenFactory(leden=0)
    audit.log(collega, AuditActie.LEZEN, h, omschrijving="gelezen door collega")
    audit.log(collega, AuditActie.WIJZIGEN, h, omschrijving="gewijzigd door collega")
    audit.log(buitenstaander, AuditActie.LEZEN, omschrijving="zonder huishouden")
    oud = audit.log(collega, AuditActie.LEZEN, h, omschrijving="heel oud")
    AuditRecord.objects.filter(pk=oud.pk).update(tijdstip=timezone.now() - timedelta(days=400))
    client.force_login(beheerder)

    def regels(**params):
        return [r.omschrijving for r in client.get(AUDIT, params).context["pagina"].object_list]

    assert regels(medewerker=collega.pk, actie="lezen") == ["gelezen door collega", "heel oud"]
    assert set(regels(huishouden=h.pk)) == {"gelezen door collega", "gewijzigd door collega", "heel oud"}
    vandaag = timezone.localdate()
    assert "heel oud" not in regels(van=(vandaag - timedelta(days=7)).isoformat(), tot=vandaag.isoformat())
    assert regels(tot=(vandaag - timedelta(days=399)).isoformat()) == ["heel oud"]


def test_nieuwste_eerst_en_gepagineerd(client, beheerder, collega):
    for i in range(55):
        audit.log(collega, AuditActie.LEZEN, omschrijving=f"regel {i}")
    client.force_login(beheerder)
    pagina = client.get(AUDIT).context["pagina"]
    assert pagina.paginator.num_pages == 2 and pagina.object_list[0].omschrijving == "regel 54"
    assert list(client.get(AUDIT, {"pagina": 2}).context["pagina"].object_list)[-1].omschrijving == "regel 0"


def test_csv_export_van_de_gefilterde_set_wordt_zelf_gelogd(client, beheerder, collega, buitenstaander):
    audit.log(collega, AuditActie.LEZEN, omschrijving='=HYPERLINK("x")')
    audit.log(buitenstaander, AuditActie.LEZEN, omschrijving="niet in de export")
    client.force_login(beheerder)
    response = client.get(reverse("accounts:audit_export"), {"medewerker": collega.pk})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][0] == "tijdstip" and len(rijen) == 2
    assert rijen[1][6] == '\'=HYPERLINK("x")'  # no formula injection in spreadsheets
    export = AuditRecord.objects.get(actie=AuditActie.EXPORT)
    assert export.medewerker == beheerder and "medewerker=" in export.omschrijving


def test_noodtoegangrapport_toont_reden_en_wat_er_daarna_gebeurde(client, teamleider, collega, buitenstaander):
    huishouden = HuishoudenFactory(naam="Huishouden Rapporttest", leden=0)
    registreer_noodtoegang(collega, huishouden, REDEN)
    audit.log(collega, AuditActie.LEZEN, huishouden, omschrijving="inzage 1")
    audit.log(collega, AuditActie.LEZEN, huishouden, omschrijving="inzage 2")
    audit.log(collega, AuditActie.WIJZIGEN, huishouden, omschrijving="wijziging")
    audit.log(collega, AuditActie.LEZEN, HuishoudenFactory(leden=0), omschrijving="ander dossier telt niet")
    registreer_noodtoegang(buitenstaander, huishouden, "Buitenstaander met een eigen reden.")
    client.force_login(teamleider)
    response = client.get(RAPPORT)
    [rij] = response.context["pagina"].object_list
    assert rij.medewerker == collega and rij.reden == REDEN and rij.lezingen == 2 and rij.wijzigingen == 1
    html = response.content.decode()
    assert "Huishouden Rapporttest" in html and REDEN in html and "Buitenstaander met een eigen reden" not in html


def test_noodtoegangrapport_periode(client, beheerder, collega):
    huishouden = HuishoudenFactory(leden=0)
    toegang = registreer_noodtoegang(collega, huishouden, REDEN)
    type(toegang).objects.filter(pk=toegang.pk).update(tijdstip=timezone.now() - timedelta(days=60))
    client.force_login(beheerder)
    assert not client.get(RAPPORT).context["pagina"].object_list  # default: last 30 days
    vandaag = timezone.localdate()
    assert len(client.get(RAPPORT, {"van": (vandaag - timedelta(days=90)).isoformat()}).context["pagina"].object_list) == 1
