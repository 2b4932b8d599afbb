"""The official iStandaarden directory for tests: skip locally when it is absent, fail in CI (never a silent skip)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings


def istandaarden_map() -> Path:
    pad = settings.ISTANDAARDEN_DIR
    if pad is not None and (Path(pad) / "iwmo-3.2" / "xsd").is_dir():
        return Path(pad)
    melding = f"iStandaarden-map {pad or '(niet ingesteld)'} ontbreekt: zet KEUKENTAFEL_ISTANDAARDEN_DIR."
    if os.environ.get("CI"):
        pytest.fail(melding)
    pytest.skip(melding)
