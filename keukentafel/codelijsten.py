"""iWmo/iJw 3.2 codelists used outside the message layer, with the official codes as values.

The authoritative lists live in the configured iStandaarden directory (`settings.ISTANDAARDEN_DIR`);
`keukentafel/tests/test_codelijsten.py` checks these choices against those files so they cannot drift.
"""

from __future__ import annotations

from django.db import models


class Wet(models.TextChoices):
    WMO = "wmo", "Wmo 2015"
    JEUGDWET = "jeugdwet", "Jeugdwet"


class ProductcategorieWmo(models.TextChoices):
    """WMO020."""

    HULP_BIJ_HET_HUISHOUDEN = "01", "Hulp bij het huishouden"
    BEGELEIDING = "02", "Begeleiding"
    PERSOONLIJKE_VERZORGING = "03", "Persoonlijke verzorging"
    KORTDUREND_VERBLIJF = "04", "Kortdurend verblijf"
    WOONDIENSTEN = "05", "Woondiensten"
    OVERIGE_INDIVIDUEEL = "06", "Overige ondersteuning gericht op het individu of huishouden/gezin"
    DAGBESTEDING = "07", "Dagbesteding"
    VERVOERDIENSTEN = "08", "Vervoerdiensten"
    OVERIGE_GROEPSGERICHT = "09", "Overige groepsgerichte ondersteuning"
    OVERIGE_MAATWERK = "10", "Overige maatwerk arrangementen"
    ROLSTOELEN = "11", "Rolstoelen"
    VERVOERVOORZIENINGEN = "12", "Vervoervoorzieningen"
    WOONVOORZIENINGEN = "13", "Woonvoorzieningen"
    OVERIGE_HULPMIDDELEN = "14", "Overige hulpmiddelen"
    BESCHERMD_WONEN = "15", "Beschermd wonen"
    OPVANG = "16", "Opvang"
    SPOEDOPVANG = "17", "Spoedopvang"
    OVERIGE_BW_OPVANG = "18", "Overige beschermd wonen en opvang"


class ProductcategorieJeugd(models.TextChoices):
    """JZ020."""

    WIJKTEAM_2015 = "31", "(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam"
    AMBULANT_AANBIEDER_2015 = "32", "(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder"
    DAGHULP_2015 = "33", "(2015) Zonder verblijf: daghulp op locatie van de aanbieder"
    NETWERK_2015 = "34", "(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige"
    PLEEGZORG_2015 = "35", "(2015) Met verblijf: pleegzorg"
    GEZINSGERICHT_2015 = "36", "(2015) Met verblijf: gezinsgericht"
    GESLOTEN_2015 = "37", "(2015) Met verblijf: gesloten plaatsing"
    RESIDENTIEEL_2015 = "38", "(2015) Met verblijf: overig residentieel"
    PERSOONLIJKE_VERZORGING = "40", "Persoonlijke verzorging"
    DAGBEHANDELING = "41", "Dagbehandeling"
    VERVOERDIENSTEN = "42", "Vervoerdiensten"
    VERBLIJF_MET_BEHANDELING = "43", "Jeugdhulp verblijf (incl. behandeling)"
    VERBLIJF_ZONDER_BEHANDELING = "44", "Jeugdhulp verblijf (excl. behandeling)"
    AMBULANT = "45", "Jeugdhulp ambulant"
    CRISIS = "46", "Jeugdhulp crisis"
    JEUGDRECLASSERING = "47", "Jeugdreclassering"
    JEUGDBESCHERMING = "48", "Jeugdbescherming"
    PREVENTIEF_JUSTITIEEL = "49", "Activiteiten in het preventief justitieel kader"
    MAATWERK = "50", "Maatwerkarrangementen jeugd"
    GENERALISTISCHE_BASIS_GGZ = "51", "Generalistische basis-ggz"
    SPECIALISTISCHE_GGZ = "52", "Specialistische ggz"
    KINDERGENEESKUNDE = "53", "Kindergeneeskunde"
    JEUGD_GGZ = "54", "Jeugd-ggz"
    LANDELIJK = "55", "Landelijk ingekochte zorg"


class Eenheid(models.TextChoices):
    """WJ756 (iWmo and iJw)."""

    MINUUT = "01", "Minuut"
    UUR = "04", "Uur"
    ETMAAL = "14", "Etmaal"
    DAGDEEL = "16", "Dagdeel (4 uur)"
    STUKS_OUTPUT = "82", "Stuks (output)"
    EUROS = "83", "Euro's"
    STUKS_INSPANNING = "84", "Stuks (inspanning)"


class Frequentie(models.TextChoices):
    """WMO757 (iWmo and iJw)."""

    PER_DAG = "1", "Per dag"
    PER_WEEK = "2", "Per week"
    PER_MAAND = "4", "Per maand"
    TOTAAL = "6", "Totaal binnen geldigheidsduur toewijzing"


class RedenWijziging(models.TextChoices):
    """WMO002 / JZ002 (same codes in both standards)."""

    OVERLEDEN = "02", "Cliënt overleden"
    CONTRACTWIJZIGING = "03", "Contractwijziging"
    VERLENGING = "04", "Herbeoordeling: verlenging toewijzing"
    VERKORTING = "05", "Herbeoordeling: verkorting toewijzing"
    ANDER_DOMEIN = "06", "Uitstroom naar ander domein"
    VERHUIZING = "07", "Verhuizing naar een andere gemeente"
    LEVERINGSVORM = "08", "Wijziging leveringsvorm"
    ANDERE_AANBIEDER = "09", "Overstap naar andere aanbieder"
    BEKOSTIGING = "10", "Overgang naar nieuwe bekostigingssystematiek"
    HERINDELING = "11", "Gemeentelijke herindeling"
    AANBIEDER = "12", "Geïnitieerd door de aanbieder"
    VERWIJDERD = "13", "Verwijderd"
    CORRECTIE = "14", "Administratieve correctie"


#: 01 "Administratieve correctie (vervallen)" is in the lists but marked "Niet gebruiken".
REDEN_WIJZIGING_VERVALLEN = {"01"}


class RedenBeeindigingWmo(models.TextChoices):
    """WMO588."""

    OVERLIJDEN = "02", "Overlijden"
    VOLGENS_PLAN = "19", "Levering volgens plan beëindigd"
    TIJDELIJK = "20", "Levering is tijdelijk beëindigd"
    DOOR_CLIENT = "21", "Levering is eenzijdig door cliënt beëindigd"
    DOOR_AANBIEDER = "22", "Levering is eenzijdig door aanbieder beëindigd"
    IN_OVERLEG = "23", "Levering is in overeenstemming voortijdig beëindigd"
    VERHUIZING = "31", "Verhuizing naar een andere gemeente"
    GEMEENTE = "36", "Geïnitieerd door de gemeente"
    WIJZIGINGSVERZOEK = "37", "In verband met wijzigingsverzoek"
    ANDERE_AANBIEDER = "38", "Overstap naar andere aanbieder"
    ANDER_DOMEIN = "39", "Uitstroom naar ander domein"


class RedenBeeindigingJeugd(models.TextChoices):
    """JZ588: the same codes mean different things than in WMO588 (31 is "volgens plan" here)."""

    OVERLIJDEN = "02", "Overlijden"
    TIJDELIJK = "20", "Levering is tijdelijk beëindigd"
    VOLGENS_PLAN = "31", "Levering is volgens plan beëindigd"
    DOOR_CLIENT = "32", "Voortijdig afgesloten, door cliënt"
    DOOR_AANBIEDER = "33", "Voortijdig afgesloten, door aanbieder"
    IN_OVERLEG = "34", "Voortijdig afgesloten, in overleg"
    EXTERNE_OORZAAK = "35", "Voortijdig afgesloten, externe oorzaak"
    GEMEENTE = "36", "Geïnitieerd door de gemeente"
    WIJZIGINGSVERZOEK = "37", "In verband met wijzigingsverzoek"
    ANDERE_AANBIEDER = "38", "Overstap naar andere aanbieder"
    ANDER_DOMEIN = "39", "Uitstroom naar ander domein"


def productcategorieen(wet: str) -> type[models.TextChoices]:
    return ProductcategorieJeugd if wet == Wet.JEUGDWET else ProductcategorieWmo


def redenen_beeindiging(wet: str) -> type[models.TextChoices]:
    return RedenBeeindigingJeugd if wet == Wet.JEUGDWET else RedenBeeindigingWmo


#: Per codelist: our choices, and the file in the iStandaarden directory that defines them.
BRONBESTANDEN: list[tuple[type[models.TextChoices], str, set[str]]] = [
    (ProductcategorieWmo, "iwmo-3.2/codelijsten/WMO020_Productcategorie.md", set()),
    (ProductcategorieJeugd, "ijw-3.2/codelijsten/JZ020_Productcategorie", set()),
    (Eenheid, "iwmo-3.2/codelijsten/WJ756_Eenheid.md", set()),
    (Eenheid, "ijw-3.2/codelijsten/WJ756_Eenheid.md", set()),
    (Frequentie, "iwmo-3.2/codelijsten/WMO757_Frequentie.md", set()),
    (Frequentie, "ijw-3.2/codelijsten/WMO757_Frequentie.md", set()),
    (RedenWijziging, "iwmo-3.2/codelijsten/WMO002_Reden_wijziging toewijzing.md", REDEN_WIJZIGING_VERVALLEN),
    (RedenWijziging, "ijw-3.2/codelijsten/JZ002_Reden_wijziging_toewijzing.md", REDEN_WIJZIGING_VERVALLEN),
    (RedenBeeindigingWmo, "iwmo-3.2/codelijsten/WMO588_Reden_beeindiging.md", set()),
    (RedenBeeindigingJeugd, "ijw-3.2/codelijsten/JZ588_Reden_beeindiging.md", set()),
]
