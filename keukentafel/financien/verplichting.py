"""Commitments (verplichtingen) of every grant in force, computed in the database.

The figure per grant is exactly `bedragen.verplichting` — the same cumulative rule R(C(tot)) − R(C(van − 1)) with
half-away-from-zero rounding — evaluated as one aggregate query, so 100,000 grants take well under a second and any
split of a period into consecutive spans adds up to the whole. Dates become day numbers (SQLite: julianday;
PostgreSQL: date minus a fixed date), so only their differences matter; the first day of a year is computed from
the year with the Gregorian leap-year count. All arithmetic is integer (bigint). To stay far from bigint overflow
the per maand cost is split into whole middle years (exactly 12 × omvang × tarief each) and the fractions of the
first and last year; per week into whole weeks and the remaining days. Rounding (2·teller + noemer) div
(2·noemer) is half away from zero for the non-negative tellers here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.db.models import BigIntegerField, Case, Expression, F, Func, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractYear, Greatest, Least
from django.db.models.lookups import Exact, LessThan

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Frequentie

from .bedragen import MAAND_NOEMER, TOTAAL_ZONDER_EINDE_DAGEN

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


_BIG = BigIntegerField()


def _case(*whens: When, default: Expression) -> Case:
    return Case(*whens, default=default, output_field=_BIG)


def _schrikkeldagen_voor(jaar: Expression) -> Expression:
    """Leap days in years 1 .. jaar − 1 (Gregorian): (j−1) div 4 − (j−1) div 100 + (j−1) div 400, for jaar ≥ 1."""
    v = jaar - _int(1)
    return v / _int(4) - v / _int(100) + v / _int(400)


_SCHRIKKEL_2000 = 1999 // 4 - 1999 // 100 + 1999 // 400


def _eerste_dag(jaar: Expression) -> Expression:
    """Day number of 1 January of `jaar`."""
    return _dag(date(2000, 1, 1)) + _int(365) * (jaar - _int(2000)) + _schrikkeldagen_voor(jaar) - _int(_SCHRIKKEL_2000)


def _jaargewicht(jaar: Expression) -> Expression:
    """`bedragen.jaargewicht`: 366 in a common year, 365 in a leap year."""
    return _int(366) - (_schrikkeldagen_voor(jaar + _int(1)) - _schrikkeldagen_voor(jaar))


def _kosten_afgerond(x: date) -> Expression:
    """R(C(x)) of one grant (see `bedragen.kosten_tot`) as an SQL expression."""
    begin, eind = Dagnummer(F("begindatum")), Dagnummer(F("einddatum"))
    basis = Cast("omvang", _BIG) * Cast("tarief_cent", _BIG)
    # dag, week, maand: the span runs from begindatum through min(x, einddatum)
    voor_x = Q(einddatum__lt=x)
    e = _case(When(voor_x, then=eind), default=_dag(x))
    n = Greatest(e - begin + _int(1), _int(0), output_field=_BIG)
    weken = n / _int(7)
    per_week = basis * weken + _afgerond(basis * (n - _int(7) * weken), 7)
    jb = Cast(ExtractYear("begindatum"), _BIG)
    je = _case(When(voor_x, then=Cast(ExtractYear("einddatum"), _BIG)), default=_int(x.year))
    twaalf = _int(12) * basis
    d1 = _eerste_dag(jb + _int(1)) - begin  # days of the first (partial) year
    d2 = e - _eerste_dag(je) + _int(1)  # days of the last (partial) year
    per_maand = _case(
        When(Exact(jb, je), then=_afgerond(twaalf * n * _jaargewicht(jb), MAAND_NOEMER)),
        When(LessThan(jb, je), then=twaalf * (je - jb - _int(1))
             + _afgerond(twaalf * (d1 * _jaargewicht(jb) + d2 * _jaargewicht(je)), MAAND_NOEMER)),
        default=_int(0),
    )
    # totaal: o·t·n/D over the grant's length D (365 days when open-ended)
    looptijd = Coalesce(eind - begin + _int(1), _int(TOTAAL_ZONDER_EINDE_DAGEN), output_field=_BIG)
    n_totaal = Greatest(Least(_dag(x) - begin + _int(1), looptijd, output_field=_BIG), _int(0), output_field=_BIG)
    per_totaal = _afgerond(basis * n_totaal, Greatest(looptijd, _int(1), output_field=_BIG))
    return _case(
        When(frequentie=Frequentie.PER_DAG, then=basis * n),
        When(frequentie=Frequentie.PER_WEEK, then=per_week),
        When(frequentie=Frequentie.PER_MAAND, then=per_maand),
        When(frequentie=Frequentie.TOTAAL, then=per_totaal),
        default=_int(0),
    )


def bedrag_expressie(van: date, tot: date) -> Expression:
    """The commitment in cents of one grant over [van, tot] as an SQL expression: R(C(tot)) − R(C(van − 1))."""
    if tot < van:
        return _int(0)
    return _kosten_afgerond(tot) - _kosten_afgerond(van - timedelta(days=1))


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
    qs = voorzieningen(gemeente, van, tot)
    if filter is not None:
        qs = qs.filter(filter)
    return groepeer(qs, per, bedrag_expressie(van, tot), DIMENSIES)


def totaal(gemeente: Gemeente, van: date, tot: date, filter: Q | None = None) -> int:  # noqa: A002
    """The commitment of all grants (optionally filtered) over [van, tot]."""
    return sum(verplichtingen(gemeente, per=(), van=van, tot=tot, filter=filter).values())


__all__ = ["DIMENSIES", "Dagnummer", "bedrag_expressie", "groepeer", "totaal", "verplichtingen", "voorzieningen"]
