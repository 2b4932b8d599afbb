"""Load the national default policy values and the leefgebieden (DESIGN.md §5, §8)."""
from datetime import date

from django.db import migrations


def laad(apps, schema_editor):
    from keukentafel.beleid.services import LEEFGEBIEDEN, STANDAARDEN

    Beleidsinstelling = apps.get_model("beleid", "Beleidsinstelling")
    Leefgebied = apps.get_model("beleid", "Leefgebied")
    for sleutel, waarde, bron in STANDAARDEN:
        Beleidsinstelling.objects.get_or_create(
            sleutel=sleutel.value, gemeente=None, geldig_vanaf=date(2015, 1, 1), defaults={"waarde": waarde, "bron": bron}
        )
    for i, (code, naam) in enumerate(LEEFGEBIEDEN):
        Leefgebied.objects.get_or_create(code=code, defaults={"naam": naam, "volgorde": i})


class Migration(migrations.Migration):
    dependencies = [("beleid", "0001_initial")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
