"""Dutch-like name, street and text material for the benchmark generator (benchmarks/generate.py).

Surnames carry a weight (roughly the number of bearers in the Netherlands, in thousands), so the
frequent names are as frequent as in a real municipality: a search for "Jansen" or the prefix "Vri"
returns thousands of people at 1M inhabitants, a rare name a handful. The long tail is synthetic
(root + connector + suffix, e.g. "Oosterbergen", "Lindekamp"), made by `staart_namen`.
"""

from __future__ import annotations

import random

# (voorvoegsel, geslachtsnaam, weight)
ACHTERNAMEN: list[tuple[str, str, float]] = [
    ("de", "Jong", 86), ("", "Jansen", 75), ("de", "Vries", 72), ("van den", "Berg", 60), ("van", "Dijk", 57),
    ("", "Bakker", 56), ("", "Janssen", 55), ("", "Visser", 50), ("", "Smit", 46), ("", "Meijer", 40),
    ("de", "Boer", 38), ("", "Mulder", 35), ("de", "Groot", 34), ("", "Bos", 33), ("", "Vos", 30),
    ("", "Peters", 30), ("", "Hendriks", 29), ("van", "Leeuwen", 27), ("", "Dekker", 27), ("", "Brouwer", 25),
    ("de", "Wit", 25), ("", "Dijkstra", 25), ("", "Smits", 24), ("de", "Graaf", 23), ("van der", "Meer", 23),
    ("van der", "Linden", 21), ("", "Kok", 21), ("", "Jacobs", 21), ("de", "Haan", 20), ("", "Vermeulen", 20),
    ("van den", "Heuvel", 20), ("van der", "Veen", 19), ("van den", "Broek", 19), ("de", "Bruijn", 18),
    ("de", "Bruin", 18), ("van der", "Heijden", 18), ("", "Schouten", 18), ("van", "Beek", 17), ("", "Willems", 17),
    ("van", "Vliet", 17), ("van de", "Ven", 16), ("", "Hoekstra", 16), ("", "Maas", 16), ("", "Verhoeven", 16),
    ("", "Koster", 16), ("van", "Dam", 15), ("van der", "Wal", 15), ("", "Prins", 15), ("", "Blom", 15),
    ("", "Huisman", 15), ("", "Peeters", 14), ("de", "Jonge", 14), ("", "Kuipers", 14), ("van", "Veen", 14),
    ("", "Post", 14), ("", "Kuiper", 14), ("", "Veenstra", 14), ("", "Kramer", 13), ("van den", "Brink", 13),
    ("", "Scholten", 13), ("van", "Wijk", 13), ("", "Postma", 13), ("", "Martens", 13), ("", "Vink", 13),
    ("de", "Ruiter", 13), ("", "Timmermans", 12), ("", "Groen", 12), ("", "Gerritsen", 12), ("", "Jonker", 12),
    ("van", "Loon", 12), ("", "Boer", 12), ("van der", "Velde", 12), ("", "Willemsen", 12), ("", "Smeets", 11),
    ("de", "Lange", 11), ("de", "Vos", 11), ("", "Bosch", 11), ("van", "Dongen", 11), ("", "Schipper", 11),
    ("de", "Koning", 11), ("van der", "Laan", 11), ("", "Koning", 11), ("van der", "Velden", 11), ("", "Driessen", 10),
    ("van", "Doorn", 10), ("", "Hermans", 10), ("", "Evers", 10), ("van den", "Bosch", 10), ("van der", "Meulen", 10),
    ("", "Hofman", 10), ("", "Bosman", 10), ("", "Wouters", 10), ("", "Sanders", 10), ("van der", "Zee", 10),
    ("", "Jansma", 10), ("", "Verbeek", 10), ("", "Kroon", 9.5), ("", "Hoogendoorn", 9.5), ("van", "Rijn", 9.5),
    ("", "Dekkers", 9.4), ("", "Molenaar", 9.4), ("", "Bakkers", 9.3), ("", "Klein", 9.3), ("de", "Ridder", 9.2),
    ("", "Claassen", 9.1), ("van", "Es", 9.0), ("", "Mol", 9.0), ("", "Koenen", 8.9), ("van der", "Pol", 8.9),
    ("", "Brink", 8.8), ("", "Boersma", 8.8), ("", "Bouwman", 8.7), ("van", "Vliet", 8.7), ("", "Wijnen", 8.6),
    ("van der", "Horst", 8.6), ("", "Vissers", 8.5), ("", "Arts", 8.5), ("", "Verschuren", 8.4), ("", "Kuijpers", 8.4),
    ("", "Haan", 8.3), ("", "Graaf", 8.3), ("", "Oosterhuis", 8.2), ("", "Gerrits", 8.2), ("", "Broekhuizen", 8.1),
    ("", "Koopman", 8.1), ("", "Hoogland", 8.0), ("van", "Leeuwen", 8.0), ("", "Hendriksen", 7.9), ("", "Meijers", 7.9),
    ("", "Rutten", 7.8), ("", "Verheij", 7.8), ("", "Aalbers", 7.7), ("", "Nijhuis", 7.7), ("", "Wolters", 7.6),
    ("", "Geurts", 7.6), ("", "Lambregts", 7.5), ("van", "Gils", 7.5), ("", "Pieters", 7.4), ("", "Pronk", 7.4),
    ("", "Roelofs", 7.3), ("", "Zwart", 7.3), ("", "Boon", 7.2), ("", "Stam", 7.2), ("", "Heijnen", 7.1),
    ("", "Lammers", 7.1), ("", "Veldman", 7.0), ("van", "Wijngaarden", 7.0), ("", "Bruins", 6.9), ("", "Hoek", 6.9),
    ("van der", "Steen", 6.8), ("", "Kersten", 6.8), ("", "Zijlstra", 6.7), ("", "Vonk", 6.7), ("", "Vrolijk", 6.6),
    ("", "Mertens", 6.6), ("", "Schoenmakers", 6.5), ("", "Hermsen", 6.5), ("van", "Vugt", 6.4), ("", "Franken", 6.4),
    ("", "Ros", 6.3), ("", "Jager", 6.3), ("de", "Jager", 6.3), ("", "Spijkerman", 6.2), ("", "Brand", 6.2),
    ("van den", "Hoek", 6.1), ("", "Jongman", 6.1), ("", "Wagenaar", 6.0), ("", "Kamphuis", 6.0), ("", "Otten", 5.9),
    ("", "Biesheuvel", 5.9), ("", "Wessels", 5.8), ("", "Faber", 5.8), ("", "Eijkelenboom", 5.7), ("", "Damen", 5.7),
    ("van", "Zanten", 5.6), ("", "Ruiter", 5.6), ("", "Hoeks", 5.5), ("", "Lubbers", 5.5), ("", "Tromp", 5.4),
    ("", "Terpstra", 5.4), ("", "Sluiter", 5.3), ("van", "Kempen", 5.3), ("", "Heemskerk", 5.2), ("", "Boschman", 5.2),
    ("", "Derksen", 5.1), ("", "Spoelstra", 5.1), ("te", "Velde", 5.0), ("ter", "Horst", 5.0), ("", "Bijl", 5.0),
    ("", "Kamp", 4.9), ("", "Nieuwenhuis", 4.9), ("", "Verbruggen", 4.8), ("", "Bergsma", 4.8), ("", "Veenendaal", 4.7),
    ("", "Wijnands", 4.7), ("in 't", "Veld", 4.6), ("van 't", "Hof", 4.6), ("", "Hofstra", 4.5), ("", "Buitenhuis", 4.5),
    ("", "Schreuder", 4.4), ("", "Sloot", 4.4), ("van", "Hout", 4.3), ("", "Winkel", 4.3), ("", "Dam", 4.2),
    ("", "Blokland", 4.2), ("", "Harmsen", 4.1), ("", "Rietveld", 4.1), ("", "Hulshof", 4.0), ("", "Leenders", 4.0),
    ("", "Brinkman", 3.9), ("", "Baars", 3.9), ("", "Goossens", 3.8), ("", "Rijnders", 3.8), ("", "Oudshoorn", 3.7),
    ("", "Pauw", 3.7), ("de", "Waal", 3.6), ("", "Reinders", 3.6), ("", "Wiersma", 3.5), ("", "Poortman", 3.5),
    ("", "Berends", 3.4), ("", "Zandbergen", 3.4), ("van", "Rooij", 3.3), ("", "Swinkels", 3.3), ("", "Coenen", 3.2),
    ("", "Siebers", 3.2), ("", "Tijssen", 3.1), ("", "Voskuilen", 3.1), ("", "Haverkamp", 3.0), ("", "Kok", 3.0),
    # Names of Moroccan, Turkish, Surinamese, Chinese/Vietnamese, Indian origin common in Dutch towns.
    ("", "Yılmaz", 6.5), ("", "Kaya", 5.5), ("", "Öztürk", 5.0), ("", "Demir", 5.0), ("", "Şahin", 4.5),
    ("", "Çelik", 4.2), ("", "Aydın", 4.0), ("", "Doğan", 3.8), ("", "Arslan", 3.5), ("", "Koç", 3.0),
    ("el", "Idrissi", 3.0), ("", "Bouzid", 2.8), ("el", "Amrani", 3.2), ("", "Benali", 2.6), ("", "Mohamed", 5.5),
    ("", "Ahmed", 4.5), ("", "Ali", 4.5), ("el", "Khatib", 2.0), ("", "Bakkali", 2.5), ("", "Ouali", 2.2),
    ("", "Pinas", 2.4), ("", "Sitaldin", 1.8), ("", "Ramdin", 2.0), ("", "Nguyen", 3.5), ("", "Tran", 2.5),
    ("", "Wong", 2.2), ("", "Chen", 2.0), ("", "Singh", 2.2), ("", "Kowalski", 2.0), ("", "Nowak", 2.5),
]

VOORNAMEN_MAN = [
    "Jan", "Johannes", "Pieter", "Cornelis", "Hendrik", "Willem", "Gerrit", "Jacobus", "Hendrikus", "Petrus",
    "Dirk", "Daan", "Sem", "Lucas", "Levi", "Finn", "Noah", "Milan", "Bram", "Thomas", "Ruben", "Lars", "Jesse",
    "Thijs", "Tim", "Stijn", "Mark", "Dennis", "Kevin", "Sander", "Martijn", "Jeroen", "Bas", "Erik", "Peter",
    "Hans", "Kees", "Henk", "Wim", "Gert", "Rob", "Frank", "Paul", "Michel", "Marco", "Richard", "Mohamed",
    "Ahmed", "Youssef", "Mehmet", "Emre", "Ali", "Omar", "Bilal", "Adam", "Luuk", "Jayden", "Sven", "Niels",
    "Joost", "Rik", "Koen", "Wouter", "Vincent", "Arjen", "Ronald", "Marcel", "Edwin", "René", "André", "Theo",
    "Ton", "Ad", "Joop", "Arie", "Klaas", "Jelle", "Sietse", "Teun", "Gijs", "Hugo", "Mees", "Jens", "Max",
    "Julian", "Tygo", "Jozef", "Antonius", "Franciscus", "Adrianus",
]
VOORNAMEN_VROUW = [
    "Maria", "Johanna", "Anna", "Cornelia", "Wilhelmina", "Elisabeth", "Hendrika", "Geertruida", "Catharina",
    "Emma", "Julia", "Sophie", "Tess", "Zoë", "Sara", "Fenna", "Eva", "Lotte", "Lisa", "Noa", "Mila", "Saar",
    "Fleur", "Anouk", "Sanne", "Lieke", "Femke", "Iris", "Laura", "Linda", "Marieke", "Monique", "Petra",
    "Sandra", "Ingrid", "Karin", "Esther", "Annemarie", "Wilma", "Ria", "Truus", "Els", "Joke", "Ineke", "Anja",
    "Yvonne", "Nicole", "Fatima", "Aïcha", "Khadija", "Yasmina", "Meryem", "Elif", "Zeynep", "Priya", "Naomi",
    "Nina", "Roos", "Isa", "Sofie", "Lynn", "Anne", "Marloes", "Jolanda", "Hanneke", "Gerda", "Bep", "Nel",
    "Mirjam", "Hilde", "Dewi", "Chantal", "Sharon", "Kim", "Demi", "Romy", "Britt", "Evi", "Jasmijn", "Gerarda",
    "Adriana", "Jacoba", "Aaltje",
]

_STAART_WORTELS = [
    "Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Groen", "Bloem", "Zand", "Steen", "Linde", "Eiken",
    "Beuken", "Berken", "Wilgen", "Essen", "Elzen", "Hazel", "Vossen", "Hazen", "Wolf", "Beren", "Valken",
    "Kraai", "Zwanen", "Ganze", "Kalver", "Ossen", "Paarde", "Molen", "Brug", "Kerk", "Kloos", "Slot", "Borg",
    "Veen", "Riet", "Bies", "Hei", "Duin", "Kuil", "Wiel", "Poel", "Meer", "Horst", "Loo", "Roo", "Has", "Hem",
    "Wes", "Wage", "Haver", "Rogge", "Vlas", "Appel", "Peer", "Kers", "Noot", "Rozen", "Lelie", "Brem", "Munster",
    "Kamper", "Ommer", "Dal", "Berk", "Holt", "Mark", "Schut", "Smeden", "Bakker", "Visch", "Vogel", "Hoorn",
    "Wind", "Water", "Zonne", "Maan", "Ster", "Dorre",
]
_STAART_VERBINDING = ["", "en", "s"]
_STAART_ACHTER = [
    "berg", "bergen", "veld", "velde", "kamp", "hof", "hoven", "hout", "dijk", "broek", "meer", "huis", "huizen",
    "wijk", "burg", "horst", "ink", "inga", "stra", "sma", "ma", "man", "mans", "link", "beek", "laar", "loo",
    "rade", "rode", "schot", "heim", "haar", "stede", "mate", "brink", "kate", "voort", "weg", "straten", "ing",
]


def staart_namen(aantal: int, rng: random.Random) -> list[tuple[str, str, float]]:
    """Up to `aantal` distinct synthetic rare surnames (about 30,000 exist) with small, skewed weights."""
    alle = []
    for w in _STAART_WORTELS:
        for v in _STAART_VERBINDING:
            for a in _STAART_ACHTER:
                medeklinker = w[-1] not in "aeiouy"
                if v == "en" and (not medeklinker or w[-1] in "nr" or w.endswith("en")):
                    continue
                if v == "s" and (not medeklinker or w[-1] == "s" or a[0] in "aeious"):
                    continue
                if not v and w[-1] == a[0]:
                    continue
                stam = w + v + a
                alle.append(stam)
                for eind in ("s", "er", "ink") if a[-1] not in "aeiouy" and not a.endswith(("ink", "ing")) else ("s",):
                    if not stam.endswith(eind) and not (eind == "s" and stam[-1] == "s"):
                        alle.append(stam + eind)
    alle = sorted(set(alle))
    rng.shuffle(alle)
    gekozen = alle[:aantal]
    uit = []
    for naam in gekozen:
        vv = rng.choices(["", "van", "ter", "van de", "van den", "van der", "te"], weights=[78, 8, 3, 3, 3, 3, 2])[0]
        uit.append((vv, naam, rng.lognormvariate(0, 0.8)))
    return uit


STRATEN = [
    "Kerkstraat", "Dorpsstraat", "Schoolstraat", "Molenstraat", "Molenweg", "Stationsweg", "Julianastraat",
    "Beatrixstraat", "Wilhelminastraat", "Nieuwstraat", "Hoofdstraat", "Kastanjelaan", "Lindelaan", "Eikenlaan",
    "Beukenlaan", "Berkenlaan", "Populierenlaan", "Wilgenlaan", "Esdoornlaan", "Acacialaan", "Parklaan",
    "Sportlaan", "Irenestraat", "Emmastraat", "Prins Bernhardstraat", "Oranjestraat", "Marktstraat", "Havenstraat",
    "Dijkstraat", "Zandweg", "Veldweg", "Brinkweg", "Esweg", "Heideweg", "Bosweg", "Raadhuisstraat",
    "Burgemeester de Wittstraat", "Meidoornstraat", "Sleedoornstraat", "Vlierstraat", "Rozenstraat",
    "Tulpstraat", "Narcissenstraat", "Hyacintstraat", "Krokusstraat", "Anjerstraat", "Lelieweg", "Zonnebloemweg",
    "Merelstraat", "Lijsterstraat", "Vinkenstraat", "Meeuwenlaan", "Zwaluwstraat", "Kievitstraat", "Reigerstraat",
    "Spechtstraat", "Uilenstraat", "Valkenstraat", "Vondelstraat", "Bilderdijkstraat", "Da Costastraat",
    "Rembrandtlaan", "Vermeerstraat", "Frans Halsstraat", "Jan Steenstraat", "Van Goghstraat", "Mondriaanlaan",
    "Kastelenstraat", "Slotlaan", "Torenstraat", "Poortstraat", "Wal", "Gracht", "Singel", "Kade", "Havenkade",
    "Schepenstraat", "Ambachtsweg", "Industrieweg", "Energieweg", "Nijverheidsweg", "Handelsweg", "Vaart",
    "Tiendweg", "Polderweg", "Slootweg", "Weteringstraat", "Dorpsplein", "Kerkplein", "Marktplein", "Stationsplein",
    "Hofstraat", "Hoflaan", "Gasthuisstraat", "Begijnhof", "Kloosterstraat", "Abdijlaan", "Pastoor van Arsstraat",
    "Van Heemstraweg", "Thorbeckelaan", "Troelstralaan", "Drees-erf", "Schaepmanstraat", "Kuyperlaan",
    "Hobbemastraat", "Ruysdaelstraat", "Potterstraat", "Spinozastraat", "Erasmuslaan", "Grotiusstraat",
    "Huygenslaan", "Lorentzstraat", "Zernikestraat", "Kamerlingh Onnesstraat", "Van 't Hoffstraat", "Einthovenlaan",
]

RELATIES = {
    "mantelzorger": ["dochter", "zoon", "partner", "schoondochter", "zus", "broer", "buurvrouw"],
    "familie": ["dochter", "zoon", "zus", "broer", "nicht", "neef", "kleindochter", "kleinzoon", "tante"],
    "buren": ["buurvrouw", "buurman", "vriendin", "vriend", "oud-collega"],
    "vrijwilliger": ["vrijwilliger Humanitas", "vrijwilliger SchuldHulpMaatje", "maatje via de welzijnsorganisatie"],
    "clientondersteuner": ["cliëntondersteuner MEE", "onafhankelijk cliëntondersteuner"],
    "bewindvoerder": ["beschermingsbewindvoerder"],
    "mentor": ["mentor"],
    "curator": ["curator"],
    "wettelijk_vertegenwoordiger": ["ouder met gezag", "voogd"],
}

DOEL_TEKSTEN = {
    "financien": ("Grip krijgen op de financiën en betalingsachterstanden aflossen", "Vaste lasten op tijd betaald"),
    "werk-opleiding": ("Een passende opleiding of werkplek vinden", "Start bij een werkervaringsplek"),
    "dagbesteding": ("Een zinvolle invulling van de dag", "Twee dagdelen per week activiteiten"),
    "huisvesting": ("Zelfstandig en veilig blijven wonen", "Woning aangepast en schoon"),
    "huiselijke-relaties": ("Minder spanning en ruzie in huis", "Afspraken over taken in het gezin"),
    "opvoeding": ("Ouders voelen zich zekerder in de opvoeding", "Vast dagritme voor de kinderen"),
    "geestelijke-gezondheid": ("Meer rust en minder somberheid", "Regelmatig contact met de POH-GGZ"),
    "lichamelijke-gezondheid": ("Fysiek zo lang mogelijk zelfredzaam blijven", "Wekelijks bewegen onder begeleiding"),
    "verslaving": ("Minder alcoholgebruik", "Deelname aan een ondersteuningsgroep"),
    "adl": ("Zelf de persoonlijke verzorging kunnen doen", "Hulp bij douchen twee keer per week"),
    "sociaal-netwerk": ("Minder eenzaam, meer contacten in de buurt", "Wekelijks naar het buurthuis"),
    "maatschappelijke-participatie": ("Meedoen in de wijk", "Vrijwilligerswerk bij de voedselbank"),
    "justitie": ("Voldoen aan de voorwaarden van de reclassering", "Geen nieuwe contacten met politie"),
}

ACTIE_TEKSTEN = {
    "eigen_kracht": [("Houdt een kasboek bij en opent post dagelijks", "Inwoner zelf"),
                     ("Maakt zelf een weekplanning", "Inwoner zelf"), ("Meldt zich aan bij de sportclub", "Inwoner zelf")],
    "sociaal_netwerk": [("Helpt met boodschappen en de administratie", ""), ("Komt wekelijks op bezoek en kookt mee", ""),
                        ("Brengt naar afspraken bij de huisarts", "")],
    "vrijwilliger": [("Maatje voor wekelijkse wandeling", "Vrijwilligerscentrale"),
                     ("Ondersteuning bij de thuisadministratie", "SchuldHulpMaatje")],
    "algemene_voorziening": [("Deelname aan de inloop in het buurthuis", "Welzijnsorganisatie"),
                             ("Boodschappendienst", "Welzijnsorganisatie"), ("Spreekuur formulierenhulp", "Bibliotheek"),
                             ("Opvoedspreekuur", "Centrum voor Jeugd en Gezin")],
    "maatwerk": [("Individuele begeleiding 3 uur per week", "Zorgaanbieder De Linde"),
                 ("Huishoudelijke ondersteuning 2 uur per week", "Thuiszorg Rivierenland"),
                 ("Dagbesteding twee dagdelen per week", "Zorgboerderij De Hoeve"),
                 ("Woningaanpassing: traplift", "Hulpmiddelencentrum")],
}

VRAGEN = [
    "Inwoner geeft aan het huishouden niet meer alleen te kunnen doen.",
    "Huisarts maakt zich zorgen over toenemende vergeetachtigheid en vereenzaming.",
    "Schuldeisers staan aan de deur; vraag om hulp bij de administratie.",
    "School signaleert dat de kinderen vaak te laat komen en er slordig bij lopen.",
    "Mantelzorger (dochter) is overbelast en vraagt om respijtzorg.",
    "Na ziekenhuisopname is hulp bij persoonlijke verzorging en vervoer nodig.",
    "Woningcorporatie meldt huurachterstand en overlast.",
    "Vraag om een scootmobiel: lopen gaat steeds moeizamer.",
    "Jongere is gestopt met school en zit thuis; ouders weten niet hoe verder.",
    "Wijkverpleegkundige signaleert dat inwoner niet goed eet en weinig contact heeft.",
]
