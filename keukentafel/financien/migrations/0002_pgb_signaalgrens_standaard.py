"""The standard pgb signal threshold (a record without gemeente), so the overview signals from day one."""

from datetime import date

from django.db import migrations

STANDAARD_BRON = (
    "Standaardwaarde van Keukentafel: de seeds en de Wmo 2015 noemen geen grens; "
    "elke gemeente kan een eigen grens vastleggen."
)


def standaard(apps, schema_editor):
    PgbSignaalgrens = apps.get_model("financien", "PgbSignaalgrens")
    if not PgbSignaalgrens.objects.filter(gemeente__isnull=True).exists():
        PgbSignaalgrens.objects.create(gemeente=None, procentpunten=10, geldig_vanaf=date(2015, 1, 1), bron=STANDAARD_BRON)


class Migration(migrations.Migration):
    dependencies = [("financien", "0001_financien")]

    operations = [migrations.RunPython(standaard, migrations.RunPython.noop)]
