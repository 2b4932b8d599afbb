"""Our codelist choices match the official iWmo/iJw 3.2 codelists, so codes in messages cannot drift.

Each file in `BRONBESTANDEN` is a markdown document whose code table has rows like "| 02 | Begeleiding |":
the first column is a code of digits. Metadata tables in the same file never have a digits-only first
column, so every such row in the file is a code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from keukentafel.codelijsten import BRONBESTANDEN
from keukentafel.testing.istandaarden import istandaarden_map

CODERIJ = re.compile(r"^\s*\|\s*(\d+)\s*\|")


def codes_in(bestand: Path) -> set[str]:
    return {m.group(1) for regel in bestand.read_text(encoding="utf-8").splitlines() if (m := CODERIJ.match(regel))}


@pytest.fixture(scope="module")
def map_istandaarden() -> Path:
    return istandaarden_map()


def test_coderij_herkent_alleen_codes():
    assert CODERIJ.match("| 02 | Begeleiding |").group(1) == "02"
    assert CODERIJ.match("|:-----:|:---|") is None and CODERIJ.match("| Versie | 3.2 |") is None
    assert CODERIJ.match("| Laatst bijgewerkt | 01-10-2017 |") is None


@pytest.mark.parametrize(
    ("keuzes", "bestand", "vervallen"), BRONBESTANDEN, ids=[f"{k.__name__}-{b.split('/')[0]}" for k, b, _ in BRONBESTANDEN]
)
def test_keuzes_zijn_gelijk_aan_de_officiele_codelijst(map_istandaarden, keuzes, bestand, vervallen):
    pad = map_istandaarden / bestand
    assert pad.is_file(), f"Codelijst {bestand} ontbreekt in {map_istandaarden}"
    officieel = codes_in(pad)
    ons = set(keuzes.values) | vervallen
    assert officieel == ons, (
        f"{keuzes.__name__} wijkt af van {bestand}: ontbreekt {sorted(officieel - ons)}, niet officieel {sorted(ons - officieel)}"
    )
