"""What a dashboard reports on (issue 4 §1): regio, gemeente, gebied, team, period, wet and product category.

One `Selectie` answers the questions every indicator asks — which grants, which persons, how many inhabitants, which
small-cell threshold — so that all indicators on a page filter the same way and add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet

from keukentafel.accounts.models import Gebied, Gemeente, Regio, Team
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.inwoners.models import Huishouden, Persoon

from .drempel import celdrempel
from .periode import Periode


@dataclass(frozen=True)
class Selectie:
    regio: Regio
    periode: Periode
    gemeente: Gemeente | None = None
    gebied: Gebied | None = None
    team: Team | None = None
    wet: str = ""  # "wmo" / "jeugdwet" (Product.wet); empty: both
    categorie: str = ""  # "wet:productcategorie", e.g. "wmo:02"; empty: all

    def gemeenten(self) -> list[Gemeente]:
        return list(self._gemeenten)

    @cached_property
    def _gemeenten(self) -> tuple[Gemeente, ...]:
        """Read once per selection: every indicator on a page asks for it."""
        if self.gemeente is not None:
            return (self.gemeente,)
        return tuple(self.regio.gemeenten.order_by("naam"))

    def gebied_ids(self) -> list[int] | None:
        """The gebieden the selection narrows to (a team works in one gebied); None: no narrowing."""
        if self.team is not None:
            return [self.team.gebied_id]
        if self.gebied is not None:
            return [self.gebied.pk]
        return None

    def drempel(self) -> int:
        """The strictest small-cell threshold of the gemeenten in the selection."""
        return max((celdrempel(g, self.periode.tot) for g in self.gemeenten()), default=5)

    def inwoners(self) -> int:
        """Inhabitants of the selection: of the gebied(en) when narrowed, else of the gemeente(n)."""
        ids = self.gebied_ids()
        if ids is not None:
            return sum(Gebied.objects.filter(pk__in=ids).values_list("inwoners", flat=True))
        return sum(g.inwoners for g in self.gemeenten())

    def _gebied_filter(self, prefix: str) -> Q:
        ids = self.gebied_ids()
        return Q() if ids is None else Q(**{f"{prefix}gebied_id__in": ids})

    def voorzieningen(self, *, in_periode: bool = True) -> QuerySet[ToegewezenVoorziening]:
        """Grants of the selection; `in_periode`: only those that applied on some day of the period.

        A grant belongs to the gemeente that made it and to the gebied of the client's address."""
        qs = ToegewezenVoorziening.objects.filter(gemeente__in=self.gemeenten()).filter(self._gebied_filter("persoon__"))
        if self.wet:
            qs = qs.filter(product__wet=self.wet)
        if self.categorie:
            wet, _, categorie = self.categorie.partition(":")
            qs = qs.filter(product__wet=wet, product__productcategorie=categorie)
        return qs.overlappend(self.periode.van, self.periode.tot) if in_periode else qs.geldend()

    def personen(self) -> QuerySet[Persoon]:
        """Registered inhabitants of the selection (for rates per inhabitant group, e.g. youths)."""
        return Persoon.objects.filter(gemeente__in=self.gemeenten()).filter(self._gebied_filter(""))

    def huishoudens(self) -> QuerySet[Huishouden]:
        return Huishouden.objects.filter(gemeente__in=self.gemeenten()).filter(self._gebied_filter(""))

    def omschrijving(self) -> str:
        """The selection in words, for captions, downloads and the audit trail (never a person)."""
        delen = [self.gemeente.naam if self.gemeente else f"regio {self.regio.naam}"]
        if self.gebied:
            delen.append(f"gebied {self.gebied.naam}")
        if self.team:
            delen.append(str(self.team))
        if self.wet:
            delen.append({"wmo": "Wmo 2015", "jeugdwet": "Jeugdwet"}.get(self.wet, self.wet))
        if self.categorie:
            delen.append(f"productcategorie {self.categorie}")
        delen.append(self.periode.naam)
        return ", ".join(delen)
