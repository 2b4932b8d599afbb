"""The plan pages through the HTTP client: the flow, locking in forms, access and audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.plannen import services
from keukentafel.plannen.models import (
    Actie,
    Doel,
    EvaluatieBesluit,
    Inkomensvraag,
    Ondersteuningsplan,
    OndertekenaarRol,
    Ondertekenmethode,
    PlanStatus,
    Trede,
)
from keukentafel.testing.factories import AlgemeneVoorzieningFactory, GemeenteFactory, MedewerkerFactory, ProductFactory
from keukentafel.toegang.models import ScoreBron, Zelfredzaamheidsscore

from .helpers import inwoner, maak_actief, plan_met_doel

pytestmark = pytest.mark.django_db


def url(naam, *args):
    return reverse(f"plannen:{naam}", args=args)


def ingelogd(client, medewerker):
    client.force_login(medewerker)
    return client


# --- the whole flow -----------------------------------------------------------------------------


def test_volledige_flow_van_nieuw_plan_tot_afsluiting(client, huishouden, generalist, mantelzorger, onderzoek, leefgebied):
    ingelogd(client, generalist)
    vandaag = timezone.localdate()

    # 1. new plan: regisseur defaults to me, the latest onderzoek is preselected
    r = client.get(url("plan_nieuw", huishouden.pk))
    assert r.status_code == 200
    form = r.context["form"]
    assert form["regisseur"].initial == generalist.pk and form["onderzoek"].initial == onderzoek.pk
    r = client.post(
        url("plan_nieuw", huishouden.pk), {"regisseur": generalist.pk, "onderzoek": onderzoek.pk, "toelichting": "Zelfstandig wonen"}
    )
    plan = Ondersteuningsplan.objects.get(huishouden=huishouden)
    assert r.status_code == 302 and r["Location"] == url("plan_detail", plan.pk)
    assert plan.onderzoek == onderzoek

    # 2. the plan page lists the network with the overburdened carer, and the goal/action forms
    r = client.get(url("plan_detail", plan.pk))
    html = r.content.decode()
    assert "Dochter Anja" in html and "Mantelzorger overbelast" in html
    assert "Inkomensvragen (apart van de ondersteuningsvraag)" in html
    assert "Nog niet ondertekend" in html

    # 3. a goal on a leefgebied, for the whole household
    r = client.post(
        url("plan_detail", plan.pk),
        {
            "formulier": "doel",
            "doel-version": plan.version,
            "doel-leefgebied": leefgebied.pk,
            "doel-persoon": "",
            "doel-omschrijving": "Grip op de post en de rekeningen",
            "doel-beoogd_resultaat": "Geen aanmaningen meer",
        },
    )
    assert r.status_code == 302
    doel = Doel.objects.get(plan=plan)
    plan.refresh_from_db()

    # 4. an action by the carer (chosen from the network, no free text): 'who' becomes her name
    r = client.post(
        url("plan_detail", plan.pk),
        {
            "formulier": "actie",
            "doel": doel.pk,
            f"actie-{doel.pk}-version": plan.version,
            f"actie-{doel.pk}-trede": Trede.SOCIAAL_NETWERK,
            f"actie-{doel.pk}-omschrijving": "Samen de post openen op zaterdag",
            f"actie-{doel.pk}-netwerklid": mantelzorger.pk,
            f"actie-{doel.pk}-uitvoerder": "",
            f"actie-{doel.pk}-voorziening": "",
            f"actie-{doel.pk}-van": "2026-02-01",
            f"actie-{doel.pk}-tot": "",
            f"actie-{doel.pk}-evaluatiedatum": "",
        },
    )
    assert r.status_code == 302
    actie = Actie.objects.get(doel=doel)
    assert actie.uitvoerder == "Dochter Anja" and actie.netwerklid == mantelzorger
    assert actie.evaluatiedatum == date(2027, 2, 1)  # yearly by default (national policy)
    plan.refresh_from_db()
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Samen de post openen op zaterdag" in html and "2. Sociaal netwerk / mantelzorg" in html

    # 5. freeze version 1 and sign: resident + professional → active
    r = client.post(url("plan_detail", plan.pk), {"formulier": "versie", "versie-version": plan.version, "versie-toelichting": ""})
    assert r.status_code == 302 and r["Location"] == url("plan_versies", plan.pk)
    assert plan.versies.get().toelichting == "Eerste versie"
    r = client.get(url("plan_versies", plan.pk))
    assert r.status_code == 200 and r.context["form"] is not None
    lid = inwoner(huishouden)
    r = client.post(
        url("plan_versies", plan.pk),
        {
            "versie": 1,
            "rol": OndertekenaarRol.INWONER,
            "persoon": lid.pk,
            "datum": vandaag.isoformat(),
            "methode": Ondertekenmethode.PAPIER,
        },
    )
    assert r.status_code == 302
    r = client.post(
        url("plan_versies", plan.pk),
        {"versie": 1, "rol": OndertekenaarRol.PROFESSIONAL, "datum": vandaag.isoformat(), "methode": Ondertekenmethode.DIGITAAL},
    )
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIEF
    assert plan.evaluatiedatum == services.plus_maanden(vandaag, 12)
    html = client.get(url("plan_versies", plan.pk)).content.decode()
    assert escape(lid.naam) in html and "op papier" in html.lower()
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Het plan is ondertekend (versie 1)" in html

    # 6. a change after signing shows the banner; version 2 is comparable with version 1
    r = client.post(
        url("plan_detail", plan.pk),
        {
            "formulier": "plan",
            "plan-version": plan.version,
            "plan-toelichting": "Zelfstandig wonen, met hulp van dochter",
            "plan-evaluatiedatum": plan.evaluatiedatum.isoformat(),
            "plan-regisseur": generalist.pk,
        },
    )
    assert r.status_code == 302
    plan.refresh_from_db()
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "wijzigingen nog niet ondertekend" in html
    r = client.post(url("plan_detail", plan.pk), {"formulier": "versie", "versie-version": plan.version, "versie-toelichting": ""})
    assert r.status_code == 200 and "toelichting" in r.context["versie_form"].errors, "after version 1 'what changed' is required"
    r = client.post(
        url("plan_detail", plan.pk), {"formulier": "versie", "versie-version": plan.version, "versie-toelichting": "Dochter helpt"}
    )
    assert r.status_code == 302
    r = client.get(url("plan_versies", plan.pk), {"a": 1, "b": 2})
    assert r.status_code == 200
    # version 1 was signed without a review date; activation set it, so version 2 carries it
    assert [(v.soort, v.wat) for v in r.context["verschillen"]] == [
        ("gewijzigd", "Situatie en afspraken"),
        ("gewijzigd", "Evaluatiedatum van het plan"),
    ]
    assert "Zelfstandig wonen, met hulp van dochter" in r.content.decode()

    # 7. evaluation: close the plan, the scores go into the history
    plan.refresh_from_db()
    r = client.get(url("evaluatie_nieuw", plan.pk))
    assert r.status_code == 200
    r = client.post(
        url("evaluatie_nieuw", plan.pk),
        {
            "version": plan.version,
            "datum": vandaag.isoformat(),
            "besluit": EvaluatieBesluit.AFSLUITEN,
            "toelichting": "Doelen bereikt",
            f"score_{leefgebied.pk}": "4",
        },
    )
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AFGESLOTEN
    assert Zelfredzaamheidsscore.objects.get(huishouden=huishouden, bron=ScoreBron.EVALUATIE).score == 4
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Doelen bereikt" in html and 'name="formulier" value="doel"' not in html

    # 8. closed: a new plan may be made
    assert client.get(url("plan_nieuw", huishouden.pk)).context["bestaand"] is None


def test_tweede_plan_via_het_scherm_geeft_de_melding_en_een_link_naar_het_bestaande_plan(client, plan, generalist):
    ingelogd(client, generalist)
    r = client.get(url("plan_nieuw", plan.huishouden.pk))
    html = r.content.decode()
    assert services.TWEEDE_PLAN in html and url("plan_detail", plan.pk) in html
    assert 'name="regisseur"' not in html
    r = client.post(url("plan_nieuw", plan.huishouden.pk), {"regisseur": generalist.pk, "toelichting": "dubbel"})
    assert r.status_code == 409
    assert services.TWEEDE_PLAN in r.content.decode() and url("plan_detail", plan.pk) in r.content.decode()
    assert Ondersteuningsplan.objects.filter(huishouden=plan.huishouden).count() == 1


def test_regisseur_kiezen_uit_generalisten_van_het_gebiedsteam(client, huishouden, generalist, collega, buitenstaander):
    ingelogd(client, generalist)
    keuzes = client.get(url("plan_nieuw", huishouden.pk)).context["form"].fields["regisseur"].queryset
    assert set(keuzes) == {generalist, collega}
    r = client.post(url("plan_nieuw", huishouden.pk), {"regisseur": buitenstaander.pk})
    assert r.status_code == 200 and "regisseur" in r.context["form"].errors
    r = client.post(url("plan_nieuw", huishouden.pk), {"regisseur": collega.pk})
    assert Ondersteuningsplan.objects.get(huishouden=huishouden).regisseur == collega


# --- optimistic locking in the forms ------------------------------------------------------------


def test_twee_mensen_bewerken_tegelijk_de_tweede_krijgt_de_melding_en_houdt_zijn_tekst(client, plan, generalist, collega):
    gelezen = plan.version
    eerste = client
    eerste.force_login(generalist)
    from django.test import Client

    tweede = Client()
    tweede.force_login(collega)

    def gegevens(tekst):
        return {
            "formulier": "plan",
            "plan-version": gelezen,
            "plan-toelichting": tekst,
            "plan-evaluatiedatum": "",
            "plan-regisseur": generalist.pk,
        }

    assert eerste.post(url("plan_detail", plan.pk), gegevens("Tekst van Gea")).status_code == 302
    r = tweede.post(url("plan_detail", plan.pk), gegevens("Lange tekst van Cor die niet verloren mag gaan"))
    assert r.status_code == 409
    html = r.content.decode()
    assert "intussen door iemand anders gewijzigd" in html
    assert "Lange tekst van Cor die niet verloren mag gaan" in html  # the second user's input is in the form
    form = r.context["plan_form"]
    assert form["toelichting"].value() == "Lange tekst van Cor die niet verloren mag gaan"
    plan.refresh_from_db()
    assert plan.toelichting == "Tekst van Gea"  # the first save is intact
    assert int(form["version"].value()) == plan.version  # ready to save again after reading

    # saving again from the re-rendered form succeeds: nothing was lost
    r = tweede.post(url("plan_detail", plan.pk), dict(gegevens(form["toelichting"].value()), **{"plan-version": form["version"].value()}))
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.toelichting == "Lange tekst van Cor die niet verloren mag gaan"


def test_verouderd_actieformulier_krijgt_de_melding_en_behoudt_de_invoer(client, plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    verouderd = plan.version
    services.wijzig_plan(generalist, plan, plan.version, toelichting="Intussen gewijzigd")
    ingelogd(client, generalist)
    p = f"actie-{doel.pk}"
    r = client.post(
        url("plan_detail", plan.pk),
        {
            "formulier": "actie",
            "doel": doel.pk,
            f"{p}-version": verouderd,
            f"{p}-trede": Trede.VRIJWILLIGER,
            f"{p}-omschrijving": "Maatje van de vrijwilligerscentrale",
            f"{p}-uitvoerder": "Vrijwilligerscentrale",
            f"{p}-van": "2026-03-01",
        },
    )
    assert r.status_code == 409
    assert "Maatje van de vrijwilligerscentrale" in r.content.decode()
    assert not Actie.objects.exists()


def test_verwijderen_met_verouderde_versie_verwijdert_niets(client, plan, generalist, leefgebied):
    doel = plan_met_doel(plan, generalist, leefgebied)
    actie = doel.acties.get()
    ingelogd(client, generalist)
    r = client.post(url("plan_detail", plan.pk), {"formulier": "verwijder_actie", "version": plan.version - 1, "pk": actie.pk})
    assert r.status_code == 409 and "intussen door iemand anders gewijzigd" in r.content.decode()
    assert Actie.objects.filter(pk=actie.pk).exists()
    r = client.post(url("plan_detail", plan.pk), {"formulier": "verwijder_actie", "version": plan.version, "pk": actie.pk})
    assert r.status_code == 302 and not Actie.objects.filter(pk=actie.pk).exists()
    plan.refresh_from_db()
    r = client.post(url("plan_detail", plan.pk), {"formulier": "verwijder_doel", "version": plan.version, "pk": doel.pk})
    assert r.status_code == 302 and not Doel.objects.filter(pk=doel.pk).exists()


def test_actie_van_een_ander_plan_kan_niet_via_dit_plan_worden_verwijderd(client, plan, generalist, leefgebied):
    from keukentafel.testing.factories import OndersteuningsplanFactory

    ander = OndersteuningsplanFactory(huishouden__gebied=plan.huishouden.gebied, regisseur=generalist)
    actie = plan_met_doel(ander, generalist, leefgebied).acties.get()
    ingelogd(client, generalist)
    r = client.post(url("plan_detail", plan.pk), {"formulier": "verwijder_actie", "version": plan.version, "pk": actie.pk})
    assert r.status_code == 404 and Actie.objects.filter(pk=actie.pk).exists()


# --- validation through the pages ---------------------------------------------------------------


def test_maatwerk_zonder_product_toont_de_fout_bij_het_veld(client, plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    ingelogd(client, generalist)
    p = f"actie-{doel.pk}"
    r = client.post(
        url("plan_detail", plan.pk),
        {
            "formulier": "actie",
            "doel": doel.pk,
            f"{p}-version": plan.version,
            f"{p}-trede": Trede.MAATWERK,
            f"{p}-omschrijving": "Huishoudelijke hulp",
            f"{p}-uitvoerder": "Aanbieder",
            f"{p}-van": "2026-03-01",
            f"{p}-tot": "2026-02-01",
        },
    )
    assert r.status_code == 200
    form = next(d.actie_form for _, doelen in r.context["groepen"] for d in doelen if d.pk == doel.pk)
    assert form.errors["product"] == ["Kies het maatwerkproduct uit de productenlijst."] and "tot" in form.errors
    assert form["omschrijving"].value() == "Huishoudelijke hulp"
    assert f'aria-describedby="id_{p}-product_helptext id_{p}-product_fout"' in r.content.decode()
    assert not Actie.objects.exists()


def test_actieformulier_biedt_producten_per_wet_en_de_sociale_kaart_van_de_gemeente(client, plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    ProductFactory(naam="Begeleiding individueel", productcategorie="02", productcode="02A01")
    ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01")
    ProductFactory(naam="Vervallen product", actief=False)
    AlgemeneVoorzieningFactory(naam="Bibliotheek hier", uitvoerder="Bibliotheek", gemeente=plan.huishouden.gemeente)
    AlgemeneVoorzieningFactory(naam="Steunpunt regio", gemeente=None)
    AlgemeneVoorzieningFactory(naam="Buurthuis elders", gemeente=GemeenteFactory())
    ingelogd(client, generalist)

    html = client.get(url("plan_detail", plan.pk)).content.decode()

    assert '<optgroup label="Wmo 2015">' in html and '<optgroup label="Jeugdwet">' in html
    assert "Begeleiding individueel (02 02A01)" in html and "Jeugdhulp ambulant (45 45A01)" in html
    assert "Vervallen product" not in html
    assert "Bibliotheek hier (Bibliotheek)" in html and "Steunpunt regio" in html and "Buurthuis elders" not in html
    assert f'id="id_actie-{doel.pk}-voorziening"' not in html  # the name comes from the catalogue, not typed


def test_maatwerkactie_met_product_toont_code_en_de_weg_naar_het_besluit(client, plan, generalist, leefgebied):
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")
    product = ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01")
    ingelogd(client, generalist)
    p = f"actie-{doel.pk}"
    r = client.post(
        url("plan_detail", plan.pk),
        {
            "formulier": "actie",
            "doel": doel.pk,
            f"{p}-version": plan.version,
            f"{p}-trede": Trede.MAATWERK,
            f"{p}-omschrijving": "Opvoedondersteuning thuis",
            f"{p}-uitvoerder": "Jeugdzorginstelling",
            f"{p}-product": product.pk,
            f"{p}-van": "2026-03-01",
        },
    )
    assert r.status_code == 302
    actie = Actie.objects.get(doel=doel)
    assert actie.product == product and actie.voorziening == "Jeugdhulp ambulant"

    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Jeugdhulp ambulant" in html and "(45 45A01)" in html
    try:
        besluit_url = reverse("besluiten:actie_besluit", args=[actie.pk])
    except NoReverseMatch:  # the decision page is not there yet: no link rather than an error
        assert "Aanvragen of verwijzen" not in html
    else:
        assert f'href="{besluit_url}"' in html and "Aanvragen of verwijzen" in html


def test_ondertekenen_door_netwerklid_zonder_vertegenwoordigende_rol_wordt_geweigerd(client, plan, generalist, leefgebied, mantelzorger):
    plan_met_doel(plan, generalist, leefgebied)
    services.leg_versie_vast(generalist, plan, plan.version)
    ingelogd(client, generalist)
    r = client.post(
        url("plan_versies", plan.pk),
        {
            "versie": 1,
            "rol": OndertekenaarRol.VERTEGENWOORDIGER,
            "netwerklid": mantelzorger.pk,
            "datum": timezone.localdate().isoformat(),
            "methode": Ondertekenmethode.PAPIER,
        },
    )
    assert r.status_code == 200 and "netwerklid" in r.context["form"].errors
    assert not plan.versies.get().ondertekeningen.exists()


def test_ondertekenen_van_een_verouderde_versie_wordt_geweigerd(client, plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    services.leg_versie_vast(generalist, plan, plan.version)
    services.wijzig_plan(generalist, plan, plan.version, toelichting="Nieuw")
    services.leg_versie_vast(generalist, plan, plan.version, "Nieuwe toelichting")
    ingelogd(client, generalist)
    r = client.post(
        url("plan_versies", plan.pk),
        {
            "versie": 1,
            "rol": OndertekenaarRol.PROFESSIONAL,
            "datum": timezone.localdate().isoformat(),
            "methode": Ondertekenmethode.DIGITAAL,
        },
    )
    assert r.status_code == 409 and "nieuwste versie" in r.content.decode()
    assert not plan.versies.get(nummer=1).ondertekeningen.exists()


def test_ondertekening_in_de_toekomst_wordt_geweigerd_in_het_formulier(client, plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    services.leg_versie_vast(generalist, plan, plan.version)
    ingelogd(client, generalist)
    morgen = timezone.localdate() + timedelta(days=1)
    r = client.post(
        url("plan_versies", plan.pk),
        {"versie": 1, "rol": OndertekenaarRol.PROFESSIONAL, "datum": morgen.isoformat(), "methode": Ondertekenmethode.DIGITAAL},
    )
    assert "datum" in r.context["form"].errors


def test_versies_vergelijken_met_onbekende_of_gelijke_versie_geeft_een_fout(client, plan, generalist, leefgebied):
    plan_met_doel(plan, generalist, leefgebied)
    services.leg_versie_vast(generalist, plan, plan.version)
    services.wijzig_plan(generalist, plan, plan.version, toelichting="Nieuw")
    services.leg_versie_vast(generalist, plan, plan.version, "x")
    ingelogd(client, generalist)
    assert client.get(url("plan_versies", plan.pk), {"a": 1, "b": 9}).context["vergelijk_form"].errors
    assert client.get(url("plan_versies", plan.pk), {"a": 2, "b": 2}).context["vergelijk_form"].errors


# --- evaluation page ----------------------------------------------------------------------------


def test_evaluatie_toont_eerste_en_laatste_score_en_vult_de_laatste_in(client, plan, generalist, leefgebied):
    for d, score in [(date(2025, 1, 1), 2), (date(2025, 6, 1), 3)]:
        Zelfredzaamheidsscore.objects.create(
            huishouden=plan.huishouden, leefgebied=leefgebied, score=score, datum=d, bron=ScoreBron.GESPREK, vastgelegd_door=generalist
        )
    maak_actief(plan, generalist, leefgebied)
    ingelogd(client, generalist)
    r = client.get(url("evaluatie_nieuw", plan.pk))
    rij = next(rij for rij in r.context["rijen"] if rij["leefgebied"] == leefgebied)
    assert rij["eerste"].score == 2 and rij["laatste"].score == 3 and rij["doel"]
    assert r.context["form"][f"score_{leefgebied.pk}"].value() == "3"
    assert r.context["rijen"][0]["leefgebied"] == leefgebied, "leefgebieden with a goal or score come first"


def test_evaluatie_bijstellen_zonder_toelichting_toont_fout_en_wijzigt_niets(client, plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied)
    ingelogd(client, generalist)
    r = client.post(
        url("evaluatie_nieuw", plan.pk),
        {"version": plan.version, "datum": timezone.localdate().isoformat(), "besluit": EvaluatieBesluit.BIJSTELLEN, "toelichting": ""},
    )
    assert r.status_code == 200 and "toelichting" in r.context["form"].errors
    assert not plan.evaluaties.exists()


def test_evaluatie_van_een_conceptplan_toont_geen_formulier(client, plan, generalist):
    ingelogd(client, generalist)
    r = client.get(url("evaluatie_nieuw", plan.pk))
    assert r.status_code == 200 and "Alleen een actief" in r.content.decode() and 'name="besluit"' not in r.content.decode()


# --- income questions ---------------------------------------------------------------------------


def test_inkomensvraag_wordt_apart_vastgelegd_en_bij_het_plan_getoond(client, plan, generalist):
    ingelogd(client, generalist)
    r = client.post(
        url("inkomensvraag_nieuw", plan.huishouden.pk),
        {"datum": "2026-02-02", "omschrijving": "Achterstand met de huur", "doorgezet_naar": "Schuldhulpverlening"},
    )
    assert r.status_code == 302 and r["Location"].startswith(url("plan_detail", plan.pk))
    vraag = Inkomensvraag.objects.get()
    assert vraag.plan == plan and not plan.doelen.exists()
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Achterstand met de huur" in html and "Schuldhulpverlening" in html


def test_inkomensvraag_zonder_plan_blijft_op_de_eigen_pagina(client, huishouden, generalist):
    ingelogd(client, generalist)
    r = client.post(url("inkomensvraag_nieuw", huishouden.pk), {"datum": "2026-02-02", "omschrijving": "Vraag over toeslagen"})
    assert r["Location"] == url("inkomensvraag_nieuw", huishouden.pk)
    assert "Vraag over toeslagen" in client.get(r["Location"]).content.decode()
    assert Inkomensvraag.objects.get().plan is None


# --- PDF ----------------------------------------------------------------------------------------


def test_plan_pdf_is_een_echte_pdf_en_de_download_wordt_geaudit(client, plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied)
    ingelogd(client, generalist)
    r = client.get(url("plan_pdf", plan.pk))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert "ondersteuningsplan-" in r["Content-Disposition"] and "versie-1" in r["Content-Disposition"]
    export = AuditRecord.objects.get(actie=AuditActie.EXPORT, medewerker=generalist)
    assert export.huishouden_id == plan.huishouden_id and export.object_type == "Ondersteuningsplan"
    assert plan.huishouden.leden_op().first().persoon.bsn not in export.omschrijving


def test_plan_pdf_inhoud_met_tredes_en_handtekeningen(client, plan, generalist, leefgebied, rf):
    """Render the PDF's HTML: the goal, the ladder step, the signatures (and blank lines when missing)."""
    from django.template.loader import render_to_string

    from keukentafel.plannen.views import _pdf_inhoud

    plan_met_doel(plan, generalist, leefgebied, trede=Trede.MAATWERK)
    versie = services.leg_versie_vast(generalist, plan, plan.version)
    services.onderteken(generalist, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    html = render_to_string(
        "plannen/pdf/plan.html",
        {
            "plan": plan,
            "huishouden": plan.huishouden,
            "gemeente": plan.huishouden.gemeente,
            "leden": plan.huishouden.leden_op(),
            "versie": versie,
            "inhoud": versie.inhoud,
            "groepen": _pdf_inhoud(versie.inhoud),
            "ondertekeningen": list(versie.ondertekeningen.all()),
            "lege_regels": ["Inwoner of vertegenwoordiger"],
            "ladder": [label for _, label in Trede.choices],
        },
    )
    assert "Grip op de post" in html and "5. Maatwerkvoorziening" in html and "Formulierenhulp aan huis" in html
    product = versie.inhoud["doelen"][0]["acties"][0]["product"]
    assert f"productcategorie {product['productcategorie']}, productcode {product['productcode']}" in html
    assert escape(str(generalist)) in html and "Inwoner of vertegenwoordiger" in html
    assert plan.huishouden.leden_op().first().persoon.bsn not in html


def test_plan_pdf_van_een_bepaalde_versie_en_onbekende_versie(client, plan, generalist, leefgebied):
    ingelogd(client, generalist)
    r = client.get(url("plan_pdf", plan.pk))
    assert r.status_code == 200 and "concept" in r["Content-Disposition"]  # nothing frozen yet: current content
    plan_met_doel(plan, generalist, leefgebied)
    services.leg_versie_vast(generalist, plan, plan.version)
    assert client.get(url("plan_pdf", plan.pk), {"versie": 1}).status_code == 200
    assert client.get(url("plan_pdf", plan.pk), {"versie": 7}).status_code == 404
    assert client.get(url("plan_pdf", plan.pk), {"versie": "x"}).status_code == 404


# --- access -------------------------------------------------------------------------------------


def _get_urls(plan):
    return [
        url("plan_nieuw", plan.huishouden.pk),
        url("inkomensvraag_nieuw", plan.huishouden.pk),
        url("plan_detail", plan.pk),
        url("plan_pdf", plan.pk),
        url("plan_versies", plan.pk),
        url("evaluatie_nieuw", plan.pk),
    ]


def test_generalist_van_ander_gebied_wordt_bij_openen_naar_noodtoegang_gestuurd(client, plan, buitenstaander):
    ingelogd(client, buitenstaander)
    noodtoegang = reverse("inwoners:noodtoegang", args=[plan.huishouden.pk])
    for adres in _get_urls(plan):
        r = client.get(adres)
        assert r.status_code == 302, adres
        assert r["Location"].startswith(noodtoegang), adres
    assert not AuditRecord.objects.filter(actie=AuditActie.EXPORT).exists()
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, medewerker=buitenstaander).count() == len(_get_urls(plan))


def test_generalist_van_ander_gebied_krijgt_403_bij_wijzigen(client, plan, buitenstaander, leefgebied, generalist):
    doel = plan_met_doel(plan, generalist, leefgebied)
    ingelogd(client, buitenstaander)
    posts = [
        (url("plan_nieuw", plan.huishouden.pk), {"regisseur": buitenstaander.pk}),
        (url("inkomensvraag_nieuw", plan.huishouden.pk), {"datum": "2026-01-01", "omschrijving": "x"}),
        (url("plan_detail", plan.pk), {"formulier": "plan", "plan-version": plan.version, "plan-toelichting": "Gekaapt"}),
        (url("plan_detail", plan.pk), {"formulier": "verwijder_doel", "version": plan.version, "pk": doel.pk}),
        (url("plan_versies", plan.pk), {"versie": 1, "rol": "professional", "methode": "digitaal", "datum": "2026-01-01"}),
        (url("evaluatie_nieuw", plan.pk), {"version": plan.version, "besluit": "afsluiten", "toelichting": "x", "datum": "2026-01-01"}),
    ]
    versie = plan.version
    for adres, data in posts:
        assert client.post(adres, data).status_code == 403, adres
    plan.refresh_from_db()
    assert plan.version == versie and plan.toelichting != "Gekaapt" and Doel.objects.filter(pk=doel.pk).exists()
    assert not Inkomensvraag.objects.exists()


def test_met_vastgelegde_reden_mag_een_generalist_van_buiten_het_gebied_het_plan_openen(client, plan, buitenstaander):
    from keukentafel.accounts.access import registreer_noodtoegang

    registreer_noodtoegang(buitenstaander, plan.huishouden, "Waarneming voor een zieke collega deze week")
    ingelogd(client, buitenstaander)
    assert client.get(url("plan_detail", plan.pk)).status_code == 200


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER])
def test_rollen_zonder_dossierwerk_krijgen_403(client, plan, rol):
    ingelogd(client, MedewerkerFactory(rol=rol, team=None))
    assert client.get(url("plan_detail", plan.pk)).status_code == 403
    assert client.get(url("plan_pdf", plan.pk)).status_code == 403


def test_openen_van_het_plan_wordt_geaudit_en_toont_geen_bsn(client, plan, generalist):
    ingelogd(client, generalist)
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, medewerker=generalist, huishouden_id=plan.huishouden_id).exists()
    for lid in plan.huishouden.leden_op():
        assert lid.persoon.bsn not in html
        assert escape(lid.persoon.naam) in html


def test_regisseur_van_buiten_het_gebied_heeft_toegang_tot_zijn_plan(client, plan, buitenstaander, generalist):
    services.wijzig_plan(generalist, plan, plan.version, regisseur=buitenstaander)
    ingelogd(client, buitenstaander)
    assert client.get(url("plan_detail", plan.pk)).status_code == 200


def test_afgesloten_plan_weigert_wijzigingen_via_het_scherm(client, plan, generalist, leefgebied):
    maak_actief(plan, generalist, leefgebied)
    services.evalueer(generalist, plan, plan.version, datum=timezone.localdate(), besluit=EvaluatieBesluit.AFSLUITEN, toelichting="Klaar")
    ingelogd(client, generalist)
    r = client.post(
        url("plan_detail", plan.pk),
        {"formulier": "doel", "doel-version": plan.version, "doel-leefgebied": leefgebied.pk, "doel-omschrijving": "Nog iets"},
    )
    assert r.status_code == 409 and "afgesloten" in r.content.decode()
    assert plan.doelen.count() == 1


def test_actieformulier_legt_wet_en_begrotingspost_vast_en_het_plan_toont_ze(client, plan, generalist, leefgebied):
    from keukentafel.financien.models import Begroting, Begrotingspost, Domein

    jaar = timezone.localdate().year
    begroting = Begroting.objects.create(gemeente=plan.huishouden.gemeente, jaar=jaar, naam="Begroting", bron="Raad")
    post = Begrotingspost.objects.create(
        begroting=begroting, domein=Domein.PARTICIPATIE, onderdeel="Participatie", code="re-integratie", naam="Re-integratie",
        soort="lasten",
    )
    doel = services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Aan het werk")
    plan.refresh_from_db()
    ingelogd(client, generalist)
    p = f"actie-{doel.pk}"
    r = client.post(
        url("plan_detail", plan.pk),
        {
            "formulier": "actie", "doel": doel.pk, f"{p}-version": plan.version, f"{p}-trede": Trede.MAATWERK,
            f"{p}-omschrijving": "Werkervaringsplek bij de kringloop", f"{p}-uitvoerder": "Kringloop De Bolster",
            f"{p}-wet": "participatiewet", f"{p}-begrotingspost": post.pk, f"{p}-van": f"{jaar}-03-01",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    actie = Actie.objects.get()
    assert (actie.wet, actie.begrotingspost) == ("participatiewet", post)
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Participatiewet · post Re-integratie" in html
