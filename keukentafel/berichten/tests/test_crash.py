"""A kill in the middle of a message leaves nothing half applied, and a re-run processes it exactly once.

Real processes on a real SQLite file: `manage.py berichten verwerk FILE` on a 323 with 12,000 prestaties is
SIGKILLed as soon as its progress bar passes 50% — by then the handler has written the Declaratie and the first
batch of Prestatie rows inside the message's transaction. A fresh process must then find no trace of it.
(All prestaties point at unknown grants, so they are refused with 9338 yet stored: the fastest way to get many
rows written without building grants.)
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
AANTAL = 12_000
AGB, GEMEENTECODE = "73999999", "0999"

MAAK = f"""
import sys
from datetime import date
import django
django.setup()
from keukentafel.testing.factories import AanbiederFactory, GemeenteFactory, geldig_bsn
from keukentafel.berichten.aanbieder.declaratie import Prestatieregel, declaratie
GemeenteFactory(gemeentecode="{GEMEENTECODE}")
AanbiederFactory(agb_code="{AGB}")
regels = [
    Prestatieregel(bsn=geldig_bsn(i % 500), referentienummer=f"R{{i}}", toewijzingnummer=900000 + i,
                   productcategorie="02", productcode="02A01", begindatum=date(2026, 1, 1), einddatum=date(2026, 1, 31),
                   volume=4, eenheid="04", tarief_cent=5400, bedrag_cent=21600)
    for i in range({AANTAL})
]
o = declaratie("wmo", agb="{AGB}", gemeentecode="{GEMEENTECODE}", identificatie="323000001", dagtekening=date(2026, 2, 3),
               declaratienummer="D1", periode_begin=date(2026, 1, 1), periode_eind=date(2026, 1, 31), prestaties=regels)
open(sys.argv[1], "wb").write(o.bytes())
"""

TEL = """
import json
import django
django.setup()
from keukentafel.berichten.models import Bericht, Declaratie, Prestatie
print(json.dumps({
    "in": Bericht.objects.filter(richting="in").count(), "uit": Bericht.objects.filter(richting="uit").count(),
    "declaraties": Declaratie.objects.count(), "prestaties": Prestatie.objects.count(),
}))
"""


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="keukentafel.settings", KT_SQLITE_PATH=str(tmp / "db.sqlite3"),
               KT_BERICHTEN_DIR=str(tmp / "berichten"), KT_VAR_DIR=str(tmp), KT_LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    return env


def _py(env, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=timeout, check=True
    )


def _tel(env) -> dict:
    return json.loads(_py(env, "-c", TEL).stdout.strip().splitlines()[-1])


def test_kill_midden_in_een_declaratie_laat_niets_half_achter(tmp_path):
    env = _env(tmp_path)
    _py(env, "manage.py", "migrate", "-v0")
    bestand = tmp_path / "inbox" / "WMO323_groot.xml"
    bestand.parent.mkdir()
    _py(env, "-c", MAAK, str(bestand))

    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "berichten", "verwerk", str(bestand)], cwd=BASE, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    gezien = []
    try:
        deadline = time.monotonic() + 120
        for regel in proc.stderr:
            gezien.append(regel.rstrip())
            m = re.search(r"\]\s+(\d+)% [\d.]+/[\d.]+ prestaties", regel)
            if m and int(m.group(1)) >= 50:
                proc.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "geen voortgang gezien"
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, f"het proces was al klaar vóór de kill: {gezien[-5:]}"
    assert any("prestaties" in r for r in gezien)

    assert _tel(env) == {"in": 0, "uit": 0, "declaraties": 0, "prestaties": 0}
    assert bestand.exists(), "het bestand blijft in de inbox staan tot het verwerkt is"
    assert not list((tmp_path / "berichten").glob("uit/*/*.xml")), "geen antwoord in de uitbox"

    klaar = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "berichten", "verwerk", str(bestand.parent), "--geen-voortgang"],
        cwd=BASE, env=env, capture_output=True, text=True, timeout=180,
    )
    assert klaar.returncode == 0, klaar.stdout + klaar.stderr
    assert "verwerkt: 12.000 regels" in klaar.stdout
    assert _tel(env) == {"in": 1, "uit": 1, "declaraties": 1, "prestaties": AANTAL}
    assert not bestand.exists() and (bestand.parent / "verwerkt" / bestand.name).exists()
    assert (bestand.parent / "verwerkt" / "WMO323_groot.antwoord.xml").exists()

    # The same file once more (e.g. put back by an operator): recognised, the same answer, no second effect.
    (bestand.parent / "verwerkt" / bestand.name).replace(bestand)
    nogmaals = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "berichten", "verwerk", str(bestand), "--geen-voortgang"],
        cwd=BASE, env=env, capture_output=True, text=True, timeout=180,
    )
    assert nogmaals.returncode == 0 and "al verwerkt" in nogmaals.stdout
    assert _tel(env) == {"in": 1, "uit": 1, "declaraties": 1, "prestaties": AANTAL}
