"""Long value lists for `__in` filters, cut in slices that stay under the databases' limits on bound parameters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
BLOK = 5000


def blokken(waarden: Sequence[T], grootte: int = BLOK) -> Iterator[Sequence[T]]:
    for i in range(0, len(waarden), grootte):
        yield waarden[i : i + grootte]
