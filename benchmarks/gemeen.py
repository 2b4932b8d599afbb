"""Helpers the benchmark scripts share: timestamped progress lines, Dutch thousands, test BSNs."""

from __future__ import annotations

import time
from collections.abc import Iterator


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def getal(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def bsns(start: int) -> Iterator[str]:
    """BSNs that pass the elfproef from the 8-digit prefix `start` on (each script its own range)."""
    prefix = start
    while True:
        cijfers = f"{prefix:08d}"
        controle = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        prefix += 1
        if controle != 10:
            yield cijfers + str(controle)
