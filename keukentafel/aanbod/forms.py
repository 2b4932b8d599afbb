"""Search forms of the catalogue pages (GET: the catalogue holds no personal data, so the query may be in the URL)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from keukentafel import forms as kt
from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.beleid.models import Leefgebied
from keukentafel.codelijsten import Wet

from . import zoeken
from .models import Aanbieder, AlgemeneVoorziening, Categorie, Doelgroep, Product


class SocialeKaartFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Zoek op naam, aanbieder of plaats", method="filter_tekst")
    categorie = django_filters.ChoiceFilter(choices=Categorie.choices, label="Soort voorziening", empty_label="Alle soorten")
    gemeente = django_filters.ModelChoiceFilter(
        queryset=Gemeente.objects.all(), label="Gemeente", empty_label="Alle gemeenten", method="filter_gemeente"
    )
    gebied = django_filters.ModelChoiceFilter(
        queryset=Gebied.objects.select_related("gemeente"), label="Wijk of kern", empty_label="Alle gebieden", method="filter_gebied"
    )
    leefgebied = django_filters.ModelChoiceFilter(
        queryset=Leefgebied.objects.filter(actief=True), label="Leefgebied", empty_label="Alle leefgebieden", method="filter_leefgebied"
    )
    doelgroep = django_filters.ChoiceFilter(
        choices=Doelgroep.choices, label="Doelgroep", empty_label="Alle doelgroepen", method="filter_doelgroep"
    )

    class Meta:
        model = AlgemeneVoorziening
        fields = ["q", "categorie", "gemeente", "gebied", "leefgebied", "doelgroep"]
        form = kt.Form

    def filter_tekst(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return zoeken.op_tekst(qs, value)

    def filter_gemeente(self, qs: QuerySet, name: str, value: Gemeente) -> QuerySet:
        return zoeken.voor_gemeente(qs, value.pk)

    def filter_gebied(self, qs: QuerySet, name: str, value: Gebied) -> QuerySet:
        return zoeken.voor_gebied(qs, value.pk, value.gemeente_id)

    def filter_leefgebied(self, qs: QuerySet, name: str, value: Leefgebied) -> QuerySet:
        return zoeken.voor_leefgebied(qs, value.pk)

    def filter_doelgroep(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return zoeken.voor_doelgroep(qs, value)


class ProductFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Zoek op naam of productcode", method="filter_tekst")
    wet = django_filters.ChoiceFilter(choices=Wet.choices, label="Wet", empty_label="Wmo en Jeugdwet")

    class Meta:
        model = Product
        fields = ["q", "wet"]
        form = kt.Form

    def filter_tekst(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for woord in value.split():
            qs = qs.filter(Q(naam__icontains=woord) | Q(productcode__icontains=woord) | Q(productcategorie=woord))
        return qs


class AanbiederFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Zoek op naam, AGB-code of KvK-nummer", method="filter_tekst")
    alleen_actief = django_filters.BooleanFilter(
        label="Alleen actieve aanbieders", method="filter_actief", widget=forms.CheckboxInput
    )

    class Meta:
        model = Aanbieder
        fields = ["q", "alleen_actief"]
        form = kt.Form

    def filter_tekst(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for woord in value.split():
            qs = qs.filter(Q(naam__icontains=woord) | Q(agb_code__startswith=woord) | Q(kvk_nummer__startswith=woord))
        return qs

    def filter_actief(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.filter(actief=True) if value else qs
