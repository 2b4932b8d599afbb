"""The Django-admin rights of functioneel beheer: policy settings, organisation, the catalogue, read-only audit.

Kept as code so every installation gets the same group after `migrate`; dossiers are deliberately
not in it (they are changed through the services, with need-to-know and audit). Nothing in the
catalogue can be deleted: an entry, product or provider is switched off (`actief`), a tariff or
quality proof ends on a date, so what applied earlier stays answerable.
"""
from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

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
    "aanbod": {
        "algemenevoorziening": ("add", "change", "view"),
        "product": ("add", "change", "view"),
        "aanbieder": ("add", "change", "view"),
        "kwaliteitsbewijs": ("add", "change", "view"),
        "contract": ("add", "change", "view"),
        "tarief": ("add", "change", "view"),
        "contracthistorie": ("view",),
    },
    "portaal": {
        "zelftestvraag": ("add", "change", "view"),
        "vrijwilligersvacature": ("add", "change", "view"),
        "vrijwilliger": ("view",),
    },
    "financien": {
        "pgbsignaalgrens": ("add", "change", "view"),
        "bijdrageregeling": ("view",),
    },
    # No delete: un-flagging a gesloten product would silently switch off the machtiging rule (add/change are audited).
    "jeugd": {"geslotenproduct": ("add", "change", "view")},
    "participatie": {"competentie": ("add", "change", "view")},
}


def zorg_voor_beheergroep(**kwargs) -> Group:
    # Runs after the accounts app migrated, before Django made the permissions of apps listed later:
    # make those first, or a fresh installation would start with a group that misses them.
    using = kwargs.get("using", DEFAULT_DB_ALIAS)
    for label in RECHTEN:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    groep, _ = Group.objects.using(using).get_or_create(name=GROEP)
    voorwaarde = Q(pk__in=[])
    for label, modellen in RECHTEN.items():
        codenames = [f"{actie}_{model}" for model, acties in modellen.items() for actie in acties]
        voorwaarde |= Q(content_type__app_label=label, codename__in=codenames)
    groep.permissions.set(Permission.objects.using(using).filter(voorwaarde))
    return groep


def maak_functioneel_beheerder(medewerker) -> None:
    medewerker.is_staff = True
    medewerker.save(update_fields=["is_staff"])
    medewerker.groups.add(zorg_voor_beheergroep())
