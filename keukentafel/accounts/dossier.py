"""The one gate every dossier view passes: need-to-know check plus an audit record of the read."""
from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import audit
from .access import Toegang, ToegangGeweigerd, eis_toegang
from .models import AuditActie


def open_dossier(request: HttpRequest, huishouden, omschrijving: str) -> HttpResponse | None:
    """Return None when the view may continue (the read is logged), else the response to send.

    Outside one's area the user is sent to the page that asks for a reason (break-the-glass);
    roles without dossier work get 403.
    """
    try:
        eis_toegang(request.user, huishouden, request)
    except ToegangGeweigerd as exc:
        if exc.toegang is Toegang.REDEN_NODIG:
            url = reverse("inwoners:noodtoegang", args=[huishouden.pk])
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        raise PermissionDenied(str(exc))
    audit.log(request.user, AuditActie.LEZEN, huishouden, omschrijving=omschrijving, request=request)
    return None


def eis_dossier_wijziging(request: HttpRequest, huishouden) -> None:
    """For POSTs: changes need the same access as reads (no reason prompt mid-form: 403)."""
    try:
        eis_toegang(request.user, huishouden, request)
    except ToegangGeweigerd as exc:
        raise PermissionDenied(str(exc))
