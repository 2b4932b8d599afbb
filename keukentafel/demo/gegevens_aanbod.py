"""Fixed material for the demo catalogue: maatwerk products, providers, contracts, tariffs, algemene voorzieningen.

Sources. The number of providers follows seed 002_76fcc364857742d7.txt (Bollenstreek): the gemeenten "krijgen
[...] met meer dan 50 zorgaanbieders te maken" and buy maatwerk jointly ("gezamenlijk opdrachtgeverschap"), with
dagbesteding and individuele begeleiding "subregionaal / lokaal" and kortdurend verblijf and beschermd wonen
regional; the ZIN/pgb split (79% / 21%) is the Startfoto's "Leveringsvorm" paragraph of the same seed. The
categories of the sociale kaart follow seed 004_9b6c2f3ab6410036.txt ("In en om het huis", "Geldzaken",
"Meedoen", "Opvoeden en opgroeien", "Op pad"; maaltijdservice, boodschappendienst, buurthuis, mantelzorg). The
indicatievrij route ("ja, tenzij") is seed 000_9b14841e6fe6ddc8.txt, uitgangspunt 4. The seeds give no tariffs:
the amounts below are plausible Dutch 2025 price levels, not official ones. All organisation names, AGB codes,
KvK numbers, addresses and e-mail domains (.example) are fictitious.
"""

from __future__ import annotations

from dataclasses import dataclass

from keukentafel.codelijsten import Eenheid, Frequentie, Wet

#: Share of grants as pgb (Startfoto, seed 002: "79% [...] Zorg in Natura en 21% middels een persoonsgebonden budget").
AANDEEL_PGB = 0.21
#: Share of the non-pgb grants given as persoonsvolgend budget (pvb): a small pilot, not a seed figure.
AANDEEL_PVB = 0.05
#: Yearly indexation of the tariffs (OVA-like), applied from the second contract year on.
INDEXATIE = 0.03
#: Contract term of the regional framework agreements: four years, as usual in Dutch social-domain procurement.
CONTRACTJAREN = 4

INDICATIEVRIJ = ["wmo:02", "wmo:07", "jeugdwet:45"]
INDICATIEVRIJ_BRON = (
    "Seed 000_9b14841e6fe6ddc8.txt, uitgangspunt 4: zonder indicatie volgens het principe 'ja, tenzij' — de lokale "
    "toegang verwijst rechtstreeks met een verwijsbrief (begeleiding, dagbesteding, ambulante jeugdhulp)."
)


@dataclass(frozen=True)
class ProductDef:
    sleutel: str
    wet: str
    categorie: str
    code: str
    naam: str
    omschrijving: str
    eenheid: str
    frequentie: str
    tarief_cent: int  # base tariff in the first contract year
    pgb: bool = True


W, J = Wet.WMO, Wet.JEUGDWET
UUR, ETMAAL, DAGDEEL, STUKS = Eenheid.UUR, Eenheid.ETMAAL, Eenheid.DAGDEEL, Eenheid.STUKS_OUTPUT
WEEK, MAAND, TOTAAL = Frequentie.PER_WEEK, Frequentie.PER_MAAND, Frequentie.TOTAAL

PRODUCTEN: tuple[ProductDef, ...] = (
    ProductDef("hbh_basis", W, "01", "01A01", "Hulp bij het huishouden basis (HH1)",
               "Schoonhouden van de woning: woonkamer, keuken, sanitair en slaapkamer.", UUR, WEEK, 3150),
    ProductDef("hbh_plus", W, "01", "01A02", "Hulp bij het huishouden plus (HH2)",
               "Schoonhouden van de woning en de organisatie van het huishouden overnemen (regie, was, boodschappenplanning).",
               UUR, WEEK, 3490),
    ProductDef("beg_basis", W, "02", "02A01", "Begeleiding individueel basis",
               "Ondersteuning bij structuur, administratie en zelfstandig wonen.", UUR, WEEK, 6050),
    ProductDef("beg_spec", W, "02", "02A02", "Begeleiding individueel specialistisch",
               "Begeleiding bij ernstige psychische problematiek, NAH of gedragsproblemen.", UUR, WEEK, 7150),
    ProductDef("pv", W, "03", "03A01", "Persoonlijke verzorging",
               "Hulp bij wassen, aankleden en toiletgang die niet onder de wijkverpleging valt.", UUR, WEEK, 5750),
    ProductDef("kv", W, "04", "04A01", "Kortdurend verblijf (logeeropvang)",
               "Logeren ter ontlasting van de mantelzorger; ten hoogste drie etmalen per week.", ETMAAL, WEEK, 13850),
    ProductDef("dagb_ouderen", W, "07", "07A01", "Dagbesteding ouderen",
               "Dagbesteding in een groep voor ouderen, ook met geheugenproblemen.", DAGDEEL, WEEK, 4850),
    ProductDef("dagb_spec", W, "07", "07A02", "Dagbesteding specialistisch",
               "Dagbesteding voor mensen met NAH, een verstandelijke beperking of psychiatrische problematiek.", DAGDEEL, WEEK, 5950),
    ProductDef("dagb_arbeid", W, "07", "07A03", "Arbeidsmatige dagbesteding",
               "Dagbesteding met werkzaamheden, gericht op ritme en meedoen.", DAGDEEL, WEEK, 4250),
    ProductDef("vervoer", W, "08", "08A01", "Vervoer van en naar de dagbesteding",
               "Groepsvervoer tussen huis en de dagbestedingslocatie; per enkele rit.", STUKS, WEEK, 1275),
    ProductDef("rolstoel", W, "11", "11A01", "Handbewogen rolstoel (bruikleen)",
               "Rolstoel in bruikleen, inclusief onderhoud en reparatie.", STUKS, TOTAAL, 98500),
    ProductDef("scootmobiel", W, "12", "12A01", "Scootmobiel (bruikleen)",
               "Scootmobiel in bruikleen voor verplaatsingen in de omgeving, inclusief onderhoud.", STUKS, TOTAAL, 245000),
    ProductDef("traplift", W, "13", "13A01", "Traplift",
               "Rechte of bochtige traplift, inclusief plaatsing en onderhoud.", STUKS, TOTAAL, 565000),
    ProductDef("bw", W, "15", "15A01", "Beschermd wonen ggz",
               "Wonen in een accommodatie met toezicht en begeleiding voor mensen met psychiatrische problematiek.",
               ETMAAL, WEEK, 14650),
    ProductDef("dagbehandeling", J, "41", "41A01", "Dagbehandeling jeugd",
               "Behandeling in een groep op de locatie van de aanbieder, per dagdeel.", DAGDEEL, WEEK, 11850, pgb=False),
    ProductDef("jeugd_verblijf", J, "43", "43A01", "Jeugdhulp met verblijf (inclusief behandeling)",
               "Residentiële jeugdhulp met behandeling.", ETMAAL, WEEK, 31500, pgb=False),
    ProductDef("pleegzorg", J, "44", "44A01", "Pleegzorg en gezinshuis",
               "Verblijf in een pleeggezin of gezinshuis, met begeleiding.", ETMAAL, WEEK, 4350, pgb=False),
    ProductDef("jeugd_basis", J, "45", "45A01", "Ambulante jeugdhulp basis",
               "Opvoed- en gezinsondersteuning aan huis.", UUR, WEEK, 7150),
    ProductDef("jeugd_spec", J, "45", "45A02", "Ambulante jeugdhulp specialistisch",
               "Specialistische gezinsbegeleiding bij complexe opvoed- en gedragsproblemen.", UUR, WEEK, 9350),
    ProductDef("crisis", J, "46", "46A01", "Crisisopvang jeugd",
               "Opvang met verblijf bij een acute crisis, tot er een passende plek is.", ETMAAL, WEEK, 38500, pgb=False),
    ProductDef("jeugd_ggz", J, "54", "54A01", "Jeugd-ggz behandeling",
               "Diagnostiek en behandeling, ook systeemtherapie met het gezin.", UUR, MAAND, 11900),
)  # fmt: skip

PRODUCT = {p.sleutel: p for p in PRODUCTEN}

# --- providers -----------------------------------------------------------------------------------

#: What a provider's regional agreement covers, by product group.
HBH = ("hbh_basis", "hbh_plus")
BEG = ("beg_basis", "beg_spec")
DAGB = ("dagb_ouderen", "dagb_spec", "dagb_arbeid")
JEUGD = ("jeugd_basis", "jeugd_spec")


@dataclass(frozen=True)
class AanbiederDef:
    naam: str
    plaats: str
    straat: str
    producten: tuple[str, ...]  # product keys
    gemeente: str = ""  # only a local contract with this gemeente (lokaal pakket); empty: regional agreement
    gewicht: int = 2  # share of the clients (market share), relative
    verlopen: str = ""  # kind of mandatory evidence that has expired (the provider gets no new grants)
    soort: str = ""  # contract kind when not the default (lumpsum, populatiebekostiging)
    inactief: bool = False  # stopped: its contract ended after the first year


AANBIEDERS: tuple[AanbiederDef, ...] = (
    # Hulp bij het huishouden and persoonlijke verzorging
    AanbiederDef("Thuiszorg Duin en Bollen", "Lisse", "Heereweg 212", ("hbh_basis", "hbh_plus", "pv"), gewicht=6),
    AanbiederDef("Schoon & Thuis Bollenstreek", "Hillegom", "Weeresteinstraat 41", HBH, gewicht=4),
    AanbiederDef("Huishoudelijke Hulp Holland Rijnland", "Leiden", "Langegracht 70", HBH, gewicht=4),
    AanbiederDef("Thuishulp De Tulp", "Lisse", "Kanaalstraat 18", ("hbh_basis",), gemeente="Lisse", gewicht=3),
    AanbiederDef("Helpende Handen Noordwijk", "Noordwijk", "Lijnbaan 9", HBH, gemeente="Noordwijk", gewicht=3),
    AanbiederDef("Zorgmaatjes Thuis", "Katwijk", "Zeeweg 115", HBH, gewicht=3),
    AanbiederDef("Thuishulp Teylingen", "Sassenheim", "Kerklaan 27", ("hbh_basis",), gemeente="Teylingen", gewicht=3),
    AanbiederDef("Huishoudservice Keukenhof", "Lisse", "Stationsweg 166", HBH, verlopen="vog_beleid"),
    AanbiederDef("Schoonmaakcoöperatie Rijnland", "Leiden", "Haagweg 4", ("hbh_basis",), gewicht=2),
    AanbiederDef("Thuiszorg Zuid-Holland Noord", "Alphen aan den Rijn", "Hooftstraat 60", HBH, inactief=True),
    AanbiederDef("Wijkzorg Bollenstreek", "Voorhout", "Herenstraat 55", ("pv", "beg_basis"), gewicht=3),
    AanbiederDef("Verpleging & Verzorging Noordwijk", "Noordwijk", "Voorstraat 101", ("pv",), gemeente="Noordwijk"),
    AanbiederDef("Thuiszorg Rijn en Duin", "Oegstgeest", "Lange Voort 12", ("pv", "hbh_plus"), gewicht=2),
    # Begeleiding
    AanbiederDef("Zorggroep Bollenstreek", "Sassenheim", "Parklaan 3",
                 ("hbh_basis", "hbh_plus", "beg_basis", "pv", "kv", "dagb_ouderen"), gewicht=6),
    AanbiederDef("Begeleiding aan de Vaart", "Hillegom", "Hoofdstraat 150", ("beg_basis", "beg_spec", "dagb_spec"), gewicht=5),
    AanbiederDef("Stichting Ambulant Duin- en Bollenstreek", "Noordwijkerhout", "Havenweg 21", BEG, gewicht=4),
    AanbiederDef("Woonbegeleiding De Horst", "Lisse", "Achterweg 40", BEG, gewicht=3),
    AanbiederDef("Coaching op Maat Lisse", "Lisse", "Nassaustraat 7", ("beg_basis",), gemeente="Lisse", gewicht=2),
    AanbiederDef("Begeleidingspraktijk Sassenheim", "Sassenheim", "Wilhelminalaan 12", ("beg_basis",), gemeente="Teylingen", gewicht=2),
    AanbiederDef("De Kompaan Begeleiding", "Leiden", "Rijnsburgerweg 88", ("beg_spec",), gewicht=2),
    AanbiederDef("Stichting Rijnlands Ambulant", "Oegstgeest", "Endegeesterlaan 2", ("beg_spec", "bw"), gewicht=3),
    AanbiederDef("Thuisbegeleiding Noordwijkerhout", "Noordwijkerhout", "Dorpsstraat 30", ("beg_basis",), gemeente="Noordwijkerhout"),
    AanbiederDef("Zorgpraktijk Het Anker", "Noordwijk", "Beeklaan 14", ("beg_basis",), gewicht=2),
    AanbiederDef("Autisme Begeleiding West", "Leiden", "Stationsplein 200", ("beg_spec", "jeugd_spec"), gewicht=2),
    AanbiederDef("Individuele Begeleiding Voorhout", "Voorhout", "Jacoba van Beierenweg 61", ("beg_basis",),
                 gemeente="Teylingen", verlopen="meldcode"),
    AanbiederDef("Begeleid Zelfstandig Wonen Bollenstreek", "Hillegom", "Van den Endelaan 22", ("beg_basis",), gewicht=2),
    AanbiederDef("Budget & Begeleiding Hillegom", "Hillegom", "Meerlaan 5", ("beg_basis",), gemeente="Hillegom"),
    # Kortdurend verblijf
    AanbiederDef("Logeerhuis De Vlinder", "Sassenheim", "Teylingerlaan 9", ("kv",), gewicht=3),
    AanbiederDef("Zorgcentrum Hoogeweg", "Hillegom", "Leidsestraat 120", ("kv", "dagb_ouderen", "pv"), gewicht=3),
    AanbiederDef("Respijthuis Duinzicht", "Noordwijk", "Duinweg 18", ("kv",), gewicht=2),
    AanbiederDef("Woonzorgcentrum De Bollenhof", "Lisse", "Julianalaan 33", ("kv", "dagb_ouderen", "pv"), gewicht=3),
    # Dagbesteding
    AanbiederDef("Zorgboerderij De Hyacint", "Hillegom", "Elsbroekerlaan 6", ("dagb_ouderen", "dagb_arbeid"), gewicht=3),
    AanbiederDef("Zorgboerderij Ruigenhoek", "Noordwijkerhout", "Ruigenhoek 14", ("dagb_spec", "dagb_arbeid"),
                 gemeente="Noordwijkerhout", gewicht=3),
    AanbiederDef("Dagbesteding 't Bollenhuis", "Lisse", "Grachtweg 2", ("dagb_ouderen",), gewicht=3),
    AanbiederDef("Ontmoetingsdagbesteding De Linde", "Voorhout", "Hyacinthenlaan 4", ("dagb_ouderen",), gemeente="Teylingen", gewicht=3),
    AanbiederDef("Werkplaats De Zilk", "De Zilk", "Zilkerduinweg 20", ("dagb_arbeid",), gemeente="Noordwijkerhout", gewicht=2),
    AanbiederDef("Atelier Kleurrijk", "Noordwijk", "Van Berckelstraat 31", ("dagb_spec", "dagb_arbeid"), gewicht=2),
    AanbiederDef("Werkleerbedrijf Kringloop & Co", "Sassenheim", "Warmonderweg 80", ("dagb_arbeid",), gewicht=3),
    AanbiederDef("Dagcentrum De Duinroos", "Noordwijk", "Gooweg 48", ("dagb_ouderen", "dagb_spec"), gewicht=3),
    AanbiederDef("Zorgboerderij Warmonderhof", "Warmond", "Laan van Oostergeest 16", ("dagb_ouderen", "dagb_arbeid"), gewicht=2),
    AanbiederDef("Hersenletsel Dagbesteding Rijnland", "Leiden", "Hooigracht 15", ("dagb_spec",), gewicht=2),
    AanbiederDef("Dagbesteding De Tuinderij", "Voorhout", "Oude Herenweg 25", ("dagb_arbeid",), gemeente="Teylingen", gewicht=2),
    AanbiederDef("Buitenplaats Rozenhof", "Lisse", "Ruishornlaan 50", ("dagb_ouderen",), gemeente="Lisse", gewicht=2),
    # Vervoer and hulpmiddelen
    AanbiederDef("Zorgvervoer Duin- en Bollenstreek", "Lisse", "Vivaldilaan 3", ("vervoer",), gewicht=4),
    AanbiederDef("Taxicentrale Bollenstreek", "Hillegom", "Olympiaweg 11", ("vervoer",), gewicht=3),
    AanbiederDef("Hulpmiddelencentrum Rijnland", "Leiden", "Kenauweg 30", ("rolstoel", "scootmobiel"), gewicht=4),
    AanbiederDef("Mobiliteit & Zorg West", "Haarlem", "Waarderweg 52", ("rolstoel", "scootmobiel"), gewicht=2),
    AanbiederDef("Trapliften Holland", "Alphen aan den Rijn", "Zuidpoolsingel 8", ("traplift",), gewicht=3),
    AanbiederDef("Woonaanpassingen Bollenstreek", "Sassenheim", "Hoofdstraat 240", ("traplift",), gewicht=2),
    # Beschermd wonen (regional)
    AanbiederDef("Stichting Beschermd Wonen Rijnland", "Leiden", "Plesmanlaan 40", ("bw",), gewicht=3),
    AanbiederDef("Woonvoorziening De Brug", "Katwijk", "Sluisweg 10", ("bw",), gewicht=2),
    # Jeugdhulp (regional package, seed 000 uitgangspunt 9: residentiële zorg en crisis regionaal)
    AanbiederDef("Jeugdhulp Holland Rijnland", "Leiden", "Schipholweg 5", ("jeugd_basis", "jeugd_spec", "dagbehandeling"), gewicht=6),
    AanbiederDef("Gezinsbegeleiding Bollenstreek", "Lisse", "Oranjelaan 9", ("jeugd_basis",), gewicht=4),
    AanbiederDef("Kinder- en Jeugdpraktijk De Zilk", "De Zilk", "Vogelaardreef 3", ("jeugd_basis",), gemeente="Noordwijkerhout"),
    AanbiederDef("Jeugd-ggz Leiden e.o.", "Leiden", "Rooseveltstraat 20", ("jeugd_ggz",), gewicht=5, soort="lumpsum"),
    AanbiederDef("Praktijk voor Kind en Gezin Lisse", "Lisse", "Schoolstraat 14", ("jeugd_ggz", "jeugd_basis"), gewicht=2),
    AanbiederDef("Psychologenpraktijk Hillegom", "Hillegom", "Pastoorslaan 2", ("jeugd_ggz",), gewicht=2),
    AanbiederDef("Pleegzorg Rijnland", "Leiden", "Morsweg 120", ("pleegzorg",), gewicht=3),
    AanbiederDef("Jeugdhulp met Verblijf Duinoord", "Noordwijk", "Nieuwe Zeeweg 70", ("jeugd_verblijf", "pleegzorg"), gewicht=2),
    AanbiederDef("Crisisdienst Jeugd Holland Rijnland", "Leiden", "Vijf Meiplein 1", ("crisis",), gewicht=2),
    AanbiederDef("Gezinshuis De Waterlelie", "Sassenheim", "Kerklaan 70", ("pleegzorg",), gewicht=1),
    AanbiederDef("Orthopedagogisch Centrum Leiden", "Leiden", "Wassenaarseweg 60", ("dagbehandeling", "jeugd_spec"), gewicht=2),
    AanbiederDef("Jongerencoach Noordwijk", "Noordwijk", "Zeestraat 22", ("jeugd_basis",), gemeente="Noordwijk", gewicht=2),
    AanbiederDef("Opvoedpraktijk Teylingen", "Voorhout", "Boerhaavelaan 19", ("jeugd_basis",), gemeente="Teylingen", verlopen="vog_beleid"),
    AanbiederDef("Kinderpraktijk De Zonnebloem", "Noordwijkerhout", "Victorialaan 8", ("jeugd_ggz",), verlopen="meldcode"),
    AanbiederDef("Systeemtherapie Rijnland", "Oegstgeest", "Rhijngeesterstraatweg 13", ("jeugd_ggz",), gewicht=3),
    AanbiederDef("Ambulante Jeugdhulp Rijn en Bollen", "Hillegom", "Garenmarkt 4", ("jeugd_spec", "jeugd_basis"), gewicht=3),
    AanbiederDef("Gezin in Balans Lisse", "Lisse", "Heereweg 90", ("jeugd_basis",), gemeente="Lisse", gewicht=2),
)  # fmt: skip

#: Organisations behind the algemene voorzieningen, financed by subsidy (no tariffs, no grants).
WELZIJN = ("Welzijn Hillegom", "Welzijn Lisse", "Welzijn Noordwijk", "Welzijn Noordwijkerhout", "Welzijn Teylingen")
SUBSIDIEPARTNERS: tuple[tuple[str, str, str, int], ...] = (  # naam, plaats, straat, subsidie per jaar in euro
    ("Cliëntondersteuning Bollenstreek", "Lisse", "Heereweg 345", 410_000),
    ("Centrum voor Jeugd en Gezin Bollenstreek", "Sassenheim", "Parklaan 20", 1_250_000),
    ("Maaltijdservice Bollenstreek", "Hillegom", "Marktplein 8", 95_000),
    ("Stichting Thuisadministratie Bollenstreek", "Noordwijkerhout", "Schoolstraat 2", 60_000),
    ("Preventie Verslavingszorg Holland Rijnland", "Leiden", "Breestraat 70", 140_000),
    ("Vrijwillige Vervoersdienst Bollenstreek", "Voorhout", "Sassenheimerweg 12", 45_000),
)
#: Subsidy per welzijnsorganisatie per year, in euro (per gemeente, roughly € 40 per inhabitant).
SUBSIDIE_WELZIJN = {"Hillegom": 840_000, "Lisse": 890_000, "Noordwijk": 1_030_000, "Noordwijkerhout": 640_000, "Teylingen": 1_430_000}

#: Telephone area codes: 0252 for the Bollenstreek, 071 for Leiden, Noordwijk, Warmond and Katwijk.
NETNUMMERS = {"Noordwijk": "071", "Warmond": "071", "Leiden": "071", "Katwijk": "071", "Oegstgeest": "071",
              "Haarlem": "023", "Alphen aan den Rijn": "0172"}  # fmt: skip

# --- algemene voorzieningen -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoorzieningDef:
    """An entry of the sociale kaart. `sleutels` are the names plan actions use for it (gegevens.PROFIELEN)."""

    naam: str
    categorie: str
    omschrijving: str
    uitvoerder: str  # "welzijn" (the gemeente's welzijnsorganisatie) or an organisation name
    leefgebieden: tuple[str, ...]
    doelgroepen: tuple[str, ...]
    openingstijden: str = ""
    kosten_cent: int = 0
    kosten_toelichting: str = ""
    sleutels: tuple[str, ...] = ()
    vrij_toegankelijk: bool = True


#: One per gebied: the wijkcentrum or dorpshuis (the Jordi case of seed 001 happens in the one in Sassenheim).
ONTMOETINGSPLEKKEN = {
    "Hillegom-Noord": "Wijkcentrum De Nachtegaal",
    "Hillegom-Zuid": "Buurthuis Elsbroek",
    "Lisse-Noord": "Wijkcentrum De Ruishoorn",
    "Lisse-Zuid": "Dorpshuis De Vogelaar",
    "Noordwijk-Binnen": "Wijkcentrum Het Trefpunt",
    "Noordwijk aan Zee": "Buurthuis De Branding",
    "Noordwijk-Oost": "Wijkcentrum De Schelp",
    "Noordwijkerhout": "Dorpscentrum De Schelft",
    "De Zilk": "Dorpshuis De Zilk",
    "Sassenheim": "Wijkcentrum De Hof van Sassenheim",
    "Voorhout": "Dorpshuis Het Vierkant",
    "Warmond": "Dorpshuis Warmond",
}

#: Per gebied: the wijkcentrum with its open inloop and activities (seed 004: "buurthuis").
PER_GEBIED = VoorzieningDef(
    "{plek}", "ontmoeting",
    "Open inloop met koffie en een praatje, samen eten, spelletjes en een ontmoetingsochtend voor senioren. Vrijwilligers "
    "helpen bij het klaarzetten van zalen en activiteiten.",
    "welzijn", ("sociaal-netwerk", "maatschappelijke-participatie", "dagbesteding"), ("iedereen", "ouderen"),
    "ma-vr 9.30-16.30 uur, ontmoetingsochtend di en do 10.00-12.30 uur", 150, "per ontmoetingsochtend (koffie en activiteit)",
    sleutels=("Inloop buurthuis", "Ontmoetingscentrum"),
)  # fmt: skip

#: Per gemeente, carried out by its welzijnsorganisatie unless named.
PER_GEMEENTE: tuple[VoorzieningDef, ...] = (
    VoorzieningDef("Steunpunt Mantelzorg {gemeente}", "mantelzorg",
                   "Advies, respijt, lotgenotengroepen en de mantelzorgwaardering voor wie voor een naaste zorgt.",
                   "welzijn", ("sociaal-netwerk",), ("mantelzorgers",), "ma-do 9.00-17.00 uur", sleutels=("Mantelzorgondersteuning",)),
    VoorzieningDef("Maaltijdservice {gemeente}", "maaltijden",
                   "Warme maaltijd aan huis, gekoeld of warm bezorgd, vijf of zeven dagen per week.",
                   "Maaltijdservice Bollenstreek", ("adl",), ("ouderen", "beperking"), "bezorging ma-zo tussen 11.30 en 13.00 uur",
                   750, "per maaltijd", sleutels=("Maaltijdservice",)),
    VoorzieningDef("Vrijwilligerscentrale {gemeente}", "vrijwilligers",
                   "Koppelt vrijwilligers aan inwoners: een maatje, de wekelijkse boodschappen, een wandeling of hulp in de tuin.",
                   "welzijn", ("sociaal-netwerk", "maatschappelijke-participatie", "adl"), ("iedereen",), "ma-vr 9.00-13.00 uur"),
    VoorzieningDef("Algemeen maatschappelijk werk {gemeente}", "informatie_advies",
                   "Kortdurende hulp bij persoonlijke problemen, relaties, rouw en geldzorgen.",
                   "welzijn", ("geestelijke-gezondheid", "huiselijke-relaties", "financien"), ("volwassenen",),
                   "inloopspreekuur wo 13.00-15.00 uur, verder op afspraak", sleutels=("Algemeen maatschappelijk werk",)),
    VoorzieningDef("Centrum voor Jeugd en Gezin {gemeente}", "opvoeden",
                   "Vragen over opgroeien en opvoeden: inloopspreekuur, jeugdverpleegkundige en pedagoog.",
                   "Centrum voor Jeugd en Gezin Bollenstreek", ("opvoeding",), ("ouders", "jeugd"), "ma-vr 9.00-12.00 uur"),
    VoorzieningDef("Vrijwillige vervoersdienst {gemeente}", "vervoer",
                   "Vrijwilligers rijden inwoners die slecht ter been zijn naar de huisarts, het ziekenhuis of familie.",
                   "Vrijwillige Vervoersdienst Bollenstreek", ("maatschappelijke-participatie", "lichamelijke-gezondheid"),
                   ("ouderen", "beperking"), "reserveren ma-vr 9.00-12.00 uur", 35, "per kilometer"),
)  # fmt: skip

#: Only in some gemeenten.
ALLEEN_IN: tuple[tuple[VoorzieningDef, tuple[str, ...]], ...] = (
    (VoorzieningDef("Ontmoetingscentrum voor mensen met dementie {gemeente}", "ontmoeting",
                    "Dagprogramma voor thuiswonende mensen met dementie en ondersteuning van hun mantelzorgers.",
                    "welzijn", ("sociaal-netwerk", "dagbesteding"), ("ouderen", "mantelzorgers"), "ma, wo en vr 10.00-16.00 uur",
                    500, "per dag (inclusief lunch)"), ("Lisse", "Teylingen")),
    (VoorzieningDef("Klussendienst {gemeente}", "huishouden",
                    "Vrijwilligers voor kleine klussen in en om het huis: een lamp ophangen, een kraan vervangen.",
                    "welzijn", ("huisvesting",), ("ouderen", "beperking"), "aanvragen op werkdagen", 500, "per klus (exclusief materiaal)"),
     ("Teylingen",)),
    (VoorzieningDef("Jongerenwerk {gemeente}", "opvoeden",
                    "Jongerenwerkers op straat en in de jongerenruimte; ook individuele coaching van jongeren.",
                    "welzijn", ("maatschappelijke-participatie", "dagbesteding"), ("jeugd",), "di-vr 15.00-22.00 uur"), ("Noordwijk",)),
    (VoorzieningDef("Taalcafé {gemeente}", "werk",
                    "Nederlands oefenen in een ontspannen sfeer, met vrijwillige taalmaatjes.",
                    "welzijn", ("maatschappelijke-participatie", "werk-opleiding"), ("volwassenen",), "do 19.00-21.00 uur"), ("Hillegom",)),
    (VoorzieningDef("Buurtsportcoach {gemeente}", "gezondheid",
                    "Beweegactiviteiten voor ouderen en kinderen in de buurt: wandelvoetbal, sportinstuif, bewegen voor senioren.",
                    "welzijn", ("lichamelijke-gezondheid", "maatschappelijke-participatie"), ("iedereen",), "zie de activiteitenkalender"),
     ("Noordwijkerhout",)),
)  # fmt: skip

#: For the whole region (gemeente empty).
REGIONAAL: tuple[VoorzieningDef, ...] = (
    VoorzieningDef("Schuldhulpverlening ISD Bollenstreek", "geld",
                   "Hulp bij problematische schulden: intake binnen drie werkdagen, budgetplan en minnelijk traject.",
                   "ISD Bollenstreek", ("financien",), ("volwassenen",), "ma-vr 8.30-17.00 uur",
                   sleutels=("Schuldhulpverlening",)),
    VoorzieningDef("Vroegsignalering schulden", "geld",
                   "Bij een achterstand in huur, energie of zorgverzekering neemt een schuldhulpverlener binnen een week contact op.",
                   "ISD Bollenstreek", ("financien", "huisvesting"), ("volwassenen",), sleutels=("Vroegsignalering schulden",)),
    VoorzieningDef("Budgetcursus Rond komen", "geld",
                   "Cursus van vier avonden: overzicht in inkomsten en uitgaven, besparen en post ordenen.",
                   "Stichting Thuisadministratie Bollenstreek", ("financien",), ("volwassenen", "jeugd"), "voor- en najaar, di 19.30 uur",
                   sleutels=("Budgetcursus",)),
    VoorzieningDef("Jeugdfonds Sport & Cultuur", "opvoeden",
                   "Betaalt de contributie of het lesgeld voor kinderen uit gezinnen met een laag inkomen.",
                   "Jeugdfonds Sport & Cultuur", ("maatschappelijke-participatie", "financien"), ("jeugd", "ouders"),
                   sleutels=("Jeugdfonds Sport & Cultuur",)),
    VoorzieningDef("Opvoedcursus Positief Opvoeden", "opvoeden",
                   "Cursus van zes bijeenkomsten voor ouders over grenzen stellen en een goede band met je kind.",
                   "Centrum voor Jeugd en Gezin Bollenstreek", ("opvoeding",), ("ouders",), "najaar, ma 19.30-21.30 uur",
                   sleutels=("Opvoedcursus CJG",)),
    VoorzieningDef("Cursus In Balans (valpreventie)", "gezondheid",
                   "Oefengroep van tien weken om vallen te voorkomen: evenwicht, kracht en veilig bewegen in huis.",
                   "welzijn", ("lichamelijke-gezondheid",), ("ouderen",), "wekelijks, wisselende locaties", 2500, "per cursus",
                   sleutels=("Cursus In Balans (valpreventie)",)),
    VoorzieningDef("Preventiespreekuur verslavingszorg", "gezondheid",
                   "Anoniem en gratis spreekuur over alcohol, drugs en gokken, ook voor naasten.",
                   "Preventie Verslavingszorg Holland Rijnland", ("verslaving",), ("volwassenen", "jeugd"), "di 16.00-18.00 uur",
                   sleutels=("Preventiespreekuur verslavingszorg",)),
    VoorzieningDef("Onafhankelijke cliëntondersteuning", "clientondersteuning",
                   "Gratis en onafhankelijke ondersteuning bij het keukentafelgesprek, een aanvraag of bezwaar (Wmo 2015 art. 2.2.4).",
                   "Cliëntondersteuning Bollenstreek", ("maatschappelijke-participatie",), ("iedereen",), "ma-vr 9.00-17.00 uur"),
    VoorzieningDef("Personenalarmering", "wonen",
                   "Alarmknop om de hals of pols; bij een val belt de meldkamer een contactpersoon of de thuiszorg.",
                   "Thuiszorg Duin en Bollen", ("huisvesting", "lichamelijke-gezondheid"), ("ouderen",), "24 uur per dag",
                   1995, "per maand"),
    VoorzieningDef("Regiotaxi (collectief vraagafhankelijk vervoer)", "vervoer",
                   "Deur-tot-deurvervoer in de regio tegen een OV-tarief, met een Wmo-vervoerspas van de gemeente.",
                   "Zorgvervoer Duin- en Bollenstreek", ("maatschappelijke-participatie",), ("ouderen", "beperking"),
                   "dagelijks 6.00-24.00 uur", 110, "per zone", vrij_toegankelijk=False),
)  # fmt: skip

# --- grants: plan actions, overgangsrecht, texts ------------------------------------------------------


@dataclass(frozen=True)
class Maatwerk:
    """What a plan's maatwerk action (by its `voorziening` text in gegevens.PROFIELEN) is granted as."""

    producten: tuple[tuple[str, int], ...]  # (product key, weight)
    omvang: tuple[int, ...]
    frequentie: str = ""  # empty: the product's default
    voor: str = "aanvrager"  # aanvrager, partner (when there is one) or kind
    met_vervoer: float = 0.0  # chance of a second grant for transport to the dagbesteding


MAATWERK: dict[str, Maatwerk] = {
    "Hulp bij het huishouden – 2 uur per week": Maatwerk((("hbh_basis", 8), ("hbh_plus", 2)), (2,)),
    "Hulp bij het huishouden – 3 uur per week": Maatwerk((("hbh_basis", 6), ("hbh_plus", 4)), (3,)),
    "Woningaanpassing: traplift": Maatwerk((("traplift", 7), ("scootmobiel", 2), ("rolstoel", 1)), (1,)),
    "Kortdurend verblijf – max. 3 etmalen per week": Maatwerk((("kv", 1),), (2, 3, 4), MAAND, voor="partner"),
    "Dagbesteding ouderen – 3 dagdelen per week": Maatwerk((("dagb_ouderen", 1),), (3,), voor="partner", met_vervoer=0.45),
    "Ambulante jeugdhulp – 2 uur per week": Maatwerk((("jeugd_basis", 8), ("jeugd_spec", 2)), (2,), voor="kind"),
    "Ambulante jeugdhulp – 3 uur per week": Maatwerk((("jeugd_basis", 6), ("jeugd_spec", 4)), (3,), voor="kind"),
    "Jeugd-GGZ – systeemtherapie": Maatwerk((("jeugd_ggz", 1),), (4, 6, 8), voor="kind"),
    "Individuele begeleiding – 2 uur per week": Maatwerk((("beg_basis", 8), ("beg_spec", 2)), (2,)),
    "Individuele begeleiding – 3 uur per week": Maatwerk((("beg_basis", 5), ("beg_spec", 5)), (3,)),
    "Dagbesteding – 4 dagdelen per week": Maatwerk((("dagb_arbeid", 7), ("dagb_spec", 3)), (4,)),
}

#: Overgangsrecht (existing indications carried over when the region started with its new contracts): which
#: products, from which source (ToegewezenVoorziening.indicatiebron), for which profiles, with which volume.
OVERGANGSRECHT: tuple[tuple[str, str, tuple[str, ...], tuple[int, ...]], ...] = (
    ("CIZ", "beg_basis", ("jongvolwassene", "volwassene_alleen", "oudere_alleen"), (2, 3, 4)),
    ("CIZ", "dagb_spec", ("jongvolwassene", "volwassene_alleen"), (2, 4, 6)),
    ("CIZ", "kv", ("ouder_echtpaar",), (2, 3)),
    ("CIZ", "pv", ("oudere_alleen", "ouder_echtpaar"), (2, 3, 5)),
    ("CIZ", "bw", ("volwassene_alleen",), (7,)),
    ("oude Wmo", "hbh_basis", ("oudere_alleen", "ouder_echtpaar"), (2, 3, 4)),
    ("oude Wmo", "rolstoel", ("oudere_alleen",), (1,)),
    ("oude Wmo", "scootmobiel", ("oudere_alleen", "ouder_echtpaar"), (1,)),
    ("BJZ", "jeugd_spec", ("gezin", "eenoudergezin"), (2, 3)),
    ("BJZ", "pleegzorg", ("gezin",), (7,)),
    ("BJZ", "jeugd_verblijf", ("gezin",), (7,)),
    ("BJZ", "dagbehandeling", ("gezin",), (2, 4)),
)

#: Profiles whose (older) persons may have an old pgb (indicatiebron "pgb").
PGB_OVERGANG = ("beg_basis", "hbh_basis", "pv", "dagb_spec")

PGB_PLANNEN = {
    "uur": (
        "{naam} koopt de ondersteuning in bij een zzp'er die {hem} al kent; vaste momenten in de week, afgestemd op {zijn} ritme.",
        "Budget voor een vaste hulp uit de buurt, via een zorgovereenkomst (SVB-model). Vervanging bij ziekte via het netwerk.",
        "{naam} kiest een kleine zorgaanbieder zonder contract met de gemeente, die ook in de avond kan komen.",
    ),
    "dagdeel": (
        "Dagbesteding op een kleinschalige zorgboerderij buiten de regio, waar {naam} al eerder kwam.",
        "Dagbesteding in een kunstatelier dat niet door de gemeente is gecontracteerd; sluit aan bij {zijn} interesses.",
    ),
    "etmaal": ("Logeeropvang bij een kleinschalig logeerhuis dat de familie zelf heeft gevonden.",),
    "stuks": ("{naam} schaft het hulpmiddel zelf aan bij een leverancier naar keuze; de offerte zit in het dossier.",),
}
PGB_MOTIVERING = (
    "De inwoner wil de hulp door een vaste, bekende hulpverlener; bij de gecontracteerde aanbieders is dat niet te garanderen.",
    "Zorg in natura past niet bij de wisselende werktijden van de mantelzorger; met een pgb kan de hulp flexibel worden ingezet.",
    "Eerdere ervaringen met wisselende hulpverleners zorgden voor onrust; de inwoner wil zelf kiezen.",
    "De gewenste aanbieder heeft specifieke ervaring met deze doelgroep en is niet gecontracteerd.",
)
#: The exception policy asks for (seed 000_9b14841e6fe6ddc8.txt, uitgangspunt 17: mantelzorg in principe niet uit het pgb).
PGB_NETWERK = (
    "Dochter verleent de hulp al jaren; zij heeft haar baan ervoor ingekrompen. Uitzondering: zonder betaling valt de hulp weg "
    "en is duurdere zorg in natura nodig."
)

AFWIJZINGEN = (
    "De gevraagde ondersteuning kan met een algemene voorziening en de hulp van het netwerk worden geboden; een maatwerkvoorziening "
    "is daarom niet nodig (Wmo 2015 art. 2.3.5 lid 3).",
    "Uit het onderzoek blijkt dat de zorg onder de Zorgverzekeringswet valt (wijkverpleging); die is voorliggend op de Wmo.",
    "De beperkingen zijn niet zodanig dat een maatwerkvoorziening nodig is; de inwoner kan met eigen kracht en een algemeen "
    "gebruikelijke voorziening zelfredzaam blijven.",
)
GEDEELTELIJK = (
    "Er wordt minder toegekend dan gevraagd: uit de normering volgt voor deze situatie een lagere omvang, omdat de partner "
    "een deel van de taken kan overnemen."
)
TOEKENNING = (
    "Uit het onderzoek en het ondersteuningsplan blijkt dat deze ondersteuning nodig is om zelfstandig te blijven wonen.",
    "De inwoner kan met eigen kracht, het netwerk en algemene voorzieningen niet voldoende zelfredzaam zijn; maatwerk is nodig.",
)
BEZWAARGRONDEN = (
    "De inwoner vindt dat het onderzoek onvoldoende rekening houdt met de vermoeidheid van de mantelzorger.",
    "Volgens de inwoner is de algemene voorziening niet passend: er is een wachtlijst en de locatie is niet bereikbaar.",
    "De inwoner is het niet eens met het aantal uren; de medische situatie is verslechterd sinds het gesprek.",
)
BEZWAARUITKOMSTEN = {
    "ongegrond": "De bezwaarcommissie adviseert het besluit te handhaven; het college volgt het advies.",
    "ingetrokken": "Na een gesprek met de consulent is een extra afspraak gemaakt over respijt; het bezwaar is ingetrokken.",
    "gegrond": "Bij heronderzoek bleek de situatie verslechterd; het besluit is herzien.",
}
KLACHTEN_AANBIEDER = (
    "De hulp komt vaak op andere tijden dan afgesproken en er komen steeds andere mensen.",
    "De begeleider is de afgelopen drie weken niet gekomen zonder af te bellen.",
    "Het vervoer naar de dagbesteding is regelmatig meer dan een half uur te laat.",
)
KLACHTEN_GEMEENTE = (
    "De inwoner heeft lang moeten wachten op een reactie op de aanvraag.",
    "De brief met het besluit was moeilijk te begrijpen.",
)
KLACHTAFHANDELING = "Gesprek gevoerd met inwoner en {wie}; afspraken gemaakt en schriftelijk bevestigd."
#: Seed 000_9b14841e6fe6ddc8.txt, uitgangspunt 4: the verwijsbrief doubles as the provider's intake; yearly evaluation.
HULPVRAAG = "{naam}: {omschrijving} Afgesproken met de aanbieder: start binnen twee weken, evaluatie na een jaar."
