"""List filters for persons and households. Deliberately no BSN filter: a BSN never goes in a URL."""

from __future__ import annotations

import django_filters

from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.validators import normalize_postcode
from keukentafel.inwoners.zoeknaam import naam_filter


class PersoonFilter(django_filters.FilterSet):
    geslachtsnaam = django_filters.CharFilter(
        method="filter_geslachtsnaam",
        help_text="Begin van de geslachtsnaam, ongevoelig voor hoofdletters en accenten; 'de Vries' vindt ook Vries met voorvoegsel 'de'.",
    )
    postcode = django_filters.CharFilter(method="filter_postcode", help_text="Postcode (1234AB) of alleen de cijfers (1234).")
    geboortedatum = django_filters.DateFilter(field_name="geboortedatum", help_text="Geboortedatum (JJJJ-MM-DD).")

    class Meta:
        model = Persoon
        fields = ["geslachtsnaam", "postcode", "geboortedatum"]

    def filter_geslachtsnaam(self, queryset, name, value):
        return queryset.filter(naam_filter(value))

    def filter_postcode(self, queryset, name, value):
        return queryset.filter(postcode__startswith=normalize_postcode(value))


class HuishoudenFilter(django_filters.FilterSet):
    class Meta:
        model = Huishouden
        fields = ["gebied", "gemeente"]
