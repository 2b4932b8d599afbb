"""Monitor filter forms."""

from __future__ import annotations

from django import forms

from keukentafel import forms as kt
from keukentafel.accounts.models import Gebied, Gemeente, Regio, Team
from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo, Wet

from .periode import periode
from .selectie import Selectie


class StartfotoForm(kt.Form):
    regio = forms.ModelChoiceField(Regio.objects.order_by("naam"), empty_label=None, label="Regio")
    peildatum = forms.DateField(label="Peildatum", widget=kt.DateInput, help_text="Voorzieningen die op deze dag gelden; "
                                "kosten over de twaalf maanden tot en met deze dag.")


class SelectieForm(kt.Form):
    """The dashboard filters (issue 4 §1). Choices are limited to the user's own regio; every field is optional
    except the year, and a field that does not fit the others is refused with a Dutch message."""

    gemeente = forms.ModelChoiceField(Gemeente.objects.none(), required=False, label="Gemeente", empty_label="Hele regio")
    gebied = forms.ModelChoiceField(Gebied.objects.none(), required=False, label="Gebied", empty_label="Alle gebieden")
    team = forms.ModelChoiceField(Team.objects.none(), required=False, label="Team", empty_label="Alle teams")
    jaar = forms.IntegerField(label="Jaar", min_value=2015, max_value=2100)
    kwartaal = forms.TypedChoiceField(
        label="Kwartaal", required=False, coerce=int, empty_value=None,
        choices=[("", "Heel het jaar"), *((k, f"{k}e kwartaal") for k in range(1, 5))],
    )
    wet = forms.ChoiceField(label="Wet", required=False, choices=[("", "Wmo en Jeugdwet"), *Wet.choices])
    categorie = forms.ChoiceField(label="Productcategorie", required=False)

    def __init__(self, *args, regio: Regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.regio = regio
        self.fields["gemeente"].queryset = regio.gemeenten.order_by("naam")
        self.fields["gebied"].queryset = Gebied.objects.filter(gemeente__regio=regio).select_related("gemeente").order_by(
            "gemeente__naam", "naam"
        )
        self.fields["gebied"].label_from_instance = lambda g: f"{g.naam} ({g.gemeente.naam})"
        self.fields["team"].queryset = Team.objects.filter(gebied__gemeente__regio=regio).order_by("naam")
        self.fields["categorie"].choices = [
            ("", "Alle categorieën"),
            *((f"wmo:{c}", f"Wmo {c} – {n}") for c, n in ProductcategorieWmo.choices),
            *((f"jeugdwet:{c}", f"Jeugd {c} – {n}") for c, n in ProductcategorieJeugd.choices),
        ]

    def clean(self):
        data = super().clean()
        gemeente, gebied, team = data.get("gemeente"), data.get("gebied"), data.get("team")
        if gebied and gemeente and gebied.gemeente_id != gemeente.pk:
            self.add_error("gebied", f"Gebied {gebied.naam} hoort niet bij {gemeente.naam}.")
        if team and gebied and team.gebied_id != gebied.pk:
            self.add_error("team", f"{team} werkt niet in gebied {gebied.naam}.")
        if team and gemeente and team.gebied.gemeente_id != gemeente.pk:
            self.add_error("team", f"{team} werkt niet in {gemeente.naam}.")
        categorie, wet = data.get("categorie"), data.get("wet")
        if categorie and wet and not categorie.startswith(f"{wet}:"):
            self.add_error("categorie", "Deze productcategorie hoort bij de andere wet.")
        return data

    def selectie(self) -> Selectie:
        d = self.cleaned_data
        team = d.get("team")
        gemeente = d.get("gemeente") or (team.gebied.gemeente if team else None) or (d["gebied"].gemeente if d.get("gebied") else None)
        return Selectie(
            regio=self.regio, periode=periode(d["jaar"], d.get("kwartaal")), gemeente=gemeente, gebied=d.get("gebied"),
            team=team, wet=d.get("wet") or "", categorie=d.get("categorie") or "",
        )
