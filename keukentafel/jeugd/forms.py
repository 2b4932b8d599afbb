"""Forms of the Jeugdwet screens: validation of input only; the rules live in services and regels."""

from __future__ import annotations

from django import forms

from keukentafel import forms as kt
from keukentafel.aanbod.models import Aanbieder, Product
from keukentafel.codelijsten import Wet
from keukentafel.inwoners.models import SoortMaatregel

from .models import GrondVerlenging, MeldcodeBesluit, MeldcodeStap, OvergangUitkomst, SoortMachtiging, VerwijzerSoort


class VerwijzingForm(kt.Form):
    soort = forms.ChoiceField(label="Soort verwijzer", choices=VerwijzerSoort.choices)
    naam = forms.CharField(label="Naam verwijzer", max_length=200, required=False)
    agb_code = forms.RegexField(label="AGB-code verwijzer", regex=r"^\d{8}$", required=False,
                                error_messages={"invalid": "Een AGB-code heeft 8 cijfers."})
    datum = forms.DateField(label="Datum van de verwijzing", widget=kt.DateInput)
    product = forms.ModelChoiceField(label="Product", queryset=Product.objects.none())
    aanbieder = forms.ModelChoiceField(label="Aanbieder", queryset=Aanbieder.objects.filter(actief=True).order_by("naam"))
    omvang = forms.IntegerField(label="Omvang", min_value=1)
    begindatum = forms.DateField(label="Begindatum", widget=kt.DateInput)
    einddatum = forms.DateField(label="Einddatum", widget=kt.DateInput)
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(wet=Wet.JEUGDWET, actief=True).order_by("productcategorie", "naam")

    def clean(self):
        d = super().clean()
        if not (d.get("naam") or "").strip() and not d.get("agb_code"):
            self.add_error("naam", "Vul de naam of de AGB-code van de verwijzer in.")
        return d


class MachtigingForm(kt.Form):
    soort = forms.ChoiceField(label="Soort machtiging", choices=SoortMachtiging.choices)
    rechtbank = forms.CharField(label="Rechtbank", max_length=120)
    zaaknummer = forms.CharField(label="Zaaknummer", max_length=60)
    uitspraakdatum = forms.DateField(label="Datum uitspraak", widget=kt.DateInput)
    ingangsdatum = forms.DateField(label="Ingangsdatum", widget=kt.DateInput)
    einddatum = forms.DateField(label="Einddatum", widget=kt.DateInput)


class MaatregelForm(kt.Form):
    soort = forms.ChoiceField(label="Maatregel", choices=SoortMaatregel.choices)
    gecertificeerde_instelling = forms.CharField(label="Gecertificeerde instelling", max_length=200)
    jeugdbeschermer = forms.CharField(label="Jeugdbeschermer of jeugdreclasseerder", max_length=200)
    telefoon = forms.CharField(label="Telefoonnummer", max_length=20, required=False)
    email = forms.EmailField(label="E-mailadres", required=False)
    rechtbank = forms.CharField(label="Rechtbank", max_length=120, required=False)
    zaaknummer = forms.CharField(label="Zaaknummer", max_length=60, required=False)
    begindatum = forms.DateField(label="Begindatum", widget=kt.DateInput)
    einddatum = forms.DateField(label="Einddatum", widget=kt.DateInput, required=False)


class MaatregelEindeForm(kt.Form):
    einddatum = forms.DateField(label="Einddatum", widget=kt.DateInput)
    reden = forms.CharField(label="Reden van het einde", max_length=300)


class OvergangForm(kt.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    uitkomst = forms.ChoiceField(label="Wat is er na de 18e verjaardag geregeld", choices=OvergangUitkomst.choices)
    grond_verlenging = forms.ChoiceField(label="Grond voor verlengde jeugdhulp", required=False,
                                         choices=[("", "Geen verlenging"), *GrondVerlenging.choices])
    verlengd_tot = forms.DateField(label="Verlengd tot", widget=kt.DateInput, required=False)
    motivering = forms.CharField(label="Motivering en afspraken", widget=forms.Textarea(attrs={"rows": 4}), required=False)


class MeldcodeStartForm(kt.Form):
    gestart_op = forms.DateField(label="Datum eerste signalen", widget=kt.DateInput)


class MeldcodeStapForm(kt.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    stap = forms.ChoiceField(label="Stap", choices=MeldcodeStap.choices)
    datum = forms.DateField(label="Datum", widget=kt.DateInput)
    wie = forms.CharField(label="Wie (naam, functie)", max_length=200)
    veilig_thuis_geraadpleegd = forms.BooleanField(label="Veilig Thuis geraadpleegd", required=False)
    uitkomst = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 3}))


class MeldcodeBesluitForm(kt.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    besluit = forms.ChoiceField(label="Besluit (stap 5)", choices=MeldcodeBesluit.choices)
    datum = forms.DateField(label="Datum besluit", widget=kt.DateInput)
    melding_veilig_thuis_op = forms.DateField(label="Datum melding bij Veilig Thuis", widget=kt.DateInput, required=False)


class VerwijsindexForm(kt.Form):
    signaalgever = forms.CharField(label="Signaalgever (naam, functie)", max_length=200)
    organisatie = forms.CharField(label="Organisatie", max_length=200)
    datum = forms.DateField(label="Datum signaal", widget=kt.DateInput)


class VerwijsindexEindeForm(kt.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    einddatum = forms.DateField(label="Einddatum signaal", widget=kt.DateInput)
