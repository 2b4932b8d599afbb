"""Registering and changing persons: BSN rules, gebied from the postcode, optimistic locking."""

from datetime import date

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.inwoners import services
from keukentafel.inwoners.models import Persoon
from keukentafel.testing.factories import GebiedFactory, MedewerkerFactory, PersoonFactory, geldig_bsn

from .conftest import urls_in

pytestmark = pytest.mark.django_db


def persoon_data(**extra):
    data = {
        "bsn": geldig_bsn(5001),
        "voornamen": "Anouk",
        "voorvoegsel": "van der",
        "geslachtsnaam": "Berg",
        "geboortedatum": "1950-03-02",
        "geslacht": "2",
        "straat": "Kerkstraat",
        "huisnummer": "12",
        "huisletter": "",
        "toevoeging": "",
        "postcode": "",
        "woonplaats": "",
        "telefoon": "",
        "email": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("bsn", "melding"),
    [
        ("12345678", "Een BSN bestaat uit precies 9 cijfers."),
        ("12345678a", "Een BSN bestaat uit precies 9 cijfers."),
        ("123456788", "Dit is geen geldig BSN: de elfproef klopt niet."),
    ],
)
def test_ongeldig_bsn_wordt_geweigerd_en_niets_opgeslagen(client, generalist, gebied, bsn, melding):
    client.force_login(generalist)
    response = client.post(reverse("inwoners:persoon_nieuw"), persoon_data(bsn=bsn))
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert not Persoon.objects.exists()
    assert not AuditRecord.objects.filter(actie=AuditActie.AANMAKEN).exists()


def test_dubbel_bsn_wordt_geweigerd_zonder_het_bsn_in_een_url(client, generalist):
    bestaand = PersoonFactory()
    client.force_login(generalist)
    response = client.post(reverse("inwoners:persoon_nieuw"), persoon_data(bsn=bestaand.bsn))
    assert response.status_code == 400
    assert "Er bestaat al een persoon met dit BSN" in response.content.decode()
    assert Persoon.objects.count() == 1
    assert not [u for u in urls_in(response) if bestaand.bsn in u]


def test_dubbel_bsn_ook_geweigerd_door_de_service():
    bestaand = PersoonFactory()
    with pytest.raises(services.ValidationError):
        services.registreer_persoon(None, **{**persoon_data(bsn=bestaand.bsn), "geboortedatum": date(1950, 3, 2), "huisnummer": 12})


def test_gebied_en_gemeente_worden_afgeleid_uit_de_postcode(client, generalist):
    gebied = GebiedFactory()
    pc4 = gebied.postcodes.get().pc4
    client.force_login(generalist)
    response = client.post(reverse("inwoners:persoon_nieuw"), persoon_data(postcode=f"{pc4} ab"))
    persoon = Persoon.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("inwoners:persoon_detail", args=[persoon.pk])
    assert persoon.postcode == f"{pc4}AB"
    assert persoon.gebied == gebied and persoon.gemeente == gebied.gemeente
    assert persoon.woonplaats == "Teststad"  # from the Postcodegebied
    assert persoon.bsn not in response["Location"]


def test_ongeldige_postcode_wordt_geweigerd(client, generalist):
    client.force_login(generalist)
    response = client.post(reverse("inwoners:persoon_nieuw"), persoon_data(postcode="0123 AB"))
    assert response.status_code == 400
    assert "Vul een geldige postcode in" in response.content.decode()
    assert not Persoon.objects.exists()


def test_nieuwe_persoon_direct_in_huishouden(client, generalist, huishouden):
    client.force_login(generalist)
    url = reverse("inwoners:persoon_nieuw") + f"?huishouden={huishouden.pk}"
    response = client.post(url, {**persoon_data(), "lid-rol": "kind", "lid-begindatum": "2024-01-01"})
    assert response.status_code == 302 and response["Location"] == reverse("inwoners:huishouden_detail", args=[huishouden.pk])
    persoon = Persoon.objects.get(bsn=geldig_bsn(5001))
    assert services.huidig_huishouden(persoon) == huishouden


def test_persoonspagina_toont_volledig_bsn_en_logt_de_inzage(client, generalist, huishouden):
    persoon = huishouden.leden.first().persoon
    client.force_login(generalist)
    response = client.get(reverse("inwoners:persoon_detail", args=[persoon.pk]))
    assert response.status_code == 200
    assert persoon.bsn in response.content.decode()
    record = AuditRecord.objects.filter(actie=AuditActie.LEZEN).latest("id")
    assert record.huishouden_id == huishouden.pk and persoon.naam in record.omschrijving and persoon.bsn not in record.omschrijving


def test_persoon_zonder_huishouden_alleen_voor_dossierrollen_van_de_eigen_gemeente(client, generalist, gebied):
    eigen = PersoonFactory(gebied=gebied)
    elders = PersoonFactory()
    client.force_login(generalist)
    assert client.get(reverse("inwoners:persoon_detail", args=[eigen.pk])).status_code == 200
    assert client.get(reverse("inwoners:persoon_detail", args=[elders.pk])).status_code == 403
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, object_type="Persoon", object_id=str(elders.pk)).exists()
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=gebied.gemeente))
    assert client.get(reverse("inwoners:persoon_detail", args=[eigen.pk])).status_code == 403


def test_wijzigen_met_optimistische_vergrendeling_houdt_invoer_vast(client, generalist, huishouden):
    persoon = huishouden.leden.first().persoon
    client.force_login(generalist)
    url = reverse("inwoners:persoon_wijzigen", args=[persoon.pk])
    assert client.get(url).status_code == 200
    # Someone else saves first.
    services.wijzig_persoon(generalist, Persoon.objects.get(pk=persoon.pk), persoon.version, telefoon="0611111111")
    data = {k: v for k, v in persoon_data().items() if k != "bsn"}
    data |= {"version": persoon.version, "telefoon": "0622222222", "postcode": persoon.postcode, "voornamen": "Mijn Invoer"}
    response = client.post(url, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "intussen door iemand anders gewijzigd" in html
    assert 'value="Mijn Invoer"' in html and 'value="0622222222"' in html  # nothing lost
    assert f'name="version" value="{persoon.version + 1}"' in html  # the next save goes through
    assert Persoon.objects.get(pk=persoon.pk).telefoon == "0611111111"
    data["version"] = persoon.version + 1
    response = client.post(url, data)
    assert response.status_code == 302
    opgeslagen = Persoon.objects.get(pk=persoon.pk)
    assert opgeslagen.telefoon == "0622222222" and opgeslagen.voornamen == "Mijn Invoer" and opgeslagen.version == persoon.version + 2


def test_wijziging_logt_veldnamen_niet_de_waarden(generalist):
    persoon = PersoonFactory()
    services.wijzig_persoon(generalist, persoon, persoon.version, telefoon="0612345678", geslachtsnaam="Çelik")
    record = AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN).latest("id")
    assert "telefoon" in record.omschrijving and "0612345678" not in record.omschrijving
    assert Persoon.objects.get(pk=persoon.pk).zoeknaam == "celik"


def test_huishouden_starten_voor_persoon_zonder_huishouden(client, generalist, gebied):
    persoon = PersoonFactory(gebied=gebied)
    client.force_login(generalist)
    response = client.post(reverse("inwoners:persoon_huishouden_nieuw", args=[persoon.pk]), {"naam": "", "begindatum": "2025-02-01"})
    huishouden = services.huidig_huishouden(persoon, date(2025, 2, 1))
    assert huishouden is not None and response["Location"] == reverse("inwoners:huishouden_detail", args=[huishouden.pk])
    assert huishouden.gebied == gebied


def test_beleid_mag_geen_persoon_registreren(client):
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=None))
    assert client.get(reverse("inwoners:persoon_nieuw")).status_code == 403
