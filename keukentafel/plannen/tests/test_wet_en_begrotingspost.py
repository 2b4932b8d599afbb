"""One plan for three laws (issue 6 §3): every action carries its law and the budget line it weighs on."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from keukentafel.codelijsten import Wet
from keukentafel.financien.models import Begroting, Begrotingspost, Domein, Postsoort
from keukentafel.plannen import services
from keukentafel.plannen.models import ActieWet, Trede
from keukentafel.testing.factories import ProductFactory

VAN = date(2026, 3, 1)


@pytest.fixture
def posten(plan):
    begroting = Begroting.objects.create(gemeente=plan.huishouden.gemeente, jaar=2026, naam="Begroting", bron="Raad")

    def post(code: str, domein: str, dekking: list[str], soort: str = Postsoort.LASTEN) -> Begrotingspost:
        return Begrotingspost.objects.create(
            begroting=begroting, domein=domein, onderdeel=domein, code=code, naam=code.replace("-", " "), soort=soort, dekking=dekking
        )

    return {
        "begeleiding": post("wmo-begeleiding", Domein.WMO, ["wmo:02"]),
        "jeugd-ggz": post("jeugd-ggz", Domein.JEUGD, ["jeugdwet:54"]),
        "re-integratie": post("re-integratie", Domein.PARTICIPATIE, []),
        "uitkering": post("rijksbijdrage", Domein.PARTICIPATIE, [], soort=Postsoort.BATEN),
    }


@pytest.fixture
def doel(plan, generalist, leefgebied):
    return services.voeg_doel_toe(generalist, plan, plan.version, leefgebied=leefgebied, omschrijving="Doel")


def _actie(generalist, doel, trede=Trede.MAATWERK, **velden):
    doel.plan.refresh_from_db()
    return services.voeg_actie_toe(generalist, doel, doel.plan.version, trede=trede, omschrijving="x", uitvoerder="y", van=VAN, **velden)


def test_maatwerkproduct_bepaalt_wet_en_post_die_het_product_dekt(generalist, doel, posten):
    ggz = ProductFactory(wet=Wet.JEUGDWET, productcategorie="54", naam="Jeugd-ggz")
    actie = _actie(generalist, doel, product=ggz)
    assert (actie.wet, actie.begrotingspost) == (ActieWet.JEUGDWET, posten["jeugd-ggz"])


def test_andere_wet_dan_die_van_het_product_wordt_geweigerd(generalist, doel, posten):
    begeleiding = ProductFactory(wet=Wet.WMO, productcategorie="02", naam="Begeleiding")
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, product=begeleiding, wet=ActieWet.JEUGDWET)
    assert fout.value.message_dict["wet"] == ["Begeleiding valt onder de Wmo 2015; kies die wet of een ander product."]


def test_post_van_een_ander_domein_dan_de_wet_wordt_geweigerd(generalist, doel, posten):
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, wet=ActieWet.PARTICIPATIEWET, begrotingspost=posten["begeleiding"])
    assert "is een post van Wmo 2015, de actie valt onder de Participatiewet" in fout.value.message_dict["begrotingspost"][0]


def test_batenpost_of_post_van_een_ander_jaar_is_geen_keuze(generalist, doel, posten):
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, wet=ActieWet.PARTICIPATIEWET, begrotingspost=posten["uitkering"])
    assert "is geen lastenpost in de begroting 2026" in fout.value.message_dict["begrotingspost"][0]


def test_actie_zonder_wet_drukt_niet_op_een_post(generalist, doel, posten):
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, trede=Trede.EIGEN_KRACHT, begrotingspost=posten["re-integratie"])
    assert fout.value.message_dict["begrotingspost"] == ["Een actie zonder wet (eigen kracht, netwerk) drukt niet op een begrotingspost."]


def test_participatiewet_maatwerk_heeft_geen_catalogusproduct_nodig(generalist, doel, posten):
    actie = _actie(generalist, doel, wet=ActieWet.PARTICIPATIEWET, begrotingspost=posten["re-integratie"], voorziening="Werkervaringsplek")
    assert (actie.wet, actie.begrotingspost, actie.product) == (ActieWet.PARTICIPATIEWET, posten["re-integratie"], None)
    with pytest.raises(ValidationError) as fout:
        _actie(generalist, doel, wet=ActieWet.WMO)
    assert fout.value.message_dict["product"] == [services.PRODUCT_VERPLICHT]


def test_wet_en_post_staan_in_de_momentopname_en_de_vergelijking(plan, generalist, doel, posten):
    oud = services.momentopname(plan)
    _actie(generalist, doel, wet=ActieWet.PARTICIPATIEWET, begrotingspost=posten["re-integratie"], voorziening="Jobcoaching")
    plan.refresh_from_db()
    actie = services.momentopname(plan)["doelen"][0]["acties"][0]
    assert (actie["wet"], actie["begrotingspost"]) == ("Participatiewet", "re integratie")
    assert [v.nieuw for v in services.vergelijk(oud, services.momentopname(plan))] == ["x"]
