"""Overgangsrecht import: a dry run that names every bad row, all-or-nothing import, idempotent per file."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder, Contract, Product
from keukentafel.accounts.models import AuditRecord, Gemeente, Medewerker, Rol
from keukentafel.besluiten import overgangsrecht
from keukentafel.besluiten.models import Grondslag, Herbeoordeling, Indicatieimport, Leveringsvorm, Pgbtoekenning, ToegewezenVoorziening
from keukentafel.besluiten.overgangsrecht import cohort, controleer_bestand, importeer, rond_herbeoordeling_af
from keukentafel.inwoners.models import Persoon
from keukentafel.testing.factories import (
    AanbiederFactory,
    ContractFactory,
    GebiedFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    PersoonFactory,
    ProductFactory,
    TariefFactory,
    geldig_bsn,
)

pytestmark = pytest.mark.django_db

KOP = ["bsn", "wet", "productcategorie", "productcode", "omvang", "eenheid", "frequentie", "begindatum", "einddatum", "bron",
       "leveringsvorm", "aanbieder_agb", "pgb_tarief"]


@dataclass
class Omgeving:
    gemeente: Gemeente
    door: Medewerker
    begeleiding: Product
    huishoudelijk: Product
    aanbieder: Aanbieder
    personen: list[Persoon]


def maak_omgeving(aantal_personen: int = 4) -> Omgeving:
    """A gemeente with a backoffice user, two contracted products, one qualified provider and residents in households."""
    gebied = GebiedFactory()
    begeleiding = ProductFactory(productcategorie="02", productcode="02A01", naam="Begeleiding individueel", eenheid="04", frequentie="2")
    huishoudelijk = ProductFactory(productcategorie="01", productcode="01A01", naam="Hulp bij het huishouden", eenheid="04", frequentie="2")
    aanbieder = Aanbieder.objects.filter(agb_code="73001234").first()
    if aanbieder is None:
        aanbieder = AanbiederFactory(agb_code="73001234")
        contract = ContractFactory(aanbieder=aanbieder)
        for product in (begeleiding, huishoudelijk):
            TariefFactory(contract=contract, product=product, tarief_cent=5400)
    personen = [HuishoudenFactory(gebied=gebied).leden.get().persoon for _ in range(aantal_personen)]
    door = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=gebied.gemeente)
    return Omgeving(gebied.gemeente, door, begeleiding, huishoudelijk, aanbieder, personen)


@pytest.fixture
def omg() -> Omgeving:
    return maak_omgeving()


def over(dagen: int) -> str:
    return f"{timezone.localdate() + timedelta(days=dagen):%d-%m-%Y}"


def rij(persoon: Persoon | str, **velden) -> dict:
    basis = {
        "bsn": persoon if isinstance(persoon, str) else persoon.bsn, "wet": "wmo", "productcategorie": "02", "productcode": "02A01",
        "omvang": "3", "eenheid": "04", "frequentie": "2", "begindatum": "", "einddatum": over(300), "bron": "CIZ",
        "leveringsvorm": "", "aanbieder_agb": "73001234", "pgb_tarief": "",
    }
    basis.update(velden)
    return basis


def csv_bestand(rijen: list[dict], scheiding: str = ",", bom: bool = False) -> bytes:
    regels = [scheiding.join(KOP)] + [scheiding.join(str(r[k]) for k in KOP) for r in rijen]
    return ("\ufeff" if bom else "").encode() + ("\r\n".join(regels) + "\r\n").encode("utf-8")


def xlsx_bestand(rijen: list[list]) -> bytes:
    werkmap = openpyxl.Workbook()
    blad = werkmap.active
    for r in rijen:
        blad.append(r)
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()


def schoon_bestand(omg: Omgeving) -> bytes:
    a, b, c, _ = omg.personen
    return csv_bestand([
        rij(a, einddatum=over(40)),
        rij(b, productcategorie="01", productcode="01A01", bron="oude Wmo", omvang="2"),
        rij(c, bron="pgb", aanbieder_agb=""),
    ])


def test_schoon_csv_wordt_in_een_keer_geimporteerd(omg):
    rapport = importeer(omg.door, schoon_bestand(omg), omg.gemeente, bestandsnaam="indicaties.csv")
    assert rapport.ok and not rapport.fouten and rapport.geimporteerd == 3
    voorzieningen = list(ToegewezenVoorziening.objects.order_by("toewijzingnummer"))
    assert [v.grondslag for v in voorzieningen] == [Grondslag.OVERGANGSRECHT] * 3
    assert [v.indicatiebron for v in voorzieningen] == ["CIZ", "oude Wmo", "pgb"]
    assert [v.leveringsvorm for v in voorzieningen] == [Leveringsvorm.ZIN, Leveringsvorm.ZIN, Leveringsvorm.PGB]
    nummers = [v.toewijzingnummer for v in voorzieningen]
    assert nummers == list(range(nummers[0], nummers[0] + 3))
    assert all(v.huishouden is not None and v.huishouden.leden.filter(persoon=v.persoon).exists() for v in voorzieningen)
    assert voorzieningen[0].begindatum == timezone.localdate() and voorzieningen[0].tarief_cent == 5400
    pgb = Pgbtoekenning.objects.get(voorziening=voorzieningen[2])
    assert pgb.pgb_tarief_cent == pgb.maximum_tarief_cent == 5400  # no tariff in the file: the maximum allowed
    assert Herbeoordeling.objects.count() == 3
    imp = Indicatieimport.objects.get()
    assert imp.aantal_rijen == 3 and imp.bestandsnaam == "indicaties.csv" and rapport.indicatieimport == imp
    importregel = AuditRecord.objects.get(object_type="Indicatieimport")
    assert "3 indicaties" in importregel.omschrijving
    assert not any(p.bsn in r.omschrijving for r in AuditRecord.objects.all() for p in omg.personen)


def test_schone_xlsx_met_getallen_en_datums_als_excel_ze_opslaat(omg):
    a, b, *_ = omg.personen
    eind = timezone.localdate() + timedelta(days=200)
    data = xlsx_bestand([
        ["BSN", "Productcategorie", "Productcode", "Volume", "Eenheid", "Frequentie", "Einddatum", "Bron", "AGB"],
        [int(a.bsn), 2, "02A01", 4, 4, 2, eind, "ciz", 73001234],
        [None] * 9,
        [b.bsn, "01", "01A01", 1.0, "04", "2", f"{eind:%Y-%m-%d}", "Oude Wmo", "73001234"],
    ])
    rapport = importeer(omg.door, data, omg.gemeente, bestandsnaam="indicaties.xlsx")
    assert rapport.ok, rapport.fouten
    assert rapport.aantal_rijen == 2 and rapport.geimporteerd == 2
    v = ToegewezenVoorziening.objects.get(persoon=a)
    assert (v.omvang, v.eenheid, v.einddatum, v.aanbieder) == (4, "04", eind, omg.aanbieder)


def test_een_foute_rij_en_er_wordt_niets_geimporteerd(omg):
    a, b, c, _ = omg.personen
    onbekend = geldig_bsn(99_999)
    data = csv_bestand([rij(a), rij(b, aanbieder_agb="12345678"), rij(onbekend), rij(c, einddatum="31-02-2030")])
    rapport = importeer(omg.door, data, omg.gemeente)
    assert not rapport.ok and rapport.geimporteerd == 0
    assert ToegewezenVoorziening.objects.count() == 0 and Herbeoordeling.objects.count() == 0 and Indicatieimport.objects.count() == 0
    fouten = {(f.rij, f.kolom): f.reden for f in rapport.fouten}
    assert fouten[(3, "aanbieder_agb")] == "Er is geen aanbieder met AGB-code 12345678."
    assert fouten[(4, "bsn")].startswith("Er is geen inwoner van ") and f"met BSN *****{onbekend[-4:]} bekend" in fouten[(4, "bsn")]
    assert onbekend not in fouten[(4, "bsn")]
    assert "geen bestaande datum" in fouten[(5, "einddatum")]
    assert rapport.rijen_zonder_fout == 1 and len(rapport.foutieve_rijen) == 3


def test_import_meldt_ook_na_de_eerste_weigering_alle_fouten(omg):
    """Rule refusals surface while granting; the rows after the first one are still checked, then all is rolled back."""
    AanbiederFactory(agb_code="73009999")  # qualified, but no contract
    a, b, c, d = omg.personen
    data = csv_bestand([rij(a), rij(b, aanbieder_agb="73009999"), rij(c), rij(d, bron="pgb", aanbieder_agb="", pgb_tarief="99,00")])
    rapport = importeer(omg.door, data, omg.gemeente)
    assert [(f.rij, f.kolom) for f in rapport.fouten] == [(3, "aanbieder_agb"), (5, "pgb_tarief")]
    assert "geen geldig contract" in rapport.fouten[0].reden
    assert rapport.geimporteerd == 0 and ToegewezenVoorziening.objects.count() == 0 and Indicatieimport.objects.count() == 0


def test_proefimport_schrijft_niets(omg):
    rapport = controleer_bestand(omg.door, schoon_bestand(omg), omg.gemeente)
    assert rapport.ok and rapport.droog and rapport.aantal_rijen == 3 and rapport.geimporteerd == 0
    assert rapport.per_leveringsvorm == {"zin": 2, "pgb": 1}
    assert ToegewezenVoorziening.objects.count() == 0 and Indicatieimport.objects.count() == 0


def test_dubbele_rijen_in_een_bestand_overlappen(omg):
    a = omg.personen[0]
    data = csv_bestand([rij(a), rij(omg.personen[1]), rij(a, einddatum=over(100))])
    rapport = controleer_bestand(omg.door, data, omg.gemeente)
    assert [(f.rij, f.kolom) for f in rapport.fouten] == [(4, "productcode")]
    assert "overlapt met rij 2 van dit bestand" in rapport.fouten[0].reden


def test_volumeplafond_van_het_contract_telt_eerdere_rijen_van_het_bestand_mee(omg):
    Contract.objects.filter(aanbieder=omg.aanbieder).update(volumeplafond=52 * 5)  # 5 hours a week in all
    a, b, c, _ = omg.personen
    data = csv_bestand([rij(a, omvang="2"), rij(b, omvang="3"), rij(c, omvang="1")])
    rapport = controleer_bestand(omg.door, data, omg.gemeente)
    assert [(f.rij, f.kolom) for f in rapport.fouten] == [(4, "aanbieder_agb")]
    assert "Samen met de eerdere rijen van dit bestand" in rapport.fouten[0].reden and "volumeplafond van 260" in rapport.fouten[0].reden
    assert not importeer(omg.door, data, omg.gemeente).ok and ToegewezenVoorziening.objects.count() == 0


def test_overlap_met_een_bestaande_toewijzing(omg):
    a = omg.personen[0]
    assert importeer(omg.door, csv_bestand([rij(a)]), omg.gemeente).ok
    rapport = importeer(omg.door, csv_bestand([rij(omg.personen[1]), rij(a, einddatum=over(10))]), omg.gemeente)
    assert not rapport.ok and [(f.rij, f.kolom) for f in rapport.fouten] == [(3, "productcode")]
    assert "al een lopende toewijzing" in rapport.fouten[0].reden
    assert ToegewezenVoorziening.objects.count() == 1


def test_hetzelfde_bestand_twee_keer_wordt_geweigerd(omg):
    data = schoon_bestand(omg)
    assert importeer(omg.door, data, omg.gemeente).ok
    tweede = importeer(omg.door, data, omg.gemeente)
    assert not tweede.ok and "al geïmporteerd" in tweede.bestandsfout
    assert controleer_bestand(omg.door, data, omg.gemeente).bestandsfout == tweede.bestandsfout
    assert ToegewezenVoorziening.objects.count() == 3 and Indicatieimport.objects.count() == 1


def test_puntkomma_csv_met_bom(omg):
    data = csv_bestand([rij(omg.personen[0], pgb_tarief="")], scheiding=";", bom=True)
    assert data.startswith(b"\xef\xbb\xbfbsn;wet;")
    rapport = importeer(omg.door, data, omg.gemeente)
    assert rapport.ok and rapport.geimporteerd == 1


def test_pgb_tarief_in_euro_en_boven_het_maximum(omg):
    a, b, *_ = omg.personen
    data = csv_bestand([rij(a, bron="pgb", aanbieder_agb="", pgb_tarief="54,01")], scheiding=";")
    rapport = controleer_bestand(omg.door, data, omg.gemeente)
    assert [(f.rij, f.kolom) for f in rapport.fouten] == [(2, "pgb_tarief")] and "hoger dan het maximum" in rapport.fouten[0].reden
    assert importeer(omg.door, csv_bestand([rij(b, leveringsvorm="pgb", aanbieder_agb="", pgb_tarief="€ 50,50")], ";"), omg.gemeente).ok
    assert Pgbtoekenning.objects.get().pgb_tarief_cent == 5050


def test_inwoner_van_een_andere_gemeente_en_einddatum_in_het_verleden(omg):
    elders = HuishoudenFactory().leden.get().persoon
    data = csv_bestand([rij(elders), rij(omg.personen[0], einddatum=over(-1)), rij(omg.personen[1], eenheid="99", frequentie="x")])
    fouten = {(f.rij, f.kolom): f.reden for f in controleer_bestand(omg.door, data, omg.gemeente).fouten}
    # Same wording as for an unknown BSN: the import does not reveal that the person lives elsewhere.
    assert fouten[(2, "bsn")].startswith(f"Er is geen inwoner van {omg.gemeente} met BSN *****{elders.bsn[-4:]} bekend")
    assert "ligt in het verleden" in fouten[(3, "einddatum")]
    assert "WJ756" in fouten[(4, "eenheid")] and "WMO757" in fouten[(4, "frequentie")]


def test_inwoner_zonder_huishouden_krijgt_een_toewijzing_zonder_huishouden(omg):
    los = PersoonFactory(gebied=omg.gemeente.gebieden.get())
    assert importeer(omg.door, csv_bestand([rij(los)]), omg.gemeente).ok
    assert ToegewezenVoorziening.objects.get(persoon=los).huishouden is None


def test_ongeldig_bsn_en_onbekend_product_en_regels(omg):
    data = csv_bestand([
        rij("123456789"),
        rij(omg.personen[0], productcode="99Z99"),
        rij(omg.personen[1], omvang="0"),
        rij(omg.personen[2], leveringsvorm="zin", aanbieder_agb=""),
    ])
    fouten = {(f.rij, f.kolom): f.reden for f in controleer_bestand(omg.door, data, omg.gemeente).fouten}
    assert fouten[(2, "bsn")] == "Dit is geen geldig BSN: de elfproef klopt niet."
    assert fouten[(3, "productcode")].startswith("Onbekend product 0299Z99")
    assert "groter dan 0" in fouten[(4, "omvang")]
    assert fouten[(5, "aanbieder_agb")].startswith("Kies een aanbieder")


@pytest.mark.parametrize(
    ("data", "tekst"),
    [
        (b"", "leeg"),
        (bytes(range(256)) * 40, "geen CSV-bestand in UTF-8"),
        (b"bsn,omvang\x00\x01\x02\n1,2\n", "binaire gegevens"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "(.xls) worden niet ondersteund"),
        (b"PK\x03\x04kapotte zip", "niet worden gelezen als Excel-werkmap"),
        (b"bsn,omvang\n123456782,3\n", "mist de verplichte kolommen productcategorie, productcode"),
        (",".join(KOP).encode() + b"\n", "geen rijen met indicaties"),
        (",".join(KOP + ["bsn"]).encode() + b"\n1\n", "twee keer in de kopregel"),
        (",".join(KOP).encode() + b'\n"123456782,wmo\n', "geen geldige CSV-regel"),
    ],
)
def test_kapotte_of_vijandige_bestanden_worden_netjes_geweigerd(omg, data, tekst):
    rapport = importeer(omg.door, data, omg.gemeente)
    assert not rapport.ok and tekst in rapport.bestandsfout and rapport.geimporteerd == 0
    assert ToegewezenVoorziening.objects.count() == 0


def test_bestand_zonder_kopregel_toont_geen_bsn(omg):
    """Row 1 of a headerless file is data; warnings about unknown columns must not echo its BSN."""
    bsn = omg.personen[0].bsn
    rapport = controleer_bestand(omg.door, f"{bsn},wmo,02,A01,3\n".encode(), omg.gemeente)
    assert not rapport.ok
    assert bsn not in " ".join([rapport.bestandsfout, *rapport.waarschuwingen])


def test_formules_in_excel_worden_geweigerd(omg):
    data = xlsx_bestand([KOP, list(rij(omg.personen[0], omvang="=1+2").values())])
    rapport = controleer_bestand(omg.door, data, omg.gemeente)
    assert [(f.rij, f.kolom) for f in rapport.fouten] == [(2, "omvang")] and "Formules" in rapport.fouten[0].reden


def test_limieten_op_grootte_en_aantal_rijen(omg, monkeypatch):
    data = schoon_bestand(omg)
    monkeypatch.setattr(overgangsrecht, "MAX_RIJEN", 2)
    assert "meer dan 2 rijen" in controleer_bestand(omg.door, data, omg.gemeente).bestandsfout
    monkeypatch.setattr(overgangsrecht, "MAX_BYTES", 100)
    assert "groter dan" in controleer_bestand(omg.door, io.BytesIO(data), omg.gemeente).bestandsfout


def test_cohort_is_het_kwartaal_van_de_einddatum():
    assert [cohort(date(2027, m, 1)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [
        "2027-K1", "2027-K1", "2027-K2", "2027-K2", "2027-K3", "2027-K3", "2027-K4", "2027-K4"
    ]


def test_herbeoordelingen_per_kwartaal_met_voorloop_uit_beleid(omg):
    a, b, c, d = omg.personen
    eindes = [date(2031, 2, 15), date(2031, 3, 31), date(2031, 4, 1), date(2031, 12, 31)]
    data = csv_bestand([rij(p, einddatum=f"{e:%d-%m-%Y}") for p, e in zip((a, b, c, d), eindes, strict=True)])
    rapport = importeer(omg.door, data, omg.gemeente)
    assert rapport.cohorten == {"2031-K1": 2, "2031-K2": 1, "2031-K4": 1}
    rijen = Herbeoordeling.objects.order_by("voorziening__einddatum")
    assert [h.cohort for h in rijen] == ["2031-K1", "2031-K1", "2031-K2", "2031-K4"]
    assert [h.uiterlijk_op for h in rijen] == [e - timedelta(days=90) for e in eindes]
    assert {c["cohort"]: (c["totaal"], c["open"]) for c in overgangsrecht.cohorten(omg.gemeente)} == {
        "2031-K1": (2, 2), "2031-K2": (1, 1), "2031-K4": (1, 1)
    }


def test_herbeoordeling_afronden_eenmaal_met_uitkomst(omg):
    importeer(omg.door, csv_bestand([rij(omg.personen[0])]), omg.gemeente)
    h = Herbeoordeling.objects.get()
    with pytest.raises(Exception, match="Licht de uitkomst toe"):
        rond_herbeoordeling_af(omg.door, h, "anders")
    rond_herbeoordeling_af(omg.door, h, "voortgezet", "Nieuwe beschikking afgegeven")
    h.refresh_from_db()
    assert h.afgerond_op == timezone.localdate() and h.uitkomst.startswith("Voortgezet") and "Nieuwe beschikking" in h.uitkomst
    with pytest.raises(Exception, match="al afgerond"):
        rond_herbeoordeling_af(omg.door, h, "beeindigd")


def test_logregels_bevatten_alleen_aantallen(omg, caplog):
    with caplog.at_level(logging.INFO, logger="keukentafel.besluiten.overgangsrecht"):
        importeer(omg.door, schoon_bestand(omg), omg.gemeente)
    assert "3 rijen" in caplog.text and not any(p.bsn in caplog.text for p in omg.personen)


def test_commando_droog_en_echt(omg, tmp_path, capsys):
    pad = tmp_path / "indicaties.csv"
    pad.write_bytes(schoon_bestand(omg))
    call_command("importeer_indicaties", str(pad), gemeente=omg.gemeente.gemeentecode, gebruiker=omg.door.username, droog=True)
    assert "3 rijen gecontroleerd, geen fouten" in capsys.readouterr().out and ToegewezenVoorziening.objects.count() == 0
    call_command("importeer_indicaties", str(pad), gemeente=omg.gemeente.gemeentecode, gebruiker=omg.door.username)
    assert "3 indicaties geïmporteerd" in capsys.readouterr().out and ToegewezenVoorziening.objects.count() == 3


def test_commando_meldt_foute_rijen_met_rijnummer(omg, tmp_path, capsys):
    pad = tmp_path / "fout.csv"
    pad.write_bytes(csv_bestand([rij(omg.personen[0]), rij(omg.personen[1], aanbieder_agb="12345678")]))
    with pytest.raises(CommandError, match="1 fout"):
        call_command("importeer_indicaties", str(pad), gemeente=omg.gemeente.gemeentecode, gebruiker=omg.door.username)
    assert "rij 3, aanbieder_agb: Er is geen aanbieder met AGB-code 12345678." in capsys.readouterr().out
    with pytest.raises(CommandError, match="backoffice"):
        generalist = MedewerkerFactory(rol=Rol.GENERALIST)
        call_command("importeer_indicaties", str(pad), gemeente=omg.gemeente.gemeentecode, gebruiker=generalist.username)
