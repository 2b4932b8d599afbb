"""Load the standard Wmo client experience questionnaire (cliëntervaringsonderzoek Wmo, version 1).

The statements follow the mandatory questions that every gemeente asked from 2016 (Regeling rapportage Wmo / the
VNG-KING standard questionnaire, results published on waarstaatjegemeente.nl). The themes (toegang, gesprek,
kwaliteit, effect) and the gist of each statement are confirmed by published municipal reports; the exact wording
could not be checked against the regulation's text here: marked "te controleren" in `bron`.
"""
from datetime import date

from django.db import migrations

BRON = (
    "Standaardvragenlijst cliëntervaringsonderzoek Wmo (VNG/KING, verplichte vragen sinds verslagjaar 2016, "
    "Regeling rapportage Wmo; uitkomsten op waarstaatjegemeente.nl). Thema's bevestigd door gemeentelijke "
    "rapporten (o.a. Kempengemeenten 2019, ZorgfocuZ-analyse 2019); exacte formulering te controleren."
)

#: (code, thema, tekst). Order as in the questionnaire.
VRAGEN = [
    ("weet_waar", "toegang", "Ik weet waar ik moet zijn als ik hulp of ondersteuning nodig heb."),
    ("snel_geholpen", "toegang", "Ik werd snel geholpen."),
    ("serieus_genomen", "gesprek", "Ik voel me serieus genomen door de medewerker."),
    ("samen_oplossingen", "gesprek", "De medewerker en ik hebben samen naar oplossingen gezocht."),
    ("past_bij_hulpvraag", "kwaliteit", "De ondersteuning die ik krijg past bij mijn hulpvraag."),
    ("kwaliteit_goed", "kwaliteit", "De kwaliteit van de ondersteuning is goed."),
    ("dingen_doen", "effect", "Door de ondersteuning kan ik de dingen doen die ik wil."),
    ("beter_redden", "effect", "Door de ondersteuning kan ik mij beter redden."),
    ("kwaliteit_van_leven", "effect", "Door de ondersteuning heb ik een betere kwaliteit van leven."),
]


def laad(apps, schema_editor):
    Vragenlijst = apps.get_model("monitor", "Vragenlijst")
    Vraag = apps.get_model("monitor", "Vraag")
    lijst, _ = Vragenlijst.objects.get_or_create(
        code="wmo-cev", versie=1,
        defaults={"naam": "Cliëntervaringsonderzoek Wmo", "geldig_vanaf": date(2016, 1, 1), "bron": BRON},
    )
    for volgorde, (code, thema, tekst) in enumerate(VRAGEN, start=1):
        Vraag.objects.get_or_create(vragenlijst=lijst, code=code, defaults={"thema": thema, "tekst": tekst, "volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("monitor", "0004_clientervaring")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
