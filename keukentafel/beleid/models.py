"""Policy as configuration: dated, versioned settings per gemeente with their source."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Leefgebied(models.Model):
    """A life domain of the self-reliance assessment; the set is configurable (ZRM 2017 has 13)."""

    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=80)
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(default=True)

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name_plural = "leefgebieden"

    def __str__(self) -> str:
        return self.naam


class Zelfredzaamheid(models.IntegerChoices):
    ACUUT = 1, "1 – acute problematiek"
    NIET = 2, "2 – niet zelfredzaam"
    BEPERKT = 3, "3 – beperkt zelfredzaam"
    VOLDOENDE = 4, "4 – voldoende zelfredzaam"
    VOLLEDIG = 5, "5 – volledig zelfredzaam"


class Sleutel(models.TextChoices):
    """The policy parameters the product knows; values are stored in Beleidsinstelling."""

    ONDERZOEK_TERMIJN_DAGEN = "onderzoek_termijn_dagen", "Termijn onderzoek na melding (dagen)"
    BESCHIKKING_TERMIJN_DAGEN = "beschikking_termijn_dagen", "Termijn beschikking na aanvraag (dagen)"
    BEZWAARTERMIJN_DAGEN = "bezwaartermijn_dagen", "Bezwaartermijn (dagen)"
    TERMIJN_WAARSCHUWING_DAGEN = "termijn_waarschuwing_dagen", "Waarschuwing vóór verstrijken termijn (dagen)"
    EVALUATIE_TERMIJN_MAANDEN = "evaluatie_termijn_maanden", "Evaluatie van een langdurig traject (maanden)"
    NOODTOEGANG_UREN = "noodtoegang_uren", "Geldigheid van toegang met reden (uren)"
    INDICATIEVRIJ = "indicatievrij_via_verwijzing", "Producten die zonder beschikking via een verwijzing mogen (ja, tenzij)"
    MAXIMALE_OMVANG = "maximale_omvang", "Maximale omvang per product(categorie)"
    PGB_TARIEF_PERCENTAGE = "pgb_tarief_percentage", "Pgb-tarief als percentage van het goedkoopste passende ZIN-tarief"
    PGB_SOCIAAL_NETWERK = "pgb_sociaal_netwerk_toegestaan", "Sociaal netwerk betalen uit pgb/pvb zonder uitzondering"
    VERPLICHTE_KWALITEITSBEWIJZEN = "verplichte_kwaliteitsbewijzen", "Verplichte kwaliteitsbewijzen van aanbieders"
    RECHTMATIGHEID_STEEKPROEF = "rechtmatigheid_steekproef_procent", "Steekproef rechtmatigheidstoets (% van de toekenningen)"
    HERBEOORDELING_VOORLOOP_DAGEN = "herbeoordeling_voorloop_dagen", "Herbeoordeling overgangsrecht: dagen vóór de einddatum"
    MONITOR_CELDREMPEL = "monitor_celdrempel", "Monitor: aantallen onder deze drempel tonen als '< drempel'"
    # Jeugdwet (issue 6); national defaults are loaded by the jeugd app's data migration.
    JEUGD_LEEFTIJDSGRENS = "jeugd_leeftijdsgrens", "Jeugdhulp tot deze leeftijd (jaren)"
    JEUGD_VERLENGING_TOT = "jeugd_verlenging_tot", "Verlengde jeugdhulp tot deze leeftijd (jaren)"
    OVERGANG_18_VOORLOOP_MAANDEN = "overgang_18_voorloop_maanden", "Overgang naar 18+: maanden vooraf op de werklijst"
    OUDERBIJDRAGE_JEUGDHULP = "ouderbijdrage_jeugdhulp", "Ouderbijdrage jeugdhulp (regel en bedrag)"
    # Participatiewet (issue 6); national defaults are loaded by the participatie app's data migration.
    WERKSPOOR_GRENS_PROCENT = "werkspoor_grens_procent", "Werkspoor vanaf verdiencapaciteit boven dit % van het minimumloon"
    TRAJECT_HERBEOORDELING_MAANDEN = "traject_herbeoordeling_maanden", "Herbeoordeling van het spoor (maanden)"
    TEGENPRESTATIE_GRENZEN = "tegenprestatie_grenzen", "Tegenprestatie: grenzen aan omvang en duur"
    WETTELIJK_MINIMUMLOON = "wettelijk_minimumloon", "Wettelijk minimumloon (bruto per uur, cent)"
    LOONKOSTENSUBSIDIE = "loonkostensubsidie", "Loonkostensubsidie: maximum en werkgeverslasten"


class Beleidsinstelling(models.Model):
    """One value of one parameter, valid from a date, for one gemeente (or for all: gemeente empty)."""

    sleutel = models.CharField(max_length=60, choices=Sleutel.choices)
    gemeente = models.ForeignKey(
        "accounts.Gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beleidsinstellingen",
        help_text="Leeg: landelijke standaard die geldt zolang een gemeente niets anders vastlegt.",
    )
    waarde = models.JSONField()
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    bron = models.CharField(max_length=300, help_text="Wet, verordening of beleidsregel waarop de waarde berust.")
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    vastgesteld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sleutel", "gemeente__naam", "-geldig_vanaf"]
        verbose_name = "beleidsinstelling"
        verbose_name_plural = "beleidsinstellingen"
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "gemeente", "geldig_vanaf"], name="een_waarde_per_sleutel_gemeente_datum"),
        ]
        indexes = [models.Index(fields=["sleutel", "gemeente", "geldig_vanaf"])]

    def __str__(self) -> str:
        wie = self.gemeente or "standaard"
        return f"{self.get_sleutel_display()} ({wie}, vanaf {self.geldig_vanaf:%d-%m-%Y}): {self.waarde}"

    def clean(self) -> None:
        if self.geldig_tot and self.geldig_tot < self.geldig_vanaf:
            raise ValidationError({"geldig_tot": "De einddatum ligt vóór de begindatum."})
