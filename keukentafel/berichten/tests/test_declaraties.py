"""The 323 declaratie and its 325 answer: every prestatie rule with its retourcode, the answer shapes against the XSD,
idempotency, the credit flow and the realisation finance uses."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import timezone
from lxml import etree

from keukentafel.berichten import xsd
from keukentafel.berichten.aanbieder.declaratie import Prestatieregel, declaratie
from keukentafel.berichten.models import Bericht, Berichtstatus, Declaratie, Prestatie, Richting, Toewijzingsregel
from keukentafel.berichten.realisatie import realisatie
from keukentafel.berichten.verwerking import ontvang
from keukentafel.besluiten.models import ToegewezenVoorziening, VoorzieningStatus
from keukentafel.codelijsten import Eenheid, Frequentie, RedenWijziging, Wet
from keukentafel.testing.factories import AanbiederFactory, ContractFactory, PersoonFactory, TariefFactory
from keukentafel.testing.istandaarden import istandaarden_map

from .conftest import ken_zin_toe

JAN = (date(2026, 1, 1), date(2026, 1, 31))
FEB = (date(2026, 2, 1), date(2026, 2, 28))
MRT = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture(autouse=True)
def _xsd(settings, tmp_path):
    istandaarden_map()
    settings.BERICHTEN_DIR = tmp_path / "berichten"


def regel(v: ToegewezenVoorziening, ref: str = "R1", **anders) -> Prestatieregel:
    """A correct prestatie for January 2026 on grant `v` (4 hours a week from 5 January: 4 weeks, 16 hours)."""
    tarief = 5400 if v.product.wet == Wet.WMO else 8000
    waarden = dict(
        bsn=v.persoon.bsn, referentienummer=ref, toewijzingnummer=v.toewijzingnummer,
        productcategorie=v.product.productcategorie, productcode=v.product.productcode, begindatum=date(2026, 1, 5),
        einddatum=date(2026, 1, 31), volume=16, eenheid=Eenheid.UUR, tarief_cent=tarief, bedrag_cent=16 * tarief,
    )
    waarden.update(anders)
    if "bedrag_cent" not in anders and waarden["tarief_cent"] is not None:
        waarden["bedrag_cent"] = waarden["volume"] * waarden["tarief_cent"]
    return Prestatieregel(**waarden)


_teller = iter(range(1, 10**6))


def bericht(aanbieder, gemeente, regels, *, wet=Wet.WMO, periode=JAN, nummer=None, identificatie=None):
    i = next(_teller)
    return declaratie(
        wet, agb=aanbieder.agb_code, gemeentecode=gemeente.gemeentecode, identificatie=identificatie or f"ID{i}",
        dagtekening=date(2026, 11, 1), declaratienummer=nummer or f"D{i}", periode_begin=periode[0], periode_eind=periode[1],
        prestaties=regels,
    )


def stuur(aanbieder, gemeente, regels, **kw):
    o = bericht(aanbieder, gemeente, regels, **kw)
    return ontvang(o.bytes(), kanaal="cli")


def _lokaal(e) -> str:
    return etree.QName(e).localname


def lees_325(ontvangst) -> dict:
    """The answer in a form tests can compare: header codes, DeclaratieAntwoord codes and totals, codes per reference."""
    assert ontvangst.antwoord is not None, ontvangst.fouten
    root = etree.fromstring(ontvangst.antwoord.xml.encode())
    assert xsd.valideer(root, ontvangst.antwoord.wet, "325") == []
    uit = {"header": [], "declaratie": None, "prestaties": {}, "clienten": []}
    for e in root:
        if _lokaal(e) == "Header":
            uit["header"] = [c.text for c in e.find(f"{{{etree.QName(e).namespace}}}RetourCodes")]
        elif _lokaal(e) == "DeclaratieAntwoord":
            ns = etree.QName(e).namespace
            uit["declaratie"] = [c.text for c in e.find(f"{{{ns}}}RetourCodes")]
            for naam in ("TotaalIngediendBedrag", "TotaalToegekendBedrag"):
                t = e.find(f"{{{ns}}}{naam}")
                uit[naam] = int(t[0].text) * (-1 if t[1].text == "C" else 1)
            for c in e.iter(f"{{{ns}}}Client"):
                uit["clienten"].append([x.text for x in c.find(f"{{{ns}}}RetourCodes")])
            for p in e.iter(f"{{{ns}}}Prestatie"):
                ref = next(x for x in p.iter() if _lokaal(x) == "ReferentieNummer").text
                uit["prestaties"][ref] = [x.text for x in p.find(f"{{{ns}}}RetourCodes")]
    return uit


def codes_van(aanbieder, gemeente, regels, ref="R1", **kw) -> list[str]:
    uit = lees_325(stuur(aanbieder, gemeente, regels, **kw))
    return uit["prestaties"].get(ref, [])


# ---------------------------------------------------------------------------------------------------
# Shapes of the 325
# ---------------------------------------------------------------------------------------------------


def test_volledig_toegewezen_wmo(zin_toewijzing, aanbieder, gemeente):
    o = stuur(aanbieder, gemeente, [regel(zin_toewijzing)])
    assert o.http_status == 200
    uit = lees_325(o)
    assert uit["header"] == ["0200"]
    assert uit["declaratie"] == ["8001"]
    assert uit["prestaties"] == {} and uit["clienten"] == []
    assert uit["TotaalIngediendBedrag"] == uit["TotaalToegekendBedrag"] == 16 * 5400
    d = Declaratie.objects.get()
    assert (d.ingediend_cent, d.toegekend_cent, d.aantal_prestaties, d.aantal_afgewezen) == (86400, 86400, 1, 0)
    p = Prestatie.objects.get()
    assert p.goedgekeurd and p.toegekend_cent == 86400 and p.voorziening == zin_toewijzing and p.persoon == zin_toewijzing.persoon
    assert o.bericht.persoon_id == zin_toewijzing.persoon_id
    # Header of the 325 refers to the 323 (IV087).
    root = etree.fromstring(o.antwoord.xml.encode())
    ident = [e.text for e in root.iter() if _lokaal(e) == "Identificatie"]
    assert ident[1] == o.bericht.identificatie
    assert o.antwoord.heenbericht == o.bericht and o.antwoord.soort == "325"


def test_volledig_toegewezen_jeugdwet(jeugd_toewijzing, aanbieder, gemeente):
    uit = lees_325(stuur(aanbieder, gemeente, [regel(jeugd_toewijzing)], wet=Wet.JEUGDWET))
    assert uit["declaratie"] == ["8001"]
    assert Declaratie.objects.get().wet == Wet.JEUGDWET


def test_deels_afgewezen(zin_toewijzing, jeugdige, aanbieder, gemeente):
    goed = regel(zin_toewijzing, "GOED")
    fout = regel(zin_toewijzing, "FOUT", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=1, tarief_cent=5500)
    uit = lees_325(stuur(aanbieder, gemeente, [goed, fout], periode=FEB))
    assert uit["header"] == ["0200"] and uit["declaratie"] == ["0200"]
    assert list(uit["prestaties"]) == ["FOUT"] and uit["prestaties"]["FOUT"] == ["0611"]
    assert uit["clienten"] == [["0200"]]
    assert uit["TotaalToegekendBedrag"] == 86400
    assert uit["TotaalIngediendBedrag"] - uit["TotaalToegekendBedrag"] == 5500
    d = Declaratie.objects.get()
    assert (d.toegekend_cent, d.aantal_afgewezen) == (86400, 1)
    assert Prestatie.objects.get(referentienummer="FOUT").retourcodes == "0611"


def test_afkeur_op_declaratieniveau_9333(zin_toewijzing, aanbieder, gemeente):
    stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A")], nummer="DNR1")
    o = stuur(aanbieder, gemeente, [regel(zin_toewijzing, "B", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28),
                                          volume=20)], nummer="DNR1", periode=FEB)
    uit = lees_325(o)
    assert uit["declaratie"] == ["9333"] and uit["header"] == ["0200"]
    assert uit["TotaalToegekendBedrag"] == 0 and uit["prestaties"] == {}
    assert Declaratie.objects.count() == 1 and not Prestatie.objects.filter(referentienummer="B").exists()
    assert o.bericht.aantal_afgekeurd == 1


def test_niveau2_totaal_klopt_niet_alleen_header(zin_toewijzing, aanbieder, gemeente):
    """TR358: TotaalIngediendBedrag differs from the sum of the prestaties: 0001 in the Header, nothing else."""
    o = bericht(aanbieder, gemeente, [regel(zin_toewijzing)])
    next(e for e in o.root.iter() if _lokaal(e) == "TotaalBedrag").text = "1"
    ontvangst = ontvang(o.bytes(), kanaal="cli")
    uit = lees_325(ontvangst)
    assert uit["header"] == ["0001"] and uit["declaratie"] is None
    assert not Declaratie.objects.exists()
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD
    assert any(f["code"] == "0001" for f in ontvangst.bericht.fouten)


def test_niveau2_dubbele_debet_in_bericht(zin_toewijzing, aanbieder, gemeente):
    """TR416: two debets for the same toewijzing, product and period in one message."""
    uit = lees_325(stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A"), regel(zin_toewijzing, "B", volume=1)]))
    assert uit["header"] == ["0001"]


def test_niveau2_afgekeurd_geeft_identificatie_vrij_voor_het_verbeterde_bericht(zin_toewijzing, aanbieder, gemeente):
    """A 323 refused as a whole counts as not sent: the corrected one may reuse its BerichtIdentificatie (TR056)."""
    fout = bericht(aanbieder, gemeente, [regel(zin_toewijzing)], identificatie="IDHERSTEL1", nummer="DNRH1")
    next(e for e in fout.root.iter() if _lokaal(e) == "TotaalBedrag").text = "1"
    eerste = ontvang(fout.bytes(), kanaal="cli")
    assert lees_325(eerste)["header"] == ["0001"] and eerste.bericht.sleutel is None
    verbeterd = stuur(aanbieder, gemeente, [regel(zin_toewijzing)], identificatie="IDHERSTEL1", nummer="DNRH1")
    assert verbeterd.http_status == 200 and not verbeterd.herhaald and verbeterd.bericht.pk != eerste.bericht.pk
    assert lees_325(verbeterd)["declaratie"] == ["8001"]
    assert Declaratie.objects.get().bericht == verbeterd.bericht and verbeterd.bericht.sleutel


def test_idempotent(zin_toewijzing, aanbieder, gemeente):
    data = bericht(aanbieder, gemeente, [regel(zin_toewijzing)]).bytes()
    eerste = ontvang(data, kanaal="cli")
    tweede = ontvang(data, kanaal="cli")
    assert tweede.herhaald and tweede.antwoord.pk == eerste.antwoord.pk and tweede.antwoord_xml == eerste.antwoord_xml
    assert Declaratie.objects.count() == 1 and Prestatie.objects.count() == 1
    assert Bericht.objects.filter(richting=Richting.UIT, soort="325").count() == 1


# ---------------------------------------------------------------------------------------------------
# One test per prestatie rule
# ---------------------------------------------------------------------------------------------------


def test_tr338_9338_onbekende_toewijzing(zin_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, toewijzingnummer=987654)]) == ["9338"]


def test_tr338_9338_toewijzing_van_andere_aanbieder(zin_toewijzing, gemeente, product_wmo):
    """The grant is real but at another provider: for this provider it is no ToegewezenProduct (9338, not 8187)."""
    ander = AanbiederFactory()
    TariefFactory(contract=ContractFactory(aanbieder=ander, regio=gemeente.regio), product=product_wmo, tarief_cent=5400)
    assert codes_van(ander, gemeente, [regel(zin_toewijzing)]) == ["9338"]
    assert Prestatie.objects.get().voorziening is None


def test_tr304_8187_andere_client_jeugdwet(jeugd_toewijzing, persoon, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(jeugd_toewijzing, bsn=persoon.bsn)], wet=Wet.JEUGDWET) == ["8187"]


def test_tr339_9339_productcategorie(zin_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, productcategorie="03")]) == ["9339"]


def test_tr340_9340_productcode(zin_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, productcode="02A99")]) == ["9340"]


def test_tr341_9341_eenheid(zin_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, eenheid=Eenheid.ETMAAL)]) == ["9341"]


def test_tr341_minuten_bij_uren_toegestaan(zin_toewijzing, aanbieder, gemeente):
    """IV081: minutes against an hourly grant: tariff 5400/60 = 90, amount (5400 × 90 min) / 60."""
    r = regel(zin_toewijzing, eenheid=Eenheid.MINUUT, volume=90, tarief_cent=90, bedrag_cent=8100)
    assert lees_325(stuur(aanbieder, gemeente, [r]))["declaratie"] == ["8001"]


def test_tr307_9307_begin_voor_toewijzing(zin_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, begindatum=date(2026, 1, 1))]) == ["9307"]


def test_tr308_9308_eind_na_toewijzing(zin_toewijzing, aanbieder, gemeente):
    ToegewezenVoorziening.objects.filter(pk=zin_toewijzing.pk).update(einddatum=date(2026, 1, 20))
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, volume=12)]) == ["9308"]


def test_tr387_9387_begin_niet_eerste_van_maand(zin_toewijzing, aanbieder, gemeente):
    r = regel(zin_toewijzing, begindatum=date(2026, 2, 2), einddatum=date(2026, 2, 28), volume=4)
    assert codes_van(aanbieder, gemeente, [r], periode=FEB) == ["9387"]


def test_tr388_9388_eind_niet_laatste_van_maand(zin_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, einddatum=date(2026, 1, 30))]) == ["9388"]


def test_tr319_9319_buiten_declaratieperiode(zin_toewijzing, aanbieder, gemeente):
    r = regel(zin_toewijzing, begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=4)
    assert codes_van(aanbieder, gemeente, [r], periode=JAN) == ["9319"]


def test_tr321_9321_volume_per_week(zin_toewijzing, aanbieder, gemeente):
    """4 hours a week over 4 calendar weeks: at most 16 hours in January."""
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, volume=17)]) == ["9321"]


def test_tr321_9321_volume_per_maand_jeugdwet(jeugd_toewijzing, aanbieder, gemeente):
    ToegewezenVoorziening.objects.filter(pk=jeugd_toewijzing.pk).update(frequentie=Frequentie.PER_MAAND, omvang=10)
    r = regel(jeugd_toewijzing, volume=11)
    assert codes_van(aanbieder, gemeente, [r], wet=Wet.JEUGDWET) == ["9321"]


def test_tr322_9322_totaal_over_looptijd(zin_toewijzing, aanbieder, gemeente):
    """Frequentie totaal: 10 hours for the whole grant, cumulative over earlier approved prestaties."""
    ToegewezenVoorziening.objects.filter(pk=zin_toewijzing.pk).update(frequentie=Frequentie.TOTAAL, omvang=10)
    assert lees_325(stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A", volume=6)]))["declaratie"] == ["8001"]
    r = regel(zin_toewijzing, "B", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=5)
    assert codes_van(aanbieder, gemeente, [r], ref="B", periode=FEB) == ["9322"]


def test_tr369_9369_budget(zin_toewijzing, aanbieder, gemeente):
    b = Bericht.objects.create(richting=Richting.UIT, wet=Wet.WMO, soort="301", berichtcode="414", afzender=gemeente.gemeentecode,
                               ontvanger=aanbieder.agb_code, identificatie="B1", xml="<x/>", sha256="0", status=Berichtstatus.KLAAR)
    Toewijzingsregel.objects.create(bericht=b, voorziening=zin_toewijzing, toewijzingsdatum=timezone.localdate(),
                                    toewijzingstijd=time(23, 59, 59), ingangsdatum=zin_toewijzing.begindatum, budget_cent=50000)
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing)]) == ["9369"]


def test_tr418_0611_tarief_jeugdwet(jeugd_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(jeugd_toewijzing, tarief_cent=8100)], wet=Wet.JEUGDWET) == ["0611"]


def test_tr418_0611_tarief_op_de_datum(zin_toewijzing, aanbieder, gemeente, product_wmo):
    """A tariff change from February: January is judged against the old one, February against the new one."""
    from keukentafel.aanbod.models import Tarief

    oud = Tarief.objects.get(product=product_wmo, contract__aanbieder=aanbieder)
    Tarief.objects.filter(pk=oud.pk).update(geldig_tot=date(2026, 1, 31))
    TariefFactory(contract=oud.contract, product=product_wmo, tarief_cent=5600, geldig_vanaf=date(2026, 2, 1))
    jan = regel(zin_toewijzing, "J")
    feb = regel(zin_toewijzing, "F", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=20)
    uit = lees_325(stuur(aanbieder, gemeente, [jan, feb], periode=FEB))
    assert uit["prestaties"] == {"F": ["0611"]}


def test_tr346_9346_bedrag(zin_toewijzing, aanbieder, gemeente):
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, bedrag_cent=16 * 5400 + 1)]) == ["9346"]


def test_tr314_8021_binnen_bericht_en_eerder(zin_toewijzing, aanbieder, gemeente):
    a = regel(zin_toewijzing, "DUP")
    b = regel(zin_toewijzing, "DUP", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=20)
    uit = lees_325(stuur(aanbieder, gemeente, [a, b], periode=FEB))
    assert uit["prestaties"] == {"DUP": ["8021"]}
    d = Declaratie.objects.get()
    assert d.aantal_prestaties == 2 and d.aantal_afgewezen == 1 and d.prestaties.count() == 1
    c = regel(zin_toewijzing, "DUP", begindatum=date(2026, 3, 1), einddatum=date(2026, 3, 31), volume=4)
    assert codes_van(aanbieder, gemeente, [c], ref="DUP", periode=MRT) == ["8021"]


def test_tr323_8017_credit_zonder_debet(zin_toewijzing, aanbieder, gemeente):
    r = regel(zin_toewijzing, "C1", vorig_referentienummer="ONBEKEND", bedrag_cent=-16 * 5400)
    assert codes_van(aanbieder, gemeente, [r], ref="C1") == ["8017"]


def test_tr389_9389_tweede_debet_zonder_credit(zin_toewijzing, aanbieder, gemeente):
    stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A")])
    assert codes_van(aanbieder, gemeente, [regel(zin_toewijzing, "B", volume=15)], ref="B", periode=FEB) == ["9389"]


def test_tr390_9390_tweede_credit(zin_toewijzing, aanbieder, gemeente):
    stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A")])
    credit = regel(zin_toewijzing, "C1", vorig_referentienummer="A", bedrag_cent=-86400)
    assert lees_325(stuur(aanbieder, gemeente, [credit], periode=FEB))["declaratie"] == ["8001"]
    nogmaals = regel(zin_toewijzing, "C2", vorig_referentienummer="A", bedrag_cent=-86400)
    assert codes_van(aanbieder, gemeente, [nogmaals], ref="C2", periode=MRT) == ["9390"]


def test_tr384_9384_toewijzing_verwijderd(zin_toewijzing, aanbieder, gemeente):
    ToegewezenVoorziening.objects.filter(pk=zin_toewijzing.pk).update(
        status=VoorzieningStatus.INGETROKKEN, reden_wijziging=RedenWijziging.VERWIJDERD)
    assert "9384" in codes_van(aanbieder, gemeente, [regel(zin_toewijzing)])


def test_tr318_8214_periode_niet_aansluitend(zin_toewijzing, aanbieder, gemeente):
    stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A")])
    r = regel(zin_toewijzing, "B", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=20)
    uit = lees_325(stuur(aanbieder, gemeente, [r], periode=MRT))  # skips February, but declares care in February
    assert uit["declaratie"] == ["8214"] and uit["TotaalToegekendBedrag"] == 0
    uit = lees_325(stuur(aanbieder, gemeente, [regel(zin_toewijzing, "C", volume=1)], periode=JAN))  # January again
    assert uit["declaratie"] == ["8214"]
    assert Declaratie.objects.count() == 1


def test_tr318_gat_zonder_zorg_toegestaan(zin_toewijzing, aanbieder, gemeente):
    """No care in February: the next declaration may be March (TR318 toelichting)."""
    stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A")])
    r = regel(zin_toewijzing, "B", begindatum=date(2026, 3, 1), einddatum=date(2026, 3, 31), volume=4)
    assert lees_325(stuur(aanbieder, gemeente, [r], periode=MRT))["declaratie"] == ["8001"]


def test_tr318_geen_kalendermaand(zin_toewijzing, aanbieder, gemeente):
    uit = lees_325(stuur(aanbieder, gemeente, [regel(zin_toewijzing)], periode=(date(2026, 1, 5), date(2026, 1, 31))))
    assert uit["declaratie"] == ["8214"]


# ---------------------------------------------------------------------------------------------------
# Credit flow and realisation
# ---------------------------------------------------------------------------------------------------


def test_creditflow_en_realisatie(zin_toewijzing, jeugd_toewijzing, aanbieder, gemeente):
    stuur(aanbieder, gemeente, [regel(zin_toewijzing, "A")])
    # February: January was too much; credit it and declare the corrected January, plus February itself.
    credit = regel(zin_toewijzing, "A-C", vorig_referentienummer="A", bedrag_cent=-86400)
    correctie = regel(zin_toewijzing, "A2", volume=10)
    feb = regel(zin_toewijzing, "F", begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=20)
    uit = lees_325(stuur(aanbieder, gemeente, [credit, correctie, feb], periode=FEB))
    assert uit["declaratie"] == ["8001"]
    assert uit["TotaalToegekendBedrag"] == -86400 + 10 * 5400 + 20 * 5400
    debet = Prestatie.objects.get(referentienummer="A")
    assert debet.gecrediteerd and debet.goedgekeurd
    c = Prestatie.objects.get(referentienummer="A-C")
    assert not c.debet and c.goedgekeurd and c.toegekend_cent == -86400
    stuur(aanbieder, gemeente, [regel(jeugd_toewijzing, "J")], wet=Wet.JEUGDWET)

    rijen = realisatie(gemeente, date(2026, 1, 1), date(2026, 12, 31))
    per = {(r["maand"], r["wet"], r["productcode"]): r for r in rijen}
    assert per[(date(2026, 1, 1), Wet.WMO, "02A01")]["bedrag_cent"] == 10 * 5400  # 86400 - 86400 + 54000
    assert per[(date(2026, 2, 1), Wet.WMO, "02A01")]["bedrag_cent"] == 20 * 5400
    assert per[(date(2026, 1, 1), Wet.JEUGDWET, "45A01")]["bedrag_cent"] == 16 * 8000
    r = per[(date(2026, 1, 1), Wet.WMO, "02A01")]
    assert r["aanbieder_id"] == aanbieder.pk and r["productcategorie"] == "02" and r["aantal"] == 3
    assert realisatie(gemeente, date(2026, 2, 1), date(2026, 2, 28)) == [per[(date(2026, 2, 1), Wet.WMO, "02A01")]]


def test_afgewezen_telt_niet_in_realisatie(zin_toewijzing, aanbieder, gemeente):
    stuur(aanbieder, gemeente, [regel(zin_toewijzing, volume=17)])
    assert realisatie(gemeente, date(2026, 1, 1), date(2026, 1, 31)) == []


def test_meerdere_clienten_gegroepeerd(zin_toewijzing, medewerker, aanbieder, gemeente, product_wmo, huishouden):
    tweede = ken_zin_toe(medewerker, PersoonFactory(gebied=huishouden.gebied), product_wmo, aanbieder)
    regels = [regel(zin_toewijzing, "A", volume=17), regel(tweede, "B", volume=17), regel(zin_toewijzing, "C", begindatum=date(2026, 2, 1),
                                                                                         einddatum=date(2026, 2, 28), volume=20)]
    o = stuur(aanbieder, gemeente, regels, periode=FEB)
    uit = lees_325(o)
    assert uit["prestaties"] == {"A": ["9321"], "B": ["9321"]} and len(uit["clienten"]) == 2
    assert o.bericht.persoon_id is None


def test_processing_instruction_verschuift_niets(zin_toewijzing, aanbieder, gemeente):
    """Children are read by position; a processing instruction inside a Prestatie must not shift them."""
    o = bericht(aanbieder, gemeente, [regel(zin_toewijzing)])
    prestatie = next(e for e in o.root.iter() if isinstance(e.tag, str) and _lokaal(e) == "Prestatie")
    prestatie.insert(1, etree.ProcessingInstruction("aanbieder", "notitie"))
    uit = lees_325(ontvang(o.bytes(), kanaal="cli"))
    assert uit["declaratie"] == ["8001"]


def test_header_afkeur_van_een_declaratie_geeft_een_geldige_325_en_koppelt_het_antwoord(zin_toewijzing, aanbieder, gemeente):
    """8848 (dagtekening in de toekomst) on a 323: a header-only 325, not a generic retour; nothing applied."""
    from datetime import timedelta

    from keukentafel.berichten.aanbieder.declaratie import declaratie as bouw
    from keukentafel.berichten.models import Declaratie as DeclaratieModel

    istandaarden_map()
    morgen = timezone.localdate() + timedelta(days=1)
    opbouw = bouw(
        zin_toewijzing.product.wet, agb=aanbieder.agb_code, gemeentecode=gemeente.gemeentecode, identificatie="T8848",
        dagtekening=morgen, declaratienummer="D8848", periode_begin=date(2026, 2, 1), periode_eind=date(2026, 2, 28),
        prestaties=[Prestatieregel(
            bsn=zin_toewijzing.persoon.bsn, referentienummer="R8848", toewijzingnummer=zin_toewijzing.toewijzingnummer,
            productcategorie=zin_toewijzing.product.productcategorie, productcode=zin_toewijzing.product.productcode,
            begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28), volume=1, eenheid=zin_toewijzing.eenheid,
            tarief_cent=zin_toewijzing.tarief_cent, bedrag_cent=zin_toewijzing.tarief_cent,
        )],
    )
    uitkomst = ontvang(opbouw.bytes())
    assert uitkomst.http_status == 422 and uitkomst.antwoord is not None
    assert uitkomst.antwoord.soort == "325"
    assert xsd.valideer(etree.fromstring(uitkomst.antwoord.xml.encode()), uitkomst.antwoord.wet, "325") == []
    assert not DeclaratieModel.objects.exists()
