"""Writing the audit trail. Every dossier read and change goes through `log`."""

from __future__ import annotations

from django.http import HttpRequest

from .models import AuditActie, AuditRecord, Medewerker


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log(
    medewerker: Medewerker | None,
    actie: AuditActie | str,
    obj: object | None = None,
    *,
    omschrijving: str,
    huishouden_id: int | None = None,
    reden: str = "",
    request: HttpRequest | None = None,
    kanaal: str | None = None,
) -> AuditRecord:
    """Append one record. `omschrijving` must never contain a BSN (callers use names or masked BSN)."""
    if huishouden_id is None and obj is not None:
        huishouden_id = getattr(obj, "huishouden_id", None)
        if huishouden_id is None and obj.__class__.__name__ == "Huishouden":
            huishouden_id = obj.pk
    if kanaal is None:
        kanaal = "api" if request is not None and request.path.startswith("/api/") else ("ui" if request else "systeem")
    return AuditRecord.objects.create(
        medewerker=medewerker if medewerker is not None and medewerker.is_authenticated else None,
        actie=actie,
        object_type=obj.__class__.__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        huishouden_id=huishouden_id,
        omschrijving=omschrijving[:300],
        reden=reden,
        kanaal=kanaal,
        ip_adres=client_ip(request),
    )
