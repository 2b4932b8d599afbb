"""Fixed material for the demo region: organisation, names, addresses and the texts of the cases.

Figures from the Startfoto in seed 002_76fcc364857742d7.txt (Bollenstreek Wmo-kadernota): inhabitants per
gemeente (20.987 / 22.312 / 25.698 / 15.881 / 35.774) and "grofweg 1600 à 1700 personen, oftewel 1,4% van
de bevolking" receiving begeleiding; mantelzorg figures (15% of mantelzorgers overbelast) from the same seed.
CBS-codes are the official ones of 2013. Wijk/kern division, their inhabitants and the street names are
plausible, not official statistics. Persons, organisations of providers and all case texts are fictitious.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Demo-only password shared by all demo logins. Never use the demo region in production.
DEMO_WACHTWOORD = "Keukentafel2026!"

REGIO = "Bollenstreek"

#: Share of inhabitants with a support question (Startfoto, seed 002: "1,4% van de bevolking").
AANDEEL_MET_VRAAG = 0.014

#: Share of mantelzorgers that feels overburdened (seed 002, SCP figures: "15% ... voelt zich overbelast").
AANDEEL_OVERBELAST = 0.15


@dataclass(frozen=True)
class GebiedDef:
    naam: str
    inwoners: int
    postcodes: tuple[tuple[str, str], ...]  # (pc4, woonplaats)
    straten: tuple[str, ...]


@dataclass(frozen=True)
class GemeenteDef:
    naam: str
    code: str
    inwoners: int
    gebieden: tuple[GebiedDef, ...]


GEMEENTEN: tuple[GemeenteDef, ...] = (
    GemeenteDef(
        "Hillegom",
        "0534",
        20_987,
        (
            GebiedDef(
                "Hillegom-Noord",
                10_412,
                (("2181", "Hillegom"), ("2180", "Hillegom")),
                ("Hoofdstraat", "Weeresteinstraat", "Van den Endelaan", "Meerlaan", "Pastoorslaan", "Marktplein"),
            ),
            GebiedDef(
                "Hillegom-Zuid",
                10_575,
                (("2182", "Hillegom"),),
                ("Leidsestraat", "Olympiaweg", "Elsbroekerlaan", "Sixlaan", "Van Nispenstraat", "Garenmarkt"),
            ),
        ),
    ),
    GemeenteDef(
        "Lisse",
        "0553",
        22_312,
        (
            GebiedDef(
                "Lisse-Noord",
                11_020,
                (("2161", "Lisse"),),
                ("Kanaalstraat", "Heereweg", "Nassaustraat", "Achterweg", "Vivaldilaan", "Oranjelaan"),
            ),
            GebiedDef(
                "Lisse-Zuid",
                11_292,
                (("2160", "Lisse"),),
                ("Grachtweg", "Ruishornlaan", "Schoolstraat", "Julianalaan", "Mgr. van Steelaan", "Kerkstraat"),
            ),
        ),
    ),
    GemeenteDef(
        "Noordwijk",
        "0575",
        25_698,
        (
            GebiedDef(
                "Noordwijk-Binnen",
                9_600,
                (("2201", "Noordwijk"), ("2200", "Noordwijk")),
                ("Voorstraat", "Kerkstraat", "Herenweg", "Lijnbaan", "Van Berckelstraat", "Bronckhorststraat"),
            ),
            GebiedDef(
                "Noordwijk aan Zee",
                8_300,
                (("2202", "Noordwijk"),),
                ("Hoofdstraat", "Koningin Wilhelmina Boulevard", "Quarles van Uffordstraat", "Zeestraat", "Kerkplein", "Golfweg"),
            ),
            GebiedDef(
                "Noordwijk-Oost",
                7_798,
                (("2203", "Noordwijk"), ("2204", "Noordwijk")),
                ("Gooweg", "Beeklaan", "Van Limburg Stirumstraat", "Schoolstraat", "Nieuwe Zeeweg", "Duinweg"),
            ),
        ),
    ),
    GemeenteDef(
        "Noordwijkerhout",
        "0576",
        15_881,
        (
            GebiedDef(
                "Noordwijkerhout",
                13_400,
                (("2211", "Noordwijkerhout"), ("2210", "Noordwijkerhout")),
                ("Dorpsstraat", "Zeestraat", "Herenweg", "Victorialaan", "Schoolstraat", "Havenweg"),
            ),
            GebiedDef(
                "De Zilk",
                2_481,
                (("2191", "De Zilk"),),
                ("Zilkerduinweg", "Vogelaardreef", "Kerkplein", "Ruigenhoek", "Duinzichtlaan"),
            ),
        ),
    ),
    GemeenteDef(
        "Teylingen",
        "1525",
        35_774,
        (
            GebiedDef(
                "Sassenheim",
                15_550,
                (("2171", "Sassenheim"), ("2170", "Sassenheim")),
                ("Hoofdstraat", "Parklaan", "Kerklaan", "Warmonderweg", "Wilhelminalaan", "Teylingerlaan"),
            ),
            GebiedDef(
                "Voorhout",
                15_100,
                (("2215", "Voorhout"),),
                ("Herenstraat", "Jacoba van Beierenweg", "Hyacinthenlaan", "Sassenheimerweg", "Oude Herenweg", "Boerhaavelaan"),
            ),
            GebiedDef(
                "Warmond",
                5_124,
                (("2361", "Warmond"),),
                ("Dorpsstraat", "Herenweg", "Laan van Oostergeest", "Sweilandstraat", "Mgr. Aengenentlaan"),
            ),
        ),
    ),
)

# --- Names ---------------------------------------------------------------------------------------

#: (voorvoegsel, geslachtsnaam), common in Zuid-Holland, with the Polish and Turkish/Moroccan families
#: the Bollenstreek also has. Repeats make frequent names more frequent.
ACHTERNAMEN: tuple[tuple[str, str], ...] = (
    ("de", "Vries"), ("", "Jansen"), ("van", "Dijk"), ("", "Bakker"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("de", "Graaf"),
    ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Berg"), ("van der", "Heijden"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("de", "Jong"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"), ("van de", "Ven"),
    ("", "Maas"), ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"),
    ("", "Blom"), ("", "Huisman"), ("", "Kuijpers"), ("", "Zwetsloot"), ("", "Warmerdam"), ("van der", "Zon"),
    ("", "Ruigrok"), ("", "Hoogeveen"), ("van", "Rijn"), ("", "Bouwman"), ("van", "Steijn"), ("", "Kortekaas"),
    ("", "Heemskerk"), ("", "Duivenvoorden"), ("van der", "Geest"), ("", "Onderwater"), ("", "Verdegaal"),
    ("van", "Egmond"), ("", "Zonneveld"), ("", "Guijt"), ("van", "Velzen"), ("", "Hogewoning"), ("", "Keur"),
    ("", "Bulsink"), ("van der", "Voort"), ("", "Schrama"), ("", "Kroon"), ("van", "Kampen"), ("", "Alkemade"),
    ("", "Jansen"), ("de", "Vries"), ("", "Bakker"), ("van", "Dijk"), ("", "Zwetsloot"), ("", "Warmerdam"),
    ("", "Wójcik"), ("", "Nowak"), ("", "Kowalczyk"), ("", "Yılmaz"), ("", "Kaya"), ("", "El Idrissi"),
    ("", "Bennani"), ("", "Pinas"), ("", "Nguyen"),
)  # fmt: skip

#: First names by generation, as the BRP holds them (elderly often with two voornamen).
VOORNAMEN: dict[str, dict[str, tuple[str, ...]]] = {
    "oud": {  # born before 1956
        "M": ("Johannes", "Cornelis", "Hendrik", "Jacobus", "Petrus", "Willem", "Gerrit", "Jan", "Adrianus", "Theodorus",
              "Nicolaas", "Dirk", "Pieter", "Leendert", "Arie", "Gerardus"),
        "V": ("Maria", "Johanna", "Cornelia", "Elisabeth", "Anna", "Wilhelmina", "Geertruida", "Hendrika", "Catharina",
              "Adriana", "Margaretha", "Jacoba", "Alida", "Petronella", "Aaltje", "Trijntje"),
    },
    "midden": {  # 1956-1990
        "M": ("Peter", "Marco", "Erik", "Ronald", "Dennis", "Martin", "Richard", "Jeroen", "Mark", "Patrick", "Robert",
              "Sander", "Bas", "Michiel", "Ahmed", "Mehmet", "Piotr", "Tomasz", "Kees", "Frank"),
        "V": ("Sandra", "Monique", "Linda", "Anja", "Marieke", "Petra", "Esther", "Ingrid", "Karin", "Wendy", "Mirjam",
              "Saskia", "Fatima", "Ayşe", "Agnieszka", "Ria", "Nicole", "Marjolein", "Annemarie", "Chantal"),
    },
    "jong": {  # 1991-2008
        "M": ("Tim", "Kevin", "Thomas", "Niels", "Daan", "Bram", "Jordi", "Rick", "Youssef", "Stijn", "Luuk", "Mohamed",
              "Jesse", "Mike", "Dylan", "Kacper"),
        "V": ("Lisa", "Anouk", "Sanne", "Kim", "Laura", "Iris", "Fleur", "Naomi", "Femke", "Sara", "Nadia", "Demi",
              "Romy", "Esra", "Julia", "Zuzanna"),
    },
    "kind": {  # 2009 and later
        "M": ("Daan", "Sem", "Noah", "Lucas", "Levi", "Finn", "Milan", "Luuk", "Bram", "Jesse", "Adam", "Mees", "Liam",
              "Sven", "Ryan", "Amir", "Ties", "Olivier"),
        "V": ("Emma", "Julia", "Tess", "Sophie", "Mila", "Zoë", "Lotte", "Saar", "Evi", "Nora", "Yara", "Lieke", "Noor",
              "Fenna", "Sara", "Maud", "Liv", "Hanna"),
    },
}  # fmt: skip

# --- Organisations referred to (fictitious except the ISD, which seed 002 names) -----------------

ISD = "ISD Bollenstreek"
AANBIEDERS = (
    "Thuiszorg Duin en Bollen (zorg in natura)",
    "Zorggroep Bollenstreek (zorg in natura)",
    "Begeleiding aan de Vaart (zorg in natura)",
    "Jeugdhulp Holland Rijnland (zorg in natura)",
    "Zelf ingekochte hulp via pgb",
)
BEWINDVOERDERS = ("Bewindvoering Duin- en Bollenstreek", "Stichting Mentorschap Holland Rijnland", "Budgetbeheer Leiden e.o.")


def welzijn(gemeente: str) -> str:
    return f"Welzijn {gemeente}"


# --- Leefgebieden: findings in a verslag by score (1-2 laag, 3 midden, 4-5 hoog) -----------------

BEVINDINGEN: dict[str, tuple[str, str, str]] = {
    "financien": (
        "Betalingsachterstanden bij huur en energie; post blijft ongeopend liggen.",
        "Rondkomen lukt krap; er is geen buffer voor onverwachte uitgaven.",
        "Inkomen is stabiel en de administratie is op orde.",
    ),
    "werk-opleiding": (
        "Geen werk of opleiding en ook geen zicht daarop.",
        "Werkt enkele uren per week en loopt daarin vast.",
        "Werkt of volgt een opleiding naar tevredenheid.",
    ),
    "dagbesteding": (
        "Heeft geen dagritme en zit de meeste dagen alleen thuis.",
        "Heeft enkele vaste activiteiten, maar de week is weinig gevuld.",
        "Heeft een zinvolle dagbesteding die past.",
    ),
    "huisvesting": (
        "De woning is niet meer passend: valgevaar op de trap of dreigende ontruiming.",
        "De woning is bruikbaar, maar trap en badkamer geven problemen.",
        "Woont passend en veilig.",
    ),
    "huiselijke-relaties": (
        "Veel spanning en ruzie in huis; zorgen over de veiligheid.",
        "Spanningen in huis, maar er wordt over gepraat.",
        "De relaties in huis zijn goed.",
    ),
    "opvoeding": (
        "Ouders hebben geen grip meer op het gedrag van de kinderen.",
        "Ouders lopen vast bij grenzen stellen; school signaleert onrust.",
        "De opvoeding verloopt zonder bijzonderheden.",
    ),
    "geestelijke-gezondheid": (
        "Ernstige psychische klachten zonder behandeling.",
        "Somberheid en stress; heeft contact met de praktijkondersteuner.",
        "Psychisch stabiel.",
    ),
    "lichamelijke-gezondheid": (
        "Valt regelmatig en heeft veel pijn; de mobiliteit is sterk beperkt.",
        "Chronische aandoening, redelijk onder controle; loopt met een rollator.",
        "Lichamelijk gezond.",
    ),
    "verslaving": (
        "Dagelijks middelengebruik met grote gevolgen.",
        "Drinkt regelmatig en is zich bewust van de risico's.",
        "Geen problematisch middelengebruik.",
    ),
    "adl": (
        "Kan zich niet wassen en aankleden zonder hulp.",
        "Huishouden en boodschappen lukken niet meer zelfstandig.",
        "Redt zich in de dagelijkse verzorging en het huishouden.",
    ),
    "sociaal-netwerk": (
        "Nauwelijks contacten; voelt zich eenzaam.",
        "Heeft een klein netwerk dat al veel doet.",
        "Heeft een steunend netwerk van familie en buren.",
    ),
    "maatschappelijke-participatie": (
        "Doet nergens aan mee en komt de deur nauwelijks uit.",
        "Wil graag meedoen, maar weet niet waar te beginnen.",
        "Doet mee in vereniging, kerk of buurt.",
    ),
    "justitie": (
        "Lopende strafzaak en contact met de reclassering.",
        "Eerder in aanraking geweest met de politie; nu geen lopende zaken.",
        "Geen contact met justitie.",
    ),
}


# --- Profiles: who the households are and what their question is ---------------------------------

# Actions: (trede, what happens, who does it, voorziening). "Who" is a role resolved per household:
# inwoner, netwerk (a network member of the household), vrijwilliger, welzijn, aanbieder, isd, or a literal.
ActieDef = tuple[str, str, str, str]


@dataclass(frozen=True)
class DoelDef:
    leefgebied: str
    omschrijving: str
    resultaat: str
    acties: tuple[ActieDef, ...]
    voor: str = "aanvrager"  # aanvrager, partner or huishouden


@dataclass(frozen=True)
class Profiel:
    code: str
    gewicht: int
    grondslag: str
    focus: tuple[str, ...]  # leefgebieden where the trouble is (low scores)
    overig: tuple[str, ...]  # leefgebieden also scored in the verslag
    vragen: tuple[str, ...]
    vraag_vindplaatsen: tuple[tuple[str, ...], ...]  # per question: which vindplaatsen would report it
    samenvattingen: tuple[str, ...]
    doelen: tuple[DoelDef, ...]
    direct: tuple[tuple[str, str], ...]  # (advies, doorverwezen naar)
    zvw: tuple[tuple[str, str], ...]
    wlz: tuple[tuple[str, str], ...]
    vindplaatsen: tuple[str, ...]
    tweede_signaal: tuple[tuple[str, str], ...]  # (vindplaats or "familie", text)


WLZ = (("Blijvend 24 uur per dag zorg in de nabijheid nodig: aanvraag Wlz-indicatie bij het CIZ besproken.", "CIZ (Wlz-indicatie)"),)

PROFIELEN: tuple[Profiel, ...] = (
    Profiel(
        code="oudere_alleen",
        gewicht=30,
        grondslag="somatisch / psychogeriatrisch",
        focus=("adl", "lichamelijke-gezondheid", "sociaal-netwerk"),
        overig=("huisvesting", "financien", "dagbesteding", "geestelijke-gezondheid"),
        vragen=(
            "{aanhef} ({leeftijd}) woont alleen en krijgt het huishouden niet meer rond. {Hij} is onlangs thuis gevallen "
            "en durft de trap bijna niet meer op.",
            "{aanhef} ({leeftijd}) vereenzaamt sinds het overlijden van {zijn} partner; de kinderen wonen ver weg. "
            "{Hij} eet onregelmatig en komt weinig buiten.",
            "{aanhef} ({leeftijd}) wordt vergeetachtig: vergeet medicijnen en afspraken. De familie vraagt zich af of {hij} "
            "nog veilig alleen kan wonen.",
            "{aanhef} ({leeftijd}) heeft na een heupoperatie hulp nodig bij het douchen, het huishouden en de boodschappen.",
        ),
        vraag_vindplaatsen=(
            ("huisarts", "wijkverpleegkundige"),
            ("welzijn", "huisarts"),
            ("huisarts", "wijkverpleegkundige"),
            ("wijkverpleegkundige", "huisarts"),
        ),
        samenvattingen=(
            "Gesprek thuis. {aanhef} wil graag zelfstandig blijven wonen. Het netwerk doet al veel, maar het huishouden "
            "en de veiligheid in huis vragen om aanvullende afspraken.",
            "{aanhef} vertelt open over de eenzaamheid sinds het overlijden van {zijn} partner. Samen gekeken naar "
            "activiteiten in het dorp en naar wat de kinderen kunnen doen.",
        ),
        doelen=(
            DoelDef(
                "adl",
                "{voornaam} kan veilig thuis blijven wonen met hulp bij het huishouden.",
                "Een schoon en leefbaar huis; {voornaam} houdt energie over voor leuke dingen.",
                (
                    ("eigen_kracht", "Doet zelf de lichte taken: afwassen en de was opvouwen.", "inwoner", ""),
                    ("sociaal_netwerk", "Doet wekelijks de boodschappen en helpt met de post.", "netwerk", ""),
                    ("algemene_voorziening", "Warme maaltijd aan huis, vijf dagen per week.", "welzijn", "Maaltijdservice"),
                    (
                        "maatwerk",
                        "Schoonmaken van woonkamer, keuken en sanitair.",
                        "aanbieder",
                        "Hulp bij het huishouden – 2 uur per week",
                    ),
                ),
            ),
            DoelDef(
                "sociaal-netwerk",
                "{voornaam} heeft minstens twee keer per week contact met anderen.",
                "Minder eenzaam; vaste momenten buiten de deur.",
                (
                    ("vrijwilliger", "Een maatje komt wekelijks op bezoek en gaat mee wandelen.", "vrijwilliger", ""),
                    ("algemene_voorziening", "Gaat naar de ontmoetingsochtend in het dorpshuis.", "welzijn", "Ontmoetingscentrum"),
                ),
            ),
            DoelDef(
                "lichamelijke-gezondheid",
                "{voornaam} loopt minder risico om te vallen.",
                "Geen nieuwe valpartijen in het komende halfjaar.",
                (
                    ("algemene_voorziening", "Volgt de cursus valpreventie.", "welzijn", "Cursus In Balans (valpreventie)"),
                    ("maatwerk", "Traplift en beugels in de badkamer.", "isd", "Woningaanpassing: traplift"),
                ),
            ),
        ),
        direct=(
            ("Informatie gegeven over de maaltijdservice en de boodschappendienst.", "Ouderenadviseur welzijnsorganisatie"),
            ("Gewezen op personenalarmering en het valpreventieprogramma; inwoner regelt dit zelf.", "Valpreventie (algemene voorziening)"),
            ("Advies gegeven over een particuliere schoonmaakhulp; inwoner kan dit zelf betalen en regelen.", ""),
        ),
        zvw=(
            ("Hulp bij wassen en aankleden is persoonlijke verzorging: wijkverpleging via de zorgverzekeraar.", "Wijkverpleging (Zvw)"),
            ("Rollator en douchestoel via de zorgverzekeraar of uitleen thuiszorgwinkel.", "Zorgverzekeraar (hulpmiddelen)"),
        ),
        wlz=WLZ,
        vindplaatsen=("huisarts", "wijkverpleegkundige", "welzijn"),
        tweede_signaal=(
            ("wijkverpleegkundige", "Wijkverpleegkundige ziet dat {aanhef} sterk vermagert en 's avonds vaak in de war is."),
            ("familie", "Belt omdat de situatie thuis snel slechter wordt; {aanhef} is opnieuw gevallen."),
        ),
    ),
    Profiel(
        code="ouder_echtpaar",
        gewicht=14,
        grondslag="psychogeriatrisch / somatisch",
        focus=("sociaal-netwerk", "adl", "dagbesteding"),
        overig=("lichamelijke-gezondheid", "geestelijke-gezondheid", "huisvesting", "financien"),
        vragen=(
            "{aanhef} ({leeftijd}) zorgt dag en nacht voor {zijn} partner met beginnende dementie en raakt uitgeput.",
            "Het echtpaar {achternaam} kan de zorg voor elkaar niet meer aan: de een heeft een beroerte gehad, de ander "
            "heeft zelf hartklachten.",
            "{aanhef} ({leeftijd}) vraagt hulp bij het huishouden en vervoer naar het ziekenhuis voor {zijn} partner.",
        ),
        vraag_vindplaatsen=(("huisarts", "wijkverpleegkundige"), ("huisarts", "wijkverpleegkundige"), ("wijkverpleegkundige",)),
        samenvattingen=(
            "Gesprek met het echtpaar en hun dochter. De zorgende partner is moe en slaapt slecht; ontlasting is nodig "
            "om thuis te kunnen blijven wonen.",
            "Het echtpaar wil samen thuis blijven. Afgesproken wat de kinderen doen en waar aanvullende hulp nodig is.",
        ),
        doelen=(
            DoelDef(
                "sociaal-netwerk",
                "De zorgende partner wordt ontlast en houdt het vol.",
                "Mantelzorger heeft elke week tijd voor zichzelf.",
                (
                    ("sociaal_netwerk", "Kinderen nemen om de week een zaterdag de zorg over.", "netwerk", ""),
                    (
                        "algemene_voorziening",
                        "Gesprekken en lotgenotengroep bij het steunpunt mantelzorg.",
                        "welzijn",
                        "Mantelzorgondersteuning",
                    ),
                    (
                        "maatwerk",
                        "Logeeropvang zodat de partner af en toe kan uitrusten.",
                        "aanbieder",
                        "Kortdurend verblijf – max. 3 etmalen per week",
                    ),
                ),
                voor="huishouden",
            ),
            DoelDef(
                "dagbesteding",
                "{voornaam} heeft een zinvolle dagbesteding.",
                "Drie dagdelen per week een vaste plek buiten huis.",
                (
                    (
                        "maatwerk",
                        "Dagbesteding voor ouderen met geheugenproblemen, inclusief vervoer.",
                        "aanbieder",
                        "Dagbesteding ouderen – 3 dagdelen per week",
                    ),
                    ("vrijwilliger", "Vrijwilliger gaat mee naar de wekelijkse zangmiddag.", "vrijwilliger", ""),
                ),
                voor="partner",
            ),
            DoelDef(
                "adl",
                "Het huishouden blijft op orde.",
                "Schoon huis zonder dat de partner overbelast raakt.",
                (
                    ("eigen_kracht", "Het echtpaar verdeelt de lichte taken samen.", "inwoner", ""),
                    ("maatwerk", "Hulp bij het huishouden.", "aanbieder", "Hulp bij het huishouden – 3 uur per week"),
                ),
                voor="huishouden",
            ),
        ),
        direct=(
            ("Mantelzorger doorverwezen naar het steunpunt mantelzorg voor respijt en advies.", "Steunpunt mantelzorg"),
            ("Informatie gegeven over de ontmoetingsgroep voor mensen met dementie en hun naasten.", "Ontmoetingscentrum dementie"),
        ),
        zvw=(("Verpleegkundige zorg en casemanagement dementie lopen via de wijkverpleging (Zvw).", "Casemanager dementie (Zvw)"),),
        wlz=WLZ,
        vindplaatsen=("huisarts", "wijkverpleegkundige"),
        tweede_signaal=(("huisarts", "Huisarts maakt zich zorgen over de mantelzorger: overbelast en slapeloos."),),
    ),
    Profiel(
        code="gezin",
        gewicht=20,
        grondslag="jeugd / opvoeding",
        focus=("opvoeding", "huiselijke-relaties", "financien"),
        overig=("werk-opleiding", "geestelijke-gezondheid", "sociaal-netwerk", "huisvesting"),
        vragen=(
            "Gezin {achternaam}: de ouders lopen vast in de opvoeding van hun zoon met ADHD; school meldt veel conflicten in de klas.",
            "Gezin {achternaam} heeft spanningen thuis na baanverlies van een van de ouders; er zijn betalingsachterstanden "
            "en de kinderen slapen slecht.",
            "Een van de kinderen van gezin {achternaam} gaat al weken niet naar school; de ouders weten niet hoe ze dit moeten aanpakken.",
            "De ouders van gezin {achternaam} maken veel ruzie waar de kinderen bij zijn; er is zorg over de veiligheid thuis.",
        ),
        vraag_vindplaatsen=(
            ("school", "huisarts"),
            ("school", "woningcorporatie", "huisarts"),
            ("school",),
            ("politie", "school", "consultatiebureau"),
        ),
        samenvattingen=(
            "Gesprek met beide ouders; de oudste was er een deel van de tijd bij. Ouders willen graag hulp en staan open "
            "voor een opvoedcursus. Oma helpt al twee middagen per week.",
            "Keukentafelgesprek met het gezin. De spanningen hangen samen met geldzorgen; eerst rust brengen in de financiën, "
            "daarna de opvoedvragen.",
        ),
        doelen=(
            DoelDef(
                "opvoeding",
                "De ouders hebben weer grip op de opvoeding; minder conflicten thuis.",
                "Vast dagritme en afspraken waar de kinderen zich aan houden.",
                (
                    ("eigen_kracht", "Ouders houden samen een vast dag- en bedritme aan.", "inwoner", ""),
                    (
                        "algemene_voorziening",
                        "Ouders volgen de opvoedcursus van het Centrum voor Jeugd en Gezin.",
                        "Centrum voor Jeugd en Gezin",
                        "Opvoedcursus CJG",
                    ),
                    ("maatwerk", "Ambulante gezinsbegeleiding aan huis.", "aanbieder", "Ambulante jeugdhulp – 3 uur per week"),
                ),
                voor="huishouden",
            ),
            DoelDef(
                "huiselijke-relaties",
                "Thuis is het rustig en veilig voor de kinderen.",
                "Geen escalaties meer; ouders hebben hulp bij hun relatie.",
                (
                    ("sociaal_netwerk", "Oma vangt de kinderen twee middagen per week op.", "netwerk", ""),
                    ("maatwerk", "Systeemtherapie voor het gezin.", "aanbieder", "Jeugd-GGZ – systeemtherapie"),
                ),
                voor="huishouden",
            ),
            DoelDef(
                "financien",
                "Er komen geen nieuwe betalingsachterstanden bij.",
                "Een sluitend budget en een regeling voor de bestaande schulden.",
                (
                    ("vrijwilliger", "Een thuisadministratie-vrijwilliger helpt maandelijks met de post.", "vrijwilliger", ""),
                    ("algemene_voorziening", "Aanmelding bij de schuldhulpverlening.", "isd", "Schuldhulpverlening"),
                ),
                voor="huishouden",
            ),
            DoelDef(
                "maatschappelijke-participatie",
                "De kinderen sporten bij een club.",
                "Beide kinderen zijn lid van een sportvereniging.",
                (
                    (
                        "algemene_voorziening",
                        "Contributie via het Jeugdfonds Sport & Cultuur.",
                        "Jeugdfonds Sport & Cultuur",
                        "Jeugdfonds Sport & Cultuur",
                    ),
                ),
                voor="huishouden",
            ),
        ),
        direct=(
            (
                "Ouders gewezen op de opvoedcursus en het inloopspreekuur van het Centrum voor Jeugd en Gezin.",
                "Centrum voor Jeugd en Gezin",
            ),
            ("Gewezen op het Jeugdfonds Sport & Cultuur voor de sportclub van de kinderen.", "Jeugdfonds Sport & Cultuur"),
        ),
        zvw=(("De psychische klachten van de ouder horen bij de huisarts en de praktijkondersteuner GGZ.", "Huisarts / POH-GGZ"),),
        wlz=(
            (
                "Kind met een ernstige meervoudige beperking heeft blijvend zorg in de nabijheid nodig: Wlz-indicatie via het CIZ.",
                "CIZ (Wlz-indicatie)",
            ),
        ),
        vindplaatsen=("school", "consultatiebureau", "huisarts", "politie"),
        tweede_signaal=(
            ("school", "School meldt dat de kinderen vaak te laat komen en zonder eten naar school gaan."),
            ("politie", "Politie meldt een melding van huiselijke onrust op het adres."),
        ),
    ),
    Profiel(
        code="eenoudergezin",
        gewicht=10,
        grondslag="jeugd / financiën",
        focus=("financien", "opvoeding", "geestelijke-gezondheid"),
        overig=("werk-opleiding", "sociaal-netwerk", "huisvesting"),
        vragen=(
            "{aanhef} ({leeftijd}) staat er sinds de scheiding alleen voor met de kinderen; er zijn schulden en {hij} slaapt "
            "slecht van de zorgen.",
            "{aanhef} ({leeftijd}) heeft een burn-out en krijgt de zorg voor de kinderen en het huishouden niet rond.",
            "De oudste van {aanhef} ({leeftijd}) spijbelt en blowt; {hij} heeft geen grip meer op de situatie.",
        ),
        vraag_vindplaatsen=(("woningcorporatie", "huisarts", "school"), ("huisarts",), ("school", "politie")),
        samenvattingen=(
            "Gesprek met {aanhef}; de kinderen waren op school. De geldzorgen staan voorop. Samen een overzicht gemaakt "
            "van de schulden en afgesproken wie wat oppakt.",
        ),
        doelen=(
            DoelDef(
                "financien",
                "{voornaam} heeft overzicht over de financiën en maakt geen nieuwe schulden.",
                "Binnen drie maanden een budgetplan en een regeling met de schuldeisers.",
                (
                    ("eigen_kracht", "Opent wekelijks de post en legt de rekeningen in een map.", "inwoner", ""),
                    ("vrijwilliger", "Een SchuldHulpMaatje helpt bij het maken van een budgetplan.", "vrijwilliger", ""),
                    ("algemene_voorziening", "Minnelijk schuldhulptraject.", "isd", "Schuldhulpverlening"),
                ),
            ),
            DoelDef(
                "opvoeding",
                "De kinderen hebben rust en regelmaat.",
                "Kinderen gaan op tijd naar school; vaste avondroutine.",
                (
                    ("sociaal_netwerk", "Familie brengt de kinderen twee ochtenden naar school.", "netwerk", ""),
                    ("maatwerk", "Opvoedondersteuning aan huis.", "aanbieder", "Ambulante jeugdhulp – 2 uur per week"),
                ),
                voor="huishouden",
            ),
            DoelDef(
                "geestelijke-gezondheid",
                "{voornaam} voelt zich minder gestrest.",
                "Slaapt weer beter en heeft tijd voor zichzelf.",
                (
                    ("eigen_kracht", "Plant elke dag een half uur voor zichzelf.", "inwoner", ""),
                    (
                        "algemene_voorziening",
                        "Gesprekken met het algemeen maatschappelijk werk.",
                        "welzijn",
                        "Algemeen maatschappelijk werk",
                    ),
                ),
            ),
        ),
        direct=(
            ("Informatie gegeven over bijzondere bijstand en toeslagen; afspraak gemaakt bij de ISD.", ISD),
            ("Gewezen op de vrijwilligers thuisadministratie.", "Thuisadministratie (vrijwilligers)"),
        ),
        zvw=(("Behandeling van de burn-out via de huisarts en de praktijkondersteuner GGZ.", "Huisarts / POH-GGZ"),),
        wlz=WLZ,
        vindplaatsen=("school", "woningcorporatie", "huisarts"),
        tweede_signaal=(
            ("woningcorporatie", "Woningcorporatie meldt een huurachterstand van twee maanden."),
            ("school", "School meldt dat de oudste veel lessen mist."),
        ),
    ),
    Profiel(
        code="jongvolwassene",
        gewicht=10,
        grondslag="verstandelijke beperking / psychiatrisch",
        focus=("adl", "financien", "dagbesteding"),
        overig=("werk-opleiding", "sociaal-netwerk", "geestelijke-gezondheid", "maatschappelijke-participatie"),
        vragen=(
            "{voornaam} ({leeftijd}) heeft een licht verstandelijke beperking en woont sinds kort zelfstandig. Post, geldzaken "
            "en het huishouden lopen vast.",
            "{voornaam} ({leeftijd}) zit sinds het afbreken van de opleiding thuis, heeft geen dagritme en sluit zich af.",
            "{voornaam} ({leeftijd}) woont sinds kort op zichzelf na jaren in een woongroep van de jeugdhulp; er is "
            "vervolgondersteuning nodig bij zelfstandig wonen.",
        ),
        vraag_vindplaatsen=(("woningcorporatie", "welzijn", "huisarts"), ("huisarts", "welzijn"), ("welzijn", "huisarts")),
        samenvattingen=(
            "Gesprek met {voornaam} en {zijn} moeder. {voornaam} wil zelfstandig blijven wonen en heeft hulp nodig bij "
            "structuur, post en geld. Moeder kan minder doen dan voorheen.",
        ),
        doelen=(
            DoelDef(
                "adl",
                "{voornaam} houdt het huishouden zelf op orde.",
                "Een vaste weekplanning die {voornaam} zelf kan volgen.",
                (
                    ("eigen_kracht", "Werkt met een weekplanning op de koelkast.", "inwoner", ""),
                    ("sociaal_netwerk", "Moeder belt elke avond even.", "netwerk", ""),
                    (
                        "maatwerk",
                        "Individuele begeleiding bij huishouden en post.",
                        "aanbieder",
                        "Individuele begeleiding – 2 uur per week",
                    ),
                ),
            ),
            DoelDef(
                "financien",
                "Geldzaken zijn geregeld en de vaste lasten worden betaald.",
                "Geen achterstanden; vast leefgeld per week.",
                (
                    ("vrijwilliger", "Vrijwilliger helpt elke maand met de administratie.", "vrijwilliger", ""),
                    ("algemene_voorziening", "Budgetcursus voor jongeren.", "welzijn", "Budgetcursus"),
                ),
            ),
            DoelDef(
                "dagbesteding",
                "{voornaam} heeft een vaste dagbesteding.",
                "Vier dagdelen per week een zinvolle bezigheid.",
                (
                    ("eigen_kracht", "Helpt drie ochtenden als vrijwilliger in het wijkcentrum.", "inwoner", ""),
                    ("maatwerk", "Arbeidsmatige dagbesteding.", "aanbieder", "Dagbesteding – 4 dagdelen per week"),
                ),
            ),
        ),
        direct=(
            ("Gewezen op het jongerenwerk en vrijwilligerswerk in het wijkcentrum.", "Jongerenwerk"),
            ("Gewezen op een budgetcursus en hulp bij de post.", "Budgetcursus (welzijnsorganisatie)"),
        ),
        zvw=(("Behandeling van de psychische klachten via de huisarts en de basis-GGZ.", "Huisarts / basis-GGZ"),),
        wlz=(
            (
                "Blijvend toezicht en zorg in de nabijheid nodig vanwege de verstandelijke beperking: Wlz-indicatie via het CIZ.",
                "CIZ (Wlz-indicatie)",
            ),
        ),
        vindplaatsen=("welzijn", "huisarts", "woningcorporatie"),
        tweede_signaal=(
            ("welzijn", "In het wijkcentrum vertelt {voornaam} aan de generalist dat het thuis niet meer lukt."),
            ("familie", "Belt omdat {voornaam} rekeningen niet meer betaalt."),
        ),
    ),
    Profiel(
        code="volwassene_alleen",
        gewicht=16,
        grondslag="psychiatrisch / lichamelijk",
        focus=("huisvesting", "geestelijke-gezondheid", "financien"),
        overig=("verslaving", "maatschappelijke-participatie", "sociaal-netwerk", "werk-opleiding", "justitie"),
        vragen=(
            "{aanhef} ({leeftijd}) heeft een huurachterstand van drie maanden; de woningcorporatie dreigt met ontruiming. "
            "Er zijn psychische klachten.",
            "{aanhef} ({leeftijd}) drinkt sinds het verlies van {zijn} baan veel en komt nauwelijks nog buiten.",
            "{aanhef} ({leeftijd}) heeft na een hersenbloeding blijvende beperkingen en kan het huishouden niet meer zelf doen.",
            "{aanhef} ({leeftijd}) is bekend bij de GGZ; buren melden overlast en verward gedrag.",
        ),
        vraag_vindplaatsen=(
            ("woningcorporatie",),
            ("huisarts", "welzijn"),
            ("huisarts", "wijkverpleegkundige"),
            ("politie", "woningcorporatie"),
        ),
        samenvattingen=(
            "Gesprek thuis met {aanhef} en een cliëntondersteuner. De woning staat op het spel; eerst een betalingsregeling "
            "en rust, daarna werken aan dagbesteding.",
            "{aanhef} is openhartig over het drankgebruik en wil hulp. Broer is bereid mee te helpen.",
        ),
        doelen=(
            DoelDef(
                "huisvesting",
                "{voornaam} behoudt de woning.",
                "Huurachterstand afgelost volgens de betalingsregeling.",
                (
                    ("eigen_kracht", "Betaalt de huur voortaan via automatische incasso.", "inwoner", ""),
                    ("algemene_voorziening", "Betalingsregeling via de vroegsignalering schulden.", "isd", "Vroegsignalering schulden"),
                    ("maatwerk", "Woonbegeleiding.", "aanbieder", "Individuele begeleiding – 3 uur per week"),
                ),
            ),
            DoelDef(
                "geestelijke-gezondheid",
                "{voornaam} drinkt minder en heeft hulp bij de psychische klachten.",
                "Minder dan drie drinkdagen per week; in behandeling bij de GGZ.",
                (
                    ("eigen_kracht", "Houdt een drinkdagboek bij.", "inwoner", ""),
                    (
                        "algemene_voorziening",
                        "Vrij toegankelijk spreekuur verslavingszorg.",
                        "Verslavingszorg",
                        "Preventiespreekuur verslavingszorg",
                    ),
                ),
            ),
            DoelDef(
                "maatschappelijke-participatie",
                "{voornaam} komt weer onder de mensen.",
                "Elke week minstens één activiteit buiten de deur.",
                (
                    ("vrijwilliger", "Een maatje gaat wekelijks mee naar de inloop.", "vrijwilliger", ""),
                    ("algemene_voorziening", "Inloop in het buurthuis.", "welzijn", "Inloop buurthuis"),
                    ("sociaal_netwerk", "Gaat elke zondag eten bij familie.", "netwerk", ""),
                ),
            ),
        ),
        direct=(
            ("Doorverwezen naar het algemeen maatschappelijk werk voor kortdurende ondersteuning.", "Algemeen maatschappelijk werk"),
            ("Gewezen op de schuldhulpverlening van de ISD.", f"Schuldhulpverlening {ISD}"),
        ),
        zvw=(
            ("Behandeling van de psychische klachten via de huisarts en de specialistische GGZ (Zvw).", "Huisarts / GGZ (Zvw)"),
            ("Verslavingsbehandeling valt onder de Zorgverzekeringswet.", "Verslavingszorg (Zvw)"),
        ),
        wlz=WLZ,
        vindplaatsen=("woningcorporatie", "politie", "huisarts"),
        tweede_signaal=(
            ("woningcorporatie", "Woningcorporatie meldt opnieuw overlast en een oplopende huurachterstand."),
            ("politie", "Wijkagent meldt dat {aanhef} 's nachts verward op straat werd aangetroffen."),
        ),
    ),
)

PROFIEL_PER_CODE = {p.code: p for p in PROFIELEN}

ORGANISATIE_PER_VINDPLAATS = {
    "huisarts": "Huisartsenpraktijk {woonplaats}",
    "wijkverpleegkundige": "Wijkverpleging {woonplaats}",
    "school": "Basisschool De Regenboog, {woonplaats}",
    "consultatiebureau": "Jeugdgezondheidszorg (consultatiebureau) {woonplaats}",
    "politie": "Politie, wijkagent {woonplaats}",
    "woningcorporatie": "Woningcorporatie, wijkconsulent {woonplaats}",
    "welzijn": "Wijkcentrum {woonplaats}",
}

ANONIEME_SIGNALEN = (
    "Buurvrouw op de hoek lijkt zich te verwaarlozen: post stapelt zich op en de gordijnen blijven dicht.",
    "Melder hoort 's avonds vaak harde ruzie en huilende kinderen bij de buren.",
    "Oudere buurman dwaalt 's nachts buiten rond en weet dan de weg naar huis niet.",
    "Zorgen over een jongen in de straat die niet meer naar school lijkt te gaan en 's nachts buiten zwerft.",
    "Stankoverlast en veel ongedierte bij een woning in de straat; bewoner doet niet open.",
)
ANONIEM_AFGEHANDELD = (
    "Signaal besproken met de wijkagent en de woningcorporatie; zij gaan langs. Geen persoonsgegevens bekend.",
    "Signaal doorgezet naar Veilig Thuis; melder gewezen op de mogelijkheid om zelf te melden.",
)

#: What makes a melding acute (triage "acuut / veiligheid"), per profile.
ACUUT = {
    "oudere_alleen": "{Hij} is vannacht gevallen en lag uren op de grond voordat de buurvrouw {hem} vond.",
    "ouder_echtpaar": "De zorgende partner is vanochtend onwel geworden; de ander kan niet alleen blijven.",
    "gezin": "Gisteravond is de politie ter plaatse geweest na een melding van geweld; er zijn zorgen over de veiligheid van de kinderen.",
    "eenoudergezin": "Er is geen eten meer in huis en de energie wordt morgen afgesloten.",
    "jongvolwassene": "{voornaam} heeft sinds dagen niet gegeten en laat niemand binnen.",
    "volwassene_alleen": "Er is acuut gevaar: {hij} heeft gedreigd zichzelf iets aan te doen.",
}

OPSCHORTINGSREDENEN = (
    "Inwoner verzamelt medische gegevens bij de huisarts en de specialist.",
    "Op verzoek van de inwoner: tijdelijk opgenomen in het ziekenhuis.",
    "Wachten op advies van de GGD-arts over de mogelijkheden.",
    "Inwoner levert de gevraagde financiële gegevens nog aan.",
)

TAKEN_MANTELZORG = (
    "Boodschappen, post en begeleiding naar de huisarts.",
    "Dagelijks even langs; helpt met medicijnen en maaltijden.",
    "Doet de was en het huishouden in het weekend.",
    "Regelt de administratie en gaat mee naar het ziekenhuis.",
)

INKOMENSVRAGEN = (
    ("Vraag over bijzondere bijstand voor een wasmachine.", ISD),
    ("Betalingsachterstanden bij energie en zorgverzekering; aanmelding schuldhulpverlening.", f"Schuldhulpverlening {ISD}"),
    ("Vraag naar de collectieve zorgverzekering voor minima.", ISD),
    ("Inkomen valt weg na ontslag: uitkeringsaanvraag besproken.", f"Werk en Inkomen {ISD}"),
    ("Vraag over kwijtschelding van gemeentelijke belastingen.", "Belastingsamenwerking gemeenten"),
)

AFSLUITREDENEN = (
    "Doelen behaald; {voornaam} redt zich met hulp van het netwerk en algemene voorzieningen.",
    "Verhuisd naar een verpleeghuis (Wlz); het ondersteuningsplan is afgerond.",
    "Inwoner ziet af van verdere ondersteuning; afspraken blijven bekend bij het gebiedsteam.",
    "Situatie stabiel; de maatwerkvoorziening is afgebouwd.",
)
BIJSTELREDENEN = (
    "Mantelzorger geeft aan het minder vol te houden; extra ondersteuning afgesproken.",
    "Een doel is behaald; nieuwe afspraak gemaakt over dagbesteding.",
)
