"""Need-to-know and break-the-glass: outside one's area only with a recorded, time-limited reason."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from keukentafel.accounts.models import AuditActie, AuditRecord, Noodtoegang, Rol
from keukentafel.testing.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db
REDEN = "Inwoner belt met een acute vraag, eigen generalist is ziek."


def dossier_url(huishouden):
    return reverse("inwoners:huishouden_detail", args=[huishouden.pk])


def noodtoegang_url(huishouden, volgende):
    return reverse("inwoners:noodtoegang", args=[huishouden.pk]) + "?" + urlencode({"next": volgende})


def test_dossier_buiten_eigen_gebied_zonder_reden_wordt_geweigerd(client, generalist, ander_huishouden):
    client.force_login(generalist)
    response = client.get(dossier_url(ander_huishouden))
    assert response.status_code == 302
    assert response["Location"] == noodtoegang_url(ander_huishouden, dossier_url(ander_huishouden))
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, medewerker=generalist, huishouden_id=ander_huishouden.pk).exists()
    assert not AuditRecord.objects.filter(actie=AuditActie.LEZEN, huishouden_id=ander_huishouden.pk).exists()
    # The reason page names the household only (no members, no BSN).
    pagina = client.get(response["Location"])
    html = pagina.content.decode()
    assert pagina.status_code == 200 and ander_huishouden.naam in html and "hoort niet bij uw gebied" in html
    for lid in ander_huishouden.leden.select_related("persoon"):
        assert escape(lid.persoon.naam) not in html and lid.persoon.bsn_gemaskeerd not in html


def test_met_reden_is_het_dossier_open_en_wordt_alles_gelogd(client, generalist, ander_huishouden):
    client.force_login(generalist)
    url = noodtoegang_url(ander_huishouden, dossier_url(ander_huishouden))
    response = client.post(url, {"reden": REDEN, "next": dossier_url(ander_huishouden)})
    assert response.status_code == 302 and response["Location"] == dossier_url(ander_huishouden)
    toegang = Noodtoegang.objects.get(medewerker=generalist, huishouden=ander_huishouden)
    assert toegang.reden == REDEN and toegang.geldig_tot > timezone.now()
    nood = AuditRecord.objects.get(actie=AuditActie.NOODTOEGANG)
    assert nood.reden == REDEN and nood.huishouden_id == ander_huishouden.pk and nood.medewerker == generalist
    assert client.get(dossier_url(ander_huishouden)).status_code == 200
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, medewerker=generalist, huishouden_id=ander_huishouden.pk).exists()


def test_te_korte_reden_wordt_geweigerd(client, generalist, ander_huishouden):
    client.force_login(generalist)
    response = client.post(reverse("inwoners:noodtoegang", args=[ander_huishouden.pk]), {"reden": "even kijk"})
    assert response.status_code == 400 and "minstens 10 tekens" in response.content.decode()
    assert not Noodtoegang.objects.exists()


def test_verlopen_reden_geeft_geen_toegang_meer(client, generalist, ander_huishouden):
    client.force_login(generalist)
    client.post(reverse("inwoners:noodtoegang", args=[ander_huishouden.pk]), {"reden": REDEN})
    Noodtoegang.objects.update(geldig_tot=timezone.now() - timedelta(minutes=1))
    response = client.get(dossier_url(ander_huishouden))
    assert response.status_code == 302 and response["Location"].startswith(reverse("inwoners:noodtoegang", args=[ander_huishouden.pk]))


def test_wijzigen_buiten_eigen_gebied_zonder_reden_is_verboden(client, generalist, ander_huishouden):
    client.force_login(generalist)
    response = client.post(reverse("inwoners:netwerklid_nieuw", args=[ander_huishouden.pk]), {"naam": "X", "rol": "buren", "actief": "on"})
    assert response.status_code == 403
    assert not ander_huishouden.netwerk.exists()


def test_next_naar_een_andere_site_wordt_genegeerd(client, generalist, ander_huishouden):
    client.force_login(generalist)
    response = client.post(
        reverse("inwoners:noodtoegang", args=[ander_huishouden.pk]), {"reden": REDEN, "next": "https://kwaadwillend.example/"}
    )
    assert response.status_code == 302 and response["Location"] == dossier_url(ander_huishouden)


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER])
def test_rollen_zonder_dossierwerk_krijgen_403(client, huishouden, rol):
    medewerker = MedewerkerFactory(rol=rol, team=None, gemeente=huishouden.gemeente)
    client.force_login(medewerker)
    persoon = huishouden.leden.first().persoon
    assert client.get(dossier_url(huishouden)).status_code == 403
    assert client.get(reverse("inwoners:persoon_detail", args=[persoon.pk])).status_code == 403
    assert client.get(reverse("inwoners:noodtoegang", args=[huishouden.pk])).status_code == 403
    assert client.post(reverse("inwoners:noodtoegang", args=[huishouden.pk]), {"reden": REDEN}).status_code == 403
    assert not Noodtoegang.objects.exists()
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, medewerker=medewerker).exists()


def test_backoffice_ziet_de_hele_eigen_gemeente(client, huishouden):
    client.force_login(MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=huishouden.gemeente))
    assert client.get(dossier_url(huishouden)).status_code == 200


def test_wie_al_toegang_heeft_gaat_door_naar_het_dossier(client, generalist, huishouden):
    client.force_login(generalist)
    response = client.get(noodtoegang_url(huishouden, dossier_url(huishouden)))
    assert response.status_code == 302 and response["Location"] == dossier_url(huishouden)
