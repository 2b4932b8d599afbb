"""Every message Keukentafel sends validates against the official XSD, for iWmo and iJw.

301 (new, changed, removed 13, ended, several products), 319 (both answers) and the generic retours
302/306/308/316/318/320 (accepted, with codes on a berichtklasse, refused on the header).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from lxml import etree

from keukentafel.berichten import veilig, xsd
from keukentafel.berichten.aanbieder.retour import retour_op
from keukentafel.berichten.antwoord import stuur_antwoord
from keukentafel.berichten.codes import BERICHTCODES, RETOUR_VAN, basis_namespace, bericht_namespace
from keukentafel.berichten.models import Bericht, Richting
from keukentafel.berichten.opbouw import Opbouw, retourbericht
from keukentafel.besluiten import services
from keukentafel.codelijsten import RedenWijziging, Wet
from keukentafel.testing.factories import ContractFactory, ProductFactory, TariefFactory
from keukentafel.testing.istandaarden import istandaarden_map

from .conftest import ken_zin_toe
from .test_toewijzing import _verzoek

WETTEN = [Wet.WMO, Wet.JEUGDWET]


@pytest.fixture(autouse=True)
def _xsd_aan():
    istandaarden_map()


def geldig(root: etree._Element, wet: str, soort: str) -> None:
    fouten = xsd.valideer(root, wet, soort)
    assert fouten == [], [f.melding for f in fouten]


def geldig_bericht(b: Bericht) -> None:
    geldig(veilig.parse(b.xml.encode()).getroot(), b.wet, b.soort)


def uitgaand(soort: str) -> list[Bericht]:
    return list(Bericht.objects.filter(richting=Richting.UIT, soort=soort).order_by("pk"))


# ---------------------------------------------------------------------------------------------------
# 301 variants
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wet", WETTEN)
def test_301_varianten_valideren(wet, medewerker, persoon, jeugdige, product_wmo, product_jeugd, aanbieder, gemeente):
    client, product = (persoon, product_wmo) if wet == Wet.WMO else (jeugdige, product_jeugd)
    tweede = ProductFactory(wet=wet, productcategorie="07" if wet == Wet.WMO else "41", productcode="X0001",
                            naam="Tweede product", eenheid="16", frequentie="4")
    TariefFactory(contract=ContractFactory(aanbieder=aanbieder, regio=gemeente.regio), product=tweede)
    v1 = ken_zin_toe(medewerker, client, product, aanbieder)  # new
    v2 = ken_zin_toe(medewerker, client, tweede, aanbieder, einddatum=date(2027, 6, 30))  # several products
    v1 = services.wijzig(medewerker, v1, v1.version, reden_wijziging=RedenWijziging.VERKORTING, toelichting="Minder.", omvang=2)
    services.beeindig(medewerker, v1, v1.version, reden_beeindiging="02", per=timezone.localdate() + timedelta(days=3))  # ended
    services.trek_in(medewerker, v2, v2.version, reden_wijziging=RedenWijziging.VERWIJDERD, toelichting="Abuis.")  # removed 13
    berichten = [b for b in uitgaand("301") if b.wet == wet]
    assert len(berichten) == 5
    for b in berichten:
        geldig_bericht(b)
    assert ">13<" in berichten[-1].xml


# ---------------------------------------------------------------------------------------------------
# 319
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wet", WETTEN)
def test_319_beide_antwoorden_valideren(wet, persoon, aanbieder, gemeente):
    in_onderzoek = stuur_antwoord(_verzoek(persoon, aanbieder, gemeente, "A-1", wet=wet), verzoek_antwoord="2")
    afgewezen = stuur_antwoord(_verzoek(persoon, aanbieder, gemeente, "A-2", wet=wet), verzoek_antwoord="1", reden_afwijzing="4")
    for b in (in_onderzoek, afgewezen):
        assert b.wet == wet
        geldig_bericht(b)


# ---------------------------------------------------------------------------------------------------
# Generic retours on valid heen messages
# ---------------------------------------------------------------------------------------------------


def _voorbeeld(wet: str, soort: str, istandaarden) -> etree._Element:
    """The iWmo example 305/307; for iJw the same content in the iJw namespaces (the structures are equal)."""
    tekst = (istandaarden / "iwmo-3.2" / "examples" / f"WMO{soort}.xml").read_text(encoding="utf-8")
    if wet == Wet.JEUGDWET:
        tekst = tekst.replace(bericht_namespace(Wet.WMO, soort), bericht_namespace(wet, soort))
        tekst = tekst.replace(basis_namespace(Wet.WMO), basis_namespace(wet))
        tekst = tekst.replace(f">{BERICHTCODES[Wet.WMO][soort]}<", f">{BERICHTCODES[wet][soort]}<", 1)
        tekst = re.sub(r"Categorie>\d\d<", "Categorie>45<", tekst)  # JZ020 has other categories than WMO020
    root = veilig.parse(tekst.encode()).getroot()
    geldig(root, wet, soort)
    return root


def _client_kort(o: Opbouw, ouder: etree._Element) -> None:
    o.el(ouder, "Bsn", "999900006")
    g = o.el(ouder, "Geboortedatum")
    o.basis(g, "Datum", date(2012, 4, 1))
    o.el(ouder, "Geslacht", "1")
    n = o.el(ouder, "Naam")
    gn = o.basis(n, "Geslachtsnaam")
    o.basis(gn, "Achternaam", "Jansen")
    o.basis(n, "Voorletters", "P")


def _315(wet: str) -> etree._Element:
    o = Opbouw(wet, "315")
    o.header("73000001", "0384", "315-1", date(2026, 3, 1))
    c = o.el(o.root, "Client")
    _client_kort(o, c)
    aps = o.el(c, "AangevraagdeProducten")
    for ref in ("REF-A", "REF-B"):
        ap = o.el(aps, "AangevraagdProduct")
        o.el(ap, "ReferentieAanbieder", ref)
        p = o.el(ap, "Product")
        o.basis(p, "Categorie", "02" if wet == Wet.WMO else "45")
        o.basis(p, "Code", "02A01")
        o.el(ap, "ToewijzingIngangsdatum", date(2026, 4, 1))
        o.el(ap, "ToewijzingEinddatum", date(2026, 12, 31))
        om = o.el(ap, "Omvang")
        o.basis(om, "Volume", 4)
        o.basis(om, "Eenheid", "04")
        o.basis(om, "Frequentie", "2")
        v = o.el(ap, "Verwijzer")
        o.basis(v, "Type", "01")
    geldig(o.root, wet, "315")
    return o.root


def _317(wet: str) -> etree._Element:
    o = Opbouw(wet, "317")
    o.header("73000001", "0384", "317-1", date(2026, 3, 1))
    c = o.el(o.root, "Client")
    o.el(c, "Bsn", "999900006")
    v = o.el(c, "Verzoek")
    o.el(v, "ReferentieAanbieder", "VOW-1")
    o.el(v, "RedenVerzoek", "1")
    og = o.el(v, "OngewijzigdeProducten")
    o.el(o.el(og, "OngewijzigdProduct"), "ToewijzingNummer", 101)
    tw = o.el(v, "TeWijzigenProducten")
    t = o.el(tw, "TeWijzigenProduct")
    o.el(t, "ToewijzingNummer", 102)
    o.el(t, "GewensteIngangsdatum", date(2026, 5, 1))
    o.el(t, "Einddatum", date(2026, 12, 31))
    geldig(o.root, wet, "317")
    return o.root


def _heen(wet: str, soort: str, istandaarden, medewerker, persoon, jeugdige, product_wmo, product_jeugd, aanbieder, gemeente):
    if soort in ("305", "307"):
        return _voorbeeld(wet, soort, istandaarden)
    if soort == "315":
        return _315(wet)
    if soort == "317":
        return _317(wet)
    if soort == "301":
        client, product = (persoon, product_wmo) if wet == Wet.WMO else (jeugdige, product_jeugd)
        ken_zin_toe(medewerker, client, product, aanbieder)
        b = [b for b in uitgaand("301") if b.wet == wet][-1]
    else:
        b = stuur_antwoord(_verzoek(persoon, aanbieder, gemeente, "R-1", wet=wet), verzoek_antwoord="1", reden_afwijzing="1")
    return veilig.parse(b.xml.encode()).getroot()


#: A berichtklasse of each heen message that gets a code in the "with codes" variant.
KLASSE = {"301": "ToegewezenProduct", "305": "StartProduct", "307": "StopProduct", "315": "AangevraagdProduct",
          "317": "TeWijzigenProduct", "319": "Antwoord"}


@pytest.mark.parametrize("wet", WETTEN)
@pytest.mark.parametrize("soort_heen", ["301", "305", "307", "315", "317", "319"])
def test_generieke_retour_valideert(wet, soort_heen, medewerker, persoon, jeugdige, product_wmo, product_jeugd, aanbieder, gemeente):
    heen = _heen(wet, soort_heen, istandaarden_map(), medewerker, persoon, jeugdige, product_wmo, product_jeugd, aanbieder, gemeente)
    soort = RETOUR_VAN[soort_heen]
    ns = bericht_namespace(wet, soort_heen)
    klasse = next(heen.iter(f"{{{ns}}}{KLASSE[soort_heen]}"))
    varianten = {
        "geaccepteerd": {},
        "met codes": {"codes": {klasse: ["8001" if soort_heen != "319" else "9360", "0233"]}},
        "afgekeurd": {"headercodes": ["0001"]},
    }
    for naam, extra in varianten.items():
        o = retourbericht(heen, wet, soort_heen, identificatie_retour="RET-1", dagtekening_retour=date(2026, 3, 2), **extra)
        assert (o.wet, o.soort) == (wet, soort), naam
        geldig(o.root, wet, soort)


@pytest.mark.parametrize("wet", WETTEN)
def test_retour_op_van_de_aanbieder_valideert(wet, medewerker, persoon, jeugdige, product_wmo, product_jeugd, aanbieder, gemeente):
    """The provider-side builder used by tests and the simulator: 302 with codes per ToewijzingNummer, 320."""
    client, product = (persoon, product_wmo) if wet == Wet.WMO else (jeugdige, product_jeugd)
    v = ken_zin_toe(medewerker, client, product, aanbieder)
    b301 = [b for b in uitgaand("301") if b.wet == wet][-1]
    geldig(retour_op(b301.xml.encode(), identificatie_retour="X1", codes={v.toewijzingnummer: ["9379"]}).root, wet, "302")
    geldig(retour_op(b301.xml.encode(), identificatie_retour="X2").root, wet, "302")
    b319 = stuur_antwoord(_verzoek(persoon, aanbieder, gemeente, "R-9", wet=wet), verzoek_antwoord="2")
    geldig(retour_op(b319.xml.encode(), identificatie_retour="X3").root, wet, "320")
