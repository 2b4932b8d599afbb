"""The staff form for one completed client experience questionnaire: one radio group per statement."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from keukentafel import forms as kt

from .models import Afnamekanaal, Antwoordschaal, IngevuldDoor, Vragenlijst

#: The scale from disagree to agree, then ‘weet niet’ last (as on the paper questionnaire).
SCHAAL = [(str(c.value), c.label) for c in Antwoordschaal if c != Antwoordschaal.WEET_NIET] + [
    (str(Antwoordschaal.WEET_NIET.value), Antwoordschaal.WEET_NIET.label)
]


class AfnameForm(kt.Form):
    datum = forms.DateField(label="Datum van invullen", widget=kt.DateInput)
    kanaal = forms.ChoiceField(label="Hoe is de vragenlijst ingevuld?", choices=Afnamekanaal.choices, widget=forms.RadioSelect)
    ingevuld_door = forms.ChoiceField(label="Wie heeft de vragenlijst ingevuld?", choices=IngevuldDoor.choices, widget=forms.RadioSelect)
    voorziening = forms.ModelChoiceField(
        queryset=None, required=False, label="Over welke voorziening gaat het?",
        help_text="Laat leeg als de vragenlijst over de ondersteuning in het plan als geheel gaat.",
    )

    def __init__(self, *args, vragenlijst: Vragenlijst, voorzieningen, **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.fields["voorziening"].queryset = voorzieningen
        self.fields["voorziening"].label_from_instance = lambda v: f"{v.product.naam} (vanaf {v.begindatum:%d-%m-%Y})"
        self.fields["datum"].initial = timezone.localdate()
        self.vragen = list(vragenlijst.vragen.all())
        for v in self.vragen:
            self.fields[f"vraag_{v.code}"] = forms.TypedChoiceField(
                label=v.tekst, choices=SCHAAL, coerce=int, widget=forms.RadioSelect(attrs={"class": "kt-radios"}),
                error_messages={"required": "Kies een antwoord (of ‘weet niet / niet van toepassing’)."},
            )
        self.fields["datum"].error_messages["required"] = "Vul de datum van invullen in."
        self.fields["kanaal"].error_messages["required"] = "Kies hoe de vragenlijst is ingevuld."
        self.fields["ingevuld_door"].error_messages["required"] = "Kies wie de vragenlijst heeft ingevuld."

    def vraagvelden(self) -> list:
        return [self[f"vraag_{v.code}"] for v in self.vragen]

    def antwoorden(self) -> dict[str, int]:
        return {v.code: self.cleaned_data[f"vraag_{v.code}"] for v in self.vragen}
