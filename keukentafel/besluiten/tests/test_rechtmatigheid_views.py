"""The backoffice's rechtmatigheidstoets pages (besluiten/views_backoffice.py) through Django's test client."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.besluiten import rechtmatigheid, services
from keukentafel.besluiten.models import (
    Aanvraag,
    Beschikking,
    Besluit,
    Leveringsvorm,
    Rechtmatigheidstoets,
    ToetsSelectie,
    ToetsUitkomst,
    VoorzieningStatus,
)
from keukentafel.besluiten.views_backoffice import vorig_kwartaal
from keukentafel.codelijsten import RedenWijziging, Wet
from keukentafel.inwoners.models import Huishoudlid, LidRol
from keukentafel.testing.factories import (
    GebiedFactory,
    GemeenteFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    PersoonFactory,
    TeamFactory,
)

from . import test_regels as gedeeld
from .test_levenscyclus import toekennen
from .test_regels import OP, pgb, verzoek

gemeente, product, aanbieder, tarief, door = gedeeld.gemeente, gedeeld.product, gedeeld.aanbieder, gedeeld.tarief, gedeeld.door

LIJST = reverse("besluiten:rechtmatigheid")
SELECTEREN = reverse("besluiten:rechtmatigheid_selecteren")
VAN, TOT = date(2026, 1, 1), date(2026, 3, 31)


def toets_url(toets) -> str:
    return reverse("besluiten:rechtmatigheid_toets", args=[toets.pk])


@pytest.fixture
def gebied(gemeente):
    return GebiedFactory(gemeente=gemeente)


@pytest.fixture
def huishouden(gebied):
    return HuishoudenFactory(gebied=gebied)


@pytest.fixture
def persoon(huishouden):
    return huishouden.leden.get().persoon


@pytest.fixture
def backoffice(gemeente):
    return MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=gemeente, first_name="Bea", last_name="Backoffice")


@pytest.fixture
def beschikking(persoon, huishouden, product, door):
    aanvraag = Aanvraag.objects.create(
        persoon=persoon, huishouden=huishouden, gemeente=persoon.gemeente, product=product, omvang=4, eenheid=product.eenheid,
        frequentie=product.frequentie, ontvangen_op=date(2025, 12, 15), uiterste_beslisdatum=date(2025, 12, 29), behandelaar=door,
    )
    return Beschikking.objects.create(
        aanvraag=aanvraag, gemeente=persoon.gemeente, kenmerk="B9999-2026-000042", wet=Wet.WMO, besluit=Besluit.TOEKENNING,
        motivering="Begeleiding nodig.", grondslag="Wmo 2015 art. 2.3.5", datum_afgifte=OP, einde_bezwaartermijn=OP + timedelta(days=42),
        afgegeven_door=door,
    )


@pytest.fixture
def toets(persoon, huishouden, product, tarief, door, backoffice, beschikking):
    """An open toets on a ZIN grant (4 hours a week) given on a beschikking."""
    toekennen(
        door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), grondslag="beschikking", beschikking=beschikking,
        huishouden=huishouden, op=date(2026, 2, 1),
    )
    return rechtmatigheid.selecteer_volledig(backoffice, persoon.gemeente, VAN, TOT)[0]


def beoordeling(toets, **velden) -> dict:
    data = {
        "uitkomst": ToetsUitkomst.RECHTMATIG,
        "bevinding": "",
        "reden_wijziging": RedenWijziging.CORRECTIE,
        "version": toets.voorziening.version,
    }
    data.update(velden)
    return {k: v for k, v in data.items() if v is not None}


# ---------------------------------------------------------------------------------------------------
# Who may use the pages
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER])
def test_andere_rollen_krijgen_403(client, gebied, toets, rol):
    client.force_login(MedewerkerFactory(rol=rol, team=TeamFactory(gebied=gebied)))
    assert client.get(LIJST).status_code == 403
    assert client.get(toets_url(toets)).status_code == 403
    assert client.post(SELECTEREN, {"soort": "volledig", "van": "2026-01-01", "tot": "2026-03-31"}).status_code == 403
    assert client.post(toets_url(toets), beoordeling(toets)).status_code == 403
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN


def test_niet_ingelogd_naar_inloggen(client):
    antwoord = client.get(LIJST)
    assert antwoord.status_code == 302 and "inloggen" in antwoord["Location"]


def test_teamleider_ziet_maar_toetst_niet(client, gebied, toets):
    client.force_login(MedewerkerFactory(rol=Rol.TEAMLEIDER, team=TeamFactory(gebied=gebied)))
    lijst = client.get(LIJST)
    assert lijst.status_code == 200 and lijst.context["form"] is None
    assert f"Toewijzing {toets.voorziening.toewijzingnummer}" in lijst.content.decode()
    pagina = client.get(toets_url(toets))
    assert pagina.status_code == 200 and pagina.context["form"] is None
    assert client.post(SELECTEREN, {"soort": "volledig", "van": "2026-01-01", "tot": "2026-03-31"}).status_code == 403
    assert client.post(toets_url(toets), beoordeling(toets)).status_code == 403


def test_teamleider_buiten_het_gebied_moet_reden_geven(client, gemeente, toets):
    client.force_login(MedewerkerFactory(rol=Rol.TEAMLEIDER, team=TeamFactory(gebied=GebiedFactory(gemeente=gemeente))))
    antwoord = client.get(toets_url(toets))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("inwoners:noodtoegang", args=[toets.voorziening.huishouden_id]))


def test_backoffice_van_andere_gemeente_krijgt_403(client, toets):
    client.force_login(MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=GemeenteFactory()))
    assert client.get(toets_url(toets)).status_code == 403
    assert client.post(toets_url(toets), beoordeling(toets)).status_code == 403
    assert f"Toewijzing {toets.voorziening.toewijzingnummer}" not in client.get(LIJST).content.decode()


def test_backoffice_zonder_gemeente_krijgt_403(client, db):
    client.force_login(MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=None))
    assert client.get(LIJST).status_code == 403


# ---------------------------------------------------------------------------------------------------
# The queue and selecting
# ---------------------------------------------------------------------------------------------------


def test_lijst_toont_open_toetsen_zonder_persoonsgegevens(client, backoffice, toets):
    client.force_login(backoffice)
    antwoord = client.get(LIJST)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert toets_url(toets) in html and str(toets.voorziening.product) in html
    assert toets.voorziening.persoon.geslachtsnaam not in html
    assert antwoord.context["form"] is not None and SELECTEREN in html


def test_selecteren_steekproef(client, backoffice, persoon, product, tarief, door, huishouden):
    toekennen(door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), huishouden=huishouden, op=date(2026, 2, 1))
    client.force_login(backoffice)
    data = {"soort": "steekproef", "van": "2026-01-01", "tot": "2026-03-31", "seed": "kwartaal-1"}
    antwoord = client.post(SELECTEREN, data, follow=True)
    assert antwoord.redirect_chain[-1][0] == LIJST
    assert "1 toekenning(en)" in antwoord.content.decode()
    t = Rechtmatigheidstoets.objects.get()
    assert t.selectie == ToetsSelectie.STEEKPROEF and t.uitkomst == ToetsUitkomst.OPEN
    assert AuditRecord.objects.filter(medewerker=backoffice, omschrijving__contains="seed kwartaal-1").exists()


def test_selecteren_volledig_zonder_kandidaten(client, backoffice):
    client.force_login(backoffice)
    antwoord = client.post(SELECTEREN, {"soort": "volledig", "van": "2026-01-01", "tot": "2026-03-31"}, follow=True)
    assert "geen toekenningen" in antwoord.content.decode()


def test_selecteren_ongeldige_periode(client, backoffice):
    client.force_login(backoffice)
    antwoord = client.post(SELECTEREN, {"soort": "volledig", "van": "2026-03-31", "tot": "2026-01-01"})
    assert antwoord.status_code == 400
    assert "De einddatum van de periode ligt vóór de begindatum." in antwoord.content.decode()


def test_selecteren_percentage_buiten_bereik(client, backoffice):
    client.force_login(backoffice)
    antwoord = client.post(SELECTEREN, {"soort": "steekproef", "van": "2026-01-01", "tot": "2026-03-31", "procent": "0"})
    assert antwoord.status_code == 400 and 'aria-invalid="true"' in antwoord.content.decode()


def test_vorig_kwartaal():
    assert vorig_kwartaal(date(2026, 5, 14)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert vorig_kwartaal(date(2026, 1, 2)) == (date(2025, 10, 1), date(2025, 12, 31))


# ---------------------------------------------------------------------------------------------------
# One toets
# ---------------------------------------------------------------------------------------------------


def test_toets_toont_de_toewijzing_en_logt_de_inzage(client, backoffice, toets):
    client.force_login(backoffice)
    antwoord = client.get(toets_url(toets))
    html = antwoord.content.decode()
    v = toets.voorziening
    assert antwoord.status_code == 200
    for tekst in (str(v.product), "Zorg in natura", v.aanbieder.naam, "4 × uur per week", "05-01-2026 tot en met 31-12-2026",
                  "B9999-2026-000042", "€ 54,00", v.persoon.naam):
        assert tekst in html
    assert antwoord.context["form"] is not None
    regel = AuditRecord.objects.get(medewerker=backoffice, actie=AuditActie.LEZEN)
    assert regel.huishouden_id == v.huishouden_id and str(v.toewijzingnummer) in regel.omschrijving


def test_toets_pgb_toont_de_pgb_gegevens(client, backoffice, persoon, huishouden, product, tarief, door):
    toekennen(door, verzoek(persoon, product, leveringsvorm=Leveringsvorm.PGB, pgb=pgb()), huishouden=huishouden, op=date(2026, 2, 1))
    t = rechtmatigheid.selecteer_volledig(backoffice, persoon.gemeente, VAN, TOT)[0]
    client.force_login(backoffice)
    html = client.get(toets_url(t)).content.decode()
    assert "Persoonsgebonden budget" in html and "zzp&#x27;er" in html and "€ 50,00 (maximum € 54,00)" in html


def test_toets_zonder_huishouden_bij_de_toewijzing_gebruikt_het_huidige(client, backoffice, persoon, huishouden, product, tarief, door):
    toekennen(door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), op=date(2026, 2, 1))  # imported: no household
    t = rechtmatigheid.selecteer_volledig(backoffice, persoon.gemeente, VAN, TOT)[0]
    client.force_login(backoffice)
    assert client.get(toets_url(t)).status_code == 200
    assert AuditRecord.objects.get(medewerker=backoffice, actie=AuditActie.LEZEN).huishouden_id == huishouden.pk


def test_beoordelen_rechtmatig(client, backoffice, toets):
    client.force_login(backoffice)
    antwoord = client.post(toets_url(toets), beoordeling(toets), follow=True)
    assert antwoord.redirect_chain[-1][0] == LIJST
    assert "is afgerond: rechtmatig" in antwoord.content.decode()
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.RECHTMATIG and toets.getoetst_door == backoffice
    # A closed toets shows its outcome, no form, and cannot be judged again.
    pagina = client.get(toets_url(toets))
    assert pagina.context["form"] is None and "Rechtmatig" in pagina.content.decode()
    client.post(toets_url(toets), beoordeling(toets, uitkomst=ToetsUitkomst.INGETROKKEN, bevinding="Toch niet."))
    toets.voorziening.refresh_from_db()
    assert toets.voorziening.status == VoorzieningStatus.ACTIEF


def test_beoordelen_gecorrigeerd(client, backoffice, toets):
    client.force_login(backoffice)
    data = beoordeling(toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Beschikking zegt 3 uur.", omvang="3")
    assert client.post(toets_url(toets), data).status_code == 302
    v = toets.voorziening
    v.refresh_from_db()
    assert v.omvang == 3 and v.mutaties.filter(soort="correctie", reden_code="14").exists()


def test_beoordelen_ingetrokken(client, backoffice, toets):
    client.force_login(backoffice)
    data = beoordeling(toets, uitkomst=ToetsUitkomst.INGETROKKEN, bevinding="Woonde elders.", reden_wijziging=RedenWijziging.VERWIJDERD)
    assert client.post(toets_url(toets), data).status_code == 302
    toets.voorziening.refresh_from_db()
    assert toets.voorziening.status == VoorzieningStatus.INGETROKKEN


def test_beoordelen_onrechtmatig_zonder_bevinding(client, backoffice, toets):
    client.force_login(backoffice)
    antwoord = client.post(toets_url(toets), beoordeling(toets, uitkomst=ToetsUitkomst.GECORRIGEERD, omvang="3"))
    assert antwoord.status_code == 400
    assert "Beschrijf wat er niet rechtmatig was." in antwoord.content.decode()
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN


def test_beoordelen_correctie_zonder_omvang_of_einddatum(client, backoffice, toets):
    client.force_login(backoffice)
    antwoord = client.post(toets_url(toets), beoordeling(toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Fout."))
    assert antwoord.status_code == 400 and "juiste omvang of de juiste einddatum" in antwoord.content.decode()


def test_beoordelen_correctie_die_een_regel_breekt_toont_de_regel(client, backoffice, toets):
    client.force_login(backoffice)
    data = beoordeling(toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Liep langer.", einddatum="2026-01-01")
    antwoord = client.post(toets_url(toets), data)
    assert antwoord.status_code == 400 and "De einddatum ligt vóór de begindatum." in antwoord.content.decode()
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN


def test_beoordelen_met_verouderde_versie_geeft_409(client, backoffice, toets):
    gezien = toets.voorziening.version
    services.wijzig(backoffice, toets.voorziening, gezien, reden_wijziging="04", toelichting="Intussen.", omvang=5)
    client.force_login(backoffice)
    data = beoordeling(toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Fout.", omvang="3", version=gezien)
    antwoord = client.post(toets_url(toets), data)
    assert antwoord.status_code == 409
    assert "intussen door iemand anders gewijzigd" in antwoord.content.decode()
    assert antwoord.context["form"]["version"].value() == str(gezien + 1)
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN


def test_toets_van_persoon_uit_ander_huishouden_in_de_gemeente(client, backoffice, gemeente, product, tarief, door):
    """Backoffice works gemeente-wide: a household in another gebied of the gemeente opens without a reason."""
    ander = HuishoudenFactory(gebied=GebiedFactory(gemeente=gemeente), leden=0)
    p = PersoonFactory(gebied=ander.gebied)
    Huishoudlid.objects.create(huishouden=ander, persoon=p, rol=LidRol.AANVRAGER, begindatum=date(2020, 1, 1))
    toekennen(door, verzoek(p, product, aanbieder=tarief.contract.aanbieder), huishouden=ander, op=date(2026, 2, 1))
    t = rechtmatigheid.selecteer_volledig(backoffice, gemeente, VAN, TOT)[0]
    client.force_login(backoffice)
    assert client.get(toets_url(t)).status_code == 200
