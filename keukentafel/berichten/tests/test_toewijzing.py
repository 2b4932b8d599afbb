"""The 301: one message per client, provider and law (OP087), sent on every grant change, with TR379 and TR385."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from keukentafel.berichten import veilig
from keukentafel.berichten.codes import bericht_namespace
from keukentafel.berichten.models import (
    Bericht,
    Berichtstatus,
    Declaratie,
    Prestatie,
    Richting,
    Toewijzingsregel,
    Verzoek,
    Verzoeksoort,
)
from keukentafel.berichten.toewijzing import (
    Toewijzingsinhoud,
    lees_toewijzing,
    stuur_toewijzing,
    uitgesteld,
    voorletters,
)
from keukentafel.besluiten import services
from keukentafel.besluiten.models import Grondslag, Leveringsvorm, ToegewezenVoorziening, VoorzieningStatus
from keukentafel.besluiten.signalen import toewijzing_gewijzigd
from keukentafel.codelijsten import RedenWijziging, Wet
from keukentafel.inwoners.models import Geslacht
from keukentafel.testing.factories import AanbiederFactory, ContractFactory, PersoonFactory, ProductFactory, TariefFactory

from .conftest import BEGIN, EIND, ken_zin_toe


def toewijzingen(persoon, aanbieder=None) -> list[Bericht]:
    qs = Bericht.objects.filter(richting=Richting.UIT, soort="301", persoon=persoon)
    if aanbieder is not None:
        qs = qs.filter(aanbieder=aanbieder)
    return list(qs.order_by("pk"))


def inhoud(bericht: Bericht) -> Toewijzingsinhoud:
    return lees_toewijzing(veilig.parse(bericht.xml.encode()).getroot())


def regel(bericht: Bericht, nummer: int):
    return next(p for p in inhoud(bericht).producten if p.toewijzingnummer == nummer)


def nummers(bericht: Bericht) -> list[int]:
    return [p.toewijzingnummer for p in inhoud(bericht).producten]


def inkomend(wet: str, soort: str, gemeente, aanbieder, identificatie: str = "1") -> Bericht:
    return Bericht.objects.create(
        richting=Richting.IN, wet=wet, soort=soort, berichtcode="000", gemeente=gemeente, aanbieder=aanbieder,
        afzender=aanbieder.agb_code, ontvanger=gemeente.gemeentecode, identificatie=identificatie, xml="<x/>", sha256="0" * 64,
        status=Berichtstatus.VERWERKT,
    )


def goedgekeurde_prestatie(v: ToegewezenVoorziening, **velden) -> Prestatie:
    d = Declaratie.objects.create(
        bericht=inkomend(v.product.wet, "323", v.gemeente, v.aanbieder, identificatie=f"D{Declaratie.objects.count()}"),
        wet=v.product.wet, gemeente=v.gemeente, aanbieder=v.aanbieder, declaratienummer=f"D{Declaratie.objects.count()}",
        periode_begin=date(2026, 2, 1), periode_eind=date(2026, 2, 28), dagtekening=date(2026, 3, 2), ingediend_cent=86400,
    )
    waarden = dict(
        declaratie=d, aanbieder=v.aanbieder, wet=v.product.wet, voorziening=v, persoon=v.persoon, referentienummer=f"P{d.pk}",
        toewijzingnummer=v.toewijzingnummer, productcategorie=v.product.productcategorie, productcode=v.product.productcode,
        begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), geleverd_volume=16, eenheid=v.eenheid, ingediend_cent=86400,
        goedgekeurd=True, toegekend_cent=86400,
    )
    waarden.update(velden)
    return Prestatie.objects.create(**waarden)


# ---------------------------------------------------------------------------------------------------
# Content of one 301
# ---------------------------------------------------------------------------------------------------


def test_toekenning_stuurt_301_met_client_en_product(zin_toewijzing, persoon, aanbieder, gemeente):
    [b] = toewijzingen(persoon)
    assert b.wet == Wet.WMO and b.aanbieder == aanbieder and b.status == Berichtstatus.KLAAR and b.aantal_regels == 1
    i = inhoud(b)
    assert (i.afzender, i.ontvanger, i.identificatie) == (gemeente.gemeentecode, aanbieder.agb_code, b.identificatie)
    assert i.bsn == persoon.bsn and i.geboortedatum == date(1950, 3, 14) and i.geslacht == "2"
    assert (i.naam.achternaam, i.naam.voorvoegsel, i.naam.voornamen, i.naam.voorletters, i.naam.naamgebruik) == (
        "Dijk", "van", "Maria Johanna", "MJ", "1")
    [contact] = i.contacten
    assert contact.soort == "01" and contact.adres.postcode == persoon.postcode and contact.adres.landcode == "NL"
    assert contact.adres.huisnummer == persoon.huisnummer and contact.adres.straatnaam == "Dorpsstraat"
    [p] = i.producten
    assert p.toewijzingnummer == zin_toewijzing.toewijzingnummer
    assert (p.categorie, p.code, p.volume, p.eenheid, p.frequentie) == ("02", "02A01", 4, "04", "2")
    assert (p.ingangsdatum, p.einddatum, p.reden_wijziging, p.referentie_aanbieder) == (BEGIN, EIND, "", "")
    assert p.toewijzingsdatum == timezone.localdate()
    r = Toewijzingsregel.objects.get(bericht=b)
    assert r.voorziening == zin_toewijzing and r.omvang == 4 and r.einddatum == EIND


def test_jeugdwet_stuurt_jw301(jeugd_toewijzing, jeugdige):
    [b] = toewijzingen(jeugdige)
    assert b.wet == Wet.JEUGDWET and b.code == "JW301" and b.berichtcode == "436"
    root = veilig.parse(b.xml.encode()).getroot()
    assert root.tag == f"{{{bericht_namespace(Wet.JEUGDWET, '301')}}}Bericht"
    i = inhoud(b)
    assert i.geslacht == "1" and i.naam.voorletters == "S"
    assert [(p.categorie, p.code) for p in i.producten] == [("45", "45A01")]


def test_een_301_per_wet(medewerker, jeugdige, product_wmo, product_jeugd, aanbieder):
    """A Wmo and a Jeugdwet grant of one client at one provider are two messages (different standards).
    The client is a child: jeugdhulp ends at 18 (jeugd.regels)."""
    ken_zin_toe(medewerker, jeugdige, product_wmo, aanbieder)
    v = ken_zin_toe(medewerker, jeugdige, product_jeugd, aanbieder)
    wmo, jw = toewijzingen(jeugdige)
    assert (wmo.wet, jw.wet) == (Wet.WMO, Wet.JEUGDWET)
    assert nummers(jw) == [v.toewijzingnummer]


def test_een_301_per_aanbieder(zin_toewijzing, medewerker, persoon, product_wmo, gemeente):
    """OP087 is per provider: a grant at another provider does not go to the first one."""
    ander = AanbiederFactory()
    product = ProductFactory(productcategorie="07", productcode="07A01", naam="Dagbesteding", eenheid="16", frequentie="2")
    TariefFactory(contract=ContractFactory(aanbieder=ander, regio=gemeente.regio), product=product)
    v = ken_zin_toe(medewerker, persoon, product, ander)
    assert len(toewijzingen(persoon, zin_toewijzing.aanbieder)) == 1
    [b] = toewijzingen(persoon, ander)
    assert nummers(b) == [v.toewijzingnummer]


def test_persoon_zonder_adres_krijgt_geldige_301(medewerker, gemeente, product_wmo, aanbieder):
    """Contactgegevens needs a Contact; without a complete address it is a correspondence contact without Adres."""
    p = PersoonFactory(gebied=None, gemeente=gemeente, straat="", huisnummer=None, postcode="", woonplaats="",
                       voornamen="", geslacht=Geslacht.NIET_GESPECIFICEERD, telefoon="+31 6 1234 5678")
    ken_zin_toe(medewerker, p, product_wmo, aanbieder)
    [b] = toewijzingen(p)
    i = inhoud(b)
    assert i.geslacht == "0" and i.naam.voornamen == "" and i.naam.voorletters == ""
    [c] = i.contacten
    assert c.soort == "02" and c.adres is None
    assert [(t.nummer, t.landnummer) for t in c.telefoons] == [("0612345678", "0031")]


def test_lange_straatnaam_wordt_ingekort(medewerker, persoon, product_wmo, aanbieder):
    persoon.straat = "Burgemeester van Nieuwenhuizenstraat"
    persoon.save()
    ken_zin_toe(medewerker, persoon, product_wmo, aanbieder)
    [b] = toewijzingen(persoon)
    assert len(inhoud(b).contacten[0].adres.straatnaam) <= 24


def test_voorletters():
    assert voorletters("Jan-Willem Pieter") == "JP"
    assert voorletters("anna élise") == "AÉ"
    assert voorletters("A B C D E F G H") == "ABCDEF"
    assert voorletters("'t Jan") == "J"


# ---------------------------------------------------------------------------------------------------
# OP087: every grant valid today or later, plus every changed one
# ---------------------------------------------------------------------------------------------------


def test_op087_tweede_toewijzing_bevat_ook_de_eerste(zin_toewijzing, medewerker, persoon, aanbieder, gemeente):
    product = ProductFactory(productcategorie="01", productcode="01A01", naam="Huishoudelijke hulp", eenheid="04", frequentie="2")
    TariefFactory(contract=ContractFactory(aanbieder=aanbieder, regio=gemeente.regio), product=product)
    eerste = toewijzingen(persoon)[0]
    v2 = ken_zin_toe(medewerker, persoon, product, aanbieder)
    b = toewijzingen(persoon)[-1]
    assert sorted(nummers(b)) == sorted([zin_toewijzing.toewijzingnummer, v2.toewijzingnummer])
    # IV013: the unchanged toewijzing keeps its Toewijzingsdatum and -tijd.
    oud, nieuw = regel(eerste, zin_toewijzing.toewijzingnummer), regel(b, zin_toewijzing.toewijzingnummer)
    assert (oud.toewijzingsdatum, oud.toewijzingstijd) == (nieuw.toewijzingsdatum, nieuw.toewijzingstijd)


def test_wijziging_stuurt_301_met_reden(zin_toewijzing, medewerker, persoon):
    v = services.wijzig(medewerker, zin_toewijzing, zin_toewijzing.version, reden_wijziging=RedenWijziging.VERKORTING,
                        toelichting="Minder begeleiding nodig.", omvang=3)
    b = toewijzingen(persoon)[-1]
    p = regel(b, v.toewijzingnummer)
    assert (p.volume, p.reden_wijziging) == (3, "05")
    assert len(toewijzingen(persoon)) == 2


def test_intrekking_verwijderd_13(zin_toewijzing, medewerker, persoon):
    """OP033x1/CS335: 13 (Verwijderd) goes out with Einddatum = Ingangsdatum."""
    services.trek_in(medewerker, zin_toewijzing, zin_toewijzing.version, reden_wijziging=RedenWijziging.VERWIJDERD,
                     toelichting="Per abuis toegewezen.")
    b = toewijzingen(persoon)[-1]
    p = regel(b, zin_toewijzing.toewijzingnummer)
    assert (p.ingangsdatum, p.einddatum, p.reden_wijziging) == (BEGIN, BEGIN, "13")


def test_verwijderde_toewijzing_gaat_daarna_niet_meer_mee(zin_toewijzing, medewerker, persoon, product_jeugd, aanbieder, gemeente):
    """OP087: a removed grant (13) is no current grant; once the provider heard of the removal it is left out."""
    services.trek_in(medewerker, zin_toewijzing, zin_toewijzing.version, reden_wijziging=RedenWijziging.VERWIJDERD,
                     toelichting="Per abuis toegewezen.")
    product = ProductFactory(productcategorie="01", productcode="01A02", naam="Huishoudelijke hulp", eenheid="04", frequentie="2")
    TariefFactory(contract=ContractFactory(aanbieder=aanbieder, regio=gemeente.regio), product=product)
    v2 = ken_zin_toe(medewerker, persoon, product, aanbieder)
    assert nummers(toewijzingen(persoon)[-1]) == [v2.toewijzingnummer]


def test_intrekking_per_datum(zin_toewijzing, medewerker, persoon):
    per = timezone.localdate() + timedelta(days=30)
    services.trek_in(medewerker, zin_toewijzing, zin_toewijzing.version, reden_wijziging=RedenWijziging.VERHUIZING,
                     toelichting="Verhuist naar een andere gemeente.", per=per)
    p = regel(toewijzingen(persoon)[-1], zin_toewijzing.toewijzingnummer)
    assert (p.einddatum, p.reden_wijziging) == (per, "07")
    assert p.toewijzingsdatum == timezone.localdate()


def test_beeindiging_in_het_verleden_gaat_eenmaal_mee(zin_toewijzing, medewerker, persoon, aanbieder, gemeente):
    """An ending reaches the provider once (it changed); after that it is no longer valid and not sent again."""
    per = timezone.localdate() - timedelta(days=1)
    services.beeindig(medewerker, zin_toewijzing, zin_toewijzing.version, reden_beeindiging="02", per=per)
    p = regel(toewijzingen(persoon)[-1], zin_toewijzing.toewijzingnummer)
    assert (p.einddatum, p.reden_wijziging) == (per, "02")  # WMO588 02 overlijden → WMO002 02 cliënt overleden
    product = ProductFactory(productcategorie="01", productcode="01A03", naam="Huishoudelijke hulp", eenheid="04", frequentie="2")
    TariefFactory(contract=ContractFactory(aanbieder=aanbieder, regio=gemeente.regio), product=product)
    v2 = ken_zin_toe(medewerker, persoon, product, aanbieder, begindatum=timezone.localdate())
    assert nummers(toewijzingen(persoon)[-1]) == [v2.toewijzingnummer]


def test_beeindiging_jeugd_reden(jeugd_toewijzing, medewerker, jeugdige):
    per = timezone.localdate() + timedelta(days=10)
    services.beeindig(medewerker, jeugd_toewijzing, jeugd_toewijzing.version, reden_beeindiging="34", per=per)
    p = regel(toewijzingen(jeugdige)[-1], jeugd_toewijzing.toewijzingnummer)
    assert (p.einddatum, p.reden_wijziging) == (per, RedenWijziging.VERKORTING)


def test_gewijzigde_maar_verlopen_toewijzing_gaat_mee(zin_toewijzing, medewerker, persoon, product_wmo, aanbieder):
    """A change the provider has not seen goes along even when that grant is no longer valid (OP087 'plus gewijzigd')."""
    with uitgesteld():
        services.beeindig(medewerker, zin_toewijzing, zin_toewijzing.version, reden_beeindiging="19",
                          per=timezone.localdate() - timedelta(days=5))
        v2 = ken_zin_toe(medewerker, persoon, product_wmo, aanbieder, begindatum=timezone.localdate())
    b = toewijzingen(persoon)[-1]
    assert sorted(nummers(b)) == sorted([zin_toewijzing.toewijzingnummer, v2.toewijzingnummer])


def test_niets_gewijzigd_geen_nieuwe_301(zin_toewijzing, persoon, aanbieder, gemeente):
    assert stuur_toewijzing(persoon, aanbieder, gemeente, Wet.WMO) is None
    opnieuw = stuur_toewijzing(persoon, aanbieder, gemeente, Wet.WMO, opnieuw=True)
    assert opnieuw is not None and nummers(opnieuw) == [zin_toewijzing.toewijzingnummer]
    eerste = toewijzingen(persoon)[0]
    # IV013: a resend keeps Toewijzingsdatum and -tijd.
    assert regel(opnieuw, zin_toewijzing.toewijzingnummer).toewijzingstijd == regel(eerste, zin_toewijzing.toewijzingnummer).toewijzingstijd


# ---------------------------------------------------------------------------------------------------
# Which grants produce a 301
# ---------------------------------------------------------------------------------------------------


def _direct(persoon, product, medewerker, leveringsvorm, aanbieder=None) -> ToegewezenVoorziening:
    return ToegewezenVoorziening.objects.create(
        gemeente=persoon.gemeente, toewijzingnummer=900000 + ToegewezenVoorziening.objects.count(), persoon=persoon,
        product=product, grondslag=Grondslag.OVERGANGSRECHT, indicatiebron="CIZ", leveringsvorm=leveringsvorm, aanbieder=aanbieder,
        tarief_cent=5000, omvang=4, eenheid=product.eenheid, frequentie=product.frequentie, begindatum=BEGIN, einddatum=EIND,
        toegekend_door=medewerker, toegekend_op=BEGIN,
    )


def test_geen_301_voor_pgb(medewerker, persoon, product_wmo):
    v = _direct(persoon, product_wmo, medewerker, Leveringsvorm.PGB)
    toewijzing_gewijzigd.send(ToegewezenVoorziening, voorziening=v, soort="toekenning", door=medewerker)
    assert toewijzingen(persoon) == []


def test_301_voor_pvb(medewerker, persoon, product_wmo, aanbieder):
    v = _direct(persoon, product_wmo, medewerker, Leveringsvorm.PVB, aanbieder)
    toewijzing_gewijzigd.send(ToegewezenVoorziening, voorziening=v, soort="toekenning", door=medewerker)
    [b] = toewijzingen(persoon)
    assert nummers(b) == [v.toewijzingnummer]


def test_cd076_geen_301_per_week_zonder_einddatum(medewerker, persoon, product_wmo, aanbieder):
    """CD076: a 301 line per week needs an Einddatum, so the grant service refuses such a grant and nothing goes out."""
    with pytest.raises(ValidationError, match="CD076"):
        ken_zin_toe(medewerker, persoon, product_wmo, aanbieder, einddatum=None)
    assert toewijzingen(persoon) == [] and not ToegewezenVoorziening.objects.filter(persoon=persoon).exists()


def test_pgb_toewijzing_gaat_niet_mee_in_301(zin_toewijzing, medewerker, persoon, product_jeugd, aanbieder):
    """Only ZIN and PVB grants are in a 301, even for the same client and law."""
    _direct(persoon, ProductFactory(productcategorie="03", productcode="03A01"), medewerker, Leveringsvorm.PGB)
    b = stuur_toewijzing(persoon, aanbieder, persoon.gemeente, Wet.WMO, opnieuw=True)
    assert nummers(b) == [zin_toewijzing.toewijzingnummer]


# ---------------------------------------------------------------------------------------------------
# uitgesteld(): one 301 for several changes
# ---------------------------------------------------------------------------------------------------


def test_uitgesteld_bundelt_tot_een_301(medewerker, persoon, product_wmo, aanbieder, gemeente):
    product = ProductFactory(productcategorie="01", productcode="01A04", naam="Huishoudelijke hulp", eenheid="04", frequentie="2")
    TariefFactory(contract=ContractFactory(aanbieder=aanbieder, regio=gemeente.regio), product=product)
    with uitgesteld():
        v1 = ken_zin_toe(medewerker, persoon, product_wmo, aanbieder)
        with uitgesteld():  # re-entrant: only the outermost block sends
            v2 = ken_zin_toe(medewerker, persoon, product, aanbieder)
        assert toewijzingen(persoon) == []
    [b] = toewijzingen(persoon)
    assert sorted(nummers(b)) == sorted([v1.toewijzingnummer, v2.toewijzingnummer])


def test_uitgesteld_verstuurt_niets_bij_fout(medewerker, persoon, product_wmo, aanbieder):
    with pytest.raises(RuntimeError), uitgesteld():
        ken_zin_toe(medewerker, persoon, product_wmo, aanbieder)
        raise RuntimeError("afgebroken")
    assert toewijzingen(persoon) == []
    with uitgesteld():
        pass
    assert toewijzingen(persoon) == []


# ---------------------------------------------------------------------------------------------------
# TR379 ReferentieAanbieder
# ---------------------------------------------------------------------------------------------------


def _verzoek(persoon, aanbieder, gemeente, referentie="VOT-2026-001", wet=Wet.WMO) -> Verzoek:
    return Verzoek.objects.create(
        soort=Verzoeksoort.TOEWIJZING, wet=wet, bericht=inkomend(wet, "315", gemeente, aanbieder, identificatie=referentie[-6:]),
        gemeente=gemeente, aanbieder=aanbieder, persoon=persoon, referentie_aanbieder=referentie, inhoud={},
    )


def test_tr379_referentie_alleen_bij_honorering(medewerker, persoon, product_wmo, aanbieder, gemeente):
    verzoek = _verzoek(persoon, aanbieder, gemeente)
    with uitgesteld():
        v = ken_zin_toe(medewerker, persoon, product_wmo, aanbieder)
        verzoek.voorzieningen.add(v)
    [b] = toewijzingen(persoon)
    assert regel(b, v.toewijzingnummer).referentie_aanbieder == "VOT-2026-001"
    assert Toewijzingsregel.objects.get(bericht=b).referentie_aanbieder == "VOT-2026-001"
    # Only the first time after honouring: a later change goes without it.
    services.wijzig(medewerker, v, v.version, reden_wijziging=RedenWijziging.VERKORTING, toelichting="Minder.", omvang=2)
    assert regel(toewijzingen(persoon)[-1], v.toewijzingnummer).referentie_aanbieder == ""


def test_tr379_geen_referentie_zonder_verzoek(zin_toewijzing, persoon):
    assert regel(toewijzingen(persoon)[0], zin_toewijzing.toewijzingnummer).referentie_aanbieder == ""


def test_tr379_vow_honorering_ook_voor_ongewijzigde(zin_toewijzing, medewerker, persoon, aanbieder, gemeente):
    """IV093: every ToegewezenProduct of an honoured VOW carries its ReferentieAanbieder, the unchanged ones too."""
    vow = _verzoek(persoon, aanbieder, gemeente, referentie="VOW-7")
    vow.soort = Verzoeksoort.WIJZIGING
    vow.save()
    with uitgesteld():
        vow.voorzieningen.add(zin_toewijzing)
        toewijzing_gewijzigd.send(ToegewezenVoorziening, voorziening=zin_toewijzing, soort="wijziging", door=medewerker)
    eerste, tweede = toewijzingen(persoon)
    p1, p2 = regel(eerste, zin_toewijzing.toewijzingnummer), regel(tweede, zin_toewijzing.toewijzingnummer)
    assert p2.referentie_aanbieder == "VOW-7"
    assert (p1.toewijzingsdatum, p1.toewijzingstijd) == (p2.toewijzingsdatum, p2.toewijzingstijd)  # content unchanged


# ---------------------------------------------------------------------------------------------------
# TR385: no removal (13) of a grant with approved, not credited prestaties
# ---------------------------------------------------------------------------------------------------


def test_tr385_verwijderen_met_goedgekeurde_prestatie_geweigerd(zin_toewijzing, medewerker, persoon):
    goedgekeurde_prestatie(zin_toewijzing)
    with pytest.raises(ValidationError, match="TR385"):
        services.trek_in(medewerker, zin_toewijzing, zin_toewijzing.version, reden_wijziging=RedenWijziging.VERWIJDERD,
                         toelichting="Per abuis.")
    zin_toewijzing.refresh_from_db()
    assert zin_toewijzing.status == VoorzieningStatus.ACTIEF and zin_toewijzing.einddatum == EIND
    assert len(toewijzingen(persoon)) == 1


def test_tr385_gecrediteerde_of_afgewezen_prestatie_staat_verwijderen_toe(zin_toewijzing, medewerker, persoon):
    goedgekeurde_prestatie(zin_toewijzing, gecrediteerd=True)
    goedgekeurde_prestatie(zin_toewijzing, goedgekeurd=False, toegekend_cent=0)
    services.trek_in(medewerker, zin_toewijzing, zin_toewijzing.version, reden_wijziging=RedenWijziging.VERWIJDERD,
                     toelichting="Per abuis.")
    assert regel(toewijzingen(persoon)[-1], zin_toewijzing.toewijzingnummer).reden_wijziging == "13"


def test_tr385_intrekking_met_andere_reden_mag(zin_toewijzing, medewerker, persoon):
    goedgekeurde_prestatie(zin_toewijzing)
    per = timezone.localdate()
    services.trek_in(medewerker, zin_toewijzing, zin_toewijzing.version, reden_wijziging=RedenWijziging.VERKORTING,
                     toelichting="Minder nodig.", per=per)
    assert regel(toewijzingen(persoon)[-1], zin_toewijzing.toewijzingnummer).einddatum == per
