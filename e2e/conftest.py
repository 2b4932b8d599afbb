"""Playwright (Python) driving Debian's Chromium against pytest-django's live server."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KT_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium niet gevonden op {CHROMIUM}: draai scripts/setup (installeert Debian chromium).")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


def login(page, username: str, password: str) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


# ---------------------------------------------------------------------------------------------------
# Shared set-up for the journey and accessibility tests
# ---------------------------------------------------------------------------------------------------


def laad_standaardbeleid() -> None:
    """The leefgebieden and national policy defaults that the data migrations load (beleid, jeugd, participatie).

    A transactional test (needed for the live server) flushes the database afterwards, data migrations
    included, so every browser test puts them back itself (idempotent: get_or_create).
    """
    from datetime import date

    from keukentafel.beleid.models import Beleidsinstelling, Leefgebied
    from keukentafel.beleid.services import LEEFGEBIEDEN, STANDAARDEN

    for sleutel, waarde, bron in STANDAARDEN:
        Beleidsinstelling.objects.get_or_create(
            sleutel=sleutel.value, gemeente=None, geldig_vanaf=date(2015, 1, 1), defaults={"waarde": waarde, "bron": bron}
        )
    for i, (code, naam) in enumerate(LEEFGEBIEDEN):
        Leefgebied.objects.get_or_create(code=code, defaults={"naam": naam, "volgorde": i})
    # The dated defaults of the Jeugdwet and Participatiewet keys (migrations jeugd/0002, participatie/0002).
    from keukentafel.jeugd.standaarden import STANDAARDEN as JEUGD
    from keukentafel.participatie.standaarden import STANDAARDEN as PARTICIPATIE

    for sleutel, vanaf, waarde, bron in [*JEUGD, *PARTICIPATIE]:
        Beleidsinstelling.objects.get_or_create(
            sleutel=getattr(sleutel, "value", sleutel), gemeente=None, geldig_vanaf=vanaf, defaults={"waarde": waarde, "bron": bron}
        )


@pytest.fixture(autouse=True)
def _standaardbeleid(request):
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("transactional_db")
        laad_standaardbeleid()


def download_bytes(page, locator) -> tuple[bytes, str]:
    """Click a download link and return the file's bytes and suggested name."""
    with page.expect_download() as info:
        locator.click()
    download = info.value
    with open(download.path(), "rb") as fh:
        return fh.read(), download.suggested_filename


def pdf_tekst(data: bytes) -> str | None:
    """The text of a PDF via pdftotext (poppler-utils), whitespace collapsed; None when pdftotext is absent."""
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    # Fixed binary from PATH, fixed arguments; the PDF goes in on stdin.
    opdracht = [pdftotext, "-raw", "-enc", "UTF-8", "-", "-"]
    uit = subprocess.run(opdracht, input=data, capture_output=True, check=True, timeout=30)  # noqa: S603
    return " ".join(uit.stdout.decode("utf-8").split())
