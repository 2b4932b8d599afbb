#!/usr/bin/env bash
# Load benchmark of the staff UI on PostgreSQL, in one command:
#
#   benchmarks/run.sh            full size: 1,000,000 persons, 400,000 households, 50,000 open plans;
#                                16 users for 3 minutes; PASS/FAIL against the p95 targets
#   benchmarks/run.sh --smoke    2,000 persons, 16 users for 20 s, and toekenningen with 500 rows:
#                                proves both harnesses work (CI)
#   benchmarks/run.sh toekenningen [--aantal 20000]
#                                granting throughput through the service layer (overgangsrecht import of
#                                --aantal rows, and ken_toe in a loop) in a fresh database; PASS/FAIL >= 200/s
#   benchmarks/run.sh declaratie [--aantal 100000]
#                                a generated 323 with --aantal prestaties: raw lxml parse + XSD versus the full
#                                ingest (verwerking.ontvang) on SQLite and on PostgreSQL (fresh database) in one run;
#                                PASS/FAIL >= 10,000 prestaties/s on PostgreSQL and <= 5x raw lxml
#   benchmarks/run.sh prognose [--aantal 100000]
#                                financial forecast (financien.prognose) over --aantal grants and 10x as many approved
#                                prestaties, generated with bulk_create/COPY in a fresh database; PASS/FAIL < 3 s
#   benchmarks/run.sh bijdrage [--aantal 50000]
#                                eigen bijdrage (benchmarks/financien_bijdrage.py): --aantal households with Wmo
#                                maatwerk and incomes in a fresh database; PASS/FAIL bereken_periode < 10 s
#   benchmarks/run.sh monitor [--aantal 200000] [--personen N --huishoudens N --plannen N] [--meetminuten N]
#                                monitor dashboards (benchmarks/monitor.py): generate.py's regio (1,000,000 persons), --aantal
#                                grants and 10x as many declaration lines in a fresh database, then every dashboard page
#                                in-process under several filters; PASS/FAIL p95 < 500 ms per page
#   benchmarks/run.sh portaal [--users 50] [--run-time 2m]
#                                public sociale kaart (benchmarks/locust_portaal.py): anonymous residents searching the
#                                demo region Bollenstreek (manage.py demo_laden) in a fresh database, through gunicorn;
#                                PASS/FAIL p95 < 200 ms (50 users, +10/s, 30 s warm-up, 2 minutes measured)
#
# Options: --opnieuw (regenerate even if the database already holds this size), --users N,
# --rate N (users started per second), --run-time 3m (measured), --opwarmen 30 (seconds of
# warm-up after the logins, not measured; 5 with --smoke), --personen N --huishoudens N --plannen N,
# --workers N / --threads N (gunicorn), --naam NAME (prefix of the result files; default volledig
# or smoke). Environment: PG_ADMIN_URL (a role that may create databases; default
# postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel), KT_BENCH_DB (database name;
# default keukentafel_bench, keukentafel_bench_smoke with --smoke), KT_BENCH_WACHT_MIN/MAX (think
# time in seconds, default 0.5-2.0, portaal 1-3; 0/0 measures capacity instead of a working day),
# KT_BENCH_TOEKENNINGEN_DB (database of `toekenningen`, dropped and recreated on every run), likewise
# KT_BENCH_PORTAAL_DB (`portaal`; default keukentafel_bench_portaal) and KT_BENCH_MONITOR_DB (`monitor`; default
# keukentafel_bench_monitor).
#
# Steps: install locust (requirements-bench.txt) into .venv, make sure PostgreSQL runs (starts the
# local Debian cluster and creates the role when run as root), create the benchmark database,
# migrate + generate (skipped when that size is already there), collectstatic, start gunicorn on a
# free port on 127.0.0.1, run locust headless, stop gunicorn, print p50/p95/p99 per request type.
# Exit code: 0 fine; 1 harness error or failed requests; 3 a latency target missed (not judged with --smoke).
set -euo pipefail
cd "$(dirname "$0")/.."

modus=volledig
opnieuw=""
users=""
rate=""
runtime=""
opwarmen=30
personen=1000000
huishoudens=400000
plannen=50000
naam=""
aantal=20000
aantal_gezet=""
meetminuten=""
workers=${KT_BENCH_WORKERS:-3}
threads=${KT_BENCH_THREADS:-2}
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) modus=smoke; runtime=20s; opwarmen=5; personen=2000; huishoudens=800; plannen=100 ;;
    --opnieuw) opnieuw=--opnieuw ;;
    --users) users=$2; shift ;;
    --rate) rate=$2; shift ;;
    --run-time) runtime=$2; shift ;;
    --opwarmen) opwarmen=$2; shift ;;
    --personen) personen=$2; shift ;;
    --huishoudens) huishoudens=$2; shift ;;
    --plannen) plannen=$2; shift ;;
    --workers) workers=$2; shift ;;
    --threads) threads=$2; shift ;;
    --naam) naam=$2; shift ;;
    toekenningen) modus=toekenningen ;;
    declaratie) modus=declaratie ;;
    prognose) modus=prognose ;;
    bijdrage) modus=bijdrage ;;
    portaal) modus=portaal ;;
    monitor) modus=monitor ;;
    --meetminuten) meetminuten=$2; shift ;;
    --aantal) aantal=$2; aantal_gezet=1; shift ;;
    -h|--help) sed -n '2,40p' "$0"; exit 0 ;;
    *) echo "Onbekende optie: $1 (zie --help)" >&2; exit 1 ;;
  esac
  shift
done
if [ "$modus" = portaal ]; then users=${users:-50}; rate=${rate:-10}; runtime=${runtime:-2m}; fi
users=${users:-16}
rate=${rate:-4}
runtime=${runtime:-3m}

py=.venv/bin/python
resultaten=benchmarks/results
mkdir -p "$resultaten"
stap() { echo; echo "== $*"; }

# --- Python packages ---------------------------------------------------------------------------
if [ ! -x "$py" ]; then
  KT_SETUP_BROWSER=0 scripts/setup
fi
stempel=.venv/.requirements-bench.sha
wil=$(sha256sum requirements-bench.txt | cut -d' ' -f1)
if [ "$modus" != toekenningen ] && [ "$modus" != declaratie ] && [ "$modus" != prognose ] && [ "$modus" != bijdrage ] \
  && [ "$modus" != monitor ] && { [ "$(cat "$stempel" 2>/dev/null)" != "$wil" ] || [ ! -x .venv/bin/locust ]; }; then
  stap "locust installeren (requirements-bench.txt)"
  "$py" -m pip install -q --disable-pip-version-check -r requirements-bench.txt
  echo "$wil" > "$stempel"
fi

# --- PostgreSQL ------------------------------------------------------------------------------------
standaard_admin=postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel
admin_url=${PG_ADMIN_URL:-$standaard_admin}
db=${KT_BENCH_DB:-keukentafel_bench$([ "$modus" = smoke ] && echo _smoke || true)}
bench_url="${admin_url%/*}/$db"
pg_host=$("$py" -c 'import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print(p.hostname or "127.0.0.1", p.port or 5432)' "$admin_url")
read -r host port <<< "$pg_host"

if ! pg_isready -q -h "$host" -p "$port" 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null; then
    stap "PostgreSQL starten"
    cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
    [ -n "$cluster" ] && { pg_ctlcluster $cluster start 2>/dev/null || true; }
    for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
  fi
  if ! pg_isready -q -h "$host" -p "$port"; then
    echo "PostgreSQL draait niet op $host:$port. Start het (Debian: 'pg_ctlcluster 15 main start' of" >&2
    echo "'service postgresql start') en zet PG_ADMIN_URL op een rol die databases mag maken." >&2
    exit 1
  fi
fi
if ! psql "$admin_url" -qtAc "SELECT 1" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && [ "$admin_url" = "$standaard_admin" ]; then
    stap "rol en database 'keukentafel' aanmaken"
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='keukentafel'\"" | grep -q 1 \
      || su postgres -c "psql -qc \"CREATE ROLE keukentafel LOGIN CREATEDB PASSWORD 'keukentafel'\""
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='keukentafel'\"" | grep -q 1 \
      || su postgres -c "createdb -O keukentafel keukentafel"
  else
    echo "Kan niet verbinden met PG_ADMIN_URL ($admin_url)." >&2
    exit 1
  fi
fi
# Granting throughput (benchmarks/toekenningen.py) always starts from a fresh, empty database.
toekenningen() {
  local tdb=${KT_BENCH_TOEKENNINGEN_DB:-keukentafel_bench_toekenningen}$([ "$modus" = smoke ] && echo _smoke || true)
  stap "toekenningen: $1 rijen overgangsrecht + ken_toe in een lus, in een verse database $tdb"
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS \"$tdb\" WITH (FORCE)" 2>/dev/null
  psql "$admin_url" -qc "CREATE DATABASE \"$tdb\""
  DATABASE_URL="${admin_url%/*}/$tdb" KT_DEBUG=0 KT_LOG_LEVEL=${KT_LOG_LEVEL:-WARNING} \
    "$py" benchmarks/toekenningen.py --aantal "$1" $([ "$modus" = smoke ] && echo --smoke || true)
}
if [ "$modus" = toekenningen ]; then
  toekenningen "$aantal"
  exit $?
fi
# A fresh PostgreSQL database per timed run (the name gets _smoke with --smoke); prints its name.
verse_db() {
  local naam=$1$([ "$modus" = smoke ] && echo _smoke || true)
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS \"$naam\" WITH (FORCE)" 2>/dev/null
  psql "$admin_url" -qc "CREATE DATABASE \"$naam\""
  echo "$naam"
}
smoke_vlag() { [ "$modus" = smoke ] && echo --smoke || true; }
# Declaration throughput (benchmarks/berichten_323.py): a fresh PostgreSQL database and a temporary SQLite file.
# The generated 323 is larger than OP179's 25 MB, so the limit is raised for this run only.
declaratie() {
  stap "declaratie: 323 met $1 prestaties; ruwe lxml, dan de volledige ingest op SQLite en op PostgreSQL"
  local ddb
  ddb=$(verse_db "${KT_BENCH_DECLARATIE_DB:-keukentafel_bench_323}")
  . scripts/istandaarden.sh
  KT_BERICHT_MAX_BYTES=${KT_BERICHT_MAX_BYTES:-268435456} KT_DEBUG=0 KT_LOG_LEVEL=${KT_LOG_LEVEL:-WARNING} \
    "$py" benchmarks/berichten_323.py --aantal "$1" --pg-url "${admin_url%/*}/$ddb" $(smoke_vlag)
}
# Eigen bijdrage (financien_bijdrage.py, bereken_periode) and forecast (financien_prognose.py, prognose()):
# generated data in a fresh database.
financien() {
  local script=$1 db
  db=$(verse_db "$2")
  DATABASE_URL="${admin_url%/*}/$db" KT_DEBUG=0 KT_LOG_LEVEL=${KT_LOG_LEVEL:-WARNING} \
    "$py" "benchmarks/$script" --aantal "$3" $(smoke_vlag)
}
bijdrage() {
  stap "bijdrage: eigen bijdrage voor $1 huishoudens in een verse database"
  financien financien_bijdrage.py "${KT_BENCH_BIJDRAGE_DB:-keukentafel_bench_bijdrage}" "$1"
}
prognose() {
  stap "prognose: $1 voorzieningen en $(($1 * 10)) goedgekeurde prestaties in een verse database"
  financien financien_prognose.py "${KT_BENCH_PROGNOSE_DB:-keukentafel_bench_prognose}" "$1"
}
# Monitor dashboards (benchmarks/monitor.py): generate.py's regio of $personen persons, $1 grants and 10x as many
# declaration lines in a fresh database, then every dashboard page timed in-process (--smoke: 2,000 persons, 1 request).
monitor() {
  stap "monitor: $personen personen, $1 voorzieningen en $(($1 * 10)) prestaties in een verse database; alle monitorpagina's"
  local db
  db=$(verse_db "${KT_BENCH_MONITOR_DB:-keukentafel_bench_monitor}")
  DATABASE_URL="${admin_url%/*}/$db" KT_DEBUG=0 KT_LOG_LEVEL=${KT_LOG_LEVEL:-WARNING} \
    "$py" benchmarks/monitor.py --aantal "$1" --personen "$personen" --huishoudens "$huishoudens" --plannen "$plannen" \
    ${meetminuten:+--meetminuten "$meetminuten"} $(smoke_vlag)
}

# --- Server, load and report: the staff load test and `portaal` -----------------------------------
# collectstatic, then gunicorn (keukentafel.wsgi, gthread) on a free port on 127.0.0.1 against $DATABASE_URL;
# $1 is the result name (its log: results/<name>_gunicorn.log). Sets poort and gunicorn_pid.
gunicorn_pid=""
start_server() {
  stap "collectstatic"
  "$py" manage.py collectstatic --no-input -v0 || return 1
  poort=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local serverlog=$resultaten/$1_gunicorn.log klaar="" code
  stap "gunicorn starten op 127.0.0.1:$poort ($workers workers × $threads threads)"
  # gthread workers keep idle connections open; --keep-alive must exceed the users' think time (max 3 s),
  # otherwise a request can race the server closing the connection (a "status 0" failure).
  .venv/bin/gunicorn keukentafel.wsgi --bind "127.0.0.1:$poort" --workers "$workers" --threads "$threads" \
    --worker-class gthread --timeout 60 --graceful-timeout 10 --keep-alive 10 --no-control-socket > "$serverlog" 2>&1 &
  gunicorn_pid=$!
  trap stop_server EXIT
  for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$poort/account/inloggen/" || true)
    if [ "$code" = 200 ]; then klaar=1; break; fi
    kill -0 "$gunicorn_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$klaar" ]; then
    echo "gunicorn kwam niet op; log:" >&2
    tail -30 "$serverlog" >&2
    return 1
  fi
}
stop_server() {
  if [ -n "$gunicorn_pid" ] && kill -0 "$gunicorn_pid" 2>/dev/null; then
    kill -TERM "$gunicorn_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$gunicorn_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$gunicorn_pid" 2>/dev/null || true
  fi
}
# Who else uses the CPU (a busy machine explains slow numbers)?
andere_processen() {
  top -b -n 2 -d 1 -w 200 2>/dev/null | awk '/^top -/ {frame++} frame == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 > 5 && $12 !~ /^(gunicorn|locust|postgres|top)$/ {printf "%s %s%%, ", $12, $9}' | head -c 300 || true
}
# locust headless with locustfile $1 (result name $2): $users users (+$rate/s), $opwarmen s warm-up, then $runtime
# measured — the locustfile stops itself then; locust's own --run-time is only a cap. Stops gunicorn afterwards.
# Sets locust_rc, belasting_voor, belasting_na and andere.
laadtest() {
  local seconden totaal
  seconden=$("$py" -c '
import re, sys
t = sys.argv[1]
d = {"h": 3600, "m": 60, "s": 1}
print(sum(int(n) * d[u] for n, u in re.findall(r"(\d+)([hms])", t)) or int(t))' "$runtime")
  totaal=$((seconden + opwarmen + 60))
  stap "locust ($1): $users gebruikers (+$rate/s), $opwarmen s opwarmen, dan $runtime meten, tegen http://127.0.0.1:$poort"
  belasting_voor=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GB; $(psql "$DATABASE_URL" -qtAc 'SHOW server_version'); load vooraf: $belasting_voor"
  local andere_voor
  andere_voor=$(andere_processen)
  [ -n "$andere_voor" ] && echo "andere processen met CPU-gebruik vooraf: ${andere_voor%, }"
  if "$py" -c 'import os, sys; sys.exit(0 if os.getloadavg()[0] > 1.0 else 1)'; then
    echo "LET OP: de machine is al bezig (load $belasting_voor): andere processen delen de 2 cores; de tijden zijn dan te hoog." >&2
  fi
  rm -f "$resultaten/$2"_stats.csv "$resultaten/$2"_failures.csv "$resultaten/$2"_exceptions.csv
  locust_rc=0
  KT_BENCH_OPWARMEN=$opwarmen KT_BENCH_MEETDUUR=$seconden timeout --signal=INT --kill-after=30 $((totaal + 120)) \
    .venv/bin/locust -f "$1" --headless -H "http://127.0.0.1:$poort" -u "$users" -r "$rate" \
    --run-time "${totaal}s" --stop-timeout 10 --only-summary --loglevel WARNING \
    --csv "$resultaten/$2" > "$resultaten/$2_locust.log" 2>&1 || locust_rc=$?
  belasting_na=$(cut -d' ' -f1-3 /proc/loadavg)
  andere=$(andere_processen)
  stop_server
  tail -5 "$resultaten/$2_locust.log" | grep -iE "error|traceback" >&2 || true
}
# gunicorn, locust with locustfile $1 (result name $2), then the report: script $3 (rapport.py, or a locustfile that
# judges with its own targets) with any further arguments. Returns the report's code (0 / 1 / 3; see above), or 1 when
# the report is fine but locust was not.
lastmeting() {
  local naam=$2 rc=0
  start_server "$naam" || return 1
  laadtest "$1" "$naam"
  stap "resultaat ($naam; locust exit $locust_rc; gunicorn $workers workers × $threads threads; load vooraf $belasting_voor, aan het eind $belasting_na)"
  [ -n "$andere" ] && echo "andere processen met CPU-gebruik tijdens de run: ${andere%, }"
  "$py" "$3" "$resultaten/${naam}_stats.csv" "${@:4}" $(smoke_vlag) || rc=$?
  if [ $rc -eq 0 ] && [ $locust_rc -ne 0 ]; then
    echo "locust eindigde met code $locust_rc; zie $resultaten/${naam}_locust.log" >&2
    return 1
  fi
  return $rc
}

# Public sociale kaart (issue 5 §4): the demo region Bollenstreek (full scale; 0.05 with --smoke) in a fresh database,
# then anonymous residents searching (benchmarks/locust_portaal.py, which also judges: p95 < 200 ms). $1: result name.
portaal() {
  local -x DATABASE_URL KT_DEBUG=0 KT_STATIC_FROM_FINDERS=0 KT_LOG_LEVEL=${KT_LOG_LEVEL:-WARNING}
  DATABASE_URL="${admin_url%/*}/$(verse_db "${KT_BENCH_PORTAAL_DB:-keukentafel_bench_portaal}")" || return 1
  stap "portaal: migreren en de demoregio laden (manage.py demo_laden $([ "$modus" = smoke ] && echo '--schaal 0.05' || true)) in ${DATABASE_URL##*/}"
  "$py" manage.py migrate -v0 || return 1
  if ! "$py" manage.py demo_laden $([ "$modus" = smoke ] && echo '--schaal 0.05' || true) > "$resultaten/$1_demo.log" 2>&1; then
    tail -20 "$resultaten/$1_demo.log" >&2
    return 1
  fi
  grep -m1 'Klaar in' "$resultaten/$1_demo.log" || true
  lastmeting benchmarks/locust_portaal.py "$1" benchmarks/locust_portaal.py
}
# In the smoke run: 10 users with a short think time for 10 s, enough to make every request type.
portaal_smoke() {
  local users=10 rate=10 opwarmen=2 runtime=10s
  local -x KT_BENCH_WACHT_MIN=0.2 KT_BENCH_WACHT_MAX=0.5
  portaal portaal_smoke
}

standaard=""
case "$modus" in
  declaratie) standaard=100000; functie=declaratie ;;
  bijdrage) standaard=50000; functie=bijdrage ;;
  prognose) standaard=100000; functie=prognose ;;
  monitor) standaard=200000; functie=monitor ;;
esac
if [ -n "$standaard" ]; then
  "$functie" "$([ -n "$aantal_gezet" ] && echo "$aantal" || echo "$standaard")"
  exit $?
fi
if [ "$modus" = portaal ]; then
  portaal "${naam:-portaal}"
  exit $?
fi

if ! psql "$admin_url" -qtAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
  stap "database $db aanmaken"
  psql "$admin_url" -qc "CREATE DATABASE \"$db\""
fi

export DATABASE_URL=$bench_url KT_DEBUG=0 KT_STATIC_FROM_FINDERS=0 KT_LOG_LEVEL=${KT_LOG_LEVEL:-WARNING}
doelen=$resultaten/targets$([ "$modus" = smoke ] && echo _smoke || true).json
export KT_BENCH_TARGETS=$doelen

# --- Data ------------------------------------------------------------------------------------------
stap "migreren en genereren ($personen personen, $huishoudens huishoudens, $plannen open plannen) in $db"
"$py" benchmarks/generate.py --personen "$personen" --huishoudens "$huishoudens" --plannen "$plannen" --targets "$doelen" $opnieuw

# --- Load and report -------------------------------------------------------------------------------
rapport_rc=0
lastmeting benchmarks/locustfile.py "${naam:-$modus}" benchmarks/rapport.py --targets "$doelen" || rapport_rc=$?
if [ "$modus" = smoke ]; then
  for deel in "toekenningen 500:toekenningen" "declaratie 500:berichten_323" "prognose 500:financien_prognose" \
    "bijdrage 500:financien_bijdrage" "monitor 500:monitor" "portaal_smoke:locust_portaal"; do
    rc=0
    ${deel%%:*} || rc=$?  # unquoted on purpose: function and argument
    if [ $rapport_rc -eq 0 ] && [ $rc -ne 0 ]; then
      echo "benchmarks/${deel#*:}.py eindigde met code $rc" >&2
      exit 1
    fi
  done
fi
exit $rapport_rc
