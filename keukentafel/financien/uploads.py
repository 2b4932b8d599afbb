"""Upload handling shared by the finance imports (begroting XLSX, pgb CSV).

`keukentafel.uploads.Uploadlimiet` drops a file that grows beyond settings.MAX_UPLOAD_BYTES while the request body
arrives and flags the request; `te_groot` turns that flag into one Dutch message on the form's file field.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest


def grootte(n: int) -> str:
    """A byte count as Dutch text: whole MB from 1 MB, otherwise kB."""
    return f"{n // 2**20} MB" if n >= 2**20 else f"{max(n // 2**10, 1)} kB"


def te_groot_melding() -> str:
    return f"Het bestand is groter dan {grootte(settings.MAX_UPLOAD_BYTES)}. Kies een kleiner bestand of splits het."


def te_groot(request: HttpRequest, form: forms.Form, veld: str = "bestand") -> bool:
    """True when the upload handler dropped the file; the field then carries only the size message (not also
    "this field is required", which the dropped file would cause)."""
    if not getattr(request, "upload_te_groot", False):
        return False
    form.errors[veld] = form.error_class([te_groot_melding()])
    return True


__all__ = ["grootte", "te_groot", "te_groot_melding"]
