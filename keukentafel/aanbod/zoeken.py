"""Search and filter rules of the sociale kaart, shared by the staff page (aanbod) and the public portal (portaal).

Each function narrows a queryset of AlgemeneVoorziening and never duplicates rows (no join that fans out:
many-to-many conditions are EXISTS subqueries), so callers need no DISTINCT and a page stays one query.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import AlgemeneVoorziening, Categorie, Doelgroep

#: At most this many words of a search text are used (a longer text only makes the query slower).
MAX_WOORDEN = 8


def _categorieen_met(woord: str) -> list[str]:
    """The categorie codes whose Dutch label contains the word ("mantelzorg" → MANTELZORG)."""
    woord = woord.casefold()
    return [code for code, label in Categorie.choices if woord in str(label).casefold()]


def op_tekst(qs: QuerySet, tekst: str, *, met_categorie: bool = True) -> QuerySet:
    """Every word must occur in the naam, aanbieder, omschrijving, plaats or (optionally) the categorie's label."""
    for woord in tekst.split()[:MAX_WOORDEN]:
        voorwaarde = (
            Q(naam__icontains=woord) | Q(uitvoerder__icontains=woord) | Q(omschrijving__icontains=woord) | Q(plaats__icontains=woord)
        )
        if met_categorie:
            codes = _categorieen_met(woord)
            if codes:
                voorwaarde |= Q(categorie__in=codes)
        qs = qs.filter(voorwaarde)
    return qs


def voor_gemeente(qs: QuerySet, gemeente_id: int) -> QuerySet:
    """An entry without gemeente serves the whole region, so it is found in every gemeente."""
    return qs.filter(Q(gemeente_id=gemeente_id) | Q(gemeente__isnull=True))


def voor_gebied(qs: QuerySet, gebied_id: int, gemeente_id: int) -> QuerySet:
    """Entries for this gebied, for its whole gemeente (no gebieden) or for the whole region."""
    koppeling = AlgemeneVoorziening.gebieden.through.objects.filter(algemenevoorziening_id=OuterRef("pk"))
    return voor_gemeente(qs, gemeente_id).filter(Exists(koppeling.filter(gebied_id=gebied_id)) | ~Exists(koppeling))


def voor_leefgebied(qs: QuerySet, leefgebied_id: int) -> QuerySet:
    koppeling = AlgemeneVoorziening.leefgebieden.through.objects.filter(algemenevoorziening_id=OuterRef("pk"), leefgebied_id=leefgebied_id)
    return qs.filter(Exists(koppeling))


def voor_doelgroep(qs: QuerySet, doelgroep: str) -> QuerySet:
    # A JSON list of codes: match the quoted code (works on SQLite and PostgreSQL); "iedereen" fits every group.
    return qs.filter(Q(doelgroepen__icontains=f'"{doelgroep}"') | Q(doelgroepen__icontains=f'"{Doelgroep.IEDEREEN}"'))


def op_kosten(qs: QuerySet, kosten: str) -> QuerySet:
    """ "gratis": no cost for the resident; "met_kosten": a price is asked; anything else: no filter."""
    if kosten == "gratis":
        return qs.filter(kosten_cent=0)
    if kosten == "met_kosten":
        return qs.filter(kosten_cent__gt=0)
    return qs
