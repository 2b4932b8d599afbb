"""305 start zorg and 307 stop zorg: link each line to its toewijzing, apply the TR rules, keep `Levering` current.

`Levering` is the grant's delivery status as the provider reports it: one row per start (key Bsn,
ToewijzingNummer, Begindatum), closed by a stop. StatusAanlevering 3 withdraws an earlier line: a withdrawn
start stays as a marked row for the trail, a withdrawn stop gives way to the stop it had replaced (kept in
`stop_historie`). A stop does NOT end the grant: only the municipality ends a toewijzing (besluiten.services).

StatusAanlevering 2 ("gewijzigd") is not allowed in iWmo/iJw 3.2 (OP033x2; constraint CS058 "1 of 3 vullen").
CS058 is a controleniveau-2 constraint whose retourcode is 0001, so the line is refused with 0001 and the rest
of the message is still processed: refusing the whole message would also throw away the correct lines.

Rules and their retourcodes (WJ001):
- TR019 9019  the line must link to a toewijzing by ToewijzingNummer in this gemeente, of this client (Bsn),
              at this provider, under this law, and not deleted (reden wijziging 13).
- TR074 9074  status 1: no earlier (not withdrawn) start with the same key; a stop identical to the current one.
- TR326 9326  status 1 start: the current delivery must have been stopped first.
- TR063 9063  status 3: an earlier line with the same key must exist.
- TR071 9071  status 3 start: not once the delivery was stopped.
- TR069 9069  (TR382) a stop needs a current start with the same key.
- TR413 9413  a second stop with reden 20 (tijdelijk) after a reden-20 stop.
- TR415 9415  a stop after a definitive stop (reden other than 20).
- TR414 9414  a later stop may not end earlier than the current stop.
- CS058 0001  status 2 (OP033x2); RedenBeeindiging outside WMO588/JZ588; Einddatum before Begindatum.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import RedenWijziging, redenen_beeindiging
from keukentafel.inwoners.models import Persoon

from .aanbieder.levering import Lezer, Startregel, Stopregel, startregel, stopregel
from .codes import TECHNISCH_AFGEKEURD
from .models import Bericht, Levering
from .verwerking import Context, Resultaat, verwerker

TIJDELIJK = "20"
STATUS_NIEUW, STATUS_GEWIJZIGD, STATUS_VERWIJDEREN = "1", "2", "3"


def _koppel(ctx: Context, nr: int | None, bsn: str, cache: dict) -> ToegewezenVoorziening | None:
    """TR019: the toewijzing this line belongs to, or None when it cannot be linked."""
    if nr is None:
        return None
    if nr not in cache:
        cache[nr] = (
            ToegewezenVoorziening.objects.filter(gemeente=ctx.gemeente, toewijzingnummer=nr)
            .select_related("persoon", "product").first()
        )
    v = cache[nr]
    if v is None or v.persoon.bsn != bsn or v.aanbieder_id != ctx.aanbieder.pk or v.product.wet != ctx.wet:
        return None
    if v.reden_wijziging == RedenWijziging.VERWIJDERD:
        return None
    return v


def _levering(v: ToegewezenVoorziening, begindatum: date) -> Levering | None:
    """The start with this key that still counts (not withdrawn)."""
    return (
        Levering.objects.select_for_update().filter(voorziening=v, begindatum=begindatum, start_verwijderd=False)
        .order_by("-id").first()
    )


def _stop_als_dict(lev: Levering, status: str, door: Bericht) -> dict:
    return {
        "einddatum": lev.einddatum.isoformat() if lev.einddatum else None, "reden_beeindiging": lev.reden_beeindiging,
        "stopbericht_id": lev.stopbericht_id, "status": status, "door_bericht_id": door.pk,
    }


def _regels(ctx: Context, lijst: str, regel: str) -> tuple[Lezer, etree._Element | None, list[etree._Element]]:
    lz = Lezer(ctx.wet, ctx.kop.soort)
    client = lz.vind(ctx.root, "m:Client")
    return lz, client, lz.alle(client, f"m:{lijst}/m:{regel}")


def _persoon_id(bsn: str, gekoppeld: list[ToegewezenVoorziening]) -> int | None:
    if gekoppeld:
        return gekoppeld[0].persoon_id
    return Persoon.objects.filter(bsn=bsn).values_list("pk", flat=True).first()


@verwerker("305")
def verwerk_start(ctx: Context) -> Resultaat:
    """305: a start per StartProduct; the delivery of the grant begins at Begindatum."""
    return _verwerk_regels(ctx, "StartProducten", "StartProduct", startregel, _start)


def _start(ctx: Context, r: Startregel, bsn: str, cache: dict) -> tuple[str, str, ToegewezenVoorziening | None]:
    if r.status_aanlevering not in (STATUS_NIEUW, STATUS_VERWIJDEREN):
        return TECHNISCH_AFGEKEURD, "StatusAanlevering 2 (gewijzigd) is niet toegestaan; gebruik 3 en daarna 1 (OP033x2, CS058).", None
    v = _koppel(ctx, r.toewijzingnummer, bsn, cache)
    if v is None:
        return "9019", f"Toewijzing {r.toewijzingnummer or '(leeg)'} is niet gevonden voor deze cliënt bij deze aanbieder (TR019).", None
    if r.status_aanlevering == STATUS_VERWIJDEREN:
        lev = _levering(v, r.begindatum)
        if lev is None:
            return "9063", f"Er is geen start per {r.begindatum:%d-%m-%Y} om te verwijderen (TR063).", None
        if lev.stopbericht_id is not None:
            return "9071", "De start kan niet verwijderd worden: de levering is al gestopt (TR071).", None
        lev.start_verwijderd = True
        lev.save(update_fields=["start_verwijderd"])
        return "", "", v
    if _levering(v, r.begindatum) is not None:
        return "9074", f"Er is al een start per {r.begindatum:%d-%m-%Y} voor toewijzing {v.toewijzingnummer} ontvangen (TR074).", None
    lopend = Levering.objects.filter(voorziening=v, start_verwijderd=False, stopbericht__isnull=True).first()
    if lopend is not None:
        return "9326", f"De levering die per {lopend.begindatum:%d-%m-%Y} startte is nog niet gestopt (TR326).", None
    Levering.objects.create(voorziening=v, begindatum=r.begindatum, startbericht=ctx.bericht)
    return "", "", v


@verwerker("307")
def verwerk_stop(ctx: Context) -> Resultaat:
    """307: a stop per StopProduct closes the delivery with the same key. The grant itself keeps running."""
    return _verwerk_regels(ctx, "StopProducten", "StopProduct", stopregel, _stop)


def _verwerk_regels(ctx: Context, lijst: str, klasse: str, lees, toets) -> Resultaat:
    """Shared loop of 305 and 307: read each line, apply its rules, refuse it with the code or count the link."""
    lz, client, elementen = _regels(ctx, lijst, klasse)
    bsn = lz.tekst(client, "m:Bsn")
    cache: dict = {}
    gekoppeld: list[ToegewezenVoorziening] = []
    afgekeurd = 0
    for i, element in enumerate(elementen, 1):
        code, melding, v = toets(ctx, lees(lz, element), bsn, cache)
        if code:
            ctx.afkeur(element, code, melding)
            afgekeurd += 1
        elif v is not None:
            gekoppeld.append(v)
        if ctx.voortgang:
            ctx.voortgang(i, len(elementen))
    return Resultaat(aantal_regels=len(elementen), aantal_afgekeurd=afgekeurd, persoon_id=_persoon_id(bsn, gekoppeld))


def _stop(ctx: Context, r: Stopregel, bsn: str, cache: dict) -> tuple[str, str, ToegewezenVoorziening | None]:
    if r.status_aanlevering not in (STATUS_NIEUW, STATUS_VERWIJDEREN):
        return TECHNISCH_AFGEKEURD, "StatusAanlevering 2 (gewijzigd) is niet toegestaan; gebruik 3 en daarna 1 (OP033x2, CS058).", None
    v = _koppel(ctx, r.toewijzingnummer, bsn, cache)
    if v is None:
        return "9019", f"Toewijzing {r.toewijzingnummer or '(leeg)'} is niet gevonden voor deze cliënt bij deze aanbieder (TR019).", None
    lev = _levering(v, r.begindatum)
    if r.status_aanlevering == STATUS_VERWIJDEREN:
        if lev is None or lev.stopbericht_id is None:
            return "9063", f"Er is geen stop voor de start per {r.begindatum:%d-%m-%Y} om te verwijderen (TR063).", None
        _verwijder_stop(lev, ctx.bericht)
        return "", "", v
    redenen = redenen_beeindiging(ctx.wet)
    if r.reden_beeindiging not in redenen.values:
        return TECHNISCH_AFGEKEURD, f"RedenBeeindiging {r.reden_beeindiging} staat niet in de codelijst voor de {ctx.wet}.", None
    if r.einddatum < r.begindatum:
        return TECHNISCH_AFGEKEURD, "De einddatum ligt vóór de begindatum van de levering.", None
    if lev is None:
        return "9069", f"Er is geen actuele start per {r.begindatum:%d-%m-%Y} voor toewijzing {v.toewijzingnummer} (TR069).", None
    if lev.stopbericht_id is not None:
        if lev.einddatum == r.einddatum and lev.reden_beeindiging == r.reden_beeindiging:
            return "9074", "Deze stop is al eerder ontvangen (TR074).", None
        if lev.reden_beeindiging != TIJDELIJK:
            return "9415", "De levering is al definitief gestopt (TR415).", None
        if r.reden_beeindiging == TIJDELIJK:
            return "9413", "De levering is al tijdelijk gestopt (reden 20); een volgende stop heeft een andere reden (TR413).", None
        if lev.einddatum and r.einddatum < lev.einddatum:
            return "9414", f"De einddatum ligt vóór de einddatum van de actuele stop ({lev.einddatum:%d-%m-%Y}) (TR414).", None
        lev.stop_historie = [*lev.stop_historie, _stop_als_dict(lev, "vervangen", ctx.bericht)]
    lev.einddatum, lev.reden_beeindiging, lev.stopbericht = r.einddatum, r.reden_beeindiging, ctx.bericht
    lev.save(update_fields=["einddatum", "reden_beeindiging", "stopbericht", "stop_historie"])
    return "", "", v


def _verwijder_stop(lev: Levering, door: Bericht) -> None:
    """Status 3 on a stop: the stop counts as never sent; a stop it had replaced becomes current again."""
    historie = [*lev.stop_historie, _stop_als_dict(lev, "verwijderd", door)]
    vorige = next((h for h in reversed(historie) if h["status"] == "vervangen"), None)
    if vorige is not None:
        vorige["status"] = "hersteld"
        lev.einddatum = date.fromisoformat(vorige["einddatum"]) if vorige["einddatum"] else None
        lev.reden_beeindiging, lev.stopbericht_id = vorige["reden_beeindiging"], vorige["stopbericht_id"]
    else:
        lev.einddatum, lev.reden_beeindiging, lev.stopbericht = None, "", None
    lev.stop_historie = historie
    lev.save(update_fields=["einddatum", "reden_beeindiging", "stopbericht", "stop_historie"])

