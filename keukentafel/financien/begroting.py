"""Budgets: reading the amounts in force on a date (derived saldo lines computed), and the services that create a
budget with its primitieve begroting and add wijzigingen — validated completely first, written in one transaction,
audited. Amounts are integer cents; a saldopost never has an amount of its own (seed 001 "Overgangsrecht/onvoorzien"
is the balance of baten and lasten of its onderdeel)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo, Wet

from .models import (
    DEKKING_EIGEN_BIJDRAGE,
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Begrotingsversie,
    Domein,
    Postsoort,
    Verdeelsleutel,
    Versiesoort,
)


@dataclass(frozen=True, slots=True)
class Postbedrag:
    post: Begrotingspost
    bedrag_cent: int


def bedragen_op(begroting: Begroting, datum: date | None = None) -> dict[int, int]:
    """Amount per post id in force on `datum` (None: all versions): the primitieve begroting plus every wijziging
    vastgesteld on or before that date. A saldopost is the baten of its onderdeel minus its other lasten."""
    bedragen = Begrotingsbedrag.objects.filter(versie__begroting=begroting)
    if datum is not None:
        bedragen = bedragen.filter(versie__vastgesteld_op__lte=datum)
    uit: dict[int, int] = defaultdict(int)
    for post_id, som in bedragen.values_list("post_id").annotate(s=Sum("bedrag_cent")).values_list("post_id", "s"):
        uit[post_id] = som or 0
    posten = list(begroting.posten.all())
    saldo: dict[str, int] = defaultdict(int)
    for p in posten:
        if not p.saldopost:
            saldo[p.onderdeel] += uit[p.id] if p.soort == Postsoort.BATEN else -uit[p.id]
    for p in posten:
        if p.saldopost:
            uit[p.id] = saldo[p.onderdeel]
    return {p.id: uit[p.id] for p in posten}


def posten_met_bedrag(begroting: Begroting, datum: date | None = None) -> list[Postbedrag]:
    """The budget's lines in order with their amounts (see `bedragen_op`)."""
    bedragen = bedragen_op(begroting, datum)
    return [Postbedrag(p, bedragen[p.id]) for p in begroting.posten.all()]




# ---------------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------------

#: Valid product categories per wet, as used in `Begrotingspost.dekking` ("wmo:01", "jeugdwet:45").
CATEGORIEEN = {Wet.WMO.value: set(ProductcategorieWmo.values), Wet.JEUGDWET.value: set(ProductcategorieJeugd.values)}
_CODE = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
_DEKKING = re.compile(r"^([a-z]+):(\d{2})$")


@dataclass
class Postinvoer:
    """One line as entered (form, XLSX or example data) before it is written; `bedrag_cent` is the primitieve amount."""

    domein: str
    onderdeel: str
    code: str
    naam: str
    soort: str
    saldopost: bool = False
    bedrag_cent: int | None = None
    dekking: Sequence[str] = ()
    verdeelsleutel: str = ""
    waarschuwing_procent: int = 5
    toelichting: str = ""


def dekkingsfouten(dekking: Iterable[str]) -> list[str]:
    """Dutch messages for dekking entries that are not "wmo:NN" / "jeugdwet:NN" with NN in the codelijst."""
    fouten = []
    for item in dekking:
        m = _DEKKING.match(str(item).strip())
        if not m or m.group(1) not in CATEGORIEEN:
            fouten.append(f"Dekking '{item}' is ongeldig: gebruik 'wmo:NN' of 'jeugdwet:NN', bijvoorbeeld 'wmo:01'.")
        elif m.group(2) not in CATEGORIEEN[m.group(1)]:
            lijst = "WMO020" if m.group(1) == Wet.WMO else "JZ020"
            fouten.append(f"Dekking '{item}': productcategorie {m.group(2)} staat niet in de codelijst {lijst}.")
    return fouten


def postfouten(posten: Sequence[Postinvoer]) -> list[tuple[int, str]]:
    """Every problem of a set of lines as (index, Dutch message); empty means the lines may be written.

    Rules: valid domein/soort/verdeelsleutel; a code of letters, digits, - and _, unique; a saldopost is lasten,
    has no amount and is the only one of its onderdeel; other lines have an amount; product categories only on lasten,
    valid against the codelijsten, and on a baten line only "eigen_bijdrage"; each entry on one line only (otherwise
    a commitment or the eigen bijdragen would count twice)."""
    fouten: list[tuple[int, str]] = []
    codes: dict[str, int] = {}
    saldo_per_onderdeel: dict[str, int] = {}
    dekking_op: dict[str, str] = {}
    for i, p in enumerate(posten):
        naam = p.naam or p.code or f"regel {i + 1}"
        if p.domein not in Domein.values:
            fouten.append((i, f"Domein '{p.domein}' is onbekend; kies uit {', '.join(Domein.values)}."))
        if p.soort not in Postsoort.values:
            fouten.append((i, f"Soort '{p.soort}' is onbekend; kies lasten of baten."))
        if p.verdeelsleutel not in Verdeelsleutel.values:
            fouten.append((i, f"Verdeelsleutel '{p.verdeelsleutel}' is onbekend; kies uit inwoners, jeugdigen of gebruik."))
        if not p.onderdeel.strip():
            fouten.append((i, f"Post '{naam}' heeft geen onderdeel."))
        if not p.naam.strip():
            fouten.append((i, f"Post '{p.code}' heeft geen naam."))
        if not _CODE.match(p.code or ""):
            fouten.append((i, f"Code '{p.code}' is ongeldig: gebruik letters, cijfers, - en _ (ten hoogste 60 tekens)."))
        elif p.code.lower() in codes:
            fouten.append((i, f"Code '{p.code}' komt twee keer voor (ook op regel {codes[p.code.lower()] + 1})."))
        else:
            codes[p.code.lower()] = i
        if not 0 <= p.waarschuwing_procent <= 100:
            fouten.append((i, f"Post '{naam}': het waarschuwingspercentage moet tussen 0 en 100 liggen."))
        if p.saldopost:
            if p.soort != Postsoort.LASTEN:
                fouten.append((i, f"Post '{naam}': een saldopost staat aan de lastenkant."))
            if p.bedrag_cent is not None:
                fouten.append((i, f"Post '{naam}' is een saldopost: het bedrag wordt berekend (baten min overige lasten) "
                                  "en mag niet worden ingevuld."))
            if p.onderdeel in saldo_per_onderdeel:
                fouten.append((i, f"Onderdeel '{p.onderdeel}' heeft al een saldopost (regel {saldo_per_onderdeel[p.onderdeel] + 1})."))
            saldo_per_onderdeel.setdefault(p.onderdeel, i)
        elif p.bedrag_cent is None:
            fouten.append((i, f"Post '{naam}' heeft geen bedrag; vul 0 in als er (nog) geen bedrag is."))
        if p.soort == Postsoort.BATEN:
            if any(item != DEKKING_EIGEN_BIJDRAGE for item in p.dekking):
                fouten.append((i, f"Post '{naam}': een batenpost kan alleen '{DEKKING_EIGEN_BIJDRAGE}' als dekking hebben "
                                  "(de berekende eigen bijdragen); productcategorieën horen bij een lastenpost."))
        else:
            for f in dekkingsfouten(p.dekking):
                fouten.append((i, f"Post '{naam}': {f}"))
        for item in p.dekking:
            if item in dekking_op and dekking_op[item] != p.code:
                fouten.append((i, f"Post '{naam}': dekking {item} staat al op post '{dekking_op[item]}'."))
            dekking_op.setdefault(item, p.code)
    return fouten


def _fout(meldingen: Sequence[str]) -> ValidationError:
    return ValidationError(list(meldingen))


# ---------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------


@transaction.atomic
def maak_begroting(
    gemeente: Gemeente,
    jaar: int,
    posten: Sequence[Postinvoer],
    *,
    naam: str,
    bron: str,
    vastgesteld_op: date,
    door: Medewerker | None = None,
    omschrijving: str = "Primitieve begroting",
    versiebron: str = "",
    bestand_sha256: str = "",
    request: HttpRequest | None = None,
) -> Begroting:
    """Create the budget of `gemeente` for `jaar` with its lines and the primitieve begroting (volgnummer 0).

    Everything is checked before anything is written; a ValidationError carries all Dutch messages."""
    meldingen = [m for _, m in postfouten(posten)]
    if not 2000 <= jaar <= 2100:
        meldingen.insert(0, f"Jaar {jaar} is ongeldig.")
    if not bron.strip():
        meldingen.insert(0, "Vermeld de bron van de begroting (raadsbesluit of nota).")
    if Begroting.objects.filter(gemeente=gemeente, jaar=jaar).exists():
        meldingen.insert(0, f"{gemeente} heeft al een begroting voor {jaar}; voeg een wijziging toe.")
    if not posten:
        meldingen.append("Een begroting heeft ten minste één post.")
    if meldingen:
        raise _fout(meldingen)
    begroting = Begroting.objects.create(gemeente=gemeente, jaar=jaar, naam=naam, bron=bron)
    nieuw = Begrotingspost.objects.bulk_create(
        Begrotingspost(
            begroting=begroting, domein=p.domein, onderdeel=p.onderdeel.strip(), code=p.code, naam=p.naam.strip(), soort=p.soort,
            saldopost=p.saldopost, dekking=list(p.dekking), verdeelsleutel=p.verdeelsleutel,
            waarschuwing_procent=p.waarschuwing_procent, volgorde=i, toelichting=p.toelichting,
        )
        for i, p in enumerate(posten)
    )
    versie = Begrotingsversie.objects.create(
        begroting=begroting, volgnummer=0, soort=Versiesoort.PRIMITIEF, omschrijving=omschrijving, vastgesteld_op=vastgesteld_op,
        bron=versiebron or bron, vastgesteld_door=door if door is not None and door.is_authenticated else None,
        bestand_sha256=bestand_sha256,
    )
    if not nieuw or nieuw[0].pk is None:  # backends without RETURNING on bulk_create
        nieuw = list(begroting.posten.order_by("volgorde"))
    Begrotingsbedrag.objects.bulk_create(
        Begrotingsbedrag(versie=versie, post=post, bedrag_cent=p.bedrag_cent or 0)
        for post, p in zip(nieuw, posten, strict=True)
        if not p.saldopost
    )
    audit.log(
        door, AuditActie.AANMAKEN, begroting, request=request,
        omschrijving=f"Begroting {jaar} van {gemeente} aangemaakt met {len(posten)} posten (bron: {bron})",
    )
    return begroting


@transaction.atomic
def voeg_wijziging_toe(
    begroting: Begroting,
    mutaties: Mapping[str, int],
    *,
    omschrijving: str,
    vastgesteld_op: date,
    bron: str,
    door: Medewerker | None = None,
    bestand_sha256: str = "",
    request: HttpRequest | None = None,
) -> Begrotingsversie:
    """Add a begrotingswijziging: a mutation in cents per line code (positive or negative), dated and with its bron.

    A saldopost cannot be changed (it follows from the others); unknown codes, an empty wijziging, a date before
    the primitieve begroting or outside the budget year and a missing bron are refused."""
    begroting = Begroting.objects.select_for_update().get(pk=begroting.pk)
    posten = {p.code.lower(): p for p in begroting.posten.all()}
    meldingen = []
    if not omschrijving.strip():
        meldingen.append("Geef de wijziging een omschrijving.")
    if not bron.strip():
        meldingen.append("Vermeld de bron van de wijziging (raadsbesluit of nota).")
    primitief = begroting.versies.filter(volgnummer=0).first()
    if primitief and vastgesteld_op < primitief.vastgesteld_op:
        meldingen.append(
            f"De wijziging kan niet eerder vastgesteld zijn dan de primitieve begroting ({primitief.vastgesteld_op:%d-%m-%Y})."
        )
    if vastgesteld_op.year > begroting.jaar + 1:
        meldingen.append(f"Een wijziging van de begroting {begroting.jaar} kan niet in {vastgesteld_op.year} worden vastgesteld.")
    for code in mutaties:
        post = posten.get(str(code).lower())
        if post is None:
            meldingen.append(f"Post '{code}' bestaat niet in de begroting {begroting.jaar}.")
        elif post.saldopost:
            meldingen.append(f"Post '{post.naam}' is een saldopost: die wordt berekend en kan niet worden gewijzigd.")
    echte = {str(c).lower(): b for c, b in mutaties.items() if b}
    if not echte:
        meldingen.append("De wijziging verandert geen enkel bedrag.")
    if meldingen:
        raise _fout(meldingen)
    volgnummer = (begroting.versies.aggregate(m=Max("volgnummer"))["m"] or 0) + 1
    versie = Begrotingsversie.objects.create(
        begroting=begroting, volgnummer=volgnummer, soort=Versiesoort.WIJZIGING, omschrijving=omschrijving.strip(),
        vastgesteld_op=vastgesteld_op, bron=bron.strip(), vastgesteld_door=door if door is not None and door.is_authenticated else None,
        bestand_sha256=bestand_sha256,
    )
    Begrotingsbedrag.objects.bulk_create(Begrotingsbedrag(versie=versie, post=posten[c], bedrag_cent=b) for c, b in echte.items())
    netto = sum(b if posten[c].soort == Postsoort.LASTEN else -b for c, b in echte.items())
    audit.log(
        door, AuditActie.WIJZIGEN, begroting, request=request,
        omschrijving=f"Begrotingswijziging {volgnummer} op {begroting} ({len(echte)} posten, saldo lasten {netto} cent; bron: {bron})",
    )
    return versie


# ---------------------------------------------------------------------------------------------------
# Totals and the versions side by side
# ---------------------------------------------------------------------------------------------------


@dataclass
class Totalen:
    """Totals in cents of the amounts in force: per (domein, onderdeel, soort), per (domein, soort) and per soort."""

    per_onderdeel: dict[tuple[str, str, str], int] = field(default_factory=dict)
    per_domein: dict[tuple[str, str], int] = field(default_factory=dict)
    per_soort: dict[str, int] = field(default_factory=dict)

    @property
    def saldo(self) -> int:
        """Baten minus lasten (0 when every onderdeel has a saldopost)."""
        return self.per_soort.get(Postsoort.BATEN, 0) - self.per_soort.get(Postsoort.LASTEN, 0)


def totalen(begroting: Begroting, datum: date | None = None) -> Totalen:
    bedragen = bedragen_op(begroting, datum)
    uit = Totalen()
    for p in begroting.posten.all():
        b = bedragen[p.id]
        k = (p.domein, p.onderdeel, p.soort)
        uit.per_onderdeel[k] = uit.per_onderdeel.get(k, 0) + b
        uit.per_domein[(p.domein, p.soort)] = uit.per_domein.get((p.domein, p.soort), 0) + b
        uit.per_soort[p.soort] = uit.per_soort.get(p.soort, 0) + b
    return uit


@dataclass
class Versieregel:
    """A line with its amount per version (primitief, then each wijziging's mutation; None = no amount) and in force."""

    post: Begrotingspost
    per_versie: list[int | None]
    totaal_cent: int


def versies_naast_elkaar(begroting: Begroting) -> tuple[list[Begrotingsversie], list[Versieregel]]:
    """The versions in order and each line's amounts per version; a saldopost shows the derived balance per version
    (the balance after that version minus the one before), so the columns add up like the typed lines do."""
    versies = list(begroting.versies.order_by("volgnummer"))
    posten = list(begroting.posten.all())
    rijen = Begrotingsbedrag.objects.filter(versie__begroting=begroting).values_list("versie_id", "post_id", "bedrag_cent")
    bedrag = {(v, p): b for v, p, b in rijen}
    # derived per version: the saldo of the onderdeel in that version alone
    saldo: dict[tuple[int, str], int] = defaultdict(int)
    for v in versies:
        for p in posten:
            if not p.saldopost:
                b = bedrag.get((v.id, p.id), 0)
                saldo[(v.id, p.onderdeel)] += b if p.soort == Postsoort.BATEN else -b
    in_werking = bedragen_op(begroting)
    regels = []
    for p in posten:
        if p.saldopost:
            per = [saldo[(v.id, p.onderdeel)] for v in versies]
        else:
            per = [bedrag.get((v.id, p.id)) for v in versies]
        regels.append(Versieregel(p, per, in_werking[p.id]))
    return versies, regels


__all__ = [
    "CATEGORIEEN", "Postbedrag", "Postinvoer", "Totalen", "Versieregel", "bedragen_op", "dekkingsfouten", "maak_begroting",
    "postfouten", "posten_met_bedrag", "totalen", "versies_naast_elkaar", "voeg_wijziging_toe",
]
