"""The Participatiewet part of the demo region (issue 6): per gemeente a werkgeversbenadering (werkgevers, contacts,
vacancies with competences) and bijstand clients on both tracks, with phases, a participatieladder that moves this
year, re-integratie instruments on the participatie budget line, a tegenprestatie, placements, one trajectory closed
with werk gevonden and one review due.

Runs after the finance demo (the instruments' plan actions land on the budget line "Re-integratie en participatie" of
this year's demo begroting). Every record goes through `participatie.services`. Deterministic for the `rng` it is given
and today's date; loads nothing when werkgevers already exist.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from keukentafel.accounts.models import Gemeente, Medewerker
from keukentafel.financien.models import Begrotingspost, Domein, Postsoort
from keukentafel.inwoners.models import Huishoudlid, Persoon
from keukentafel.jeugd.demo import generalisten, open_plan
from keukentafel.plannen.services import plus_maanden

from . import services
from .models import Afsluitreden, Competentie, Plaatsing, SoortInstrument, Traject, Uitkomst, Vacature, Werkgever, Werkgeverscontact

#: (naam, contactpersoon, vacancies: (titel, uren, competences)). Fictitious firms typical of the Bollenstreek.
WERKGEVERS = (
    ("Bloembollenbedrijf Van der Zon", "Karin van der Zon", (
        ("Medewerker bollenpellerij", 32, ("Fysiek zwaar werk", "Samenwerken", "Nauwkeurig werken")),
        ("Chauffeur-heftruckchauffeur", 38, ("Heftruckcertificaat", "Rijbewijs B", "Magazijn en logistiek")),
    )),
    ("Supermarkt De Kern", "Dennis Warmerdam", (
        ("Vakkenvuller", 24, ("Klantgericht werken", "Magazijn en logistiek", "Samenwerken")),
    )),
    ("Zorgcentrum Duinzicht", "Monique Hogewoning", (
        ("Medewerker facilitaire dienst", 28, ("Schoonmaakwerk", "Zorg en welzijn", "Nauwkeurig werken")),
        ("Gastvrouw/gastheer restaurant", 20, ("Horeca en keuken", "Klantgericht werken", "Nederlandse taal (mondeling)")),
    )),
    ("Groenbedrijf Duin en Bollen", "Bas Ruigrok", (
        ("Hovenier in opleiding", 36, ("Groen en tuinonderhoud", "Fysiek zwaar werk", "VCA")),
    )),
)
CONTACTEN = (
    (Werkgeverscontact.Soort.BEZOEK, "Kennismaking op de werkvloer; open voor een werkervaringsplek en loonkostensubsidie."),
    (Werkgeverscontact.Soort.TELEFOON, "Vacature doorgenomen: wat moet een kandidaat kunnen, wie begeleidt op de werkvloer."),
    (Werkgeverscontact.Soort.NETWERK, "Ondernemersontbijt van het Werkgeversservicepunt Holland Rijnland."),
)
#: Client profiles: (verdiencapaciteit %, ladder steps over the year, what happens). Werkspoor above 40% (seed 001).
PROFIELEN = ("lks_plaatsing", "herbeoordeling_nodig", "participatiespoor", "werk_gevonden", "wissel_naar_werkspoor")


@dataclass
class _Context:
    gemeente: Gemeente
    vandaag: date
    rng: random.Random
    post_reintegratie: Begrotingspost | None
    post_beschut: Begrotingspost | None
    werkgevers: list[Werkgever]
    tellers: dict


def _in_jaar(vandaag: date, fractie: float) -> date:
    """A day this year, `fractie` of the way from 1 January to today."""
    begin = date(vandaag.year, 1, 1)
    return begin + timedelta(days=int((vandaag - begin).days * fractie))


def _post(gemeente: Gemeente, jaar: int, code: str) -> Begrotingspost | None:
    return Begrotingspost.objects.filter(
        begroting__gemeente=gemeente, begroting__jaar=jaar, domein=Domein.PARTICIPATIE, soort=Postsoort.LASTEN, saldopost=False,
        code=code,
    ).first()


def _competenties(*namen: str) -> list[Competentie]:
    return list(Competentie.objects.filter(naam__in=namen).order_by("naam"))


def _werkgevers(ctx: _Context, door: Medewerker) -> None:
    for i, (naam, contact, vacatures) in enumerate(WERKGEVERS):
        kvk = f"{ctx.rng.randint(30000000, 79999999)}"
        werkgever = services.registreer_werkgever(
            door, naam=f"{naam} ({ctx.gemeente.naam})", gemeente=ctx.gemeente, kvk_nummer=kvk, contactpersoon=contact,
            telefoon=f"0252{ctx.rng.randint(100000, 999999)}", email=f"hr@werkgever{i + 1}.example",
        )
        for j, (soort, notitie) in enumerate(CONTACTEN[: 2 + i % 2]):
            services.leg_werkgeverscontact_vast(
                door, werkgever, datum=ctx.vandaag - timedelta(days=20 + 45 * j + ctx.rng.randint(0, 20)), soort=soort, notities=notitie
            )
        for titel, uren, comp in vacatures:
            services.maak_vacature(door, werkgever, titel=titel, uren_per_week=Decimal(uren), competenties=_competenties(*comp),
                                   omschrijving=f"{titel} bij {naam}, {uren} uur per week.")
        ctx.werkgevers.append(werkgever)


def _kandidaten(gemeente: Gemeente, vandaag: date, gebied_id: int | None) -> list[Huishoudlid]:
    """Adults of 23–60 in the gemeente's households: the first generalist's gebied first (so the demo login meets them),
    then those with an open plan (their instruments join the plan)."""
    leden = (
        Huishoudlid.objects.actief_op(vandaag)
        .filter(huishouden__gemeente=gemeente, persoon__geboortedatum__lte=date(vandaag.year - 23, 1, 1),
                persoon__geboortedatum__gte=date(vandaag.year - 60, 1, 1), persoon__participatietrajecten__isnull=True)
        .select_related("persoon", "huishouden")
        .order_by("huishouden_id", "pk")
    )
    per_huishouden: dict[int, Huishoudlid] = {}
    for lid in leden:
        per_huishouden.setdefault(lid.huishouden_id, lid)  # one client per household
    return sorted(per_huishouden.values(),
                  key=lambda lid: (lid.huishouden.gebied_id != gebied_id, open_plan(lid.huishouden) is None, lid.huishouden_id))


def _klantmanager(lid: Huishoudlid, gemeente: Gemeente) -> Medewerker:
    plan = open_plan(lid.huishouden)
    if plan is not None:
        return plan.regisseur
    eigen = [m for m in generalisten(gemeente) if m.team and m.team.gebied_id == lid.huishouden.gebied_id]
    return (eigen or generalisten(gemeente))[0]


def _post_voor(ctx: _Context, begin: date, soort: str) -> Begrotingspost | None:
    if begin.year != ctx.vandaag.year:
        return None
    return ctx.post_beschut if soort == SoortInstrument.BESCHUT_WERK else ctx.post_reintegratie


def _instrument(ctx: _Context, km: Medewerker, traject: Traject, soort: str, omschrijving: str, begin: date, maanden: int,
                kosten_euro: int, *, werkgever: Werkgever | None = None, uitvoerder: str = "", **kw):
    ctx.tellers["instrumenten"] += 1
    return services.voeg_instrument_toe(
        km, traject, soort=soort, omschrijving=omschrijving, uitvoerder=uitvoerder or (werkgever.naam if werkgever else ""),
        werkgever=werkgever, startdatum=begin, einddatum=plus_maanden(begin, maanden), kosten_cent=kosten_euro * 100,
        begrotingspost=_post_voor(ctx, begin, soort), **kw,
    )


def _ladder(km: Medewerker, persoon: Persoon, stappen: list[tuple[date, int, str]]) -> None:
    for datum, trede, tekst in stappen:
        services.leg_ladderscore_vast(km, persoon, datum=datum, trede=trede, toelichting=tekst)


def _vacature(ctx: _Context, titel_bevat: str) -> Vacature | None:
    return Vacature.objects.filter(werkgever__in=ctx.werkgevers, open=True, titel__icontains=titel_bevat).order_by("pk").first()


def _client(ctx: _Context, lid: Huishoudlid, profiel: str) -> None:
    v, rng, persoon = ctx.vandaag, ctx.rng, lid.persoon
    km = _klantmanager(lid, ctx.gemeente)
    jan = date(v.year, 1, 1)
    sinds = v - timedelta(days=rng.randint(500, 900))
    if profiel == "lks_plaatsing":
        start = v - timedelta(days=rng.randint(140, 170))
        t = services.start_traject(km, persoon, klantmanager=km, verdiencapaciteit_procent=65, startdatum=start, uitkering_sinds=sinds,
                                   toelichting="Ervaring in de bollenteelt; wil terug naar betaald werk.")
        services.zet_competenties(km, persoon, _competenties("Fysiek zwaar werk", "Samenwerken", "Nauwkeurig werken"))
        services.volgende_fase(km, t, t.version, datum=start + timedelta(days=21), toelichting="Diagnose klaar: belastbaar, gemotiveerd.")
        werkgever = ctx.werkgevers[0]
        wep = _instrument(ctx, km, t, SoortInstrument.WERKERVARINGSPLEK, "Werkervaringsplek in de bollenpellerij",
                          start + timedelta(days=28), 2, 0, werkgever=werkgever)
        services.leg_uitkomst_vast(km, wep, wep.version, uitkomst=Uitkomst.BEHAALD,
                                   toelichting="Werkritme opgebouwd; de werkgever wil haar aannemen met loonkostensubsidie.")
        services.volgende_fase(km, t, t.version, datum=start + timedelta(days=80), toelichting="Werkervaringsplek goed verlopen.")
        lks_start = start + timedelta(days=90)
        lks = _instrument(ctx, km, t, SoortInstrument.LOONWAARDEBEPALING, "Loonwaardebepaling op de werkplek (methode Dariuz)",
                          lks_start, 12, 450, werkgever=werkgever, loonwaarde_procent=60, uren_per_week=Decimal(32))
        _instrument(ctx, km, t, SoortInstrument.JOBCOACHING, "Jobcoaching de eerste zes maanden", lks_start, 6, 2400,
                    uitvoerder="Jobcoach Bollenstreek")
        vacature = _vacature(ctx, "bollenpellerij")
        if vacature is not None:
            services.plaats_kandidaat(km, t, vacature, startdatum=lks_start, loonkostensubsidie=lks)
            ctx.tellers["plaatsingen"] += 1
        _ladder(km, persoon, [(jan - timedelta(days=20), 3, "Vrijwilligerswerk bij de voedselbank."),
                              (start + timedelta(days=28), 4, "Werkervaringsplek."),
                              (lks_start, 5, "Betaald werk met loonkostensubsidie en jobcoaching.")])
    elif profiel == "herbeoordeling_nodig":
        start = v - timedelta(days=400)  # the yearly review (TRAJECT_HERBEOORDELING_MAANDEN 12) is due
        t = services.start_traject(km, persoon, klantmanager=km, verdiencapaciteit_procent=55, startdatum=start, uitkering_sinds=sinds,
                                   toelichting="Lang uit het arbeidsproces; taal is een drempel.")
        services.zet_competenties(km, persoon, _competenties("Klantgericht werken", "Schoonmaakwerk"))
        _instrument(ctx, km, t, SoortInstrument.SCHOLING, "Taaltraject Nederlands op de werkvloer (NT2, niveau A2)",
                    start + timedelta(days=30), 6, 1850, uitvoerder="Taalhuis Bollenstreek")
        _ladder(km, persoon, [(jan - timedelta(days=40), 2, "Komt buiten de deur, weinig contacten."),
                              (_in_jaar(v, 0.6), 3, "Neemt deel aan het taalcafé in het wijkcentrum.")])
    elif profiel == "participatiespoor":
        start = v - timedelta(days=rng.randint(150, 220))
        t = services.start_traject(km, persoon, klantmanager=km, verdiencapaciteit_procent=25, startdatum=start, uitkering_sinds=sinds,
                                   toelichting="Psychische klachten; eerst structuur en meedoen.")
        tp_start = max(start + timedelta(days=30), v - timedelta(days=150))
        services.leg_tegenprestatie_vast(
            km, t, inhoud="Koffie schenken en gasten ontvangen in het wijkcentrum", organisatie="Wijkcentrum (welzijnsorganisatie)",
            uren_per_week=Decimal(8), startdatum=tp_start, einddatum=plus_maanden(tp_start, 6), naar_vermogen=True,
            geen_verdringing=True, beperkt_in_tijd_en_omvang=True,
            naar_vermogen_toelichting="Twee ochtenden per week past bij wat zij nu kan; afgestemd met de behandelaar.",
            geen_verdringing_toelichting="Het wijkcentrum draait deze taak met vrijwilligers; er is geen betaalde functie voor.",
        )
        ctx.tellers["tegenprestaties"] += 1
        _instrument(ctx, km, t, SoortInstrument.BESCHUT_WERK, "Oriëntatie op beschut werk bij het sociaal werkbedrijf",
                    start + timedelta(days=45), 6, 3000, uitvoerder="Sociaal werkbedrijf Duin- en Bollenstreek")
        _ladder(km, persoon, [(jan - timedelta(days=60), 1, "Komt nauwelijks buiten."),
                              (_in_jaar(v, 0.4), 2, "Gaat wekelijks naar de inloop."),
                              (_in_jaar(v, 0.9), 3, "Tegenprestatie in het wijkcentrum.")])
    elif profiel == "werk_gevonden":
        start = v - timedelta(days=330)
        t = services.start_traject(km, persoon, klantmanager=km, verdiencapaciteit_procent=75, startdatum=start, uitkering_sinds=sinds,
                                   toelichting="Recent werkloos; heftruckervaring.")
        services.zet_competenties(km, persoon, _competenties("Heftruckcertificaat", "Rijbewijs B", "Magazijn en logistiek", "VCA"))
        services.volgende_fase(km, t, t.version, datum=start + timedelta(days=14), toelichting="Direct bemiddelbaar.")
        services.volgende_fase(km, t, t.version, datum=start + timedelta(days=60), toelichting="Sollicitatietraining afgerond.")
        vacature = _vacature(ctx, "heftruck")
        plaatsing_op = v - timedelta(days=100)
        if vacature is not None:
            plaatsing = services.plaats_kandidaat(km, t, vacature, startdatum=plaatsing_op)
            services.leg_plaatsingsresultaat_vast(km, plaatsing, plaatsing.version, resultaat=Plaatsing.Resultaat.DUURZAAM)
            ctx.tellers["plaatsingen"] += 1
        services.sluit_traject(km, t, t.version, datum=v - timedelta(days=30), reden=Afsluitreden.WERK_GEVONDEN,
                               toelichting="Vast contract na de proefperiode; uitkering beëindigd.")
        _ladder(km, persoon, [(jan - timedelta(days=30), 4, "Onbetaald werk bij de kringloop."),
                              (plaatsing_op, 6, "Betaald werk zonder ondersteuning.")])
    else:  # wissel_naar_werkspoor: we schrijven niemand af
        start = v - timedelta(days=rng.randint(250, 320))
        t = services.start_traject(km, persoon, klantmanager=km, verdiencapaciteit_procent=30, startdatum=start, uitkering_sinds=sinds,
                                   toelichting="Na een burn-out; eerst herstel.")
        herbeoordeeld = v - timedelta(days=40)
        services.herbeoordeel(km, t, t.version, datum=herbeoordeeld, verdiencapaciteit_procent=50,
                              uitkomst="Hersteld en leerbaar: verdiencapaciteit nu 50%, door naar het Werkspoor.")
        services.zet_competenties(km, persoon, _competenties("Computervaardigheden", "Zelfstandig werken", "Klantgericht werken"))
        services.volgende_fase(km, t, t.version, datum=herbeoordeeld + timedelta(days=20), toelichting="Diagnose: administratief werk.")
        _instrument(ctx, km, t, SoortInstrument.WERKERVARINGSPLEK, "Werkervaringsplek op de administratie",
                    herbeoordeeld + timedelta(days=21), 3, 0, werkgever=ctx.werkgevers[2 % len(ctx.werkgevers)])
        _ladder(km, persoon, [(jan - timedelta(days=10), 2, "Herstellend, weinig contacten."),
                              (_in_jaar(v, 0.5), 3, "Doet mee aan een herstelgroep."),
                              (herbeoordeeld + timedelta(days=21), 4, "Werkervaringsplek.")])
    ctx.tellers["trajecten"] += 1


@transaction.atomic
def laad_demo(rng: random.Random, uitvoer: Callable[[str], None] | None = None, *, vandaag: date | None = None) -> int:
    """Load the Participatiewet demo for every gemeente; returns the number of trajecten (0 when already there)."""
    if Werkgever.objects.exists():
        return 0
    vandaag = vandaag or timezone.localdate()
    uitvoer = uitvoer or (lambda tekst: None)
    totaal = 0
    for gemeente in Gemeente.objects.order_by("naam"):
        staf = generalisten(gemeente)
        if not staf:
            continue
        ctx = _Context(gemeente, vandaag, rng, _post(gemeente, vandaag.year, "part-reintegratie"),
                       _post(gemeente, vandaag.year, "part-beschut-werk"), [], {"trajecten": 0, "instrumenten": 0, "plaatsingen": 0,
                                                                                 "tegenprestaties": 0})
        _werkgevers(ctx, staf[0])
        gebied_id = staf[0].team.gebied_id if staf[0].team_id else None
        for lid, profiel in zip(_kandidaten(gemeente, vandaag, gebied_id), PROFIELEN, strict=False):
            _client(ctx, lid, profiel)
        t = ctx.tellers
        totaal += t["trajecten"]
        uitvoer(f"  {gemeente.naam}: {len(ctx.werkgevers)} werkgevers met vacatures, {t['trajecten']} trajecten, "
                f"{t['instrumenten']} instrumenten, {t['plaatsingen']} plaatsingen, {t['tegenprestaties']} tegenprestatie"
                + ("" if ctx.post_reintegratie else " (geen begroting: instrumenten zonder begrotingspost)"))
    return totaal
