"""A starting list of competences for matching candidates and vacancies (functioneel beheer extends it)."""
from django.db import migrations

COMPETENTIES = [
    "Klantgericht werken",
    "Samenwerken",
    "Zelfstandig werken",
    "Nauwkeurig werken",
    "Fysiek zwaar werk",
    "Heftruckcertificaat",
    "VCA",
    "Rijbewijs B",
    "Nederlandse taal (mondeling)",
    "Computervaardigheden",
    "Schoonmaakwerk",
    "Horeca en keuken",
    "Groen en tuinonderhoud",
    "Magazijn en logistiek",
    "Zorg en welzijn",
]


def laad(apps, schema_editor):
    Competentie = apps.get_model("participatie", "Competentie")
    for naam in COMPETENTIES:
        Competentie.objects.get_or_create(naam=naam)


class Migration(migrations.Migration):
    dependencies = [("participatie", "0002_standaarden")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
