"""315/317 on arrival (one test per rule with its retourcode, Wmo and Jeugdwet) and the team's decisions:
approve (grant + one 301 with ReferentieAanbieder), refuse and in onderzoek (319), stale versions, and the
Jeugdwet referral by a huisarts end to end."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from lxml import etree

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.berichten import verzoeken
from keukentafel.berichten.aanbieder.levering import Clientgegevens, client_van
from keukentafel.berichten.aanbieder.verzoek import Aanvraagregel, Nieuwregel, TeWijzigenregel, verzoek_om_toewijzing, verzoek_om_wijziging
from keukentafel.berichten.models import Bericht, Kanaal, Richting, Verzoek, Verzoekstatus
from keukentafel.berichten.verwerking import ontvang
from keukentafel.besluiten.models import Grondslag, ToegewezenVoorziening
from keukentafel.codelijsten import RedenWijziging, Wet
from keukentafel.inwoners.models import Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.testing.factories import MedewerkerFactory, PersoonFactory, ProductFactory, TariefFactory, geldig_bsn
from keukentafel.testing.istandaarden import istandaarden_map

from .conftest import ken_zin_toe

_nummers = itertools.count(1)
HUISARTS_AGB = "01234567"


@pytest.fixture(autouse=True)
def _xsd():
    istandaarden_map()


@pytest.fixture
def backoffice(gemeente):
    return MedewerkerFactory(rol=Rol.BACKOFFICE, team__gebied__gemeente=gemeente)


@pytest.fixture(params=[Wet.WMO, Wet.JEUGDWET], ids=["wmo", "jeugdwet"])
def wet(request):
    return request.param


@pytest.fixture
def product(wet, product_wmo, product_jeugd):
    return product_wmo if wet == Wet.WMO else product_jeugd


@pytest.fixture
def client_persoon(wet, persoon, jeugdige):
    return persoon if wet == Wet.WMO else jeugdige


def identificatie() -> str:
    return f"VZ{next(_nummers):010d}"


def regel(product, referentie: str = "", **kw) -> Aanvraagregel:
    waarden = dict(
        referentie_aanbieder=referentie or f"REF-{next(_nummers)}", productcategorie=product.productcategorie,
        productcode=product.productcode, toewijzing_ingangsdatum=date(2026, 12, 1), toewijzing_einddatum=date(2027, 5, 31),
        volume=3, eenheid=product.eenheid, frequentie=product.frequentie, verwijzer_type="06",
    )
    waarden.update(kw)
    return Aanvraagregel(**waarden)


def stuur_315(gemeente, aanbieder, wet, client: Clientgegevens, regels: list[Aanvraagregel], **kw):
    o = verzoek_om_toewijzing(wet, agb=aanbieder.agb_code, gemeentecode=gemeente.gemeentecode, identificatie=identificatie(),
                              dagtekening=timezone.localdate(), client=client, producten=regels, **kw)
    return ontvang(o.bytes(), kanaal=Kanaal.CLI)


def stuur_317(gemeente, aanbieder, wet, bsn: str, *, referentie: str = "", ongewijzigd=(), te_wijzigen=(), nieuw=(),
              reden: str = "1"):
    o = verzoek_om_wijziging(wet, agb=aanbieder.agb_code, gemeentecode=gemeente.gemeentecode, identificatie=identificatie(),
                             dagtekening=timezone.localdate(), bsn=bsn, referentie_aanbieder=referentie or f"VOW-{next(_nummers)}",
                             reden_verzoek=reden, ongewijzigd=list(ongewijzigd), te_wijzigen=list(te_wijzigen), nieuw=list(nieuw))
    return ontvang(o.bytes(), kanaal=Kanaal.CLI)


def codes(ontvangst) -> list[str]:
    assert ontvangst.http_status == 200, ontvangst.fouten
    return [f["code"] for f in ontvangst.bericht.fouten]


def laatste_301(aanbieder) -> Bericht:
    return Bericht.objects.filter(richting=Richting.UIT, soort="301", aanbieder=aanbieder).order_by("-pk").first()


def referenties_in(bericht: Bericht) -> list[str]:
    root = etree.fromstring(bericht.xml.encode())
    return [e.text for e in root.iter() if etree.QName(e).localname == "ReferentieAanbieder"]


def antwoord_319(bericht: Bericht) -> dict[str, str]:
    root = etree.fromstring(bericht.xml.encode())
    return {etree.QName(e).localname: e.text for e in root.iter() if etree.QName(e).localname in (
        "ReferentieAanbieder", "VerzoekAntwoord", "RedenAfwijzingVerzoek")}


# ---------------------------------------------------------------------------------------------------
# 315 on arrival
# ---------------------------------------------------------------------------------------------------


def test_315_maakt_een_open_verzoek_per_product(gemeente, aanbieder, wet, product, client_persoon):
    o = stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product, "A-1"), regel(product, "A-2")])
    assert codes(o) == [] and o.antwoord.soort == "316"
    vz = list(Verzoek.objects.order_by("referentie_aanbieder"))
    assert [v.referentie_aanbieder for v in vz] == ["A-1", "A-2"]
    assert all(v.status == Verzoekstatus.OPEN and v.persoon == client_persoon and v.wet == wet for v in vz)
    assert vz[0].inhoud["productcode"] == product.productcode and vz[0].inhoud["volume"] == 3


def test_tr347_referentie_aanbieder_niet_uniek_9347(gemeente, aanbieder, wet, product, client_persoon):
    o = stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product, "DUP"), regel(product, "DUP")])
    assert codes(o) == ["9347"] and Verzoek.objects.count() == 1
    Verzoek.objects.update(status=Verzoekstatus.AFGEWEZEN)
    assert codes(stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product, "DUP")])) == ["9347"]


def test_tr374_al_een_verzoek_onderhanden_9374(gemeente, aanbieder, wet, product, client_persoon):
    stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product)])
    assert codes(stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product)])) == ["9374"]
    Verzoek.objects.update(status=Verzoekstatus.IN_ONDERZOEK)
    assert codes(stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product)])) == ["9374"]
    Verzoek.objects.update(status=Verzoekstatus.AFGEWEZEN)
    assert codes(stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product)])) == []


def test_onbekend_bsn_wordt_vastgelegd(gemeente, aanbieder, wet, product):
    bsn = geldig_bsn(990001)
    client = Clientgegevens(bsn, date(2016, 4, 2), "2", "Jansen", voorletters="L", voornamen="Lotte")
    assert codes(stuur_315(gemeente, aanbieder, wet, client, [regel(product)])) == []
    p = Persoon.objects.get(bsn=bsn)
    assert (p.voornamen, p.geslachtsnaam, p.geboortedatum, p.geslacht, p.gemeente) == ("Lotte", "Jansen", date(2016, 4, 2), "2", gemeente)
    assert Verzoek.objects.get().persoon == p
    assert AuditRecord.objects.filter(object_type="Persoon", object_id=str(p.pk)).exists()


def test_cs002_onbekend_bsn_zonder_elfproef_0001(gemeente, aanbieder, wet, product):
    client = Clientgegevens("123456788", date(2016, 4, 2), "2", "Jansen")
    assert codes(stuur_315(gemeente, aanbieder, wet, client, [regel(product)])) == ["0001"]
    assert not Persoon.objects.filter(bsn="123456788").exists() and not Verzoek.objects.exists()


@pytest.mark.parametrize("type_, naam, agb", [("02", "Dr. Arts", HUISARTS_AGB), ("02", "", ""), ("06", "", HUISARTS_AGB)],
                         ids=["cd066", "cd067", "cd068"])
def test_verwijzer_regels_0001(gemeente, aanbieder, wet, product, client_persoon, type_, naam, agb):
    r = regel(product, verwijzer_type=type_, verwijzer_naam=naam, verwijzer_agb=agb)
    assert codes(stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [r])) == ["0001"]


def test_cd041_productcode_zonder_omvang_0001(gemeente, aanbieder, wet, product, client_persoon):
    r = regel(product, volume=None, eenheid="", frequentie="")
    assert codes(stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [r])) == ["0001"]


def test_cd076_per_week_zonder_einddatum_0001(gemeente, aanbieder, wet, product, client_persoon):
    o = stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product, toewijzing_einddatum=None)])
    assert codes(o) == ["0001"] and "CD076" in o.bericht.fouten[0]["melding"] and not Verzoek.objects.exists()


# ---------------------------------------------------------------------------------------------------
# 317 on arrival
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def toewijzing(wet, zin_toewijzing, jeugd_toewijzing):
    return zin_toewijzing if wet == Wet.WMO else jeugd_toewijzing


def wijzig(v, **kw) -> TeWijzigenregel:
    waarden = dict(toewijzingnummer=v.toewijzingnummer, gewenste_ingangsdatum=v.begindatum, einddatum=v.einddatum, volume=6,
                   eenheid=v.eenheid, frequentie=v.frequentie)
    waarden.update(kw)
    return TeWijzigenregel(**waarden)


def test_317_maakt_een_open_verzoek(gemeente, aanbieder, wet, toewijzing):
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, referentie="VOW-1", te_wijzigen=[wijzig(toewijzing)])
    assert codes(o) == [] and o.antwoord.soort == "318"
    v = Verzoek.objects.get()
    assert v.soort == "wijziging" and v.referentie_aanbieder == "VOW-1" and v.reden_verzoek == "1"
    assert v.inhoud["te_wijzigen"][0]["volume"] == 6


def test_tr304_onbekende_client_8187(gemeente, aanbieder, wet, toewijzing):
    assert codes(stuur_317(gemeente, aanbieder, wet, geldig_bsn(990002), ongewijzigd=[toewijzing.toewijzingnummer])) == ["8187"]


def test_tr349_niet_alle_actuele_toewijzingen_9349(gemeente, aanbieder, wet, product, toewijzing):
    nieuw = Nieuwregel(product.productcategorie, product.productcode, date(2028, 1, 1), date(2028, 6, 30), 2, product.eenheid,
                       product.frequentie)
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, nieuw=[nieuw])
    assert codes(o) == ["9349"] and not Verzoek.objects.exists()


def test_tr350_ongewijzigd_product_zonder_actuele_toewijzing_9350(gemeente, aanbieder, wet, toewijzing):
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, ongewijzigd=[toewijzing.toewijzingnummer, 777777])
    assert codes(o) == ["9350"]


def test_tr351_te_wijzigen_product_zonder_actuele_toewijzing_9351(gemeente, aanbieder, wet, toewijzing):
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, ongewijzigd=[toewijzing.toewijzingnummer],
                  te_wijzigen=[wijzig(toewijzing, toewijzingnummer=777777)])
    assert codes(o) == ["9351"]


def test_tr357_gewenste_ingangsdatum_in_het_verleden_9357(gemeente, aanbieder, wet, toewijzing):
    r = wijzig(toewijzing, gewenste_ingangsdatum=date(2026, 3, 1))
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, te_wijzigen=[r])
    assert codes(o) == ["9357"]


def test_tr361_overlappend_product_9361(gemeente, aanbieder, wet, product, toewijzing):
    nieuw = Nieuwregel(product.productcategorie, product.productcode, date(2027, 1, 1), date(2027, 6, 30), 2, product.eenheid,
                       product.frequentie)
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, ongewijzigd=[toewijzing.toewijzingnummer], nieuw=[nieuw])
    assert codes(o) == ["9361"]


def test_tr373_totaal_volume_gewijzigd_vanaf_latere_datum_9373(gemeente, aanbieder, wet, toewijzing):
    r = wijzig(toewijzing, gewenste_ingangsdatum=date(2027, 1, 1), volume=300, frequentie="6")
    assert codes(stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, te_wijzigen=[r])) == ["9373"]


def test_tr411_omvang_leeg_bij_productcode_9411(gemeente, aanbieder, wet, toewijzing):
    r = wijzig(toewijzing, volume=None, einddatum=date(2027, 6, 30))
    assert codes(stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, te_wijzigen=[r])) == ["9411"]


def test_tr412_omvang_bij_toewijzing_zonder_productcode_9412(gemeente, aanbieder, medewerker, persoon, huishouden, zin_toewijzing):
    """A grant of a product known by category only (aspecific): a 317 may not set its volume."""
    aspecifiek = ProductFactory(wet=Wet.WMO, productcategorie="03", productcode="", naam="Persoonlijke verzorging")
    TariefFactory(contract=zin_toewijzing.contract, product=aspecifiek)
    v = ken_zin_toe(medewerker, persoon, aspecifiek, aanbieder, huishouden=huishouden)
    o = stuur_317(gemeente, aanbieder, Wet.WMO, persoon.bsn, ongewijzigd=[zin_toewijzing.toewijzingnummer], te_wijzigen=[wijzig(v)])
    assert codes(o) == ["9412"]


def test_317_cd076_per_week_zonder_einddatum_0001(gemeente, aanbieder, wet, product, toewijzing):
    nieuw = Nieuwregel(product.productcategorie, product.productcode[:-1] + "9", date(2028, 1, 1), None, 2, product.eenheid,
                       product.frequentie)
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, te_wijzigen=[wijzig(toewijzing, einddatum=None)], nieuw=[nieuw])
    assert codes(o) == ["0001", "0001"] and not Verzoek.objects.exists()


def test_317_tr347_en_tr374(gemeente, aanbieder, wet, toewijzing):
    stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, referentie="VOW-X", ongewijzigd=[toewijzing.toewijzingnummer])
    o = stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, referentie="VOW-X", ongewijzigd=[toewijzing.toewijzingnummer])
    assert codes(o) == ["9347", "9374"] and Verzoek.objects.count() == 1


# ---------------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def verzoek_315(gemeente, aanbieder, wet, product, client_persoon):
    stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product, "VOT-1")])
    return Verzoek.objects.get()


def test_keur_goed_315_maakt_toewijzing_en_een_301_met_referentie(verzoek_315, backoffice, aanbieder, product):
    voor = Bericht.objects.filter(soort="301").count()
    [g] = verzoeken.keur_goed(verzoek_315, backoffice, verzoek_315.version)
    assert (g.grondslag, g.leveringsvorm, g.aanbieder, g.product, g.omvang) == (Grondslag.VERZOEK, "zin", aanbieder, product, 3)
    assert (g.begindatum, g.einddatum) == (date(2026, 12, 1), date(2027, 5, 31))
    verzoek_315.refresh_from_db()
    assert verzoek_315.status == Verzoekstatus.TOEGEKEND and list(verzoek_315.voorzieningen.all()) == [g]
    assert verzoek_315.behandeld_door == backoffice and verzoek_315.version == 2
    assert Bericht.objects.filter(soort="301").count() == voor + 1
    assert referenties_in(laatste_301(aanbieder)) == ["VOT-1"]
    assert AuditRecord.objects.filter(object_type="Verzoek", object_id=str(verzoek_315.pk), medewerker=backoffice).exists()


def test_keur_goed_met_aangepaste_omvang(verzoek_315, backoffice):
    [g] = verzoeken.keur_goed(verzoek_315, backoffice, 1, omvang=2, einddatum=date(2027, 2, 28))
    assert g.omvang == 2 and g.einddatum == date(2027, 2, 28)


def test_regelovertreding_wordt_een_nette_fout(gemeente, aanbieder, backoffice, persoon):
    zonder_contract = ProductFactory(wet=Wet.WMO, productcategorie="07", productcode="07A01", naam="Dagbesteding")
    stuur_315(gemeente, aanbieder, Wet.WMO, client_van(persoon), [regel(zonder_contract)])
    v = Verzoek.objects.get()
    with pytest.raises(ValidationError) as exc:
        verzoeken.keur_goed(v, backoffice, v.version)
    assert "geen geldig contract" in " ".join(exc.value.messages)
    v.refresh_from_db()
    assert v.status == Verzoekstatus.OPEN and v.version == 1 and not ToegewezenVoorziening.objects.filter(product=zonder_contract).exists()


def test_onbekend_product_wordt_een_nette_fout(gemeente, aanbieder, backoffice, persoon, product_wmo):
    r = regel(product_wmo, productcode="02Z99")
    stuur_315(gemeente, aanbieder, Wet.WMO, client_van(persoon), [r])
    v = Verzoek.objects.get()
    with pytest.raises(ValidationError, match="niet in de productcatalogus"):
        verzoeken.keur_goed(v, backoffice, v.version)


def test_verouderde_versie(verzoek_315, backoffice):
    verzoeken.zet_in_onderzoek(verzoek_315, backoffice, 1)
    with pytest.raises(GelijktijdigGewijzigd):
        verzoeken.keur_goed(verzoek_315, backoffice, 1)


def test_wijs_af_stuurt_319_en_beeindigt_het_verzoek(verzoek_315, backoffice, aanbieder, wet, product, client_persoon, gemeente):
    b = verzoeken.wijs_af(verzoek_315, backoffice, 1, reden_afwijzing="3", toelichting="Geen contract voor dit product.")
    assert b.soort == "319" and b.heenbericht == verzoek_315.bericht
    assert antwoord_319(b) == {"ReferentieAanbieder": "VOT-1", "VerzoekAntwoord": "1", "RedenAfwijzingVerzoek": "3"}
    verzoek_315.refresh_from_db()
    assert verzoek_315.status == Verzoekstatus.AFGEWEZEN and verzoek_315.reden_afwijzing == "3"
    with pytest.raises(ValidationError):
        verzoeken.keur_goed(verzoek_315, backoffice, verzoek_315.version)
    assert codes(stuur_315(gemeente, aanbieder, wet, client_van(client_persoon), [regel(product)])) == []  # TR374 free again


def test_wijs_af_vraagt_reden_en_toelichting(verzoek_315, backoffice):
    with pytest.raises(ValidationError) as exc:
        verzoeken.wijs_af(verzoek_315, backoffice, 1, reden_afwijzing="", toelichting="x")
    assert "reden_afwijzing" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        verzoeken.wijs_af(verzoek_315, backoffice, 1, reden_afwijzing="7", toelichting=" ")
    assert "toelichting" in exc.value.message_dict


def test_in_onderzoek_stuurt_319_en_daarna_toekennen(verzoek_315, backoffice):
    b = verzoeken.zet_in_onderzoek(verzoek_315, backoffice, 1)
    assert antwoord_319(b) == {"ReferentieAanbieder": "VOT-1", "VerzoekAntwoord": "2"}
    verzoek_315.refresh_from_db()
    assert verzoek_315.status == Verzoekstatus.IN_ONDERZOEK
    with pytest.raises(ValidationError):
        verzoeken.zet_in_onderzoek(verzoek_315, backoffice, verzoek_315.version)  # only once
    assert verzoeken.keur_goed(verzoek_315, backoffice, verzoek_315.version)


def test_keur_goed_317_wijzigt_en_voegt_toe_in_een_301(gemeente, aanbieder, wet, product, toewijzing, backoffice):
    nieuw_product = ProductFactory(wet=wet, productcategorie=product.productcategorie, productcode=product.productcode[:-1] + "9",
                                   naam="Extra", eenheid=product.eenheid, frequentie=product.frequentie)
    TariefFactory(contract=toewijzing.contract, product=nieuw_product)
    nieuw = Nieuwregel(nieuw_product.productcategorie, nieuw_product.productcode, date(2027, 1, 1), date(2027, 6, 30), 2,
                       nieuw_product.eenheid, nieuw_product.frequentie)
    stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, referentie="VOW-9", te_wijzigen=[wijzig(toewijzing)], nieuw=[nieuw])
    v = Verzoek.objects.get()
    voor = Bericht.objects.filter(soort="301").count()
    grants = verzoeken.keur_goed(v, backoffice, v.version, toelichting="Akkoord na overleg.")
    toewijzing.refresh_from_db()
    assert toewijzing.omvang == 6 and toewijzing.reden_wijziging == RedenWijziging.AANBIEDER
    extra = ToegewezenVoorziening.objects.get(product=nieuw_product)
    assert extra.grondslag == Grondslag.VERZOEK and set(grants) == {toewijzing, extra}
    assert Bericht.objects.filter(soort="301").count() == voor + 1
    assert referenties_in(laatste_301(aanbieder)) == ["VOW-9", "VOW-9"]


def test_keur_goed_317_zonder_wijziging_stuurt_toch_een_301_met_referentie(gemeente, aanbieder, wet, toewijzing, backoffice):
    """A 317 granted as it stands changes no grant, but the provider still gets its answer: a 301 with the reference."""
    stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, referentie="VOW-GELIJK",
              te_wijzigen=[wijzig(toewijzing, volume=toewijzing.omvang)])
    v = Verzoek.objects.get()
    [regel_toen] = toewijzing.toewijzingsregels.all()
    voor = Bericht.objects.filter(soort="301").count()
    [g] = verzoeken.keur_goed(v, backoffice, v.version)
    toewijzing.refresh_from_db()
    assert g == toewijzing and toewijzing.omvang == 4 and toewijzing.version == 1
    assert Bericht.objects.filter(soort="301").count() == voor + 1
    b = laatste_301(aanbieder)
    assert referenties_in(b) == ["VOW-GELIJK"] and b.persoon == toewijzing.persoon
    # Unchanged content keeps its Toewijzingsdatum/-tijd (IV013).
    [regel_nu] = b.toewijzingsregels.all()
    assert (regel_nu.toewijzingsdatum, regel_nu.toewijzingstijd) == (regel_toen.toewijzingsdatum, regel_toen.toewijzingstijd)


def test_een_auditregel_per_antwoordbericht(verzoek_315, backoffice):
    """Refusing or 'in onderzoek' is one action with one audit record (on the verzoek), naming the 319 it sent."""
    voor = AuditRecord.objects.count()
    b = verzoeken.zet_in_onderzoek(verzoek_315, backoffice, 1)
    assert AuditRecord.objects.count() == voor + 1
    record = AuditRecord.objects.latest("pk")
    assert (record.object_type, record.medewerker) == ("Verzoek", backoffice) and b.identificatie in record.omschrijving
    b = verzoeken.wijs_af(verzoek_315, backoffice, verzoek_315.version, reden_afwijzing="3", toelichting="Geen contract.")
    assert AuditRecord.objects.count() == voor + 2
    assert not AuditRecord.objects.filter(object_type="Bericht", object_id=str(b.pk)).exists()


def test_keur_goed_317_wijziging_vanaf_latere_datum(gemeente, aanbieder, wet, toewijzing, backoffice):
    stuur_317(gemeente, aanbieder, wet, toewijzing.persoon.bsn, te_wijzigen=[wijzig(toewijzing, gewenste_ingangsdatum=date(2027, 1, 1))])
    v = Verzoek.objects.get()
    grants = verzoeken.keur_goed(v, backoffice, v.version)
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 12, 31) and toewijzing.omvang == 4
    [opvolger] = [g for g in grants if g.pk != toewijzing.pk]
    assert (opvolger.begindatum, opvolger.einddatum, opvolger.omvang) == (date(2027, 1, 1), date(2027, 12, 31), 6)


# ---------------------------------------------------------------------------------------------------
# Jeugdwet: a referral by the huisarts, end to end
# ---------------------------------------------------------------------------------------------------


def test_jeugd_verwijzing_huisarts_van_315_tot_301(gemeente, aanbieder, product_jeugd, backoffice):
    bsn = geldig_bsn(990003)
    kind = Clientgegevens(bsn, date(2014, 9, 9), "1", "Bakker", voorletters="N", voornamen="Noah")
    r = regel(product_jeugd, "HA-2026-1", verwijzer_type="02", verwijzer_agb=HUISARTS_AGB)
    o = stuur_315(gemeente, aanbieder, Wet.JEUGDWET, kind, [r], gezagsdrager_bekend="1")
    assert codes(o) == [] and o.bericht.code == "JW315"
    v = Verzoek.objects.get()
    assert (v.verwijzer_type, v.verwijzer_agb, v.wet) == ("02", HUISARTS_AGB, Wet.JEUGDWET)
    [g] = verzoeken.keur_goed(v, backoffice, v.version)
    # A huisarts is a legal referrer: granted on that grondslag, not as an ordinary provider's request.
    assert g.persoon.bsn == bsn and g.product == product_jeugd and g.grondslag == Grondslag.WETTELIJKE_VERWIJZING
    b = laatste_301(aanbieder)
    assert b.code == "JW301" and referenties_in(b) == ["HA-2026-1"] and b.persoon == g.persoon


def test_andere_wmo_aanbieder_en_persoon_niet_gemengd(gemeente, aanbieder, product_wmo):
    """A person registered for one 315 is found again, not duplicated, on the next one (by BSN)."""
    p = PersoonFactory()
    stuur_315(gemeente, aanbieder, Wet.WMO, client_van(p), [regel(product_wmo)])
    Verzoek.objects.update(status=Verzoekstatus.AFGEWEZEN)
    stuur_315(gemeente, aanbieder, Wet.WMO, client_van(p), [regel(product_wmo)])
    assert Persoon.objects.filter(bsn=p.bsn).count() == 1 and Verzoek.objects.filter(persoon=p).count() == 2
