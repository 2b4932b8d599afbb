"""The shared form base (keukentafel/forms.py) and the error summary (_form_errors.html)."""

from django import forms
from django.template.loader import render_to_string

from keukentafel import forms as kt
from keukentafel.accounts.models import Medewerker


class _Proef(kt.Form):
    naam = forms.CharField(label="Naam")
    rol = forms.ChoiceField(label="Rol", choices=[("", "---------"), ("a", "A")], required=False)
    soort = forms.ChoiceField(label="Soort", choices=[("", "Nog niet bepaald"), ("b", "B")], required=False)
    keuze = forms.ChoiceField(label="Wie meldt?", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    medewerker = forms.ModelChoiceField(label="Medewerker", queryset=Medewerker.objects.none(), required=False)
    regisseur = forms.ModelChoiceField(label="Regisseur", queryset=Medewerker.objects.none(), required=False, empty_label="Niemand")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("naam") == "fout":
            raise forms.ValidationError("Het formulier als geheel klopt niet.")
        return data


def test_keuzelabel_in_het_nederlands():
    assert kt.keuzelabel("Leefgebied") == "Kies een leefgebied"
    assert kt.keuzelabel("BSN van de inwoner") == "Kies een BSN van de inwoner"
    assert kt.keuzelabel("") == "Maak een keuze"


def test_lege_keuze_in_selects_is_nederlands_tenzij_het_formulier_een_eigen_heeft():
    f = _Proef()
    assert list(f.fields["rol"].choices)[0] == ("", "Kies een rol")
    assert f.fields["medewerker"].empty_label == "Kies een medewerker"
    assert f.fields["soort"].choices[0] == ("", "Nog niet bepaald")
    assert f.fields["regisseur"].empty_label == "Niemand"
    assert "---------" not in str(f["rol"]) + str(f["medewerker"])


def test_foutoverzicht_linkt_naar_elk_ongeldig_veld():
    f = _Proef(data={"naam": "", "rol": "onzin"})
    assert not f.is_valid()
    regels = {r["label"]: r for r in f.foutoverzicht()}
    assert regels["Naam"]["anker"] == "id_naam"
    assert regels["Wie meldt?"]["anker"] == "id_keuze_0"  # a radio group: its first option
    assert regels["Wie meldt?"]["tekst"].startswith("Wie meldt? ")
    assert regels["Rol"]["tekst"].startswith("Rol: ")
    assert [r["label"] for r in f.foutoverzicht()] == ["Naam", "Rol", "Wie meldt?", "Version"]  # field order
    assert regels["Version"]["anker"] == ""  # hidden field: no link

    html = render_to_string("_form_errors.html", {"form": f, "inleiding": "Niet opgeslagen.", "kopniveau": 3})
    assert 'data-kt-foutoverzicht' in html and 'tabindex="-1"' in html and 'role="alert"' in html
    assert '<h3 class="utrecht-heading-3 kt-foutoverzicht__kop">Er ging iets mis</h3>' in html
    assert "Niet opgeslagen." in html
    assert '<a class="utrecht-link" href="#id_naam">Naam: ' in html
    assert 'href="#id_keuze_0"' in html


def test_alleen_formulierbrede_fouten_geven_een_gewone_melding():
    f = _Proef(data={"naam": "fout", "keuze": "x", "version": "1"})
    assert not f.is_valid()
    html = render_to_string("_form_errors.html", {"form": f})
    assert "Het formulier als geheel klopt niet." in html
    assert "Er ging iets mis" not in html and "data-kt-foutoverzicht" not in html


def test_geen_fouten_geen_melding():
    assert render_to_string("_form_errors.html", {"form": _Proef()}).strip() == ""
