"""Provider keys for the HTTP exchange. Only the SHA-256 is stored, so a leaked database gives no usable key;
the key itself is shown exactly once (command or admin) and a lost key is revoked and replaced."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder

from .models import Aanbiedertoken

PREFIX_LENGTE = 8


def hash_sleutel(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode("utf-8")).hexdigest()


def vul_sleutel(token: Aanbiedertoken) -> str:
    """Give an unsaved token a fresh key (prefix and hash); returns the key, which is not kept anywhere."""
    while True:
        sleutel = secrets.token_urlsafe(32)
        if not Aanbiedertoken.objects.filter(sleutel_hash=hash_sleutel(sleutel)).exists():
            break
    token.prefix, token.sleutel_hash = sleutel[:PREFIX_LENGTE], hash_sleutel(sleutel)
    return sleutel


def maak_sleutel(aanbieder: Aanbieder, omschrijving: str, door=None) -> tuple[Aanbiedertoken, str]:
    """A new key for `aanbieder`: (stored token, the key to hand over once)."""
    token = Aanbiedertoken(
        aanbieder=aanbieder, omschrijving=(omschrijving or "HTTP-koppeling")[:100],
        aangemaakt_door=door if door is not None and door.is_authenticated else None,
    )
    sleutel = vul_sleutel(token)
    token.save()
    return token, sleutel


def trek_in(token: Aanbiedertoken) -> None:
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])


def zoek(sleutel: str) -> Aanbiedertoken | None:
    """The active token for a presented key, or None. Lookup by hash: no timing difference per character."""
    if not sleutel or len(sleutel) > 200:
        return None
    return (
        Aanbiedertoken.objects.select_related("aanbieder")
        .filter(sleutel_hash=hash_sleutel(sleutel), ingetrokken_op__isnull=True)
        .first()
    )
