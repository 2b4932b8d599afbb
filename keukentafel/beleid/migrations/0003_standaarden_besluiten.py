"""Load the national defaults added for aanbod and besluiten (issue 3); existing values are kept."""
from importlib import import_module

from django.db import migrations

laad = import_module("keukentafel.beleid.migrations.0002_standaarden").laad


class Migration(migrations.Migration):
    dependencies = [("beleid", "0002_standaarden")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
