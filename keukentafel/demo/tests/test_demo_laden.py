"""`manage.py demo_laden`: deterministic, refuses a second load, prints the demo logins."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from keukentafel.aanbod.models import Aanbieder, AlgemeneVoorziening, Tarief
from keukentafel.accounts.models import Medewerker, Regio
from keukentafel.besluiten.models import Aanvraag, Rechtmatigheidstoets, ToegewezenVoorziening
from keukentafel.demo.generator import DemoBestaatAl, demo_gebruikersnamen, laad_demoregio, verdeel
from keukentafel.inwoners.models import Netwerklid, Persoon
from keukentafel.plannen.models import Actie, Ondersteuningsplan
from keukentafel.testing.factories import ProductFactory
from keukentafel.toegang.models import Melding, Zelfredzaamheidsscore

pytestmark = pytest.mark.django_db

KLEIN = 0.02


def digest() -> str:
    """Everything that must come out the same, without primary keys, password salts or audit timestamps."""
    delen = [
        sorted(Persoon.objects.values_list("bsn", "voornamen", "voorvoegsel", "geslachtsnaam", "geboortedatum", "postcode", "huisnummer")),
        sorted(Medewerker.objects.values_list("username", "first_name", "last_name", "rol")),
        sorted(Netwerklid.objects.values_list("huishouden__naam", "naam", "rol", "overbelast")),
        sorted(
            Melding.objects.values_list(
                "ontvangen_op",
                "kanaal",
                "vindplaats",
                "status",
                "triage_uitkomst",
                "getrieerd_op",
                "afgesloten_op",
                "vraag",
                "persoon__bsn",
            )
        ),
        sorted(Ondersteuningsplan.objects.values_list("huishouden__naam", "status", "aangemaakt_op", "vastgesteld_op", "evaluatiedatum")),
        sorted(Actie.objects.values_list("doel__plan__huishouden__naam", "trede", "omschrijving", "uitvoerder", "van", "evaluatiedatum")),
        sorted(Zelfredzaamheidsscore.objects.values_list("huishouden__naam", "leefgebied__code", "score", "datum", "bron")),
        sorted(Aanbieder.objects.values_list("naam", "agb_code", "kvk_nummer", "telefoon")),
        sorted(Tarief.objects.values_list("contract__kenmerk", "product__productcode", "tarief_cent", "geldig_vanaf", "geldig_tot")),
        sorted(AlgemeneVoorziening.objects.values_list("naam", "adres", "postcode", "kosten_cent")),
        sorted(
            ToegewezenVoorziening.objects.values_list(
                "persoon__bsn",
                "product__productcode",
                "grondslag",
                "leveringsvorm",
                "aanbieder__agb_code",
                "tarief_cent",
                "omvang",
                "frequentie",
                "begindatum",
                "einddatum",
                "status",
                "reden_beeindiging",
                "toegekend_op",
                "indicatiebron",
            )
        ),
        sorted(Aanvraag.objects.values_list("persoon__bsn", "product__productcode", "status", "ontvangen_op", "behandelaar__username")),
        sorted(Rechtmatigheidstoets.objects.values_list("voorziening__persoon__bsn", "uitkomst", "geselecteerd_op")),
    ]
    return hashlib.sha256(repr(delen).encode()).hexdigest()


def test_twee_keer_laden_op_een_lege_database_geeft_dezelfde_gegevens():
    digests = []
    for _ in range(2):
        with transaction.atomic():
            resultaat = laad_demoregio(schaal=KLEIN)
            digests.append(digest())
            transaction.set_rollback(True)
    assert Regio.objects.count() == 0
    assert digests[0] == digests[1]
    # The usernames checked before loading are exactly the ones created.
    assert sorted(demo_gebruikersnamen()) == sorted(login.username for login in resultaat.logins)


def test_commando_laadt_toont_logins_en_weigert_daarna_met_een_melding():
    uit = StringIO()
    call_command("demo_laden", schaal=KLEIN, stdout=uit)
    tekst = uit.getvalue()
    for gemeente in ("Hillegom", "Lisse", "Noordwijk", "Noordwijkerhout", "Teylingen"):
        assert f"  {gemeente} " in tekst
    assert "Keukentafel2026!" in tekst and "alleen voor demonstratie" in tekst
    for regel in ("generalist.sassenheim", "teamleider.voorhout", "backoffice.noordwijkerhout", "beleid", "financien", "beheer"):
        assert regel in tekst
    assert "Huishouden Yilmaz" in tekst and "Jeugdwet:" in tekst and "Participatiewet:" in tekst  # issue 6's demo
    aantal = Persoon.objects.count()

    uit = StringIO()
    call_command("demo_laden", stdout=uit)  # exits normally (code 0) with a notice
    assert "Er staat al een regio in de database (Bollenstreek)" in uit.getvalue()
    assert Persoon.objects.count() == aantal and Regio.objects.count() == 1
    with pytest.raises(DemoBestaatAl):
        laad_demoregio(schaal=KLEIN)


def test_weigert_als_een_demogebruikersnaam_al_bestaat():
    Medewerker.objects.create_user("beheer", password="iets-heel-anders-2026")
    with pytest.raises(DemoBestaatAl, match="beheer"):
        laad_demoregio(schaal=KLEIN)
    assert Regio.objects.count() == 0


def test_weigert_als_de_catalogus_al_demoproducten_bevat():
    ProductFactory(wet="wmo", productcategorie="01", productcode="01A01")
    with pytest.raises(DemoBestaatAl, match="01A01"):
        laad_demoregio(schaal=KLEIN)
    assert Regio.objects.count() == 0


def test_verdeling_is_evenredig_en_telt_op():
    uit = verdeel(10, [("a", 50), ("b", 30), ("c", 20)])
    assert uit == ["a"] * 5 + ["b"] * 3 + ["c"] * 2
    assert len(verdeel(7, [("a", 1), ("b", 1), ("c", 1)])) == 7
