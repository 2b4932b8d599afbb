"""The Django-admin rights of functioneel beheer: policy settings, organisation, read-only audit.

Kept as code so every installation gets the same group after `migrate`; dossiers are deliberately
not in it (they are changed through the services, with need-to-know and audit).
"""
from __future__ import annotations

from django.contrib.auth.models import Group, Permission

GROEP = "Functioneel beheer"

RECHTEN: dict[str, dict[str, tuple[str, ...]]] = {
    "beleid": {"leefgebied": ("add", "change", "view"), "beleidsinstelling": ("add", "change", "view")},
    "accounts": {
        "regio": ("view",),
        "gemeente": ("add", "change", "view"),
        "gebied": ("add", "change", "view"),
        "postcodegebied": ("add", "change", "delete", "view"),
        "team": ("add", "change", "view"),
        "medewerker": ("add", "change", "view"),
        "auditrecord": ("view",),
        "noodtoegang": ("view",),
    },
}


def zorg_voor_beheergroep(**kwargs) -> Group:
    groep, _ = Group.objects.get_or_create(name=GROEP)
    codenames = [f"{actie}_{model}" for app in RECHTEN.values() for model, acties in app.items() for actie in acties]
    rechten = Permission.objects.filter(content_type__app_label__in=RECHTEN, codename__in=codenames)
    groep.permissions.set(rechten)
    return groep


def maak_functioneel_beheerder(medewerker) -> None:
    medewerker.is_staff = True
    medewerker.save(update_fields=["is_staff"])
    medewerker.groups.add(zorg_voor_beheergroep())
