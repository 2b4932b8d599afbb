"""Normalised surnames for index-backed prefix search on SQLite and PostgreSQL alike.

`Persoon.zoeknaam` holds the geslachtsnaam in lowercase ASCII letters and digits only: no accents,
spaces, hyphens or apostrophes ("Çelik-d'Hondt" → "celikdhondt"). Because the column contains nothing
but [a-z0-9], "starts with p" is exactly the range  p <= zoeknaam <= p + "z" * (200 - len(p))  under
any collation that sorts letters and digits alphabetically (C, en_US.UTF-8, nl_NL.UTF-8, SQLite's
BINARY). A plain btree index on the column answers that range *and* the ORDER BY, so a name search
reads only the rows it shows — no LIKE, no pattern_ops, no case folding at query time.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Q

ZOEKNAAM_LENGTE = 200

#: Letters that NFKD does not decompose into a base letter.
_VERVANG = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ĳ": "ij"})
_NIET_ALFANUMERIEK = re.compile(r"[^a-z0-9]")

#: Dutch surname prefixes (tussenvoegsels) a user may type before the geslachtsnaam.
VOORVOEGSELS = {
    "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "op", "t", "'t", "la", "le", "du", "da", "di", "del",
    "della", "des", "el", "al", "von", "vom", "zu", "zum", "zur", "uit", "aan", "bij", "onder", "over", "voor", "d'",
}  # fmt: skip


def normaliseer_naam(tekst: str) -> str:
    """'Çelik-d'Hondt' → 'celikdhondt'; casefold turns 'ß' into 'ss'."""
    tekst = unicodedata.normalize("NFKD", (tekst or "").casefold())
    tekst = "".join(c for c in tekst if not unicodedata.combining(c)).translate(_VERVANG)
    return _NIET_ALFANUMERIEK.sub("", tekst)[:ZOEKNAAM_LENGTE]


def begint_met(veld: str, prefix: str) -> Q:
    """Q for "`veld` starts with `prefix`" on a normalised column, as an index range."""
    prefix = prefix[:ZOEKNAAM_LENGTE]
    return Q(**{f"{veld}__gte": prefix, f"{veld}__lte": prefix + "z" * (ZOEKNAAM_LENGTE - len(prefix))})


def splits_voorvoegsel(invoer: str) -> tuple[str, str]:
    """'van der Berg' → ('van der', 'Berg'); 'Berg' → ('', 'Berg'). The last word is never a prefix."""
    woorden = (invoer or "").split()
    voorvoegsel: list[str] = []
    while len(woorden) > 1 and woorden[0].lower() in VOORVOEGSELS:
        voorvoegsel.append(woorden.pop(0))
    return " ".join(voorvoegsel), " ".join(woorden)


def naam_takken(invoer: str, veld: str = "zoeknaam") -> list[Q]:
    """The ways what was typed can match a geslachtsnaam; each is a single index range.

    "de Vries" matches geslachtsnaam "Vries" with voorvoegsel "de" (as the BRP stores it) as well as
    a geslachtsnaam stored as "De Vries" in one field. Run the branches as separate queries: an OR of
    two ranges with ORDER BY ... LIMIT makes PostgreSQL walk the whole index in order.
    """
    voorvoegsel, rest = splits_voorvoegsel(invoer)
    takken = [begint_met(veld, normaliseer_naam(invoer))]
    if voorvoegsel and normaliseer_naam(rest):
        takken.append(begint_met(veld, normaliseer_naam(rest)) & Q(voorvoegsel__iexact=voorvoegsel))
    return takken


def naam_filter(invoer: str, veld: str = "zoeknaam") -> Q:
    """All branches of `naam_takken` in one Q (for filtering, not for an ordered, limited search)."""
    q = Q()
    for tak in naam_takken(invoer, veld):
        q |= tak
    return q
