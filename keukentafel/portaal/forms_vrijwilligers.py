"""Forms of the volunteer pages: the public sign-up (with the shared abuse protection) and the servicepunt's links."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.beleid.models import Leefgebied
from keukentafel.forms import DateInput, Form, ModelForm

from .forms_hulp import _TELEFOON, emailveld, naamveld, telefoonveld
from .misbruik import MisbruikFormMixin
from .models import Dagdeel, Vrijwilligersvacature
from .vrijwilligers import TOESTEMMINGSTEKST_VRIJWILLIGER, VACATUREVELDEN


class _GebiedenKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Gebied) -> str:
        return f"{obj.naam} ({obj.gemeente.naam})"


class VrijwilligerForm(MisbruikFormMixin, Form):
    soort = "vrijwilliger"

    naam = naamveld()
    email = emailveld(120)
    telefoon = telefoonveld("Vul een e-mailadres of een telefoonnummer in (of allebei).")
    gemeente = forms.ModelChoiceField(
        label="Uw gemeente", queryset=Gemeente.objects.order_by("naam"), error_messages={"required": "Kies uw gemeente."}
    )
    gebieden = _GebiedenKeuze(
        label="In welke wijken wilt u helpen?",
        queryset=Gebied.objects.select_related("gemeente").order_by("gemeente__naam", "naam"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies minstens één wijk."},
    )
    interesses = forms.ModelMultipleChoiceField(
        label="Waar wilt u graag bij helpen?",
        queryset=Leefgebied.objects.filter(actief=True).order_by("volgorde", "naam"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    beschikbaarheid = forms.MultipleChoiceField(
        label="Wanneer bent u beschikbaar?",
        choices=Dagdeel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies minstens één dagdeel."},
    )
    toelichting = forms.CharField(
        label="Wilt u nog iets vertellen?", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    toestemming = forms.BooleanField(
        label=TOESTEMMINGSTEKST_VRIJWILLIGER, error_messages={"required": "Geef toestemming, anders kunnen we u niets voorstellen."}
    )

    def clean_telefoon(self) -> str:
        telefoon = self.cleaned_data.get("telefoon", "").strip()
        if telefoon and (not _TELEFOON.match(telefoon) or sum(c.isdigit() for c in telefoon) < 10):
            raise ValidationError("Vul een telefoonnummer in van minstens 10 cijfers, zoals 06 12345678.")
        return telefoon

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("telefoon") and "email" not in self.errors and "telefoon" not in self.errors:
            self.add_error("email", "Vul een e-mailadres of telefoonnummer in, zodat het servicepunt u kan bereiken.")
        gemeente = data.get("gemeente")
        if gemeente and any(g.gemeente_id != gemeente.pk for g in data.get("gebieden") or []):
            self.add_error("gebieden", f"Kies alleen wijken van de gemeente {gemeente.naam}.")
        return data


class KoppelForm(Form):
    """Link a volunteer (of the staff member's gemeente) to a vacancy or a plan action; ids are checked by the service."""

    vrijwilliger = forms.IntegerField(widget=forms.HiddenInput)
    vacature = forms.IntegerField(required=False, widget=forms.HiddenInput)
    actie = forms.IntegerField(required=False, widget=forms.HiddenInput)


class VacatureForm(ModelForm):
    """A vacancy of the servicepunt's own gemeente; saving goes through vrijwilligers.bewaar_vacature."""

    dagdelen = forms.MultipleChoiceField(
        label="Wanneer?",
        choices=Dagdeel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Niets aangevinkt: op elk moment.",
    )
    leefgebieden = forms.ModelMultipleChoiceField(
        label="Bij welke leefgebieden past deze vacature?",
        queryset=Leefgebied.objects.filter(actief=True).order_by("volgorde", "naam"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Vrijwilligersvacature
        fields = list(VACATUREVELDEN)
        labels = {"gebied": "Wijk", "geldig_tot": "Geldig tot en met", "actief": "Actief (zichtbaar op het portaal)"}
        help_texts = {"gebied": "Leeg: de hele gemeente.", "geldig_tot": "Leeg: geen einddatum."}
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 5}), "geldig_tot": DateInput}
        error_messages = {
            "titel": {"required": "Vul een titel in."},
            "omschrijving": {"required": "Vul een omschrijving in."},
            "organisatie": {"required": "Vul de organisatie in."},
            "contact": {"required": "Vul een contactpersoon in."},
            "tijdsinvestering": {"required": "Vul in hoeveel tijd het kost, bijvoorbeeld 2 uur per week."},
            "geldig_tot": {"invalid": "Vul een geldige datum in."},
        }

    def __init__(self, *args, gemeente: Gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        gebied = self.fields["gebied"]
        gebied.queryset = Gebied.objects.filter(gemeente=gemeente).order_by("naam")
        gebied.empty_label = f"Hele gemeente {gemeente.naam}"
        gebied.error_messages["invalid_choice"] = (
            f"Kies een wijk van de gemeente {gemeente.naam}, of laat dit leeg voor de hele gemeente."
        )
        self.fields["dagdelen"].error_messages["invalid_choice"] = "Kies alleen ochtend, middag, avond of weekend."

    def _post_clean(self):
        # The service validates and saves; do not copy the input onto the (possibly stored) instance here.
        pass
