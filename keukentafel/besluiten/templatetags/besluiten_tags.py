"""Template helpers of besluiten: amounts in euro, and the household's requests and grants for the dossier page."""

from __future__ import annotations

from django import template

from keukentafel.besluiten import overzicht
from keukentafel.besluiten.regels import euro as _euro

register = template.Library()


@register.filter
def euro(cent: int | None) -> str:
    """5250 → "€ 52,50" (money is stored in cents)."""
    return "–" if cent in (None, "") else _euro(int(cent))


@register.filter
def beginklein(tekst) -> str:
    """Lower the first letter only, for a label inside a sentence: "Zorg in natura (ZIN)" → "zorg in natura (ZIN)"."""
    tekst = str(tekst or "")
    return tekst[:1].lower() + tekst[1:]


@register.inclusion_tag("besluiten/_voorzieningen.html")
def voorzieningen_overzicht(huishouden, kopniveau: int = 2) -> dict:
    """Usage on the dossier page: {% load besluiten_tags %}{% voorzieningen_overzicht huishouden %}."""
    return {"overzicht": overzicht.voor_huishouden(huishouden), "huishouden": huishouden, "kopniveau": kopniveau}
