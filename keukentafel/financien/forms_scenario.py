"""The scenario form: name and years, and each of the five measures as an optional section."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo, Wet
from keukentafel.forms import Form

from .scenario import categorie_sleutel


def categoriekeuzes(leeg: str) -> list[tuple[str, str]]:
    return [("", leeg)] + [
        (categorie_sleutel(Wet.WMO, c.value), f"Wmo {c.value} {c.label}") for c in ProductcategorieWmo
    ] + [(categorie_sleutel(Wet.JEUGDWET, c.value), f"Jeugd {c.value} {c.label}") for c in ProductcategorieJeugd]


class ScenarioForm(Form):
    naam = forms.CharField(max_length=200)
    omschrijving = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    jaar = forms.IntegerField(label="Eerste jaar", min_value=2015, max_value=2100)
    jaren = forms.IntegerField(label="Aantal jaren", min_value=1, max_value=10, initial=4)

    korting_post = forms.ChoiceField(label="Begrotingspost", required=False)
    korting_procent = forms.DecimalField(label="Korting (%)", required=False, min_value=0, max_value=100, decimal_places=2)
    korting_vanaf = forms.IntegerField(label="Vanaf jaar", required=False)

    verschuiving_categorie = forms.ChoiceField(label="Productcategorie", required=False)
    verschuiving_aandeel = forms.DecimalField(label="Aandeel cliënten naar de algemene voorziening (%)", required=False,
                                              min_value=0, max_value=100, decimal_places=2)
    verschuiving_kosten = forms.DecimalField(label="Kosten per deelnemer per jaar (€)", required=False, min_value=0,
                                             decimal_places=2)
    verschuiving_vanaf = forms.IntegerField(label="Vanaf jaar", required=False)

    frequentie_aan = forms.BooleanField(label="Hulp bij het huishouden eens per twee weken in plaats van wekelijks", required=False)
    frequentie_vanaf = forms.IntegerField(label="Vanaf jaar", required=False)

    tarief_categorie = forms.ChoiceField(label="Productcategorie", required=False)
    tarief_procent = forms.DecimalField(label="Tariefwijziging (%)", required=False, min_value=-100, max_value=1000, decimal_places=2)
    tarief_vanaf = forms.IntegerField(label="Vanaf jaar", required=False)

    instroom_categorie = forms.ChoiceField(label="Productcategorie", required=False)
    instroom_procent = forms.DecimalField(label="Verandering van de instroom (%)", required=False, min_value=-100,
                                          max_value=1000, decimal_places=2)
    instroom_vanaf = forms.IntegerField(label="Vanaf jaar", required=False)

    def __init__(self, *args, posten: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["korting_post"].choices = [("", "— geen korting —"), *posten]
        self.fields["verschuiving_categorie"].choices = categoriekeuzes("Wmo 02 Begeleiding (standaard)")
        self.fields["tarief_categorie"].choices = categoriekeuzes("Alle categorieën")
        self.fields["instroom_categorie"].choices = categoriekeuzes("Alle categorieën")

    def clean(self) -> dict:
        data = super().clean()
        jaar = data.get("jaar")
        for sectie, verplicht in (("korting", ("post", "procent")), ("verschuiving", ("aandeel", "kosten")),
                                  ("frequentie", ("aan",)), ("tarief", ("procent",)), ("instroom", ("procent",))):
            gevuld = [data.get(f"{sectie}_{v}") not in (None, "", False) for v in verplicht]
            if any(gevuld) and not all(gevuld):
                self.add_error(f"{sectie}_{verplicht[gevuld.index(False)]}", "Vul dit in, of laat de hele maatregel leeg.")
            if all(gevuld) and data.get(f"{sectie}_vanaf") is None and jaar:
                data[f"{sectie}_vanaf"] = jaar
        return data

    def maatregelen(self) -> list[dict]:
        d = self.cleaned_data
        uit: list[dict] = []
        if d.get("korting_post") and d.get("korting_procent") is not None:
            uit.append({"soort": "korting", "post": d["korting_post"], "procent": str(d["korting_procent"]), "vanaf": d["korting_vanaf"]})
        if d.get("verschuiving_aandeel") is not None and d.get("verschuiving_kosten") is not None:
            uit.append({"soort": "verschuiving", "categorie": d.get("verschuiving_categorie") or "",
                        "aandeel": str(d["verschuiving_aandeel"]),
                        "kosten_per_deelnemer_cent": int(d["verschuiving_kosten"] * 100), "vanaf": d["verschuiving_vanaf"]})
        if d.get("frequentie_aan"):
            uit.append({"soort": "frequentie", "vanaf": d["frequentie_vanaf"]})
        if d.get("tarief_procent") is not None:
            uit.append({"soort": "tarief", "categorie": d.get("tarief_categorie") or "", "procent": str(d["tarief_procent"]),
                        "vanaf": d["tarief_vanaf"]})
        if d.get("instroom_procent") is not None:
            uit.append({"soort": "instroom", "categorie": d.get("instroom_categorie") or "", "procent": str(d["instroom_procent"]),
                        "vanaf": d["instroom_vanaf"]})
        return uit

    @staticmethod
    def initieel(scenario) -> dict:
        """Form values of a saved scenario (percentages back from basis points)."""
        init = {"naam": scenario.naam, "omschrijving": scenario.omschrijving, "jaar": scenario.jaar, "jaren": scenario.jaren}
        for m in scenario.maatregelen:
            s = m["soort"]
            init[f"{s}_vanaf"] = m["vanaf"]
            if s == "korting":
                init.update(korting_post=m["post"], korting_procent=Decimal(m["procent_bp"]) / 100)
            elif s == "verschuiving":
                init.update(verschuiving_categorie=m["categorie"], verschuiving_aandeel=Decimal(m["aandeel_bp"]) / 100,
                            verschuiving_kosten=Decimal(m["kosten_per_deelnemer_cent"]) / 100)
            elif s == "frequentie":
                init["frequentie_aan"] = True
            else:
                init.update({f"{s}_categorie": m["categorie"], f"{s}_procent": Decimal(m["procent_bp"]) / 100})
        return init
