"""Hand-built records for the "proces en uitkomst" indicator tests (onderzoek, plan, aanvraag, scores)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.besluiten.models import Aanvraag, Beschikking
from keukentafel.monitor.selectie import Selectie
from keukentafel.plannen.models import Actie, Doel
from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory, MeldingFactory, OndersteuningsplanFactory, ProductFactory
from keukentafel.toegang.models import Onderzoek, Opschorting, Zelfredzaamheidsscore


def moment(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(12, 0)))


def geen_drempel(gemeente) -> None:  # noqa: ANN001
    """Threshold 1: nothing is hidden, so the known answers are visible."""
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.MONITOR_CELDREMPEL, gemeente=gemeente, waarde=1, geldig_vanaf=date(2015, 1, 1), bron="test"
    )


def medewerker(gebied):  # noqa: ANN001, ANN201
    return MedewerkerFactory(team__gebied=gebied)


def melding(gebied, ontvangen: date, **velden):  # noqa: ANN001, ANN201
    huishouden = velden.pop("huishouden", None) or HuishoudenFactory(gebied=gebied)
    return MeldingFactory(huishouden=huishouden, ontvangen_op=moment(ontvangen), **velden)


def onderzoek(gebied, start: date, *, opschortingen=(), **velden) -> Onderzoek:  # noqa: ANN001
    m = melding(gebied, start)
    o = Onderzoek.objects.create(melding=m, huishouden=m.huishouden, behandelaar=medewerker(gebied), startdatum=start,
                                 termijn_dagen=42, termijn_bron="test", **velden)
    for van, tot in opschortingen:
        Opschorting.objects.create(onderzoek=o, reden="stukken", van=van, tot=tot, vastgelegd_door=o.behandelaar)
    return o


def plan(huishouden, *, vastgesteld: date | None, onderzoek: Onderzoek | None = None, status: str = "actief", **velden):  # noqa: ANN001, ANN201
    return OndersteuningsplanFactory(huishouden=huishouden, onderzoek=onderzoek, vastgesteld_op=vastgesteld, status=status, **velden)


def acties(plan, *tredes: str | tuple[str, str]) -> None:  # noqa: ANN001
    """Actions on the plan; a trede may be (trede, wet)."""
    doel = Doel.objects.create(plan=plan, leefgebied=Leefgebied.objects.get(code="financien"), omschrijving="Rondkomen")
    for t in tredes:
        trede, wet = t if isinstance(t, tuple) else (t, "wmo" if t == "maatwerk" else "")
        Actie.objects.create(doel=doel, trede=trede, omschrijving="x", uitvoerder="y", wet=wet, van=date(2026, 1, 1))


def aanvraag(gebied, ontvangen: date, *, afgifte: date | None = None, wet: str = "wmo", categorie: str = "02", **velden) -> Aanvraag:  # noqa: ANN001
    h = HuishoudenFactory(gebied=gebied)
    persoon = h.leden.first().persoon
    door = medewerker(gebied)
    product = ProductFactory(wet=wet, productcategorie=categorie, productcode=f"{categorie}X01")
    a = Aanvraag.objects.create(
        persoon=persoon, huishouden=h, gemeente=gebied.gemeente, product=product, omvang=3, eenheid="04", frequentie="2",
        ontvangen_op=ontvangen, uiterste_beslisdatum=ontvangen.fromordinal(ontvangen.toordinal() + 14), behandelaar=door, **velden
    )
    if afgifte:
        Beschikking.objects.create(aanvraag=a, gemeente=a.gemeente, kenmerk=f"B-{a.pk}", wet=wet, besluit="toekenning", motivering="m",
                                   grondslag="g", datum_afgifte=afgifte, einde_bezwaartermijn=afgifte, afgegeven_door=door)
    return a


def score(persoon, leefgebied: str, waarde: int, datum: date) -> Zelfredzaamheidsscore:  # noqa: ANN001
    h = HuishoudenFactory(gebied=persoon.gebied, leden=0)
    return Zelfredzaamheidsscore.objects.create(huishouden=h, persoon=persoon, leefgebied=Leefgebied.objects.get(code=leefgebied),
                                                score=waarde, datum=datum, bron="gesprek", vastgelegd_door=medewerker(persoon.gebied))


def selectie(plaats, periode, **velden) -> Selectie:  # noqa: ANN001
    """A selection of the gemeente of gebied `plaats` (narrow further with gebied=, team=, wet=, categorie=)."""
    return Selectie(regio=plaats.gemeente.regio, periode=periode, gemeente=plaats.gemeente, **velden)


def tabel(tabellen, code: str):  # noqa: ANN001, ANN201
    return next(t for t in tabellen if t.code == code)


def waarden(t) -> dict[str, list]:  # noqa: ANN001
    return {label: [c.export for c in cellen] for label, cellen in t.rijen}
