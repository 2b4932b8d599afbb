"""GMSD export: distinct clients per gemeente, period and CBS voorziening type on hand-built grants with known
counts, the small-cell rule, the half-year periods, the command, and that no BSN or name leaves the system."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.inwoners.models import Jeugdmaatregel, Persoon
from keukentafel.monitor import gmsd
from keukentafel.testing.factories import GebiedFactory, PersoonFactory, ProductFactory, ToegewezenVoorzieningFactory


def grant(persoon, categorie: str, wet: str = "wmo", begin=date(2026, 1, 1), eind=None, gemeente=None):
    product = ProductFactory(wet=wet, productcategorie=categorie, productcode=f"{categorie}G01")
    return ToegewezenVoorzieningFactory(gemeente=gemeente or persoon.gemeente, persoon=persoon, product=product,
                                        begindatum=begin, einddatum=eind)


@pytest.fixture
def gemeente(db):
    """Wmo, first half of 2026: HbH 6 (two of them also begeleiding), begeleiding-only 4, dagbesteding 3 (of the
    begeleiding clients), beschermd wonen 1, rolstoel 5. Jeugd: ambulant 5, verblijf 1; jeugdbescherming: grants
    for 3 youths, OTS for 2 of them and for 2 others (5 persons)."""
    gebied = GebiedFactory()
    g = gebied.gemeente
    p = [PersoonFactory(gebied=gebied) for _ in range(16)]
    for x in p[:6]:
        grant(x, "01")
    begeleiding = p[4:10]
    for x in begeleiding:
        grant(x, "02")
    grant(p[4], "02", begin=date(2025, 1, 1))  # a second begeleiding grant of the same client counts once
    for x in begeleiding[:3]:
        grant(x, "07")
    grant(p[10], "15")
    for x in p[11:16]:
        grant(x, "11")
    # Not in the first half of 2026:
    grant(p[0], "13", begin=date(2025, 1, 1), eind=date(2025, 12, 31))
    grant(p[1], "08", begin=date(2026, 7, 1))
    # Another gemeente's grant to one of these residents (moved in): counts for that gemeente, not this one.
    grant(p[2], "12", gemeente=GebiedFactory().gemeente)
    jeugd = [PersoonFactory(gebied=gebied, geboortedatum=date(2014, 3, 1)) for _ in range(10)]
    for x in jeugd[:5]:
        grant(x, "45", wet="jeugdwet")
    grant(jeugd[5], "43", wet="jeugdwet")
    for x in jeugd[6:9]:
        grant(x, "48", wet="jeugdwet")
    for x in (jeugd[6], jeugd[7], jeugd[9], jeugd[0]):
        Jeugdmaatregel.objects.create(persoon=x, soort="ots", gecertificeerde_instelling="GI", begindatum=date(2025, 5, 1))
    Jeugdmaatregel.objects.create(persoon=jeugd[1], soort="voogdij", gecertificeerde_instelling="GI",
                                  begindatum=date(2024, 1, 1), einddatum=date(2025, 12, 31))  # ended before the period
    return g


def waarden(rijen) -> dict[str, object]:
    return {r.soort.code: r.clienten.export for r in rijen}


def test_gmsd_periodes_jaar_en_halfjaar_met_cbs_code():
    p, code = gmsd.gmsd_periode(2026, 1)
    assert (p.van, p.tot, code) == (date(2026, 1, 1), date(2026, 6, 30), "2026HJ01")
    p, code = gmsd.gmsd_periode(2026, 2)
    assert (p.van, p.tot, code) == (date(2026, 7, 1), date(2026, 12, 31), "2026HJ02")
    assert gmsd.gmsd_periode(2026)[1] == "2026JJ00"
    with pytest.raises(ValueError):
        gmsd.gmsd_periode(2026, 3)


def test_wmo_clienten_per_cbs_soort_met_kleine_aantallen_afgeschermd(gemeente):
    w = waarden(gmsd.rijen_voor(gemeente, 2026, 1))
    assert w["wmo-totaal"] == 16
    assert w["wmo-totaal-excl-verblijf"] == 15
    assert w["wmo-hbh"] == 6
    assert w["wmo-ondersteuning-thuis"] == 6 and w["wmo-02"] == 6 and w["wmo-07"] == "< 5"
    assert w["wmo-hulpmiddelen-diensten"] == 5 and w["wmo-11"] == 5
    assert w["wmo-13"] == 0 and w["wmo-08"] == 0 and w["wmo-12"] == 0
    assert w["wmo-verblijf-opvang"] == "< 5" and w["wmo-15"] == "< 5"
    assert w["wmo-overig"] == 0


def test_heel_jaar_telt_ook_wat_in_het_tweede_halfjaar_begon(gemeente):
    w = waarden(gmsd.rijen_voor(gemeente, 2026))
    assert w["wmo-08"] == "< 5" and w["wmo-hulpmiddelen-diensten"] == 6 and w["wmo-totaal"] == 16


def test_jeugd_zonder_en_met_verblijf_en_maatregelen_uit_voorzieningen_en_jeugdmaatregelen(gemeente):
    w = waarden(gmsd.rijen_voor(gemeente, 2026, 1))
    assert w["jeugd-zonder-verblijf"] == 5
    assert w["jeugd-met-verblijf"] == "< 5"
    assert w["jeugd-jeugdhulp"] == 6
    # Grants 48 for youths 6, 7, 8; OTS for 6, 7, 9 and 0: five persons, each once. The ended voogdij does not count.
    assert w["jeugd-jeugdbescherming"] == 5
    assert w["jeugd-jeugdreclassering"] == 0


def test_per_1000_inwoners_en_afscherming_ook_daarin(gemeente):
    rijen = {r.soort.code: r for r in gmsd.rijen_voor(gemeente, 2026, 1)}
    assert gemeente.inwoners == 20000
    assert rijen["wmo-totaal"].per_1000.export == 0.8
    assert rijen["wmo-15"].per_1000.export == "< 5"
    assert rijen["wmo-15"].csv()[-1] == "ja" and rijen["wmo-totaal"].csv()[-1] == "nee"


def test_export_via_command_met_gedocumenteerde_kolommen_zonder_bsn_of_naam(gemeente, tmp_path):
    uit = tmp_path / "gmsd.csv"
    call_command("gmsd_export", "--gemeente", gemeente.gemeentecode, "--jaar", "2026", "--halfjaar", "1", "--uit", str(uit))
    tekst = uit.read_text(encoding="utf-8")
    rijen = list(csv.reader(tekst.splitlines(), delimiter=";"))
    assert rijen[0] == gmsd.KOLOMMEN
    assert len(rijen) == 1 + len(gmsd.SOORTEN_WMO) + len(gmsd.SOORTEN_JEUGD)
    totaal = next(r for r in rijen if r[7] == "wmo-totaal")
    assert totaal[:6] == [gemeente.gemeentecode, gemeente.naam, "2026HJ01", "2026-01-01", "2026-06-30", "wmo"]
    assert totaal[10:] == ["16", "0.8", "nee"]
    assert next(r for r in rijen if r[7] == "wmo-15")[10:] == ["< 5", "< 5", "ja"]
    for bsn, voornamen, achternaam in Persoon.objects.values_list("bsn", "voornamen", "geslachtsnaam"):
        assert bsn not in tekst and achternaam not in tekst and voornamen not in tekst
    assert AuditRecord.objects.filter(actie=AuditActie.EXPORT, object_type="Gemeente", object_id=str(gemeente.pk)).exists()
    assert not any(r.omschrijving and any(p.bsn in r.omschrijving for p in Persoon.objects.all()) for r in AuditRecord.objects.all())


def test_command_weigert_een_onbekende_gemeente(db):
    with pytest.raises(CommandError, match="Geen gemeente met gemeentecode 0000"):
        call_command("gmsd_export", "--gemeente", "0000", "--jaar", "2026")


def test_aantal_queries_groeit_niet_met_de_gegevens(gemeente):
    def tel() -> int:
        with CaptureQueriesContext(connection) as ctx:
            gmsd.rijen_voor(gemeente, 2026, 1)
        return len(ctx.captured_queries)

    voor = tel()
    gebied = GebiedFactory(gemeente=gemeente)
    for cat in ("01", "02", "05", "16", "10"):
        for _ in range(3):
            grant(PersoonFactory(gebied=gebied), cat)
    grant(PersoonFactory(gebied=gebied), "47", wet="jeugdwet")
    assert tel() == voor
