"""Monitor filter forms."""

from __future__ import annotations

from django import forms

from keukentafel import forms as kt
from keukentafel.accounts.models import Regio


class StartfotoForm(kt.Form):
    regio = forms.ModelChoiceField(Regio.objects.order_by("naam"), empty_label=None, label="Regio")
    peildatum = forms.DateField(label="Peildatum", widget=kt.DateInput, help_text="Voorzieningen die op deze dag gelden; "
                                "kosten over de twaalf maanden tot en met deze dag.")
