"""Message codes, namespaces and retourcodes of iWmo 3.2 and iJw 3.2 (COD002-VEKTIS, WJ001)."""

from __future__ import annotations

from dataclasses import dataclass

from keukentafel.codelijsten import Wet

BERICHTVERSIE = "3"
BERICHTSUBVERSIE = "2"
XSD_VERSIE = "1.0.0"

#: COD002-VEKTIS: BerichtCode per law and message number.
BERICHTCODES: dict[str, dict[str, str]] = {
    Wet.WMO: {
        "301": "414", "302": "415", "305": "418", "306": "419", "307": "420", "308": "421", "315": "444",
        "316": "445", "317": "480", "318": "481", "319": "482", "320": "483", "323": "484", "325": "485",
    },
    Wet.JEUGDWET: {
        "301": "436", "302": "437", "305": "438", "306": "439", "307": "440", "308": "441", "315": "446",
        "316": "447", "317": "486", "318": "487", "319": "488", "320": "489", "323": "490", "325": "491",
    },
}

#: Retour message for each message that is answered with one (the 325 answers the 323).
RETOUR_VAN = {"301": "302", "305": "306", "307": "308", "315": "316", "317": "318", "319": "320", "323": "325"}
#: Messages a provider sends to the municipality.
VAN_AANBIEDER = {"302", "305", "307", "315", "317", "320", "323"}
#: Messages the municipality sends.
VAN_GEMEENTE = {"301", "306", "308", "316", "318", "319", "325"}


def prefix(wet: str) -> str:
    return "wmo" if wet == Wet.WMO else "jw"


def basis_namespace(wet: str) -> str:
    std = "iwmo" if wet == Wet.WMO else "ijw"
    return f"http://www.istandaarden.nl/{std}/3_2/basisschema/schema"


def bericht_namespace(wet: str, soort: str) -> str:
    std = "iwmo" if wet == Wet.WMO else "ijw"
    return f"http://www.istandaarden.nl/{std}/3_2/{prefix(wet)}{soort}/schema"


def herken_namespace(namespace: str) -> tuple[str, str] | None:
    """(wet, soort) from a root namespace such as …/iwmo/3_2/wmo305/schema, or None."""
    for wet in (Wet.WMO, Wet.JEUGDWET):
        for soort in BERICHTCODES[wet]:
            if namespace == bericht_namespace(wet, soort):
                return wet, soort
    return None


def berichtnaam(wet: str, soort: str) -> str:
    return f"{'WMO' if wet == Wet.WMO else 'JW'}{soort}"


@dataclass(frozen=True)
class Retourcode:
    code: str
    tekst: str
    regel: str = ""


#: WJ001 codes Keukentafel produces, with the technical rule (TR) that produces them.
RETOURCODES: dict[str, Retourcode] = {
    r.code: r
    for r in (
        Retourcode("0001", "Bericht is afgekeurd om technische redenen."),
        Retourcode("0200", "Geen opmerking over deze berichtklasse."),
        Retourcode("0233", "Berichtklasse is niet beoordeeld."),
        Retourcode("8001", "Declaratie is volledig toegewezen."),
        Retourcode("0611", "Het ingediende tarief komt niet overeen met het contractuele tarief.", "TR418"),
        Retourcode("8017", "Van deze credit prestatie is geen debet prestatie bekend.", "TR323"),
        Retourcode("8021", "Referentienummer prestatie is reeds aangeleverd.", "TR314"),
        Retourcode("8187", "De prestatie hoort niet bij deze cliënt.", "TR304"),
        Retourcode("8214", "DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode.", "TR318"),
        Retourcode("8848", "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.", "TR135"),
        Retourcode("9019", "Het regiebericht kan niet gekoppeld worden aan een toewijzing.", "TR019"),
        Retourcode("9056", "Identificatie moet uniek zijn.", "TR056"),
        Retourcode("9063", "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is.", "TR063"),
        Retourcode("9069", "Er is geen actueel startbericht met dezelfde sleutel.", "TR069"),
        Retourcode("9071", "Het eerdere startbericht kan niet verwijderd worden omdat de zorg al beëindigd is.", "TR071"),
        Retourcode("9074", "Er is al een eerder bericht ontvangen met dezelfde sleutel.", "TR074"),
        Retourcode("9307", "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing.", "TR307"),
        Retourcode("9308", "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing.", "TR308"),
        Retourcode("9319", "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.", "TR319"),
        Retourcode("9321", "Het ingediende volume overschrijdt het toegewezen volume.", "TR321"),
        Retourcode("9322", "De som van de ingediende volumes overschrijdt het toegewezen volume.", "TR322"),
        Retourcode("9326", "De actuele levering is nog niet gestopt met een Stopbericht.", "TR326"),
        Retourcode("9333", "Declaratienummer is niet uniek.", "TR333"),
        Retourcode("9338", "Niet iedere prestatie is gerelateerd aan een toegewezen product op basis van het toewijzingnummer.", "TR338"),
        Retourcode("9339", "ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct.", "TR339"),
        Retourcode("9340", "ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct.", "TR340"),
        Retourcode("9341", "Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct.", "TR341"),
        Retourcode("9346", "IngediendBedrag is niet gelijk aan GeleverdVolume vermenigvuldigd met ProductTarief.", "TR346"),
        Retourcode("9347", "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein.", "TR347"),
        Retourcode("9349", "Het verzoek om wijziging bevat niet alle actuele toegewezen producten van de cliënt.", "TR349"),
        Retourcode("9350", "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product.", "TR350"),
        Retourcode("9351", "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing.", "TR351"),
        Retourcode("9357", "GewensteIngangsdatum ligt op of vóór de dagtekening maar is niet de ingangsdatum van de toewijzing.", "TR357"),
        Retourcode("9361", "Het product komt vaker voor met overlappende zorgperiodes.", "TR361"),
        Retourcode("9369", "De som van de ingediende bedragen past niet binnen het toegewezen budget.", "TR369"),
        Retourcode("9373", "Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing.", "TR373"),
        Retourcode("9374", "Er is al een verzoek onderhanden.", "TR374"),
        Retourcode("9375", "Omvang is gevuld, terwijl Product in de toewijzing leeg is.", "TR375"),
        Retourcode("9411", "Omvang is leeg, terwijl Code in Product bij de toewijzing gevuld is.", "TR411"),
        Retourcode("9412", "Omvang is niet leeg, terwijl Code in Product bij de toewijzing leeg is.", "TR412"),
        Retourcode("9384", "Declaratie op toewijzing met RedenWijziging 13 (Verwijderd).", "TR384"),
        Retourcode("9387", "Begindatum van de ProductPeriode is niet de eerste dag van de maand (of de ingangsdatum).", "TR387"),
        Retourcode("9388", "Einddatum van de ProductPeriode is niet de laatste dag van de maand (of de einddatum).", "TR388"),
        Retourcode("9389", "Er is al een debetprestatie zonder bijbehorende creditprestatie.", "TR389"),
        Retourcode("9390", "Er is al een Prestatie met gelijk ProductReferentie met waarde Credit.", "TR390"),
        Retourcode("9413", "Er is al een tijdelijke stop (reden 20) voor deze levering.", "TR413"),
        Retourcode("9414", "Einddatum ligt vóór de einddatum van de actuele stop.", "TR414"),
        Retourcode("9415", "Er is al een definitieve stop voor deze levering.", "TR415"),
        Retourcode("S300", "Gemeentecode ongeldig.", "TR378"),
        Retourcode("S329", "ProductCode ongeldig.", "TR381"),
    )
}

GOED = "0200"
TECHNISCH_AFGEKEURD = "0001"
NIET_BEOORDEELD = "0233"
