"""Screens: need-to-know and audit on every dossier page, the forms reach the services, Dutch messages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.participatie import services
from keukentafel.participatie.models import Instrument, Plaatsing, SoortInstrument, Tegenprestatie, Traject, Werkgever
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory
from keukentafel.testing.factories_participatie import CompetentieFactory, WerkgeverFactory


@pytest.fixture
def traject(generalist, ouder):
    return services.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=60, startdatum=timezone.localdate())


@pytest.fixture
def ingelogd(client, generalist):
    client.force_login(generalist)
    return client


def test_persoonspagina_wordt_geaudit(ingelogd, ouder, traject, generalist, huishouden):
    r = ingelogd.get(reverse("participatie:persoon", args=[ouder.pk]))
    assert r.status_code == 200
    assert "Werkspoor" in r.content.decode()
    assert AuditRecord.objects.filter(medewerker=generalist, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).exists()
    assert ouder.bsn not in r.content.decode()


def test_buiten_eigen_gebied_eerst_een_reden(client, buitenstaander, ouder, traject):
    client.force_login(buitenstaander)
    r = client.get(reverse("participatie:persoon", args=[ouder.pk]))
    assert r.status_code == 302 and "/toegang/" in r["Location"]
    r = client.post(reverse("participatie:herbeoordeling", args=[traject.pk]), {})
    assert r.status_code == 403


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER], ids=["beleid", "financien", "functioneel-beheer"])
def test_rollen_zonder_dossierwerk_zien_geen_personen(client, ouder, traject, rol, huishouden):
    client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=huishouden.gemeente))
    assert client.get(reverse("participatie:persoon", args=[ouder.pk])).status_code == 403
    assert client.get(reverse("participatie:herbeoordelingen")).status_code == 403
    assert client.get(reverse("participatie:werkgevers")).status_code == 403


def test_traject_starten_via_het_formulier(ingelogd, ouder, generalist):
    r = ingelogd.post(
        reverse("participatie:traject_nieuw", args=[ouder.pk]),
        {"klantmanager": generalist.pk, "uitkering": "pw_bijstand", "verdiencapaciteit_procent": "30", "startdatum": "2026-02-02"},
    )
    assert r.status_code == 302
    assert Traject.objects.get(persoon=ouder).spoor == "participatiespoor"


def test_herbeoordeling_met_verouderde_versie_geeft_409(ingelogd, traject):
    url = reverse("participatie:herbeoordeling", args=[traject.pk])
    data = {"version": traject.version, "datum": "2027-02-02", "verdiencapaciteit_procent": "20", "uitkomst": "Gesprek gevoerd"}
    assert ingelogd.post(url, data).status_code == 302
    r = ingelogd.post(url, data)
    assert r.status_code == 409 and "intussen door iemand anders gewijzigd" in r.content.decode()


def test_fase_via_knop(ingelogd, traject):
    r = ingelogd.post(
        reverse("participatie:traject_fase", args=[traject.pk]), {"version": traject.version, "datum": timezone.localdate().isoformat()}
    )
    assert r.status_code == 302
    traject.refresh_from_db()
    assert traject.fase == "ontwikkeling"


def test_loonwaardebepaling_via_formulier_met_plan(ingelogd, traject, plan):
    r = ingelogd.post(
        reverse("participatie:instrument_nieuw", args=[traject.pk]),
        {
            "soort": "loonwaardebepaling",
            "omschrijving": "Loonwaarde op de werkplek",
            "uitvoerder": "Bakkerij Van Dam",
            "startdatum": "2026-03-01",
            "kosten": "1.250,00",
            "loonwaarde_procent": "50",
            "uren_per_week": "36",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    instrument = Instrument.objects.get()
    assert (instrument.kosten_cent, instrument.lks_per_maand_cent) == (125000, 141127)
    assert instrument.actie.doel.plan_id == plan.pk
    pagina = ingelogd.get(reverse("participatie:persoon", args=[traject.persoon_id])).content.decode()
    assert "€ 1.411,27 per maand" in pagina


def test_tegenprestatie_zonder_vinkjes_geweigerd_met_nederlandse_meldingen(ingelogd, traject):
    r = ingelogd.post(
        reverse("participatie:tegenprestatie_nieuw", args=[traject.pk]),
        {"inhoud": "Koffie schenken", "uren_per_week": "25", "startdatum": "2026-03-01", "einddatum": "2026-05-01"},
    )
    body = r.content.decode()
    assert r.status_code == 400
    assert "naar vermogen" in body and "geen betaald werk verdringt" in body and "ten hoogste 20 uur per week" in body
    assert not Tegenprestatie.objects.exists()


def test_ladder_en_competenties_via_formulier(ingelogd, ouder):
    assert ingelogd.post(reverse("participatie:ladder", args=[ouder.pk]), {"datum": "2026-03-01", "trede": "3"}).status_code == 302
    comp = CompetentieFactory(naam="klantgericht")
    assert ingelogd.post(reverse("participatie:competenties", args=[ouder.pk]), {"competenties": [comp.pk]}).status_code == 302
    assert ouder.competenties.get().competentie == comp
    assert services.huidige_trede(ouder).trede == 3


def test_werklijst_toont_te_herbeoordelen_trajecten(ingelogd, traject, generalist):
    Traject.objects.filter(pk=traject.pk).update(herbeoordeling_op=timezone.localdate() - timedelta(days=1))
    r = ingelogd.get(reverse("participatie:herbeoordelingen"))
    assert r.status_code == 200 and traject.persoon.naam in r.content.decode()


def test_dossier_huishouden_linkt_naar_werk_en_participatie(ingelogd, huishouden, traject):
    r = ingelogd.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk]))
    assert reverse("participatie:huishouden", args=[huishouden.pk]) in r.content.decode()
    r = ingelogd.get(reverse("participatie:huishouden", args=[huishouden.pk]))
    assert r.status_code == 200 and "Werkspoor" in r.content.decode()


def test_werkgever_vacature_en_plaatsing(ingelogd, generalist, traject, buitenstaander):
    r = ingelogd.post(reverse("participatie:werkgevers"), {"naam": "Bakkerij Van Dam", "kvk_nummer": "12345678"})
    assert r.status_code == 302
    werkgever = Werkgever.objects.get(naam="Bakkerij Van Dam")
    comp = CompetentieFactory(naam="nauwkeurig")
    r = ingelogd.post(
        reverse("participatie:werkgever", args=[werkgever.pk]),
        {"vacature": "1", "vacature-titel": "Inpakker", "vacature-uren_per_week": "24", "vacature-competenties": [comp.pk]},
    )
    assert r.status_code == 302
    vacature = werkgever.vacatures.get()
    services.zet_competenties(generalist, traject.persoon, [comp])
    ander = HuishoudenFactory(gebied=buitenstaander.team.gebied)
    vreemd = services.start_traject(
        buitenstaander, ander.leden.first().persoon, klantmanager=buitenstaander, verdiencapaciteit_procent=80, startdatum=date(2026, 1, 5)
    )
    pagina = ingelogd.get(reverse("participatie:vacature", args=[vacature.pk])).content.decode()
    assert traject.persoon.naam in pagina and vreemd.persoon.naam not in pagina
    assert AuditRecord.objects.filter(medewerker=generalist, actie=AuditActie.ZOEKEN, object_type="Vacature").exists()
    assert (
        ingelogd.post(reverse("participatie:vacature", args=[vacature.pk]), {"traject": vreemd.pk, "startdatum": "2026-04-01"}).status_code
        == 403
    )
    r = ingelogd.post(reverse("participatie:vacature", args=[vacature.pk]), {"traject": traject.pk, "startdatum": "2026-04-01"})
    assert r.status_code == 302
    plaatsing = Plaatsing.objects.get()
    assert plaatsing.traject == traject
    assert (
        "Resultaat van de plaatsing vastleggen" in ingelogd.get(reverse("participatie:persoon", args=[traject.persoon_id])).content.decode()
    )
    url = reverse("participatie:plaatsing_resultaat", args=[plaatsing.pk])
    prefix = f"plaatsing{plaatsing.pk}"
    data = {f"{prefix}-version": plaatsing.version, f"{prefix}-resultaat": "uitgevallen", f"{prefix}-einddatum": "2026-05-01"}
    assert ingelogd.post(url, data).status_code == 302
    plaatsing.refresh_from_db()
    assert (plaatsing.resultaat, plaatsing.einddatum) == ("uitgevallen", date(2026, 5, 1))
    # the same form again, on the version it was read at: someone else changed it in between
    r = ingelogd.post(url, {**data, f"{prefix}-resultaat": "duurzaam", f"{prefix}-einddatum": ""})
    assert r.status_code == 409 and "intussen door iemand anders gewijzigd" in r.content.decode()
    assert f'value="{plaatsing.version}"' in r.content.decode()
    plaatsing.refresh_from_db()
    assert plaatsing.resultaat == "uitgevallen"


def test_werkgever_van_andere_gemeente_niet_zichtbaar(ingelogd):
    assert ingelogd.get(reverse("participatie:werkgever", args=[WerkgeverFactory().pk])).status_code == 404


@pytest.mark.parametrize(
    "naam",
    ["traject_afsluiten", "herbeoordeling", "instrument_nieuw", "tegenprestatie_nieuw"],
    ids=["afsluiten", "herbeoordeling", "instrument", "tegenprestatie"],
)
def test_formulierpaginas_tonen(ingelogd, traject, naam):
    assert ingelogd.get(reverse(f"participatie:{naam}", args=[traject.pk])).status_code == 200


def test_uitkomstpagina(ingelogd, traject):
    i = services.voeg_instrument_toe(
        traject.klantmanager,
        traject,
        soort=SoortInstrument.SCHOLING,
        omschrijving="VCA",
        uitvoerder="Opleider",
        startdatum=date(2026, 3, 1),
    )
    url = reverse("participatie:instrument_uitkomst", args=[i.pk])
    assert ingelogd.get(url).status_code == 200
    r = ingelogd.post(url, {"version": i.version, "uitkomst": "behaald", "einddatum": "2026-04-01"})
    assert r.status_code == 302


def test_werklijst_herbeoordelingen_wordt_geaudit_en_meldt_de_grens(ingelogd, traject, generalist, monkeypatch):
    from keukentafel.participatie import views

    Traject.objects.filter(pk=traject.pk).update(herbeoordeling_op=timezone.localdate() - timedelta(days=1))
    ander = HuishoudenFactory(gebied=generalist.team.gebied)
    tweede = services.start_traject(generalist, ander.leden.first().persoon, klantmanager=generalist, verdiencapaciteit_procent=20,
                                    startdatum=timezone.localdate())
    Traject.objects.filter(pk=tweede.pk).update(herbeoordeling_op=timezone.localdate())
    r = ingelogd.get(reverse("participatie:herbeoordelingen"))
    assert "meer herbeoordelingen te doen" not in r.content.decode()
    record = AuditRecord.objects.filter(medewerker=generalist, actie=AuditActie.ZOEKEN).latest("pk")
    assert "Werklijst herbeoordelingen" in record.omschrijving and "(2 trajecten)" in record.omschrijving
    monkeypatch.setattr(views, "WERKLIJST_LIMIET", 1)
    body = ingelogd.get(reverse("participatie:herbeoordelingen")).content.decode()
    assert "meer herbeoordelingen te doen dan hier staan: u ziet de 1 oudste" in body
    assert traject.persoon.naam in body and tweede.persoon.naam not in body


def test_vacature_meldt_als_de_kandidatenlijst_is_ingekort(ingelogd, generalist, traject, huishouden, monkeypatch):
    from keukentafel.participatie import views

    comp = CompetentieFactory(naam="nauwkeurig")
    vacature = services.maak_vacature(generalist, WerkgeverFactory(gemeente=huishouden.gemeente), titel="Inpakker",
                                      uren_per_week=24, competenties=[comp])
    ander = HuishoudenFactory(gebied=generalist.team.gebied)
    tweede = services.start_traject(generalist, ander.leden.first().persoon, klantmanager=generalist, verdiencapaciteit_procent=80,
                                    startdatum=date(2026, 1, 5))
    for t in (traject, tweede):
        services.zet_competenties(generalist, t.persoon, [comp])
    url = reverse("participatie:vacature", args=[vacature.pk])
    assert "meer passende kandidaten" not in ingelogd.get(url).content.decode()
    monkeypatch.setattr(views, "KANDIDATEN_LIMIET", 1)
    assert "meer passende kandidaten: u ziet de 1 best passende" in ingelogd.get(url).content.decode()


def test_persoonspagina_toont_de_loonkostensubsidie_van_nu(ingelogd, generalist, ouder):
    traject = services.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=60, startdatum=date(2025, 11, 3))
    services.voeg_instrument_toe(
        generalist, traject, soort=SoortInstrument.LOONWAARDEBEPALING, omschrijving="Loonwaarde", uitvoerder="Bakkerij",
        startdatum=date(2025, 12, 1), loonwaarde_procent=50, uren_per_week=36,
    )
    body = ingelogd.get(reverse("participatie:persoon", args=[ouder.pk])).content.decode()
    assert "€ 1.381,53 per maand" in body  # as fixed on 1 December 2025
    lopend = services.loonkostensubsidie_op(traject.instrumenten.get(), timezone.localdate()).berekening.totaal_per_maand_cent
    assert lopend != 138153
    from keukentafel.besluiten.regels import euro

    assert f"{euro(lopend)} per maand</strong> (gewijzigd door de aanpassing van het minimumloon)" in body


def _aantal_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q.captured_queries)


def test_huishoudpagina_leest_de_ladder_in_een_query(ingelogd, generalist, huishouden):
    from keukentafel.inwoners.models import Huishoudlid, LidRol
    from keukentafel.testing.factories import PersoonFactory

    url = reverse("participatie:huishouden", args=[huishouden.pk])
    for lid in huishouden.leden.all():
        services.leg_ladderscore_vast(generalist, lid.persoon, datum=date(2026, 1, 5), trede=3)
    twee = _aantal_queries(ingelogd, url)
    for _ in range(3):
        lid = Huishoudlid.objects.create(huishouden=huishouden, persoon=PersoonFactory(gebied=huishouden.gebied), rol=LidRol.KIND,
                                         begindatum=date(2020, 1, 1))
        services.leg_ladderscore_vast(generalist, lid.persoon, datum=date(2026, 1, 5), trede=4)
    body = ingelogd.get(url).content.decode()
    assert body.count("4 – onbetaald werk") == 3
    assert _aantal_queries(ingelogd, url) == twee


def test_persoonspagina_leest_plaatsingen_met_loonkostensubsidie_zonder_extra_queries(ingelogd, generalist, traject, huishouden):
    lks = services.voeg_instrument_toe(
        generalist, traject, soort=SoortInstrument.LOONWAARDEBEPALING, omschrijving="Loonwaarde", uitvoerder="Bakkerij",
        startdatum=date(2026, 3, 1), loonwaarde_procent=50, uren_per_week=36,
    )

    def plaats():
        v = services.maak_vacature(generalist, WerkgeverFactory(gemeente=huishouden.gemeente), titel="Inpakker", uren_per_week=24,
                                   competenties=[])
        services.plaats_kandidaat(generalist, traject, v, startdatum=date(2026, 4, 1), loonkostensubsidie=lks)

    url = reverse("participatie:persoon", args=[traject.persoon_id])
    plaats()
    een = _aantal_queries(ingelogd, url)
    plaats()
    plaats()
    assert _aantal_queries(ingelogd, url) == een
