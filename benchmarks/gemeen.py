"""Helpers the benchmark scripts share: timestamped progress lines, Dutch thousands, test BSNs, backend CPU."""

from __future__ import annotations

import os
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


def pg_cpu(connection) -> float | None:  # noqa: ANN001 - a Django connection; this module stays free of Django imports
    """CPU seconds used so far by the connection's PostgreSQL backend (same machine only), from /proc: with the
    Python process's own CPU time it shows what a request costs when other work shares the cores."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid  # psycopg 3, without a query
    try:
        velden = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: PTH123, SIM115
    except OSError:
        return None
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")
