"""The Jeugdwet screens: access through the dossier, every read audited, forms call the services, Dutch errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.inwoners.models import Jeugdmaatregel, SoortMaatregel
from keukentafel.jeugd import services
from keukentafel.jeugd.models import Machtiging, Overgang18, OvergangUitkomst, WettelijkeVerwijzing
from keukentafel.testing.factories import MedewerkerFactory, ToegewezenVoorzieningFactory
from keukentafel.testing.istandaarden import istandaarden_map


@pytest.fixture
def ingelogd(client, generalist):
    client.force_login(generalist)
    return client


def test_jeugdpagina_toont_gi_als_regisseur_en_wordt_geaudit(ingelogd, generalist, jeugdige):
    services.leg_maatregel_vast(generalist, jeugdige, soort=SoortMaatregel.ONDERTOEZICHTSTELLING, begindatum=date(2026, 1, 1),
                                gecertificeerde_instelling="Jeugdbescherming West", jeugdbeschermer="P. de Groot", telefoon="0612345678")
    html = ingelogd.get(reverse("jeugd:persoon", args=[jeugdige.pk])).content.decode()
    assert "Regisseur voor de ondertoezichtstelling: Jeugdbescherming West" in html and "P. de Groot" in html
    assert jeugdige.bsn not in html
    assert AuditRecord.objects.filter(medewerker=generalist, actie=AuditActie.LEZEN, omschrijving__contains="Jeugdwetgegevens").exists()


@pytest.mark.parametrize("naam", ["persoon", "verwijzing_nieuw", "machtiging_nieuw", "maatregel_nieuw", "overgang", "veiligheid"])
def test_rol_zonder_dossierwerk_krijgt_403(client, generalist, jeugdige, naam):
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=generalist.team))
    assert client.get(reverse(f"jeugd:{naam}", args=[jeugdige.pk])).status_code == 403


def test_buiten_eigen_gebied_eerst_reden_vastleggen(client, gemeente, jeugdige):
    client.force_login(MedewerkerFactory(rol=Rol.GENERALIST, team__gebied__gemeente=gemeente))
    r = client.get(reverse("jeugd:persoon", args=[jeugdige.pk]))
    assert r.status_code == 302 and "toegang" in r["Location"]


def test_machtiging_formulier(ingelogd, jeugdige):
    url = reverse("jeugd:machtiging_nieuw", args=[jeugdige.pk])
    assert ingelogd.get(url).status_code == 200
    data = {"soort": "machtiging", "rechtbank": "Rechtbank Den Haag", "zaaknummer": "C/09/700001", "uitspraakdatum": "2026-11-01",
            "ingangsdatum": "2026-11-02", "einddatum": "2026-10-01"}
    r = ingelogd.post(url, data)
    assert r.status_code == 400 and "De einddatum ligt vóór de ingangsdatum." in r.content.decode()
    data["einddatum"] = "2027-05-01"
    assert ingelogd.post(url, data).status_code == 302
    assert Machtiging.objects.get(persoon=jeugdige).einddatum == date(2027, 5, 1)


def test_verwijsbrief_formulier_kent_toe_en_toont_regelfout(ingelogd, jeugdige, product_jeugd, product_gesloten, aanbieder, plan):
    istandaarden_map()
    url = reverse("jeugd:verwijzing_nieuw", args=[jeugdige.pk])
    data = {"soort": "02", "naam": "Dr. H. Arts", "datum": "2026-11-20", "product": product_gesloten.pk, "aanbieder": aanbieder.pk,
            "omvang": 7, "begindatum": "2026-12-01", "einddatum": "2027-02-28"}
    r = ingelogd.post(url, data)
    assert r.status_code == 400 and "machtiging van de kinderrechter" in r.content.decode()
    data["product"] = product_jeugd.pk
    r = ingelogd.post(url, data)
    assert r.status_code == 302
    w = WettelijkeVerwijzing.objects.get(persoon=jeugdige)
    assert ToegewezenVoorziening.objects.filter(wettelijke_verwijzingen=w, product=product_jeugd).exists()


def test_maatregel_beeindigen(ingelogd, generalist, jeugdige):
    m = services.leg_maatregel_vast(generalist, jeugdige, soort=SoortMaatregel.VOOGDIJ, begindatum=date(2025, 1, 1),
                                    gecertificeerde_instelling="Jeugdbescherming West", jeugdbeschermer="P. de Groot")
    url = reverse("jeugd:maatregel_beeindigen", args=[m.pk])
    assert ingelogd.post(url, {"einddatum": "2026-11-01", "reden": "Kind terug bij moeder met gezag"}).status_code == 302
    assert Jeugdmaatregel.objects.get(pk=m.pk).einddatum == date(2026, 11, 1)
    r = ingelogd.post(url, {"einddatum": "2026-11-02", "reden": "Nogmaals"})
    assert r.status_code == 409


def test_overgang_formulier_en_werklijst(ingelogd, generalist, jeugdige, product_jeugd, aanbieder):
    ToegewezenVoorzieningFactory(persoon=jeugdige, product=product_jeugd, aanbieder=aanbieder, gemeente=jeugdige.gemeente,
                                 begindatum=date(2026, 1, 1), einddatum=date(2029, 2, 28))
    lijst = reverse("jeugd:overgangslijst")
    assert ingelogd.get(lijst).status_code == 200
    url = reverse("jeugd:overgang", args=[jeugdige.pk])
    r = ingelogd.post(url, {"uitkomst": OvergangUitkomst.VERLENGDE_JEUGDHULP})
    assert r.status_code == 400 and "Kies de wettelijke grond" in r.content.decode()
    assert ingelogd.post(url, {"uitkomst": OvergangUitkomst.WMO, "motivering": "Begeleiding via de Wmo"}).status_code == 302
    o = Overgang18.objects.get(persoon=jeugdige)
    r = ingelogd.post(url, {"uitkomst": OvergangUitkomst.NIETS_NODIG, "version": o.version + 5})
    assert r.status_code == 409
    assert AuditRecord.objects.filter(object_type="Overgang18", medewerker=generalist).exists()


def test_meldcode_pagina_stap_en_besluit(client, collega, jeugdige):
    t = services.start_meldcode(collega, jeugdige, gestart_op=date(2026, 11, 2))
    client.force_login(collega)
    url = reverse("jeugd:meldcode", args=[t.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"stap-version": t.version, "stap-stap": "1", "stap-datum": "2026-11-02", "stap-wie": "C. Collega",
                          "stap-uitkomst": "Blauwe plekken gezien"})
    assert r.status_code == 302 and t.stappen.count() == 1
    t.refresh_from_db()
    r = client.post(url, {"besluit-version": t.version, "besluit-besluit": "hulp", "besluit-datum": "2026-11-10"})
    assert r.status_code == 400 and "stap 4" in r.content.decode()


def test_overgangslijst_pagina_toont_jeugdige_die_binnenkort_18_wordt(ingelogd, generalist, huishouden, product_jeugd, aanbieder):
    from django.utils import timezone

    from keukentafel.inwoners.models import Huishoudlid, LidRol
    from keukentafel.testing.factories import PersoonFactory

    vandaag = timezone.localdate()
    geboren = date(vandaag.year - 18, vandaag.month, min(vandaag.day, 28)) + timedelta(days=90)  # 18 in about three months
    bijna = PersoonFactory(gebied=huishouden.gebied, voornamen="Lotte", geboortedatum=geboren)
    Huishoudlid.objects.create(huishouden=huishouden, persoon=bijna, rol=LidRol.KIND, begindatum=date(2020, 1, 1))
    ToegewezenVoorzieningFactory(persoon=bijna, product=product_jeugd, aanbieder=aanbieder, gemeente=bijna.gemeente,
                                 begindatum=vandaag - timedelta(days=30), einddatum=vandaag + timedelta(days=80))
    html = ingelogd.get(reverse("jeugd:overgangslijst")).content.decode()
    assert "Lotte" in html and "Nog niet geregeld" in html and product_jeugd.naam in html
    assert AuditRecord.objects.filter(medewerker=generalist, actie=AuditActie.ZOEKEN, omschrijving__contains="1 jeugdigen").exists()


def test_jeugdpagina_leeftijdsgrens_volgt_het_beleid(ingelogd, jeugdige):
    from keukentafel.beleid.models import Beleidsinstelling, Sleutel

    Beleidsinstelling.objects.create(sleutel=Sleutel.JEUGD_LEEFTIJDSGRENS, gemeente=jeugdige.gemeente, waarde=17,
                                     geldig_vanaf=date(2015, 1, 1), bron="Test")
    r = ingelogd.get(reverse("jeugd:persoon", args=[jeugdige.pk]))
    assert r.context["achttien"] == date(2028, 3, 1) and "17 jaar op 01-03-2028" in r.content.decode()
