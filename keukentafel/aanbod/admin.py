"""Admin for functioneel beheer: the sociale kaart, maatwerk products, providers and contracts.

Contracts and tariffs change through the services in `beheer.py`, here as anywhere else, so every
change lands in the contract's history with old and new values, and two people editing one contract
cannot overwrite each other (the form carries the version it was opened with). Before anything is
saved, the tariff inline replays the whole save in a savepoint that is rolled back, so a refused
tariff shows up as a form error instead of a half-saved contract. Nothing here can be deleted:
entries are switched off, tariffs and evidence end on a date.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo, Wet, productcategorieen
from keukentafel.inwoners.services import GelijktijdigGewijzigd

from . import beheer
from .catalogus import euro
from .models import Aanbieder, AlgemeneVoorziening, Contract, Contracthistorie, Doelgroep, Kwaliteitsbewijs, Product, Tarief


class ZonderVerwijderen(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


# --- sociale kaart --------------------------------------------------------------------------------


class AlgemeneVoorzieningForm(forms.ModelForm):
    doelgroepen = forms.MultipleChoiceField(choices=Doelgroep.choices, widget=forms.CheckboxSelectMultiple, required=False)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")

    class Meta:
        model = AlgemeneVoorziening
        fields = [
            *("naam", "categorie", "omschrijving", "uitvoerder", "aanbieder", "actief"),
            *("doelgroepen", "leefgebieden", "gemeente", "gebieden", "vrij_toegankelijk"),
            *("adres", "postcode", "plaats", "openingstijden", "telefoon", "website", "kosten_cent", "kosten_toelichting"),
        ]


@admin.register(AlgemeneVoorziening)
class AlgemeneVoorzieningAdmin(ZonderVerwijderen):
    form = AlgemeneVoorzieningForm
    list_display = ["naam", "categorie", "uitvoerder", "gemeente", "kosten", "actief"]
    list_filter = ["actief", "categorie", "gemeente", "vrij_toegankelijk"]
    search_fields = ["naam", "uitvoerder", "omschrijving", "plaats"]
    list_select_related = ["gemeente"]
    autocomplete_fields = ["aanbieder"]
    filter_horizontal = ["leefgebieden", "gebieden"]
    fieldsets = [
        (None, {"fields": ["naam", "categorie", "omschrijving", "uitvoerder", "aanbieder", "actief"]}),
        ("Voor wie en waar", {"fields": ["doelgroepen", "leefgebieden", "gemeente", "gebieden", "vrij_toegankelijk"]}),
        ("Contact", {"fields": ["adres", "postcode", "plaats", "openingstijden", "telefoon", "website"]}),
        ("Kosten voor de inwoner", {"fields": ["kosten_cent", "kosten_toelichting"]}),
    ]

    @admin.display(description="kosten", ordering="kosten_cent")
    def kosten(self, obj: AlgemeneVoorziening) -> str:
        return "gratis" if not obj.kosten_cent else f"{euro(obj.kosten_cent)} {obj.kosten_toelichting}".strip()


# --- products -------------------------------------------------------------------------------------


class ProductForm(forms.ModelForm):
    productcategorie = forms.ChoiceField(
        label="Productcategorie",
        choices=[
            ("", "Kies een productcategorie"),
            (Wet.WMO.label, ProductcategorieWmo.choices),
            (Wet.JEUGDWET.label, ProductcategorieJeugd.choices),
        ],
        help_text="WMO020 bij de Wmo, JZ020 bij de Jeugdwet.",
    )

    class Meta:
        model = Product
        fields = ["wet", "productcategorie", "productcode", "naam", "omschrijving", "eenheid", "frequentie", "pgb_mogelijk", "actief"]

    def clean(self):
        data = super().clean()
        wet, categorie = data.get("wet"), data.get("productcategorie")
        if wet and categorie and categorie not in productcategorieen(wet).values:
            self.add_error("productcategorie", f"Productcategorie {categorie} hoort niet bij de {Wet(wet).label}.")
        return data


@admin.register(Product)
class ProductAdmin(ZonderVerwijderen):
    form = ProductForm
    list_display = ["productcode", "naam", "wet", "categorie", "eenheid", "frequentie", "pgb_mogelijk", "actief"]
    list_filter = ["actief", "wet", "productcategorie", "pgb_mogelijk"]
    search_fields = ["naam", "productcode", "productcategorie"]

    @admin.display(description="productcategorie", ordering="productcategorie")
    def categorie(self, obj: Product) -> str:
        return f"{obj.productcategorie} {obj.get_productcategorie_display()}"


# --- providers and their quality evidence ---------------------------------------------------------


class KwaliteitsbewijsFormSet(BaseInlineFormSet):
    def save_new(self, form, commit=True):
        """New evidence through the service: it records who checked it."""
        d = form.cleaned_data
        return beheer.registreer_kwaliteitsbewijs(
            self.medewerker,
            self.instance,
            soort=d["soort"],
            geldig_vanaf=d["geldig_vanaf"],
            geldig_tot=d.get("geldig_tot"),
            omschrijving=d.get("omschrijving", ""),
            gecontroleerd_op=d.get("gecontroleerd_op"),
        )


class KwaliteitsbewijsInline(admin.TabularInline):
    model = Kwaliteitsbewijs
    formset = KwaliteitsbewijsFormSet
    fields = ["soort", "omschrijving", "geldig_vanaf", "geldig_tot", "gecontroleerd_op", "gecontroleerd_door"]
    readonly_fields = ["gecontroleerd_door"]
    extra = 1
    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.medewerker = request.user
        formset.form.base_fields["gecontroleerd_op"].initial = timezone.localdate
        return formset


@admin.register(Aanbieder)
class AanbiederAdmin(ZonderVerwijderen):
    list_display = ["naam", "agb_code", "kvk_nummer", "plaats", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "agb_code", "kvk_nummer"]
    inlines = [KwaliteitsbewijsInline]


# --- contracts, tariffs and history ---------------------------------------------------------------


class ContractAdminForm(forms.ModelForm):
    verwachte_versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Contract
        fields = list(beheer.CONTRACTVELDEN)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["verwachte_versie"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("verwachte_versie") != self.instance.version:
            raise ValidationError(str(GelijktijdigGewijzigd("Dit contract")))
        return data

    def wijzigingen(self) -> dict[str, Any]:
        return {veld: self.cleaned_data[veld] for veld in self.changed_data if veld in beheer.CONTRACTVELDEN}


class _Proef(Exception):
    """Raised to roll back the trial save of the tariff inline."""


class TariefFormSet(BaseInlineFormSet):
    """Saves new tariffs with `leg_tarief_vast` and changed ones with `corrigeer_tarief`."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in self.initial_forms:
            if "product" in form.changed_data:
                form.add_error("product", "Het product van een bestaand tarief kan niet wijzigen: leg een nieuw tarief vast.")
                return
        try:
            with transaction.atomic():
                self._proefdraai()
                raise _Proef
        except _Proef:
            pass

    def _proefdraai(self) -> None:
        """Apply the contract form and this inline the way saving will, errors onto the forms."""
        contract = self.instance
        try:
            if contract.pk is None:
                contract = beheer.registreer_contract(None, copy.copy(contract))
            else:
                huidig = Contract.objects.get(pk=contract.pk)
                velden = {v: getattr(contract, v) for v in beheer.CONTRACTVELDEN}
                contract = beheer.wijzig_contract(None, huidig, huidig.version, **velden)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        self.pas_toe(None, contract, fouten_op_formulier=True)

    def _te_bewaren(self) -> list[tuple[Any, bool]]:
        """(form, existing?) in the order saving applies them: corrections first, then new tariffs by start date."""
        gewijzigd = [(f, True) for f in self.initial_forms if f.has_changed()]
        nieuw = sorted((f for f in self.extra_forms if f.has_changed()), key=lambda f: f.cleaned_data["geldig_vanaf"])
        return gewijzigd + [(f, False) for f in nieuw]

    def pas_toe(self, door, contract: Contract, *, fouten_op_formulier: bool = False) -> None:
        # What formset.save() would have recorded, for the admin's change message.
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        for form, bestaand in self._te_bewaren():
            d = form.cleaned_data
            try:
                if bestaand:
                    tarief = Tarief.objects.get(pk=form.instance.pk)
                    beheer.corrigeer_tarief(door, tarief, **{v: d[v] for v in beheer.TARIEFVELDEN})
                    self.changed_objects.append((tarief, form.changed_data))
                else:
                    tarief = beheer.leg_tarief_vast(door, contract, d["product"], d["tarief_cent"], d["geldig_vanaf"], d.get("geldig_tot"))
                    self.new_objects.append(tarief)
            except ValidationError as exc:
                if not fouten_op_formulier:
                    raise
                if hasattr(exc, "error_dict"):
                    for veld, fouten in exc.message_dict.items():
                        form.add_error(veld if veld in form.fields else None, fouten)
                else:
                    form.add_error(None, exc.messages)
                return

    def save(self, commit=True):
        raise NotImplementedError("Tarieven worden opgeslagen via ContractAdmin.save_formset.")


class TariefInline(admin.TabularInline):
    model = Tarief
    formset = TariefFormSet
    fields = ["product", "tarief_cent", "geldig_vanaf", "geldig_tot"]
    autocomplete_fields = ["product"]
    extra = 1
    can_delete = False
    verbose_name = "tarief"
    verbose_name_plural = "tarieven (een nieuw tarief sluit het vorige open tarief van dat product de dag ervoor af)"


class ContracthistorieInline(admin.TabularInline):
    model = Contracthistorie
    fields = ["tijdstip", "door", "omschrijving", "wijzigingen"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-tijdstip", "-id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="oud → nieuw")
    def wijzigingen(self, obj: Contracthistorie):
        regels = beheer.historieregels(obj)
        if not regels:
            return "–"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {} → {}</li>", ((r.wat, r.oud, r.nieuw) for r in regels)))


@admin.register(Contract)
class ContractAdmin(ZonderVerwijderen):
    form = ContractAdminForm
    list_display = ["kenmerk", "naam", "aanbieder", "partij", "niveau", "begindatum", "einddatum"]
    list_filter = ["soort", "niveau", "regio", "gemeente"]
    search_fields = ["kenmerk", "naam", "aanbieder__naam", "aanbieder__agb_code"]
    list_select_related = ["aanbieder", "regio", "gemeente"]
    autocomplete_fields = ["aanbieder"]
    readonly_fields = ["version"]
    inlines = [TariefInline, ContracthistorieInline]
    fieldsets = [
        (None, {"fields": ["kenmerk", "naam", "soort", "aanbieder", "niveau", "toelichting", "verwachte_versie", "version"]}),
        ("Partij aan gemeentezijde (regio óf één gemeente)", {"fields": ["regio", "gemeente"]}),
        ("Looptijd", {"fields": ["begindatum", "einddatum"]}),
        ("Plafonds per jaar", {"fields": ["volumeplafond", "budgetplafond_cent"]}),
    ]

    @admin.display(description="partij")
    def partij(self, obj: Contract) -> str:
        return obj.partij

    def save_model(self, request, obj: Contract, form: ContractAdminForm, change: bool) -> None:
        if not change:
            beheer.registreer_contract(request.user, obj)
            return
        huidig = Contract.objects.get(pk=obj.pk)
        beheer.wijzig_contract(request.user, huidig, form.cleaned_data["verwachte_versie"], **form.wijzigingen())
        obj.version = Contract.objects.values_list("version", flat=True).get(pk=obj.pk)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if isinstance(formset, TariefFormSet):
            formset.pas_toe(request.user, form.instance)
        else:
            formset.save()
