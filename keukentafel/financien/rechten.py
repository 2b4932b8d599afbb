"""Who sees which finance figures. Financiën and beleid see aggregates of their own gemeente; the drill-down to
individual grants shows toewijzingnummer, product and provider only — never a name or BSN — unless the user also
has a dossier role (then the dossier's own access rules apply when they open it)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from keukentafel.accounts.models import Gemeente, Rol

#: Roles that may open the finance screens.
FINANCIELE_ROLLEN = {Rol.FINANCIEN, Rol.BELEID}
#: Roles that may change budgets, rules, imports and scenarios (beleid reads and runs scenarios only).
BEHEER_ROLLEN = {Rol.FINANCIEN}
GEEN_TOEGANG = "De financiële overzichten zijn alleen in te zien door financiën en beleid van de gemeente."


def werkgemeente(request: HttpRequest, *, beheer: bool = False) -> Gemeente:
    """The gemeente whose figures the user may see; 403 for other roles or a user without gemeente."""
    rollen = BEHEER_ROLLEN if beheer else FINANCIELE_ROLLEN
    if request.user.rol not in rollen:
        raise PermissionDenied(
            "Alleen financiën mag dit wijzigen." if beheer and request.user.rol in FINANCIELE_ROLLEN else GEEN_TOEGANG
        )
    gemeente = request.user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U werkt niet voor een gemeente; financiële cijfers horen bij een gemeente.")
    return gemeente
