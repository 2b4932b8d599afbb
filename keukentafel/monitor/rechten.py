"""Who sees the monitor: policy, finance and team leaders, aggregated figures of their own gemeente only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from keukentafel.accounts.models import Gemeente, Rol

MONITOR_ROLLEN = {Rol.BELEID, Rol.FINANCIEN, Rol.TEAMLEIDER}


def monitorgemeente(request: HttpRequest) -> Gemeente:
    if request.user.rol not in MONITOR_ROLLEN:
        raise PermissionDenied("De monitor is in te zien door beleid, financiën en teamleiders.")
    gemeente = request.user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U werkt niet voor een gemeente; de monitor toont cijfers per gemeente.")
    return gemeente
