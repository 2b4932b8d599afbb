"""The household dossier: members over time, the network, the timeline, and a bounded number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners import services
from keukentafel.inwoners.models import Huishoudlid, LidRol, Netwerklid, NetwerkRol
from keukentafel.inwoners.trajecten import BRONNEN
from keukentafel.plannen.models import (
    Evaluatie,
    EvaluatieBesluit,
    Ondersteuningsplan,
    OndertekenaarRol,
    Ondertekening,
    Ondertekenmethode,
    PlanStatus,
    Planversie,
)
from keukentafel.testing.factories import HuishoudenFactory, MeldingFactory, NetwerklidFactory, PersoonFactory
from keukentafel.toegang.models import Gesprek, Onderzoek, ScoreBron, TriageUitkomst, Zelfredzaamheidsscore

pytestmark = pytest.mark.django_db


def test_persoon_die_naar_een_nieuw_huishouden_gaat_verlaat_het_oude_op_die_datum(generalist, huishouden, gebied):
    persoon = huishouden.leden.order_by("id").last().persoon
    nieuw = HuishoudenFactory(gebied=gebied, leden=1)
    services.voeg_lid_toe(generalist, nieuw, persoon, LidRol.PARTNER, date(2024, 6, 1))
    oud_lid, nieuw_lid = Huishoudlid.objects.filter(persoon=persoon).order_by("begindatum")
    assert oud_lid.huishouden == huishouden and oud_lid.einddatum == date(2024, 6, 1)
    assert nieuw_lid.huishouden == nieuw and nieuw_lid.einddatum is None
    assert services.huidig_huishouden(persoon, date(2024, 5, 31)) == huishouden
    assert services.huidig_huishouden(persoon, date(2024, 6, 1)) == nieuw


def test_lid_toevoegen_via_bsn_in_post_en_geschiedenis_blijft_zichtbaar(client, generalist, huishouden, gebied):
    persoon = huishouden.leden.order_by("id").last().persoon
    nieuw = HuishoudenFactory(gebied=gebied, leden=1)
    client.force_login(generalist)
    url = reverse("inwoners:lid_toevoegen", args=[nieuw.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"bsn": persoon.bsn, "rol": "partner", "begindatum": "2024-06-01"})
    assert response.status_code == 302 and persoon.bsn not in response["Location"]
    oud = client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk])).content.decode()
    assert "Vroegere leden" in oud and escape(persoon.naam) in oud and "01-06-2024" in oud


def test_lid_toevoegen_met_onbekend_bsn_geeft_nederlandse_melding(client, generalist, huishouden):
    client.force_login(generalist)
    response = client.post(
        reverse("inwoners:lid_toevoegen", args=[huishouden.pk]), {"bsn": "111222333", "rol": "kind", "begindatum": "2024-01-01"}
    )
    assert response.status_code == 400 and "Er is geen persoon met dit BSN bekend" in response.content.decode()


def test_lidmaatschap_beeindigen(client, generalist, huishouden):
    lid = huishouden.leden.order_by("id").last()
    client.force_login(generalist)
    url = reverse("inwoners:lid_beeindigen", args=[huishouden.pk, lid.pk])
    response = client.post(url, {"einddatum": "2019-01-01"})
    assert response.status_code == 400 and "De einddatum moet na de begindatum liggen" in response.content.decode()
    assert client.post(url, {"einddatum": "2024-03-01"}).status_code == 302
    lid.refresh_from_db()
    assert lid.einddatum == date(2024, 3, 1)
    assert client.post(url, {"einddatum": "2024-04-01"}).status_code == 400  # already ended


def test_overbelaste_mantelzorger_staat_prominent_op_het_dossier(client, generalist, huishouden):
    NetwerklidFactory(huishouden=huishouden, naam="Els Jansen", relatie="dochter", overbelast=True, uren_per_week=30)
    NetwerklidFactory(huishouden=huishouden, naam="Piet Buur", rol=NetwerkRol.BUREN, overbelast=False)
    client.force_login(generalist)
    html = client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk])).content.decode()
    alert = html[html.index("kt-inw-overbelast") : html.index("kt-inw-acties")]
    assert "overbelaste mantelzorg" in alert and "Els Jansen" in alert and "30" in alert
    assert "Piet Buur" not in alert


def test_netwerklid_toevoegen_en_wijzigen_met_vergrendeling(client, generalist, huishouden):
    client.force_login(generalist)
    persoon = huishouden.leden.first().persoon
    response = client.post(
        reverse("inwoners:netwerklid_nieuw", args=[huishouden.pk]),
        {"naam": "Els Jansen", "rol": "mantelzorger", "relatie": "dochter", "voor_persoon": persoon.pk, "taken": "Boodschappen",
         "uren_per_week": "12", "overbelast": "on", "actief": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    lid = Netwerklid.objects.get()
    assert lid.overbelast and lid.voor_persoon == persoon and lid.version == 1
    assert AuditRecord.objects.filter(actie=AuditActie.AANMAKEN, object_type="Netwerklid", huishouden_id=huishouden.pk).exists()

    url = reverse("inwoners:netwerklid_wijzigen", args=[huishouden.pk, lid.pk])
    data = {"naam": "Els Jansen", "rol": "mantelzorger", "uren_per_week": "20", "actief": "on", "version": 1}
    lid.taken = "Koken"
    services.leg_netwerklid_vast(generalist, lid, 1)  # someone else first
    response = client.post(url, data)
    assert response.status_code == 409 and 'value="20"' in response.content.decode()
    assert client.post(url, {**data, "version": 2}).status_code == 302
    lid.refresh_from_db()
    assert lid.uren_per_week == 20 and lid.version == 3 and not lid.overbelast


def test_netwerklid_van_ander_huishouden_niet_via_dit_dossier(client, generalist, huishouden):
    ander = NetwerklidFactory()
    client.force_login(generalist)
    assert client.get(reverse("inwoners:netwerklid_wijzigen", args=[huishouden.pk, ander.pk])).status_code == 404


def vul_dossier(huishouden, medewerker, n: int) -> None:
    """n rounds of the whole flow, so the query count can be compared for small and large histories."""
    leefgebieden = list(Leefgebied.objects.all()[:3])
    for i in range(n):
        dag = date(2024, 1, 1) + timedelta(days=40 * i)
        melding = MeldingFactory(huishouden=huishouden, triage_uitkomst=TriageUitkomst.GEBIEDSTEAM, getrieerd_op=timezone.now())
        onderzoek = Onderzoek.objects.create(
            melding=melding, huishouden=huishouden, behandelaar=medewerker, startdatum=dag, termijn_dagen=42, termijn_bron="Wmo"
        )
        Gesprek.objects.create(onderzoek=onderzoek, gepland_op=timezone.now(), gehouden_op=timezone.now(), gevoerd_door=medewerker)
        plan = Ondersteuningsplan.objects.create(
            huishouden=huishouden, regisseur=medewerker, status=PlanStatus.AFGESLOTEN if i < n - 1 else PlanStatus.ACTIEF
        )
        versie = Planversie.objects.create(plan=plan, nummer=1, inhoud={"doelen": []}, gemaakt_door=medewerker)
        Ondertekening.objects.create(
            versie=versie, rol=OndertekenaarRol.PROFESSIONAL, naam=str(medewerker), medewerker=medewerker, datum=dag,
            methode=Ondertekenmethode.DIGITAAL, vastgelegd_door=medewerker,
        )  # fmt: skip
        Evaluatie.objects.create(
            plan=plan, datum=dag + timedelta(days=30), besluit=EvaluatieBesluit.VOORTZETTEN, uitgevoerd_door=medewerker
        )
        for j, lg in enumerate(leefgebieden):
            Zelfredzaamheidsscore.objects.create(
                huishouden=huishouden,
                leefgebied=lg,
                score=min(5, 2 + i + j % 2),
                datum=dag,
                bron=ScoreBron.GESPREK,
                vastgelegd_door=medewerker,
            )
        NetwerklidFactory(huishouden=huishouden, overbelast=i % 2 == 0)
        nieuw = PersoonFactory(gebied=huishouden.gebied)
        Huishoudlid.objects.create(huishouden=huishouden, persoon=nieuw, rol=LidRol.KIND, begindatum=dag)


def test_dossierpagina_heeft_een_vast_aantal_queries(client, generalist, huishouden, django_assert_max_num_queries):
    klein = HuishoudenFactory(gebied=huishouden.gebied, leden=1)
    vul_dossier(klein, generalist, 1)
    vul_dossier(huishouden, generalist, 6)
    client.force_login(generalist)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as klein_q:
        assert client.get(reverse("inwoners:huishouden_detail", args=[klein.pk])).status_code == 200
    # 20 for the dossier, plus a fixed few per source of the household view (inwoners.trajecten.BRONNEN)
    with django_assert_max_num_queries(20 + 2 * len(BRONNEN)), CaptureQueriesContext(connection) as groot_q:
        response = client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk]))
    assert response.status_code == 200
    assert len(groot_q) == len(klein_q)  # does not grow with the history: no N+1


def test_tijdlijn_nieuwste_eerst_met_links_naar_de_stappen(client, generalist, huishouden):
    vul_dossier(huishouden, generalist, 2)
    client.force_login(generalist)
    response = client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk]))
    html = response.content.decode()
    melding = huishouden.meldingen.order_by("id").first()
    plan = huishouden.plannen.get(status=PlanStatus.ACTIEF)
    for url in (
        reverse("toegang:melding_detail", args=[melding.pk]),
        reverse("toegang:onderzoek_detail", args=[melding.onderzoek.pk]),
        reverse("toegang:gesprek_detail", args=[melding.onderzoek.gesprekken.get().pk]),
        reverse("plannen:plan_detail", args=[plan.pk]),
    ):
        assert f'href="{url}"' in html
    tijdlijn = response.context["d"].tijdlijn
    assert [g.sleutel for g in tijdlijn] == sorted((g.sleutel for g in tijdlijn), reverse=True)
    assert response.context["d"].open_plan == plan
    assert "Regisseur" in html and escape(str(generalist)) in html
    # Scores: first vs latest per leefgebied
    verloop = response.context["d"].scores
    assert verloop and all(v.aantal == 2 for v in verloop) and any(v.verschil > 0 for v in verloop)


def test_zonder_open_plan_een_knop_naar_nieuw_plan(client, generalist, huishouden):
    client.force_login(generalist)
    html = client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk])).content.decode()
    assert reverse("plannen:plan_nieuw", args=[huishouden.pk]) in html
    assert f"{reverse('toegang:melding_nieuw')}?huishouden={huishouden.pk}" in html


def test_geen_bsn_op_de_dossierpagina_behalve_gemaskeerd(client, generalist, huishouden):
    client.force_login(generalist)
    html = client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk])).content.decode()
    for lid in huishouden.leden.select_related("persoon"):
        assert lid.persoon.bsn not in html and lid.persoon.bsn_gemaskeerd in html
