"""List filters for meldingen."""

from __future__ import annotations

import django_filters

from keukentafel.toegang.models import Melding


class MeldingFilter(django_filters.FilterSet):
    huishouden = django_filters.NumberFilter(field_name="huishouden_id", help_text="Id van het huishouden.")
    ontvangen_vanaf = django_filters.DateFilter(
        field_name="ontvangen_op", lookup_expr="date__gte", help_text="Ontvangen op of na (JJJJ-MM-DD)."
    )
    ontvangen_tot = django_filters.DateFilter(field_name="ontvangen_op", lookup_expr="date__lt", help_text="Ontvangen vóór (JJJJ-MM-DD).")

    class Meta:
        model = Melding
        fields = ["status", "urgentie", "anoniem", "huishouden", "ontvangen_vanaf", "ontvangen_tot"]
