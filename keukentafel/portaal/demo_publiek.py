"""Demo and standard data of the public portal: the eigenkrachtwijzer questions and etalage texts per gemeente.

`laad_zelftestvragen()` is idempotent (update_or_create on the question's code) and may be run on any
installation; `laad_demo(rng)` also writes a published etalage text per theme for every gemeente.
"""

from __future__ import annotations

import random

from keukentafel.aanbod.models import Categorie as C
from keukentafel.accounts.models import Gemeente
from keukentafel.beleid.models import Leefgebied

from .models import Etalagepagina, Thema, Zelftestvraag

#: (leefgebied code, question code, question, explanation, categories that help when the answer is "ja").
ZELFTESTVRAGEN: list[tuple[str, str, str, str, list[str]]] = [
    ("financien", "geld-rondkomen", "Vindt u het moeilijk om elke maand rond te komen?", "", [C.GELD]),
    (
        "financien",
        "geld-post",
        "Heeft u moeite met rekeningen, brieven of formulieren?",
        "Bijvoorbeeld van de Belastingdienst of de zorgverzekeraar.",
        [C.GELD, C.INFORMATIE_ADVIES],
    ),
    ("financien", "geld-schulden", "Heeft u betalingsachterstanden of schulden?", "", [C.GELD]),
    ("sociaal-netwerk", "netwerk-eenzaam", "Voelt u zich vaak alleen?", "", [C.ONTMOETING, C.VRIJWILLIGERS]),
    (
        "sociaal-netwerk",
        "netwerk-hulp",
        "Heeft u weinig mensen die u om hulp kunt vragen?",
        "Familie, buren of vrienden.",
        [C.VRIJWILLIGERS, C.ONTMOETING],
    ),
    (
        "sociaal-netwerk",
        "netwerk-mantelzorg",
        "Zorgt u voor iemand en valt dat u zwaar?",
        "Bijvoorbeeld voor uw partner, ouder of kind.",
        [C.MANTELZORG],
    ),
    ("adl", "adl-huishouden", "Lukt het huishouden (schoonmaken, wassen) niet goed meer?", "", [C.HUISHOUDEN]),
    ("adl", "adl-eten", "Is zelf koken of boodschappen doen lastig geworden?", "", [C.MAALTIJDEN, C.HUISHOUDEN]),
    ("adl", "adl-vervoer", "Kunt u moeilijk op pad, bijvoorbeeld naar de dokter of de winkel?", "", [C.VERVOER]),
    ("lichamelijke-gezondheid", "lg-bewegen", "Beweegt u minder dan u zou willen?", "", [C.GEZONDHEID]),
    (
        "lichamelijke-gezondheid",
        "lg-klachten",
        "Heeft u lichamelijke klachten die uw dagelijks leven beperken?",
        "",
        [C.GEZONDHEID, C.INFORMATIE_ADVIES],
    ),
    (
        "geestelijke-gezondheid",
        "gg-zorgen",
        "Maakt u zich veel zorgen of zit u vaak niet lekker in uw vel?",
        "",
        [C.GEZONDHEID, C.INFORMATIE_ADVIES],
    ),
    (
        "geestelijke-gezondheid",
        "gg-praten",
        "Zou u graag met iemand praten over wat u bezighoudt?",
        "",
        [C.CLIENTONDERSTEUNING, C.ONTMOETING],
    ),
    ("opvoeding", "opv-vragen", "Heeft u vragen over de opvoeding of het opgroeien van uw kind?", "", [C.OPVOEDEN]),
    ("opvoeding", "opv-zwaar", "Valt het ouderschap u op dit moment zwaar?", "", [C.OPVOEDEN, C.CLIENTONDERSTEUNING]),
    ("dagbesteding", "dag-invulling", "Heeft u overdag weinig te doen?", "", [C.ONTMOETING, C.VRIJWILLIGERS, C.WERK]),
    ("werk-opleiding", "werk-zoeken", "Zoekt u werk, een opleiding of vrijwilligerswerk?", "", [C.WERK, C.VRIJWILLIGERS]),
    (
        "huisvesting",
        "wonen-veilig",
        "Voelt u zich thuis niet (meer) veilig of prettig?",
        "Bijvoorbeeld door trappen of drempels.",
        [C.WONEN],
    ),
]

#: A short published text per theme; {gemeente} and {welzijn} are filled in.
ETALAGE: list[tuple[str, str, str, str]] = [
    (
        Thema.INFORMATIE_ADVIES,
        "Met uw vraag kunt u altijd bij ons terecht",
        "Heeft u een vraag over zorg, welzijn, geld of opvoeden? Het gebiedsteam van {gemeente} denkt met u mee. "
        "Samen zoeken we uit wat u zelf kunt doen, wie in uw omgeving kan helpen en welke hulp er in de buurt is.\n\n"
        "Wilt u dat iemand u helpt bij het gesprek met de gemeente? Een onafhankelijke cliëntondersteuner "
        "is gratis en kan met u mee aan tafel.",
        "Rijksoverheid: Wmo en ondersteuning | https://www.rijksoverheid.nl/onderwerpen/zorg-en-ondersteuning-thuis",
    ),
    (
        Thema.MANTELZORG,
        "Zorgt u voor een ander?",
        "Zorgt u voor uw partner, ouder, kind of buur? Dan bent u mantelzorger. Dat is waardevol, en soms zwaar. "
        "{welzijn} helpt met advies, lotgenotencontact en respijtzorg, zodat u even op adem kunt komen.\n\n"
        "Elk jaar kunt u de mantelzorgwaardering aanvragen als blijk van waardering van de gemeente {gemeente}.",
        "MantelzorgNL | https://www.mantelzorg.nl",
    ),
    (
        Thema.GEZONDHEID,
        "Gezond en in beweging blijven",
        "In {gemeente} zijn er veel mogelijkheden om samen te bewegen: wandelgroepen, beweegclubs voor ouderen en "
        "sport in de wijk. Meedoen is meestal gratis of goedkoop.\n\n"
        "Vraag de buurtsportcoach of de beweegcoach van {welzijn} wat bij u past.",
        "Thuisarts: gezond leven | https://www.thuisarts.nl/gezond-leven",
    ),
    (
        Thema.VOORLIGGEND,
        "Eerst kijken wat er al is",
        "Voordat u een maatwerkvoorziening aanvraagt, kijken we samen naar wat er al is: hulp van familie of buren, "
        "vrijwilligers, een klussendienst, maaltijdservice of de buurtbus. Vaak is dat sneller en dichterbij.\n\n"
        "Lukt het daarmee niet, dan bespreekt het gebiedsteam met u of er meer nodig is.",
        "",
    ),
]


def laad_zelftestvragen() -> int:
    """Load or update the standard questions; returns how many are active. Skips leefgebieden that do not exist."""
    leefgebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
    aantal = 0
    for volgorde, (lg_code, code, tekst, toelichting, categorieen) in enumerate(ZELFTESTVRAGEN):
        leefgebied = leefgebieden.get(lg_code)
        if leefgebied is None:
            continue
        Zelftestvraag.objects.update_or_create(
            code=code,
            defaults={
                "leefgebied": leefgebied,
                "tekst": tekst,
                "toelichting": toelichting,
                "categorieen": [str(c) for c in categorieen],
                "volgorde": volgorde,
                "actief": True,
            },
        )
        aantal += 1
    return aantal


def laad_demo(rng: random.Random) -> int:
    """The questions plus one published etalage text per theme for every gemeente; returns the number of pages made."""
    from keukentafel.demo import gegevens as g

    laad_zelftestvragen()
    aantal = 0
    for gemeente in Gemeente.objects.order_by("naam"):
        welzijn = g.welzijn(gemeente.naam)
        for volgorde, (thema, titel, tekst, links) in enumerate(ETALAGE):
            _, gemaakt = Etalagepagina.objects.get_or_create(
                gemeente=gemeente,
                thema=thema,
                titel=titel,
                defaults={
                    "tekst": tekst.format(gemeente=gemeente.naam, welzijn=welzijn),
                    "links": links,
                    "volgorde": volgorde,
                    "gepubliceerd": True,
                },
            )
            aantal += gemaakt
        # One unpublished draft in a random gemeente-theme, so the staff list shows both states.
        if rng.random() < 0.5:
            Etalagepagina.objects.get_or_create(
                gemeente=gemeente,
                thema=Thema.MANTELZORG,
                titel="Mantelzorgwaardering (concept)",
                defaults={"tekst": f"De aanvraag voor de mantelzorgwaardering van {gemeente.naam} opent binnenkort.", "volgorde": 9},
            )
    return aantal
