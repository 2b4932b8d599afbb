"""The scenario form: name and years, and a formset of measure rows (any number of each kind, applied in row order).

Without JavaScript: the form shows the saved measures plus empty rows; "Meer rijen toevoegen" re-renders it with
more empty rows (and the list of lines of the first year typed), nothing is computed or saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms

from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo, Wet
from keukentafel.forms import Form

from .scenario import SOORTEN, categorie_sleutel

PREFIX = "maatregel"
#: Empty rows on a new form, and added by "Meer rijen toevoegen".
LEGE_RIJEN = 5
MEER_RIJEN = 3
MAX_RIJEN = 30
#: The fields of a row besides `soort`, and which of them each kind needs and allows.
VELDEN = ("post", "categorie", "percentage", "aandeel", "kosten", "vanaf")
VERPLICHT = {"korting": {"post", "percentage"}, "verschuiving": {"aandeel", "kosten"}, "frequentie": set(),
             "tarief": {"percentage"}, "instroom": {"percentage"}}
TOEGESTAAN = {"korting": {"post", "percentage"}, "verschuiving": {"categorie", "aandeel", "kosten"},
              "frequentie": {"categorie"}, "tarief": {"categorie", "percentage"}, "instroom": {"categorie", "percentage"}}


def categoriekeuzes(leeg: str) -> list[tuple[str, str]]:
    return [("", leeg)] + [
        (categorie_sleutel(Wet.WMO, c.value), f"Wmo {c.value} {c.label}") for c in ProductcategorieWmo
    ] + [(categorie_sleutel(Wet.JEUGDWET, c.value), f"Jeugd {c.value} {c.label}") for c in ProductcategorieJeugd]


class ScenarioForm(Form):
    naam = forms.CharField(max_length=200)
    omschrijving = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    jaar = forms.IntegerField(label="Eerste jaar", min_value=2015, max_value=2100)
    jaren = forms.IntegerField(label="Aantal jaren", min_value=1, max_value=10, initial=4)


class MaatregelForm(Form):
    """One measure; which fields count depends on its kind. An entirely empty row is skipped."""

    soort = forms.ChoiceField(label="Soort maatregel", required=False,
                              choices=[("", "Geen maatregel (lege rij)"), *SOORTEN.items()])
    post = forms.ChoiceField(label="Begrotingspost", required=False)
    categorie = forms.ChoiceField(label="Productcategorie", required=False,
                                  choices=categoriekeuzes("Standaard (zie de uitleg hierboven)"))
    percentage = forms.DecimalField(label="Percentage (%)", required=False, min_value=-100, max_value=1000, max_digits=6, localize=True,
                                    decimal_places=2)
    aandeel = forms.DecimalField(label="Aandeel cliënten (%)", required=False, min_value=0, max_value=100, max_digits=5, localize=True,
                                 decimal_places=2)
    kosten = forms.DecimalField(label="Kosten per deelnemer per jaar (€)", required=False, min_value=0, max_digits=12, localize=True,
                                decimal_places=2)
    vanaf = forms.IntegerField(label="Vanaf jaar", required=False, min_value=2015, max_value=2100)

    def __init__(self, *args, posten: list[tuple[str, str]], jaren: range | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.jaren = jaren
        self.fields["post"].choices = [("", "Geen (alleen bij een korting)"), *posten]

    def clean(self) -> dict:
        d = super().clean()
        soort = d.get("soort")
        gevuld = {v for v in VELDEN if d.get(v) not in (None, "") or v in self.errors}
        if not soort:
            if gevuld and "soort" not in self.errors:
                self.add_error("soort", "Vul dit in: kies de soort maatregel, of maak de hele rij leeg.")
            return d
        naam = SOORTEN[soort].lower()
        for v in sorted(VERPLICHT[soort] - gevuld, key=VELDEN.index):
            self.add_error(v, f"Vul dit in bij een {naam}.")
        for v in sorted(gevuld - TOEGESTAAN[soort] - {"vanaf"} - set(self.errors), key=VELDEN.index):
            self.add_error(v, f"Hoort niet bij een {naam}: maak dit leeg.")
        if soort == "korting" and d.get("percentage") is not None and not 0 <= d["percentage"] <= 100:
            self.add_error("percentage", "Een korting ligt tussen 0 en 100 %.")
        if d.get("vanaf") is not None and self.jaren and d["vanaf"] not in self.jaren:
            self.add_error("vanaf", f"Kies een jaar van {self.jaren[0]} tot en met {self.jaren[-1]}, of laat het leeg.")
        return d

    def maatregel(self, eerste_jaar: int) -> dict | None:
        """The measure as `scenario.valideer_maatregelen` takes it; None for an empty row. An empty vanaf: the first year."""
        d = self.cleaned_data
        soort = d.get("soort")
        if not soort:
            return None
        m: dict = {"soort": soort, "vanaf": d.get("vanaf") or eerste_jaar}
        if soort == "korting":
            m.update(post=d["post"], procent=str(d["percentage"]))
        elif soort == "verschuiving":
            m.update(categorie=d.get("categorie") or "", aandeel=str(d["aandeel"]), kosten_per_deelnemer_cent=int(d["kosten"] * 100))
        elif soort == "frequentie":
            m["categorie"] = d.get("categorie") or ""
        else:
            m.update(categorie=d.get("categorie") or "", procent=str(d["percentage"]))
        return m


class BaseMaatregelFormSet(forms.BaseFormSet):
    def maatregelen(self, eerste_jaar: int) -> list[dict]:
        return [m for f in self.forms if (m := f.maatregel(eerste_jaar)) is not None]


def maatregel_formset(data=None, *, posten: list[tuple[str, str]], jaren: range | None = None, initial: list[dict] | None = None,
                      extra: int = LEGE_RIJEN) -> BaseMaatregelFormSet:
    """Bound (data) or unbound (initial rows plus `extra` empty ones, at most MAX_RIJEN) formset of measure rows."""
    initial = list(initial or [])
    klasse = forms.formset_factory(MaatregelForm, formset=BaseMaatregelFormSet, extra=max(0, min(extra, MAX_RIJEN - len(initial))),
                                   max_num=MAX_RIJEN, validate_max=True)
    return klasse(data, prefix=PREFIX, initial=initial or None, form_kwargs={"posten": posten, "jaren": jaren})


def rijen_uit(data) -> list[dict]:
    """The non-empty rows as typed (raw values), for re-rendering the form with more rows."""
    try:
        aantal = min(int(data.get(f"{PREFIX}-TOTAL_FORMS", 0)), MAX_RIJEN)
    except ValueError:
        aantal = 0
    rijen = []
    for i in range(aantal):
        rij = {v: data.get(f"{PREFIX}-{i}-{v}", "") for v in ("soort", *VELDEN)}
        if any(str(w).strip() for w in rij.values()):
            rijen.append(rij)
    return rijen


def initieel(scenario) -> tuple[dict, list[dict]]:
    """Form values and measure rows of a saved scenario (percentages back from basis points)."""
    init = {"naam": scenario.naam, "omschrijving": scenario.omschrijving, "jaar": scenario.jaar, "jaren": scenario.jaren}
    rijen = []
    for m in scenario.maatregelen:
        rij: dict = {"soort": m["soort"], "vanaf": m["vanaf"]}
        if m["soort"] == "korting":
            rij.update(post=m["post"], percentage=Decimal(m["procent_bp"]) / 100)
        elif m["soort"] == "verschuiving":
            rij.update(categorie=m["categorie"], aandeel=Decimal(m["aandeel_bp"]) / 100,
                       kosten=Decimal(m["kosten_per_deelnemer_cent"]) / 100)
        elif m["soort"] == "frequentie":
            rij["categorie"] = m.get("categorie", "")
        else:
            rij.update(categorie=m["categorie"], percentage=Decimal(m["procent_bp"]) / 100)
        rijen.append(rij)
    return init, rijen


@dataclass
class Foutoverzicht:
    """The errors of the form and every measure row together, in the shape `_form_errors.html` reads."""

    regels: list[dict] = field(default_factory=list)
    algemeen: list[str] = field(default_factory=list)

    @classmethod
    def van(cls, form: ScenarioForm, formset: BaseMaatregelFormSet) -> Foutoverzicht:
        regels = list(form.foutoverzicht())
        for i, f in enumerate(formset.forms, start=1):
            regels += [{**r, "tekst": f"Maatregel {i}, {r['tekst'][0].lower()}{r['tekst'][1:]}"} for r in f.foutoverzicht()]
            regels += [{"anker": "", "fout": f"Maatregel {i}: {e}", "tekst": ""} for e in f.non_field_errors()]
        return cls(regels, [*form.non_field_errors(), *formset.non_form_errors()])

    @property
    def errors(self) -> bool:
        return bool(self.regels or self.algemeen)

    def foutoverzicht(self) -> list[dict]:
        return self.regels

    def non_field_errors(self) -> list[str]:
        return self.algemeen
