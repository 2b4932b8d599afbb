"""List filters of the catalogue API; the sociale kaart filters the same way as the staff page."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from keukentafel.aanbod.forms import SocialeKaartFilter
from keukentafel.aanbod.models import Aanbieder, Categorie, Doelgroep, Product
from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.beleid.models import Leefgebied
from keukentafel.codelijsten import Wet


class AlgemeneVoorzieningFilter(SocialeKaartFilter):
    q = django_filters.CharFilter(method="filter_tekst", help_text="Woorden in naam, aanbieder, omschrijving of plaats.")
    categorie = django_filters.ChoiceFilter(choices=Categorie.choices, help_text="Soort voorziening.")
    gemeente = django_filters.ModelChoiceFilter(
        queryset=Gemeente.objects.all(), method="filter_gemeente", help_text="Id van de gemeente; regiobrede voorzieningen tellen mee."
    )
    gebied = django_filters.ModelChoiceFilter(
        queryset=Gebied.objects.all(), method="filter_gebied", help_text="Id van het gebied; gemeente- en regiobrede tellen mee."
    )
    leefgebied = django_filters.ModelChoiceFilter(
        queryset=Leefgebied.objects.filter(actief=True),
        field_name="leefgebieden",
        to_field_name="code",
        help_text="Code van het leefgebied, bijvoorbeeld financien.",
    )
    doelgroep = django_filters.ChoiceFilter(
        choices=Doelgroep.choices, method="filter_doelgroep", help_text="Doelgroep; voorzieningen voor iedereen tellen mee."
    )


class ProductFilter(django_filters.FilterSet):
    wet = django_filters.ChoiceFilter(choices=Wet.choices, help_text="wmo of jeugdwet.")
    productcategorie = django_filters.CharFilter(help_text="WMO020 of JZ020, bijvoorbeeld 02 of 45.")
    productcode = django_filters.CharFilter(help_text="Productcode zoals in de contracten en berichten.")
    pgb_mogelijk = django_filters.BooleanFilter()

    class Meta:
        model = Product
        fields = ["wet", "productcategorie", "productcode", "pgb_mogelijk"]


class AanbiederFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_tekst", help_text="Woorden in de naam.")
    agb_code = django_filters.CharFilter(help_text="AGB-code (8 cijfers).")
    kvk_nummer = django_filters.CharFilter(help_text="KvK-nummer (8 cijfers).")
    actief = django_filters.BooleanFilter()

    class Meta:
        model = Aanbieder
        fields = ["q", "agb_code", "kvk_nummer", "actief"]

    def filter_tekst(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for woord in value.split():
            qs = qs.filter(Q(naam__icontains=woord))
        return qs
