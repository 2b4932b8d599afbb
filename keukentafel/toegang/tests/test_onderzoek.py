"""Onderzoek: statutory deadline from beleid, suspension, warning/overdue flags, planning and closing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.testing.factories import MeldingFactory, NetwerklidFactory
from keukentafel.toegang import services
from keukentafel.toegang.models import Gesprek, MeldingStatus, OnderzoekStatus

from .conftest import datum_tijd

pytestmark = pytest.mark.django_db


def moment(d: date) -> datetime:
    return timezone.make_aware(datetime(d.year, d.month, d.day, 10, 0))


@pytest.fixture
def eigen_termijn(gebied):
    """The gemeente sets its own term (28 days) instead of the national six weeks."""
    return Beleidsinstelling.objects.create(
        sleutel=Sleutel.ONDERZOEK_TERMIJN_DAGEN,
        gemeente=gebied.gemeente,
        waarde=28,
        geldig_vanaf=date(2020, 1, 1),
        bron="Verordening maatschappelijke ondersteuning Testgemeente, art. 4",
    )


def start(generalist, huishouden, dagen_geleden: int):
    melding = MeldingFactory(huishouden=huishouden, ontvangen_op=moment(timezone.localdate() - timedelta(days=dagen_geleden)))
    return services.start_onderzoek(generalist, melding)


def test_termijn_is_meldingsdatum_plus_termijn_uit_beleid_van_de_gemeente(client, generalist, huishouden, eigen_termijn):
    meldingsdatum = date(2026, 3, 2)
    melding = MeldingFactory(huishouden=huishouden, ontvangen_op=moment(meldingsdatum))
    onderzoek = services.start_onderzoek(generalist, melding)
    assert onderzoek.termijn_dagen == 28 and onderzoek.termijn_bron == eigen_termijn.bron
    assert onderzoek.uiterste_datum() == meldingsdatum + timedelta(days=28)  # not the default 42
    client.force_login(generalist)
    html = client.get(reverse("toegang:onderzoek_detail", args=[onderzoek.pk])).content.decode()
    assert "30-03-2026" in html and eigen_termijn.bron in html


def test_standaardtermijn_zonder_eigen_beleid_is_zes_weken(generalist, huishouden):
    onderzoek = start(generalist, huishouden, 0)
    assert onderzoek.termijn_dagen == 42


def test_opschorting_verlengt_de_termijn(client, generalist, huishouden):
    onderzoek = start(generalist, huishouden, 20)
    voor = onderzoek.uiterste_datum()
    client.force_login(generalist)
    url = reverse("toegang:onderzoek_detail", args=[onderzoek.pk])
    van = timezone.localdate() - timedelta(days=10)
    r = client.post(url, {"actie": "opschorten", "opschorten-reden": "Wacht op medisch advies", "opschorten-van": van.isoformat()})
    assert r.status_code == 302
    html = client.get(url).content.decode()
    assert "Opgeschort" in html and "Wacht op medisch advies" in html
    tot = timezone.localdate() - timedelta(days=3)
    assert client.post(url, {"actie": "opschorting_einde", "opschorting_einde-tot": tot.isoformat()}).status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.uiterste_datum() == voor + timedelta(days=7)
    assert not onderzoek.is_opgeschort


def test_opschorting_vraagt_een_reden(client, generalist, huishouden):
    onderzoek = start(generalist, huishouden, 5)
    client.force_login(generalist)
    url = reverse("toegang:onderzoek_detail", args=[onderzoek.pk])
    r = client.post(url, {"actie": "opschorten", "opschorten-reden": "", "opschorten-van": timezone.localdate().isoformat()})
    assert r.status_code == 400 and "Geef de reden van de opschorting." in r.content.decode()
    assert not onderzoek.opschortingen.exists()


def test_waarschuwing_binnen_marge_en_verlopen_daarna(client, generalist, collega, huishouden):
    from keukentafel.testing.factories import HuishoudenFactory

    bijna = start(generalist, huishouden, 40)  # 42 days: 2 days left, margin 7
    te_laat = start(generalist, HuishoudenFactory(gebied=huishouden.gebied), 45)
    ruim = start(generalist, HuishoudenFactory(gebied=huishouden.gebied), 1)
    t_bijna, t_laat, t_ruim = (services.termijnstatus(o) for o in (bijna, te_laat, ruim))
    assert t_bijna.waarschuwing and not t_bijna.verlopen and t_bijna.dagen_over == 2
    assert t_laat.verlopen and not t_laat.waarschuwing and t_laat.dagen_te_laat == 3
    assert not t_ruim.waarschuwing and not t_ruim.verlopen
    client.force_login(generalist)
    assert "Bijna verlopen: nog 2 dagen" in client.get(reverse("toegang:onderzoek_detail", args=[bijna.pk])).content.decode()
    assert "Verlopen: 3 dagen over de termijn" in client.get(reverse("toegang:onderzoek_detail", args=[te_laat.pk])).content.decode()
    html = client.get(reverse("toegang:onderzoek_detail", args=[ruim.pk])).content.decode()
    assert "Verlopen" not in html and "Bijna verlopen" not in html


def test_gesprek_plannen_met_deelnemers_uit_huishouden_en_netwerk(client, generalist, huishouden):
    onderzoek = start(generalist, huishouden, 1)
    mantelzorger = NetwerklidFactory(huishouden=huishouden, naam="Karin Smit")
    lid = huishouden.leden.get().persoon
    client.force_login(generalist)
    url = reverse("toegang:onderzoek_detail", args=[onderzoek.pk])
    html = client.get(url).content.decode()
    assert 'value="thuis" selected' in html  # default place: at home
    r = client.post(
        url,
        {
            "actie": "gesprek",
            "gesprek-gepland_op": datum_tijd(timedelta(days=3)),
            "gesprek-plaats": "thuis",
            "gesprek-leden": [str(lid.pk)],
            "gesprek-netwerk": [str(mantelzorger.pk)],
            "gesprek-tolk_aanwezig": "on",
            "gesprek-overige_deelnemers": "Tolk Arabisch",
        },
    )
    gesprek = Gesprek.objects.get()
    assert r.status_code == 302 and r.url == reverse("toegang:gesprek_detail", args=[gesprek.pk])
    assert lid.naam in gesprek.deelnemers and "Karin Smit (mantelzorger)" in gesprek.deelnemers and "Tolk Arabisch" in gesprek.deelnemers
    assert gesprek.tolk_aanwezig and not gesprek.clientondersteuner_aanwezig and gesprek.gevoerd_door == generalist


def test_afronden_pas_na_gehouden_gesprek_en_sluit_de_melding(client, generalist, huishouden):
    onderzoek = start(generalist, huishouden, 10)
    client.force_login(generalist)
    url = reverse("toegang:onderzoek_detail", args=[onderzoek.pk])
    data = {"actie": "afronden", "afronden-version": onderzoek.version, "afronden-conclusie": "Hulp bij het huishouden nodig."}
    r = client.post(url, data)
    assert r.status_code == 400 and "Rond het onderzoek pas af na een gehouden gesprek" in r.content.decode()
    gesprek = services.plan_gesprek(generalist, onderzoek, timezone.now() - timedelta(hours=2))
    services.leg_gesprek_vast(
        generalist,
        gesprek,
        verwachte_versie=gesprek.version,
        gehouden_op=timezone.now() - timedelta(hours=1),
        bevindingen=[],
        gewezen_op_clientondersteuning=True,
    )
    assert client.post(url, data).status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.status == OnderzoekStatus.AFGEROND and onderzoek.conclusie == "Hulp bij het huishouden nodig."
    onderzoek.melding.refresh_from_db()
    assert onderzoek.melding.status == MeldingStatus.AFGESLOTEN  # a new melding is not linked to a finished onderzoek


def test_plan_maken_link_met_huishouden(client, generalist, huishouden):
    onderzoek = start(generalist, huishouden, 1)
    client.force_login(generalist)
    html = client.get(reverse("toegang:onderzoek_detail", args=[onderzoek.pk])).content.decode()
    assert reverse("plannen:plan_nieuw", kwargs={"huishouden_pk": huishouden.pk}) in html


def test_tweede_lopend_onderzoek_voor_hetzelfde_huishouden_geweigerd(generalist, huishouden):
    start(generalist, huishouden, 1)
    with pytest.raises(ValidationError):
        start(generalist, huishouden, 0)
