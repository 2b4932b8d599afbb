"""Load test of the staff UI: generalists working their worklist, opening dossiers and searching.

Started by benchmarks/run.sh (which also starts gunicorn on 127.0.0.1); by hand:

    .venv/bin/locust -f benchmarks/locustfile.py --headless -H http://127.0.0.1:8000 -u 16 -r 4 --run-time 3m

Each simulated user logs in once as a different generalist (from benchmarks/results/targets.json,
written by generate.py), then repeats a weighted mix, with a think time between requests:

    worklist       GET  /                                   the generalist's werkvoorraad
    dossier        GET  /inwoners/huishoudens/<pk>/         a household in the own gebied
    zoek_naam      POST /inwoners/zoeken/  geslachtsnaam (full name, 'de Vries' style, or a prefix),
                                           sometimes with the start of a voornaam
    zoek_bsn       POST /inwoners/zoeken/  bsn
    zoek_postcode  POST /inwoners/zoeken/  postcode (+ huisnummer)

Search terms travel only in POST bodies and come from targets.json; request names are fixed, so no
BSN, name or postcode appears in a URL, in locust's statistics or in its logs. A response counts as
a failure when the status is wrong, a dossier redirects (to the login or the break-the-glass page),
or a search for something that exists finds nobody.

Logins are not measured: the statistics are reset once every user is logged in, and again after
KT_BENCH_OPWARMEN seconds (warm-up; run.sh uses 30 s), and the run ends KT_BENCH_MEETDUUR seconds
after that (run.sh: the --run-time it was given; locust's own --run-time is only a safety cap).

Environment: KT_BENCH_TARGETS (path of targets.json), KT_BENCH_WACHT_MIN / KT_BENCH_WACHT_MAX (think
time in seconds, default 0.5–2.0), KT_BENCH_MAX_TAKEN (tasks per user before it stops, default 5000),
KT_BENCH_OPWARMEN (warm-up seconds not measured, default 0), KT_BENCH_MEETDUUR (stop this many
seconds after the warm-up, so exactly that long is measured; default 0: locust's --run-time decides).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import random
import re
from pathlib import Path

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task
from locust.exception import StopUser

DOELEN = Path(os.environ.get("KT_BENCH_TARGETS", Path(__file__).resolve().parent / "results" / "targets.json"))
WACHT_MIN = float(os.environ.get("KT_BENCH_WACHT_MIN", "0.5"))
WACHT_MAX = float(os.environ.get("KT_BENCH_WACHT_MAX", "2.0"))
MAX_TAKEN = int(os.environ.get("KT_BENCH_MAX_TAKEN", "5000"))
OPWARMEN = float(os.environ.get("KT_BENCH_OPWARMEN", "0"))
MEETDUUR = float(os.environ.get("KT_BENCH_MEETDUUR", "0"))

INLOGGEN = "/account/inloggen/"
WERKVOORRAAD = "/"
ZOEKEN = "/inwoners/zoeken/"
DOSSIER = "/inwoners/huishoudens/{}/"
#: Every field of the search form, sent empty unless used, as a browser does.
ZOEKVELDEN = ("bsn", "geslachtsnaam", "voornaam", "geboortedatum", "postcode", "huisnummer")
_GEVONDEN = re.compile(r"(\d+) (?:persoon|personen) gevonden")

_doelen = json.loads(DOELEN.read_text(encoding="utf-8"))


def _status(r) -> str:
    """Failure text; status 0 means no HTTP answer at all (connection refused/reset): name the exception."""
    if r.status_code == 0 and r.error is not None:
        return f"geen antwoord: {type(r.error).__name__}: {str(r.error)[:160]}"
    return f"status {r.status_code}" + (" (doorgestuurd)" if r.status_code in (301, 302) else "")


_volgnummer = itertools.count()

# Logging in costs a deliberately slow password hash (PBKDF2); on 2 cores sixteen of them take
# seconds. Users wait until everyone is in; the statistics are reset at that moment and once more
# after KT_BENCH_OPWARMEN seconds of work (fresh gunicorn workers still load templates and open
# their database connections), so the numbers describe steady-state work.
_ingelogd = 0
_iedereen_binnen = Event()


@events.test_start.add_listener
def _bij_start(environment, **kwargs) -> None:
    global _ingelogd
    _ingelogd = 0
    _iedereen_binnen.clear()


def _meting_begint(environment) -> None:
    logging.warning("opgewarmd: statistieken op nul, de meting begint")
    environment.stats.reset_all()
    if MEETDUUR > 0 and environment.runner is not None:
        gevent.spawn_later(MEETDUUR, _meting_klaar, environment)


def _meting_klaar(environment) -> None:
    logging.warning("meetduur van %.0f s voorbij: de loadtest stopt", MEETDUUR)
    environment.runner.quit()


class Generalist(HttpUser):
    wait_time = between(WACHT_MIN, WACHT_MAX)

    def on_start(self) -> None:
        nr = next(_volgnummer)
        medewerkers = _doelen["medewerkers"]
        self.m = medewerkers[nr % len(medewerkers)]
        self.rng = random.Random(nr)
        self.taken = 0
        self.client.get(INLOGGEN, name="inloggen")
        with self.client.post(
            INLOGGEN,
            data={
                "username": self.m["gebruikersnaam"],
                "password": _doelen["wachtwoord"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                "next": WERKVOORRAAD,
            },
            name="inloggen",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            gelukt = r.status_code == 302 and not r.headers.get("Location", "").startswith(INLOGGEN)
            if not gelukt:
                r.failure(f"inloggen mislukt: {_status(r)}")
        if not gelukt:
            # Stop the whole run: retrying would only run into the login lockout (django-axes).
            logging.error("inloggen als %s mislukt: de loadtest stopt", self.m["gebruikersnaam"])
            self.environment.process_exit_code = 1
            if self.environment.runner is not None:
                self.environment.runner.quit()
            raise StopUser()
        global _ingelogd
        _ingelogd += 1
        runner = self.environment.runner
        if runner is None or _ingelogd >= runner.target_user_count:
            if not _iedereen_binnen.is_set():
                logging.warning("alle %d gebruikers ingelogd; opwarmen: %.0f s", _ingelogd, OPWARMEN)
                self.environment.stats.reset_all()
                _iedereen_binnen.set()
                gevent.spawn_later(OPWARMEN, _meting_begint, self.environment)
        _iedereen_binnen.wait(timeout=120)

    def _tel(self) -> None:
        self.taken += 1
        if self.taken > MAX_TAKEN:
            raise StopUser()

    @task(25)
    def worklist(self) -> None:
        self._tel()
        with self.client.get(WERKVOORRAAD, name="worklist", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(_status(r))
            elif "Werkvoorraad" not in r.text:
                r.failure("geen werkvoorraad in de pagina")

    @task(35)
    def dossier(self) -> None:
        self._tel()
        pk = self.rng.choice(self.m["dossiers"])
        with self.client.get(DOSSIER.format(pk), name="dossier", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(_status(r))

    def _zoek(self, naam: str, velden: dict, minstens: int = 1, hoogstens: int | None = None) -> None:
        data = dict.fromkeys(ZOEKVELDEN, "")
        data.update({k: str(v) for k, v in velden.items()})
        data["csrfmiddlewaretoken"] = self.client.cookies.get("csrftoken", "")
        with self.client.post(ZOEKEN, data=data, name=naam, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(_status(r))
                return
            m = _GEVONDEN.search(r.text)
            aantal = int(m.group(1)) if m else 0
            if aantal < minstens or (hoogstens is not None and aantal > hoogstens):
                r.failure(f"{aantal} gevonden, verwacht {minstens}{'–' + str(hoogstens) if hoogstens else '+'}")

    @task(20)
    def zoek_naam(self) -> None:
        self._tel()
        p = self.rng.choice(self.m["namen"])
        naam = p["geslachtsnaam"]
        keuze = self.rng.random()
        velden = {}
        if keuze < 0.45:  # the full surname, with its voorvoegsel as people type it
            velden["geslachtsnaam"] = f"{p['voorvoegsel']} {naam}".strip()
        elif keuze < 0.8:  # the first letters
            velden["geslachtsnaam"] = naam[: self.rng.randint(3, 5)]
        else:  # surname plus the start of a first name
            velden["geslachtsnaam"] = naam
            velden["voornaam"] = p["voornamen"][: self.rng.randint(1, 3)]
        self._zoek("zoek_naam", velden)

    @task(10)
    def zoek_bsn(self) -> None:
        self._tel()
        self._zoek("zoek_bsn", {"bsn": self.rng.choice(self.m["bsns"])}, minstens=1, hoogstens=1)

    @task(10)
    def zoek_postcode(self) -> None:
        self._tel()
        a = self.rng.choice(self.m["adressen"])
        postcode = f"{a['postcode'][:4]} {a['postcode'][4:]}" if self.rng.random() < 0.5 else a["postcode"]
        if self.rng.random() < 0.7:
            self._zoek("zoek_postcode", {"postcode": postcode, "huisnummer": a["huisnummer"]})
        else:
            self._zoek("zoek_postcode", {"postcode": postcode})
