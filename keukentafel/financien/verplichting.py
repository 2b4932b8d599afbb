"""Commitments (verplichtingen) of every grant in force, computed in the database.

The figure per grant and calendar year is exactly `bedragen.verplichting` (same formula, same half-away-from-zero
rounding once per grant and year), but evaluated as one aggregate query so 100,000 grants take well under a second.
Dates become day numbers (SQLite: julianday; PostgreSQL: date minus a fixed date), so only their differences matter;
all arithmetic is integer (bigint), and the rounding is (2·teller + noemer) div (2·noemer), which for the
non-negative tellers here is half away from zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import BigIntegerField, Case, Expression, F, Func, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Frequentie

from .bedragen import TOTAAL_ZONDER_EINDE_DAGEN, dagen_in_jaar

#: Groupings: name → the fields (paths from ToegewezenVoorziening) whose values make up the key.
#: "productcategorie" is "wet:categorie" (e.g. "wmo:01"), as Begrotingspost.dekking spells it.
DIMENSIES: dict[str, tuple[str, ...]] = {
    "wet": ("product__wet",),
    "productcategorie": ("product__wet", "product__productcategorie"),
    "product": ("product_id",),
    "aanbieder": ("aanbieder_id",),
    "gebied": ("persoon__gebied_id",),
    "leveringsvorm": ("leveringsvorm",),
}


class Dagnummer(Func):
    """A date as an integer day number; only differences between day numbers mean something."""

    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra):  # noqa: ANN001, ANN003, ANN201
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)", **extra)

    def as_postgresql(self, compiler, connection, **extra):  # noqa: ANN001, ANN003, ANN201
        return self.as_sql(compiler, connection, template="(%(expressions)s - DATE '2000-01-01')::bigint", **extra)


def _int(n: int) -> Value:
    return Value(n, output_field=BigIntegerField())


def _dag(d: date) -> Dagnummer:
    return Dagnummer(Value(d))


def _afgerond(teller: Expression, noemer: Expression | int) -> Expression:
    """teller / noemer rounded half away from zero in integer SQL (teller ≥ 0, noemer > 0)."""
    n = _int(noemer) if isinstance(noemer, int) else noemer
    return (_int(2) * teller + n) / (_int(2) * n)


def bedrag_expressie(van: date, tot: date) -> Expression:
    """The commitment in cents of one grant over [van, tot] (both in one calendar year) as an SQL expression."""
    if van.year != tot.year:
        raise ValueError("Een verplichting wordt per kalenderjaar berekend.")
    begin, eind = Dagnummer(F("begindatum")), Dagnummer(F("einddatum"))
    totaal = Q(frequentie=Frequentie.TOTAAL)
    eind_eff = Coalesce(
        eind, Case(When(totaal, then=begin + _int(TOTAAL_ZONDER_EINDE_DAGEN - 1)), default=_dag(tot), output_field=BigIntegerField()),
        output_field=BigIntegerField(),
    )
    big = BigIntegerField()
    d = Greatest(
        Least(_dag(tot), eind_eff, output_field=big) - Greatest(_dag(van), begin, output_field=big) + _int(1), _int(0),
        output_field=big,
    )
    basis = Cast("omvang", BigIntegerField()) * Cast("tarief_cent", BigIntegerField()) * d
    looptijd = Coalesce(eind - begin + _int(1), _int(TOTAAL_ZONDER_EINDE_DAGEN), output_field=BigIntegerField())
    return Case(
        When(frequentie=Frequentie.PER_DAG, then=basis),
        When(frequentie=Frequentie.PER_WEEK, then=_afgerond(basis, 7)),
        When(frequentie=Frequentie.PER_MAAND, then=_afgerond(basis * _int(12), dagen_in_jaar(van.year))),
        When(totaal, then=_afgerond(basis, looptijd)),
        default=_int(0),
        output_field=BigIntegerField(),
    )


def voorzieningen(gemeente: Gemeente, van: date, tot: date) -> QuerySet[ToegewezenVoorziening]:
    """Grants of the gemeente that apply somewhere in [van, tot] (ZIN, pvb and pgb)."""
    return ToegewezenVoorziening.objects.filter(gemeente=gemeente).overlappend(van, tot)


def groepeer(qs: QuerySet, per: Sequence[str], bedrag: Expression, dimensies: dict[str, tuple[str, ...]]) -> dict[tuple, int]:
    """Sum `bedrag` over `qs` grouped by the named dimensions, in the database; key = tuple of dimension values."""
    onbekend = [d for d in per if d not in dimensies]
    if onbekend:
        raise ValueError(f"Onbekende indeling: {', '.join(onbekend)}.")
    velden = [v for d in per for v in dimensies[d]]
    if not velden:
        som = qs.order_by().aggregate(_som=Sum(bedrag, output_field=BigIntegerField()))["_som"]
        return {(): int(som)} if som else {}
    rijen = qs.order_by().values(*velden).annotate(_som=Sum(bedrag, output_field=BigIntegerField()))
    uit: dict[tuple, int] = {}
    for rij in rijen:
        sleutel = tuple(
            ":".join(str(rij[v]) for v in dimensies[d]) if len(dimensies[d]) > 1 else rij[dimensies[d][0]] for d in per
        )
        uit[sleutel] = uit.get(sleutel, 0) + int(rij["_som"] or 0)
    return {k: v for k, v in uit.items() if v}


def verplichtingen(
    gemeente: Gemeente,
    jaar: int | None = None,
    *,
    per: Sequence[str] = ("productcategorie",),
    van: date | None = None,
    tot: date | None = None,
    filter: Q | None = None,  # noqa: A002
) -> dict[tuple, int]:
    """Commitment in cents of every grant in force of `gemeente`, summed per the `per` dimensions (see DIMENSIES).

    Over calendar year `jaar`, or over [van, tot] (e.g. the rest of the year after a peildatum). A span over several
    years is one query per year: each grant's figure is rounded once per year, as `bedragen.verplichting` does.
    Keys with a zero total are left out.
    """
    if van is None or tot is None:
        if jaar is None:
            raise ValueError("Geef een jaar of een periode.")
        van, tot = van or date(jaar, 1, 1), tot or date(jaar, 12, 31)
    uit: dict[tuple, int] = {}
    for j in range(van.year, tot.year + 1):
        a, b = max(van, date(j, 1, 1)), min(tot, date(j, 12, 31))
        qs = voorzieningen(gemeente, a, b)
        if filter is not None:
            qs = qs.filter(filter)
        for k, v in groepeer(qs, per, bedrag_expressie(a, b), DIMENSIES).items():
            uit[k] = uit.get(k, 0) + v
    return uit


def totaal(gemeente: Gemeente, van: date, tot: date, filter: Q | None = None) -> int:  # noqa: A002
    """The commitment of all grants (optionally filtered) over [van, tot]."""
    return sum(verplichtingen(gemeente, per=(), van=van, tot=tot, filter=filter).values())


__all__ = ["DIMENSIES", "Dagnummer", "bedrag_expressie", "groepeer", "totaal", "verplichtingen", "voorzieningen"]
