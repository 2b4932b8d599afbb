"""Load the Startfoto's benchmarks: the Holland Rijnland averages of the Wmo-kantoor's decentralisatiemonitor."""
from datetime import date

from django.db import migrations

BRON = "Seed 002_76fcc364857742d7.txt (Wmo-kadernota Bollenstreek), bijlage 2 startfoto §7: decentralisatiemonitor Wmo-kantoor"

#: (soort, bedrag in cent, omschrijving). Costs of begeleiding incl. kortdurend verblijf, data 2012 (CIZ 1-1-2013).
REFERENTIES = [
    ("kosten_per_inwoner", 14600, "Gemiddelde kosten begeleiding per inwoner, regio Holland Rijnland"),
    ("kosten_per_client", 1066600, "Gemiddelde kosten begeleiding per cliënt, regio Holland Rijnland"),
]


def laad(apps, schema_editor):
    Referentiewaarde = apps.get_model("monitor", "Referentiewaarde")
    for soort, bedrag, omschrijving in REFERENTIES:
        Referentiewaarde.objects.get_or_create(
            soort=soort, regio=None, geldig_vanaf=date(2013, 1, 1),
            defaults={"bedrag_cent": bedrag, "omschrijving": omschrijving, "bron": BRON},
        )


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
