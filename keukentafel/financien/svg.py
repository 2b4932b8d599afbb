"""Server-side SVG bar charts (no JavaScript): grouped horizontal bars, one group per row, one bar per series.

The chart is decoration for sighted users; every chart sits next to a table with the same figures, and the SVG says
so in its <desc>. Negative values are drawn as zero-length bars (the table shows the figure).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Fill colours per series (contrast ≥ 3:1 against white, WCAG 1.4.11).
KLEUREN = ("#01689b", "#8fcae7", "#39870c", "#e17000", "#a90061", "#4b4b4b")


def staafgrafiek(
    titel: str, reeksen: Sequence[str], groepen: Sequence[tuple[str, Sequence[int]]], *, tabel_id: str = "", breedte: int = 720,
) -> SafeString:
    """An accessible SVG with one group of bars per (label, values); values in cents, labels in euros are left out."""
    balk, tussen, label_b, legenda_h = 12, 14, 220, 24
    hoogte = legenda_h + len(groepen) * (len(reeksen) * balk + tussen) + 10
    maximum = max([v for _, vs in groepen for v in vs if v is not None] + [1])
    schaal = (breedte - label_b - 20) / maximum
    desc = f"Staafdiagram; dezelfde cijfers staan in de tabel{' ' + tabel_id if tabel_id else ''}."
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kt-grafiek" role="img" width="100%" viewBox="0 0 {breedte} {hoogte}" '
        f'aria-labelledby="svg-titel-{escape(tabel_id)} svg-desc-{escape(tabel_id)}">',
        f'<title id="svg-titel-{escape(tabel_id)}">{escape(titel)}</title><desc id="svg-desc-{escape(tabel_id)}">{escape(desc)}</desc>',
    ]
    x = label_b
    for i, r in enumerate(reeksen):
        delen.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{KLEUREN[i % len(KLEUREN)]}"/>'
                     f'<text x="{x + 16}" y="14" font-size="12">{escape(r)}</text>')
        x += 30 + 7 * len(r)
    y = legenda_h
    for label, waarden in groepen:
        midden = y + len(reeksen) * balk / 2 + 4
        delen.append(f'<text x="{label_b - 6}" y="{midden:.0f}" font-size="12" text-anchor="end">{escape(label[:34])}</text>')
        for i, v in enumerate(waarden):
            w = max(0.0, (v or 0) * schaal)
            delen.append(f'<rect x="{label_b}" y="{y}" width="{w:.1f}" height="{balk - 2}" fill="{KLEUREN[i % len(KLEUREN)]}"/>')
            y += balk
        y += tussen
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text is escaped above


__all__ = ["KLEUREN", "staafgrafiek"]
