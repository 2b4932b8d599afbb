"""National defaults for the Jeugdwet policy keys (issue 6), each dated and with its source."""
from django.db import migrations


def laad(apps, schema_editor):
    from keukentafel.jeugd.standaarden import STANDAARDEN

    Beleidsinstelling = apps.get_model("beleid", "Beleidsinstelling")
    for sleutel, vanaf, waarde, bron in STANDAARDEN:
        Beleidsinstelling.objects.get_or_create(
            sleutel=sleutel, gemeente=None, geldig_vanaf=vanaf, defaults={"waarde": waarde, "bron": bron}
        )


class Migration(migrations.Migration):
    dependencies = [("jeugd", "0001_initial"), ("beleid", "0005_sleutels_jeugd_participatie")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
