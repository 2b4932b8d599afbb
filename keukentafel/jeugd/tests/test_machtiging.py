"""No gesloten jeugdhulp without a machtiging covering the whole grant period — on every route to a grant."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.berichten import verzoeken
from keukentafel.berichten.aanbieder.levering import client_van
from keukentafel.berichten.models import Verzoek
from keukentafel.berichten.tests.test_verzoeken import regel, stuur_315
from keukentafel.besluiten import besluitvorming
from keukentafel.besluiten import services as besluiten
from keukentafel.besluiten.models import Besluit, Grondslag, Leveringsvorm, ToegewezenVoorziening
from keukentafel.besluiten.regels import Regelovertreding, Toekenningsverzoek
from keukentafel.codelijsten import Wet
from keukentafel.jeugd import services
from keukentafel.jeugd.models import GeslotenProduct, Machtiging, SoortMachtiging
from keukentafel.jeugd.regels import dekkende_machtigingen, is_gesloten
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Trede
from keukentafel.testing.factories_jeugd import MachtigingFactory
from keukentafel.testing.istandaarden import istandaarden_map

from .conftest import jeugdproduct

BEGIN, EIND = date(2026, 3, 1), date(2026, 8, 31)


def verzoek(persoon, product, aanbieder, begin=BEGIN, eind=EIND) -> Toekenningsverzoek:
    return Toekenningsverzoek(persoon=persoon, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=7, eenheid=product.eenheid,
                              frequentie=product.frequentie, begindatum=begin, einddatum=eind, aanbieder=aanbieder)


def ken_toe(door, persoon, product, aanbieder, **kw):
    return besluiten.ken_toe(door, verzoek(persoon, product, aanbieder, **kw), grondslag=Grondslag.OVERGANGSRECHT,
                             indicatiebron="BJZ")


def test_categorie_37_en_gemarkeerde_producten_zijn_gesloten_jeugdhulp(product_gesloten, product_jeugd):
    regionaal = jeugdproduct("43", "43G01", "Gesloten behandelgroep (regionaal)")
    GeslotenProduct.objects.create(product=regionaal, toelichting="Regionale productcode voor gesloten verblijf")
    assert is_gesloten(product_gesloten) and is_gesloten(regionaal) and not is_gesloten(product_jeugd)


def test_gesloten_jeugdhulp_zonder_machtiging_geweigerd(generalist, jeugdige, product_gesloten, aanbieder):
    with pytest.raises(Regelovertreding) as exc:
        ken_toe(generalist, jeugdige, product_gesloten, aanbieder)
    assert exc.value.regels == ["gesloten_zonder_machtiging"]
    assert "machtiging van de kinderrechter" in exc.value.messages[0]


def test_gesloten_jeugdhulp_met_dekkende_machtiging_toegekend(generalist, jeugdige, product_gesloten, aanbieder):
    MachtigingFactory(persoon=jeugdige)
    assert ken_toe(generalist, jeugdige, product_gesloten, aanbieder).pk


@pytest.mark.parametrize("begin, eind", [(date(2025, 12, 1), EIND), (BEGIN, date(2027, 2, 1))], ids=["begint_eerder", "eindigt_later"])
def test_machtiging_moet_de_hele_periode_dekken(generalist, jeugdige, product_gesloten, aanbieder, begin, eind):
    MachtigingFactory(persoon=jeugdige)
    with pytest.raises(Regelovertreding, match="hele periode"):
        ken_toe(generalist, jeugdige, product_gesloten, aanbieder, begin=begin, eind=eind)


def test_machtiging_van_een_ander_kind_telt_niet(generalist, jeugdige, product_gesloten, aanbieder):
    MachtigingFactory()
    with pytest.raises(Regelovertreding):
        ken_toe(generalist, jeugdige, product_gesloten, aanbieder)


def test_gesloten_jeugdhulp_zonder_einddatum_geweigerd(generalist, jeugdige, product_gesloten, aanbieder):
    MachtigingFactory(persoon=jeugdige)
    with pytest.raises(Regelovertreding, match="einddatum"):
        ken_toe(generalist, jeugdige, product_gesloten, aanbieder, eind=None)


def test_spoedmachtiging_gevolgd_door_machtiging_dekt_samen_zonder_gat(jeugdige):
    spoed = MachtigingFactory(persoon=jeugdige, soort=SoortMachtiging.SPOEDMACHTIGING, ingangsdatum=date(2026, 2, 15),
                              einddatum=date(2026, 3, 14))
    vervolg = MachtigingFactory(persoon=jeugdige, ingangsdatum=date(2026, 3, 15), einddatum=date(2026, 12, 31))
    assert dekkende_machtigingen(jeugdige, BEGIN, EIND) == [spoed, vervolg]
    vervolg.ingangsdatum = date(2026, 3, 20)
    vervolg.save()
    assert dekkende_machtigingen(jeugdige, BEGIN, EIND) is None  # a gap of five days


def test_niet_gesloten_jeugdhulp_heeft_geen_machtiging_nodig(generalist, jeugdige, product_jeugd, aanbieder):
    assert ken_toe(generalist, jeugdige, product_jeugd, aanbieder).pk


# --- every route -----------------------------------------------------------------------------------


def test_route_beschikking_gesloten_zonder_machtiging_geweigerd(generalist, jeugdige, huishouden, product_gesloten, aanbieder):
    vandaag = besluiten.vandaag()
    aanvraag = besluitvorming.maak_aanvraag(
        generalist, persoon=jeugdige, product=product_gesloten, leveringsvorm=Leveringsvorm.ZIN, omvang=7,
        eenheid=product_gesloten.eenheid, frequentie=product_gesloten.frequentie, ontvangen_op=vandaag - timedelta(days=2),
        huishouden=huishouden,
    )
    v = verzoek(jeugdige, product_gesloten, aanbieder, begin=vandaag, eind=vandaag + timedelta(days=60))
    with pytest.raises(ValidationError, match="machtiging"):
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, verzoek=v,
                              motivering="Gesloten plaatsing is nodig om de jeugdige te beschermen.")
    assert not ToegewezenVoorziening.objects.exists()
    MachtigingFactory(persoon=jeugdige, ingangsdatum=vandaag, einddatum=vandaag + timedelta(days=90))
    aanvraag.refresh_from_db()
    besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, verzoek=v,
                          motivering="Gesloten plaatsing is nodig om de jeugdige te beschermen.")
    assert ToegewezenVoorziening.objects.filter(product=product_gesloten, persoon=jeugdige).exists()


def test_route_verwijzing_gesloten_zonder_machtiging_geweigerd(generalist, jeugdige, plan, product_gesloten, aanbieder):
    vandaag = besluiten.vandaag()
    Beleidsinstelling.objects.create(sleutel=Sleutel.INDICATIEVRIJ, gemeente=plan.huishouden.gemeente, waarde=["jeugdwet:37"],
                                     geldig_vanaf=date(2015, 1, 1), bron="Test")
    doel = plannen.voeg_doel_toe(generalist, plan, plan.version, leefgebied=Leefgebied.objects.get(code="opvoeding"),
                                 omschrijving="Veilig opgroeien", persoon=jeugdige)
    actie = plannen.voeg_actie_toe(generalist, doel, plan.version, trede=Trede.MAATWERK, omschrijving="Plaatsing",
                                   uitvoerder=aanbieder.naam, van=vandaag, product=product_gesloten)
    velden = dict(plan=plan, actie=actie, persoon=jeugdige, product=product_gesloten, aanbieder=aanbieder, omvang=7,
                  eenheid=product_gesloten.eenheid, frequentie=product_gesloten.frequentie, begindatum=vandaag,
                  einddatum=vandaag + timedelta(days=60), hulpvraag="Gesloten plaatsing")
    with pytest.raises(ValidationError, match="machtiging"):  # the verwijsbrief's dry run of the grant rules
        besluitvorming.maak_verwijzing(generalist, **velden)
    MachtigingFactory(persoon=jeugdige, ingangsdatum=vandaag, einddatum=vandaag + timedelta(days=90))
    w = besluitvorming.maak_verwijzing(generalist, **velden)
    Machtiging.objects.filter(persoon=jeugdige).delete()  # e.g. revoked on appeal before the last signature
    with pytest.raises(ValidationError, match="machtiging"):
        besluitvorming.onderteken_verwijzing(generalist, w, inwoner_op=vandaag, inwoner_door="Ouder", generalist_op=vandaag,
                                             aanbieder_op=vandaag, aanbieder_door="Aanbieder")


def test_route_315_gesloten_zonder_machtiging_geweigerd(gemeente, aanbieder, jeugdige, product_gesloten, collega):
    istandaarden_map()
    r = regel(product_gesloten, toewijzing_ingangsdatum=BEGIN, toewijzing_einddatum=EIND, verwijzer_type="08",
              verwijzer_naam="Rechtbank Den Haag", volume=7)
    stuur_315(gemeente, aanbieder, Wet.JEUGDWET, client_van(jeugdige), [r])
    v = Verzoek.objects.get(persoon=jeugdige)
    with pytest.raises(ValidationError, match="machtiging"):
        verzoeken.keur_goed(v, collega, v.version)
    MachtigingFactory(persoon=jeugdige)
    assert verzoeken.keur_goed(v, collega, v.version)


def test_route_verwijsbrief_gesloten_zonder_machtiging_geweigerd(jeugdige, product_gesloten, aanbieder, collega):
    with pytest.raises(ValidationError, match="machtiging"):
        services.registreer_verwijzing(collega, jeugdige, soort="04", naam="GI Jeugdbescherming West", datum=BEGIN,
                                       product=product_gesloten, aanbieder=aanbieder, omvang=7, begindatum=BEGIN, einddatum=EIND)


def test_machtiging_vastleggen_controleert_periode_en_audit(generalist, jeugdige):
    with pytest.raises(ValidationError):
        services.leg_machtiging_vast(generalist, jeugdige, soort=SoortMachtiging.MACHTIGING, rechtbank="Rb Den Haag",
                                     zaaknummer="C/09/1", uitspraakdatum=BEGIN, ingangsdatum=EIND, einddatum=BEGIN)
    m = services.leg_machtiging_vast(generalist, jeugdige, soort=SoortMachtiging.MACHTIGING, rechtbank="Rb Den Haag",
                                     zaaknummer="C/09/1", uitspraakdatum=BEGIN, ingangsdatum=BEGIN, einddatum=EIND)
    from keukentafel.accounts.models import AuditRecord

    assert AuditRecord.objects.filter(object_type="Machtiging", object_id=str(m.pk), medewerker=generalist).exists()


def test_machtiging_met_onbekende_soort_geweigerd_door_de_service(generalist, jeugdige):
    from keukentafel.jeugd import services

    with pytest.raises(ValidationError) as exc:
        services.leg_machtiging_vast(generalist, jeugdige, soort="ondertoezicht", rechtbank="Rechtbank Den Haag", zaaknummer="C/09/1",
                                     uitspraakdatum=date(2026, 11, 1), ingangsdatum=date(2026, 11, 1), einddatum=date(2027, 4, 30))
    assert "soort" in exc.value.message_dict
    assert not Machtiging.objects.exists()
