"""List filters for ondersteuningsplannen."""

from __future__ import annotations

import django_filters

from keukentafel.plannen.models import Ondersteuningsplan


class PlanFilter(django_filters.FilterSet):
    huishouden = django_filters.NumberFilter(field_name="huishouden_id", help_text="Id van het huishouden.")
    regisseur = django_filters.NumberFilter(field_name="regisseur_id", help_text="Id van de regisseur (medewerker).")
    evaluatie_voor = django_filters.DateFilter(
        field_name="evaluatiedatum", lookup_expr="lte", help_text="Evaluatiedatum op of vóór deze datum (JJJJ-MM-DD)."
    )

    class Meta:
        model = Ondersteuningsplan
        fields = ["status", "huishouden", "regisseur", "evaluatie_voor"]
