"""Jeugdhulp to 18, verlengde jeugdhulp to 23 on a legal ground only, and the 18-/18+ transition worklist."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import Rol
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.besluiten import services as besluiten
from keukentafel.besluiten.models import Grondslag, Leveringsvorm
from keukentafel.besluiten.regels import Regelovertreding, Toekenningsverzoek
from keukentafel.inwoners.models import Huishoudlid, LidRol, Persoon, SoortMaatregel
from keukentafel.jeugd import services
from keukentafel.jeugd.models import GrondVerlenging, OvergangUitkomst
from keukentafel.jeugd.regels import verjaardag
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory, PersoonFactory

ACHTTIEN = date(2029, 3, 1)  # the fixture's jeugdige, born 2011-03-01


def ken_toe(door, persoon, product, aanbieder, begin, eind):
    v = Toekenningsverzoek(persoon=persoon, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=2, eenheid=product.eenheid,
                           frequentie=product.frequentie, begindatum=begin, einddatum=eind, aanbieder=aanbieder)
    return besluiten.ken_toe(door, v, grondslag=Grondslag.OVERGANGSRECHT, indicatiebron="BJZ")


def verleng(door, persoon, grond, tot, versie=None):
    return services.leg_overgang_vast(door, persoon, versie, uitkomst=OvergangUitkomst.VERLENGDE_JEUGDHULP, grond_verlenging=grond,
                                      verlengd_tot=tot, motivering="Behandeling loopt nog; stoppen zou de resultaten tenietdoen.")


def test_jeugdhulp_tot_de_dag_voor_de_18e_verjaardag_mag(generalist, jeugdige, product_jeugd, aanbieder):
    assert ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 9, 1), date(2029, 2, 28)).pk


@pytest.mark.parametrize("eind", [ACHTTIEN, date(2029, 12, 31)], ids=["op_verjaardag", "erna"])
def test_jeugdhulp_na_18_zonder_verlenging_geweigerd(generalist, jeugdige, product_jeugd, aanbieder, eind):
    with pytest.raises(Regelovertreding) as exc:
        ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 9, 1), eind)
    assert exc.value.regels == ["jeugd_leeftijdsgrens"]
    assert "18e verjaardag (01-03-2029)" in exc.value.messages[0] and "28-02-2029" in exc.value.messages[0]


def test_jeugdhulp_zonder_einddatum_loopt_over_de_18_heen_en_wordt_geweigerd(jeugdige, product_jeugd, aanbieder):
    from keukentafel.jeugd.regels import leeftijd_fout

    v = Toekenningsverzoek(persoon=jeugdige, product=product_jeugd, leveringsvorm=Leveringsvorm.ZIN, omvang=2, eenheid="04",
                           frequentie="4", begindatum=date(2026, 12, 1), einddatum=None, aanbieder=aanbieder)
    assert "18e verjaardag" in leeftijd_fout(v, jeugdige.gemeente)


def test_leeftijdsgrens_volgt_het_beleid(generalist, jeugdige, product_jeugd, aanbieder):
    Beleidsinstelling.objects.create(sleutel=Sleutel.JEUGD_LEEFTIJDSGRENS, gemeente=jeugdige.gemeente, waarde=17,
                                     geldig_vanaf=date(2026, 1, 1), bron="Test")
    with pytest.raises(Regelovertreding, match="17e verjaardag"):
        ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2027, 9, 1), date(2028, 6, 30))


def test_verlengde_jeugdhulp_bij_voortzetting_van_jeugdhulp_van_voor_18(generalist, jeugdige, product_jeugd, aanbieder):
    ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 9, 1), date(2029, 2, 28))
    verleng(generalist, jeugdige, GrondVerlenging.VOORTZETTING, date(2030, 2, 28))
    assert ken_toe(generalist, jeugdige, product_jeugd, aanbieder, ACHTTIEN, date(2030, 2, 28)).pk
    with pytest.raises(Regelovertreding, match="vastgelegd tot 28-02-2030"):
        ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2030, 3, 1), date(2030, 6, 30))


def test_voortzetting_zonder_jeugdhulp_voor_18_geweigerd(generalist, jeugdige, product_jeugd, aanbieder):
    verleng(generalist, jeugdige, GrondVerlenging.VOORTZETTING, date(2030, 2, 28))
    with pytest.raises(Regelovertreding, match="voortzetting"):
        ken_toe(generalist, jeugdige, product_jeugd, aanbieder, ACHTTIEN, date(2029, 12, 31))


@pytest.mark.parametrize("begin, mag", [(date(2029, 8, 1), True), (date(2029, 10, 1), False)], ids=["binnen_half_jaar", "te_laat"])
def test_hervatting_alleen_binnen_een_half_jaar(generalist, jeugdige, product_jeugd, aanbieder, begin, mag):
    ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 9, 1), date(2029, 2, 28))
    verleng(generalist, jeugdige, GrondVerlenging.HERVATTING, date(2030, 12, 31))
    if mag:
        assert ken_toe(generalist, jeugdige, product_jeugd, aanbieder, begin, date(2029, 12, 31)).pk
    else:
        with pytest.raises(Regelovertreding, match="half jaar"):
            ken_toe(generalist, jeugdige, product_jeugd, aanbieder, begin, date(2029, 12, 31))


def test_verlenging_op_grond_van_jeugdreclassering(generalist, jeugdige, product_jeugd, aanbieder):
    verleng(generalist, jeugdige, GrondVerlenging.JEUGDRECLASSERING, date(2030, 6, 30))
    with pytest.raises(Regelovertreding, match="jeugdreclassering"):
        ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2029, 4, 1), date(2029, 12, 31))
    services.leg_maatregel_vast(generalist, jeugdige, soort=SoortMaatregel.JEUGDRECLASSERING, gecertificeerde_instelling="JR West",
                                begindatum=date(2029, 1, 1), jeugdbeschermer="P. Jansen")
    assert ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2029, 4, 1), date(2029, 12, 31)).pk


def test_nooit_na_de_23e_verjaardag(generalist, jeugdige, product_jeugd, aanbieder):
    ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 9, 1), date(2029, 2, 28))
    with pytest.raises(ValidationError) as exc:
        verleng(generalist, jeugdige, GrondVerlenging.VOORTZETTING, date(2034, 3, 1))
    assert "verlengd_tot" in exc.value.message_dict
    verleng(generalist, jeugdige, GrondVerlenging.VOORTZETTING, date(2034, 2, 28))
    with pytest.raises(Regelovertreding, match="23e verjaardag"):
        ken_toe(generalist, jeugdige, product_jeugd, aanbieder, ACHTTIEN, date(2034, 3, 31))


def test_verlenging_vraagt_grond_einde_en_motivering(generalist, jeugdige):
    with pytest.raises(ValidationError) as exc:
        services.leg_overgang_vast(generalist, jeugdige, None, uitkomst=OvergangUitkomst.VERLENGDE_JEUGDHULP)
    assert set(exc.value.message_dict) == {"grond_verlenging", "verlengd_tot", "motivering"}


def test_verjaardag_op_29_februari():
    assert verjaardag(Persoon(geboortedatum=date(2012, 2, 29)), 18) == date(2030, 3, 1)


def test_wmo_kent_geen_jeugdleeftijdsgrens(generalist, ouder, aanbieder):
    from keukentafel.jeugd.regels import leeftijd_fout
    from keukentafel.testing.factories import ProductFactory

    v = Toekenningsverzoek(persoon=ouder, product=ProductFactory(), leveringsvorm=Leveringsvorm.ZIN, omvang=2, eenheid="04",
                           frequentie="2", begindatum=date(2026, 1, 1), einddatum=None, aanbieder=aanbieder)
    assert leeftijd_fout(v, ouder.gemeente) is None


# --- transition worklist ------------------------------------------------------------------------------


def test_overgangslijst_toont_jeugdigen_met_lopende_jeugdhulp_die_binnen_de_voorloop_18_worden(
    generalist, gebied, huishouden, jeugdige, product_jeugd, aanbieder
):
    op = date(2028, 6, 1)  # nine months before the 18th birthday; default voorloop is 12 months
    g = ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 1, 1), date(2029, 2, 28))
    jonger = PersoonFactory(gebied=gebied, geboortedatum=date(2012, 3, 1))  # 18 in 2030: outside the window
    Huishoudlid.objects.create(huishouden=huishouden, persoon=jonger, rol=LidRol.KIND, begindatum=date(2020, 1, 1))
    ken_toe(generalist, jonger, product_jeugd, aanbieder, date(2028, 1, 1), date(2029, 12, 31))
    zonder_hulp = PersoonFactory(gebied=gebied, geboortedatum=date(2010, 9, 1))
    Huishoudlid.objects.create(huishouden=huishouden, persoon=zonder_hulp, rol=LidRol.KIND, begindatum=date(2020, 1, 1))
    [rij] = services.overgangslijst(generalist, op)
    assert (rij.persoon, rij.huishouden, rij.achttien, rij.lopend, rij.geregeld) == (jeugdige, huishouden, ACHTTIEN, [g], False)
    services.leg_overgang_vast(generalist, jeugdige, None, uitkomst=OvergangUitkomst.WMO, motivering="Begeleiding via Wmo")
    [rij] = services.overgangslijst(generalist, op)
    assert rij.geregeld and rij.overgang.get_uitkomst_display() == "Ondersteuning via de Wmo 2015"


def test_overgangslijst_voorloop_volgt_het_beleid(generalist, jeugdige, product_jeugd, aanbieder):
    ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 1, 1), date(2029, 2, 28))
    Beleidsinstelling.objects.create(sleutel=Sleutel.OVERGANG_18_VOORLOOP_MAANDEN, gemeente=jeugdige.gemeente, waarde=6,
                                     geldig_vanaf=date(2015, 1, 1), bron="Test")
    assert services.overgangslijst(generalist, date(2028, 6, 1)) == []
    assert len(services.overgangslijst(generalist, date(2028, 9, 1))) == 1


def test_overgangslijst_alleen_zichtbare_huishoudens(generalist, jeugdige, product_jeugd, aanbieder):
    ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 1, 1), date(2029, 2, 28))
    elders = MedewerkerFactory(rol=Rol.GENERALIST, team__gebied__gemeente=generalist.team.gebied.gemeente)
    beleid = MedewerkerFactory(rol=Rol.BELEID, team=generalist.team)
    assert services.overgangslijst(elders, date(2028, 6, 1)) == []
    assert services.overgangslijst(beleid, date(2028, 6, 1)) == []
    HuishoudenFactory()  # unrelated data does not leak in
    assert len(services.overgangslijst(generalist, date(2028, 6, 1))) == 1


def test_overgang_wijzigen_met_verouderde_versie_geweigerd(generalist, jeugdige):
    from keukentafel.inwoners.services import GelijktijdigGewijzigd

    o = services.leg_overgang_vast(generalist, jeugdige, None, uitkomst=OvergangUitkomst.WMO)
    services.leg_overgang_vast(generalist, jeugdige, o.version, uitkomst=OvergangUitkomst.PARTICIPATIEWET)
    with pytest.raises(GelijktijdigGewijzigd):
        services.leg_overgang_vast(generalist, jeugdige, o.version, uitkomst=OvergangUitkomst.NIETS_NODIG)


def test_voortzetting_geldt_ook_voor_een_nieuwe_toewijzing_die_voor_de_18e_verjaardag_begint(generalist, jeugdige, product_jeugd,
                                                                                             aanbieder):
    """One new grant from 17 to 19: jeugdhulp begun before 18 and continued after it, though no earlier grant was saved."""
    verleng(generalist, jeugdige, GrondVerlenging.VOORTZETTING, date(2030, 2, 28))
    g = ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 9, 1), date(2030, 2, 28))
    assert (g.begindatum, g.einddatum) == (date(2028, 9, 1), date(2030, 2, 28))


def test_verlenging_niet_in_te_trekken_zolang_verlengde_toewijzingen_lopen(generalist, jeugdige, product_jeugd, aanbieder):
    ken_toe(generalist, jeugdige, product_jeugd, aanbieder, date(2028, 9, 1), date(2029, 2, 28))
    o = verleng(generalist, jeugdige, GrondVerlenging.VOORTZETTING, date(2030, 2, 28))
    g = ken_toe(generalist, jeugdige, product_jeugd, aanbieder, ACHTTIEN, date(2030, 2, 28))
    with pytest.raises(ValidationError) as exc:
        services.leg_overgang_vast(generalist, jeugdige, o.version, uitkomst=OvergangUitkomst.WMO, motivering="Wmo")
    tekst = " ".join(exc.value.message_dict["uitkomst"])
    assert f"toewijzing {g.toewijzingnummer}" in tekst and product_jeugd.naam in tekst
    with pytest.raises(ValidationError) as exc:  # nor shortened below the grant's end
        verleng(generalist, jeugdige, GrondVerlenging.VOORTZETTING, date(2029, 12, 31), versie=o.version)
    assert f"toewijzing {g.toewijzingnummer}" in " ".join(exc.value.message_dict["verlengd_tot"])
    o.refresh_from_db()
    assert o.uitkomst == OvergangUitkomst.VERLENGDE_JEUGDHULP and o.verlengd_tot == date(2030, 2, 28)


def test_overgangslijst_toont_ook_jeugdigen_met_alleen_een_ots_of_voogdij(generalist, jeugdige):
    """An OTS or voogdij ends at 18: the youth is on the list even without a grant."""
    m = services.leg_maatregel_vast(generalist, jeugdige, soort=SoortMaatregel.ONDERTOEZICHTSTELLING,
                                    gecertificeerde_instelling="Jeugdbescherming West", begindatum=date(2027, 1, 1),
                                    jeugdbeschermer="P. Jansen")
    [rij] = services.overgangslijst(generalist, date(2028, 6, 1))
    assert (rij.persoon, rij.lopend, rij.maatregelen, rij.achttien) == (jeugdige, [], [m], ACHTTIEN)
    services.beeindig_maatregel(generalist, m, einddatum=date(2028, 1, 1), reden="Doel bereikt")
    assert services.overgangslijst(generalist, date(2028, 6, 1)) == []


def test_gelijktijdige_eerste_vastlegging_van_de_overgang_geeft_een_nette_melding(generalist, collega, jeugdige, monkeypatch):
    """Two first saves at once: the second gets 'gelijktijdig gewijzigd' (a 409 on the form), not a database error."""
    from django.db import transaction

    from keukentafel.inwoners.services import GelijktijdigGewijzigd
    from keukentafel.jeugd.models import Overgang18

    services.leg_overgang_vast(generalist, jeugdige, None, uitkomst=OvergangUitkomst.WMO)
    monkeypatch.setattr(services, "_bestaande_overgang", lambda persoon: None)  # it read "none yet" before the first commit
    with transaction.atomic(), pytest.raises(GelijktijdigGewijzigd, match="overgang 18-/18\\+"):
        services.leg_overgang_vast(collega, jeugdige, None, uitkomst=OvergangUitkomst.NIETS_NODIG)
    assert Overgang18.objects.get(persoon=jeugdige).uitkomst == OvergangUitkomst.WMO
