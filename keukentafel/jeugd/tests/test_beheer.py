"""The gesloten-product flag switches the machtiging rule on: functioneel beheer cannot delete it, and every change
through the admin is audited; the flag set is read once per batch (a shared rules cache), afresh for a single grant."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keukentafel.accounts.beheerrechten import maak_functioneel_beheerder
from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.jeugd.models import GeslotenProduct
from keukentafel.jeugd.regels import is_gesloten
from keukentafel.testing.factories import MedewerkerFactory

from .conftest import jeugdproduct


@pytest.fixture
def beheerder(db):
    m = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None)
    maak_functioneel_beheerder(m)
    m.refresh_from_db()
    return m


@pytest.fixture
def regionaal(db):
    return jeugdproduct("43", "43R01", "Regionaal gesloten verblijf")


def test_functioneel_beheer_kan_een_gesloten_product_niet_verwijderen(client, beheerder, regionaal):
    g = GeslotenProduct.objects.create(product=regionaal)
    assert beheerder.has_perm("jeugd.add_geslotenproduct") and beheerder.has_perm("jeugd.change_geslotenproduct")
    assert not beheerder.has_perm("jeugd.delete_geslotenproduct")
    client.force_login(beheerder)
    r = client.post(reverse("admin:jeugd_geslotenproduct_delete", args=[g.pk]), {"post": "yes"})
    assert r.status_code == 403 and GeslotenProduct.objects.filter(pk=g.pk).exists()


def test_aanmerken_en_wijzigen_in_beheer_worden_geaudit(client, beheerder, regionaal):
    client.force_login(beheerder)
    r = client.post(reverse("admin:jeugd_geslotenproduct_add"), {"product": regionaal.pk, "toelichting": "Regionaal"})
    assert r.status_code == 302
    g = GeslotenProduct.objects.get(product=regionaal)
    aan = AuditRecord.objects.get(object_type="GeslotenProduct", object_id=str(g.pk), actie=AuditActie.AANMAKEN)
    assert aan.medewerker == beheerder and "43R01" in aan.omschrijving
    r = client.post(reverse("admin:jeugd_geslotenproduct_change", args=[g.pk]), {"product": regionaal.pk, "toelichting": "Anders"})
    assert r.status_code == 302
    wijz = AuditRecord.objects.get(object_type="GeslotenProduct", object_id=str(g.pk), actie=AuditActie.WIJZIGEN)
    assert wijz.medewerker == beheerder and "toelichting" in wijz.omschrijving


def test_verwijderen_door_een_superuser_wordt_geaudit(client, regionaal):
    baas = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None, is_staff=True, is_superuser=True)
    g = GeslotenProduct.objects.create(product=regionaal)
    client.force_login(baas)
    assert client.post(reverse("admin:jeugd_geslotenproduct_delete", args=[g.pk]), {"post": "yes"}).status_code == 302
    assert AuditRecord.objects.filter(object_type="GeslotenProduct", object_id=str(g.pk), actie=AuditActie.VERWIJDEREN,
                                      medewerker=baas).exists()


def test_gesloten_producten_eenmaal_per_batch_gelezen(regionaal, django_assert_num_queries):
    GeslotenProduct.objects.create(product=regionaal)
    cache: dict = {}
    anders = jeugdproduct("54", "54009", "Ambulant")
    with django_assert_num_queries(1):
        assert is_gesloten(regionaal, cache) and not is_gesloten(anders, cache) and is_gesloten(regionaal, cache)
    with django_assert_num_queries(1):  # a single grant (no shared cache) asks afresh: a new flag applies at once
        assert not is_gesloten(anders)
