"""Money arithmetic: pro-rata splits add up, rounding is half away from zero, commitments per frequency."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keukentafel.financien.bedragen import MAAND_NOEMER, afronden, dagen, kosten_tot, verdeel, verplichting


@given(st.integers(-10**12, 10**12), st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
def test_verdeel_delen_tellen_op_en_wijken_minder_dan_een_cent_af(totaal, gewichten):
    delen = verdeel(totaal, gewichten)
    assert sum(delen) == totaal and len(delen) == len(gewichten)
    som = sum(gewichten) or len(gewichten)
    for d, g in zip(delen, gewichten if sum(gewichten) else [1] * len(gewichten), strict=True):
        assert abs(d - Fraction(totaal * g, som)) < 1


def test_verdeel_restcenten_naar_grootste_rest_gelijk_naar_eerste():
    assert verdeel(100, [1, 1, 1]) == [34, 33, 33]
    assert verdeel(10, [3, 1]) == [8, 2]  # 7.5 and 2.5: tie → the earlier part
    assert verdeel(-100, [1, 1, 1]) == [-34, -33, -33]
    assert verdeel(5, [0, 0]) == [3, 2]
    with pytest.raises(ValueError):
        verdeel(1, [-1])


@given(st.integers(-10**15, 10**15), st.integers(1, 10**9))
def test_afronden_half_van_nul_af(teller, noemer):
    exact = Fraction(teller, noemer)
    r = afronden(teller, noemer)
    assert abs(r - exact) <= Fraction(1, 2)
    if abs(r - exact) == Fraction(1, 2):
        assert abs(r) > abs(exact)


def test_afronden_voorbeelden():
    assert [afronden(5, 2), afronden(-5, 2), afronden(7, 3), afronden(-7, 3), afronden(3, 2)] == [3, -3, 2, -2, 2]


J = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize("frequentie,begin,eind,van,tot,verwacht", [
    ("1", date(2026, 1, 1), None, *J, 365 * 3 * 5400),                                  # per dag, open
    ("2", date(2026, 3, 1), date(2026, 3, 31), *J, 71743),                              # 3×5400×31/7 = 71742.86
    ("4", date(2026, 1, 1), date(2026, 1, 31), *J, afronden(3 * 5400 * 12 * 31, 365)),  # 16498.63 → 16499
    ("4", date(2028, 2, 1), date(2028, 2, 29), date(2028, 1, 1), date(2028, 12, 31), afronden(3 * 5400 * 12 * 29, 366)),
    ("6", date(2026, 7, 1), date(2027, 6, 30), *J, afronden(3 * 5400 * 184, 365)),      # totaal over two years
    ("6", date(2026, 12, 1), None, *J, afronden(3 * 5400 * 31, 365)),                   # totaal open: 365 days
    ("2", date(2026, 1, 1), None, date(2026, 6, 1), date(2026, 5, 31), 0),              # empty span
])
def test_verplichting_per_frequentie(frequentie, begin, eind, van, tot, verwacht):
    assert verplichting(omvang=3, frequentie=frequentie, tarief_cent=5400, begindatum=begin, einddatum=eind, van=van, tot=tot) == verwacht


def test_verplichting_totaal_telt_over_de_looptijd_op_tot_het_geheel():
    kwargs = dict(omvang=1, frequentie="6", tarief_cent=100_001, begindatum=date(2026, 3, 17), einddatum=None)
    delen = [verplichting(**kwargs, van=date(j, 1, 1), tot=date(j, 12, 31)) for j in (2026, 2027)]
    assert sum(delen) == 100_001


@given(
    st.sampled_from("1246"), st.integers(1, 100), st.integers(1, 500_000),
    st.dates(date(2023, 1, 1), date(2030, 12, 31)), st.one_of(st.none(), st.integers(0, 2000)),
    st.dates(date(2023, 1, 1), date(2030, 12, 31)), st.integers(0, 2500),
)
def test_verplichting_over_jaren_is_de_som_van_de_jaren(frequentie, omvang, tarief, begin, duur, van, lengte):
    eind = None if duur is None else begin + timedelta(days=duur)
    tot = van + timedelta(days=lengte)
    kw = dict(omvang=omvang, frequentie=frequentie, tarief_cent=tarief, begindatum=begin, einddatum=eind)
    geheel = verplichting(**kw, van=van, tot=tot)
    delen = [verplichting(**kw, van=max(van, date(j, 1, 1)), tot=min(tot, date(j, 12, 31))) for j in range(van.year, tot.year + 1)]
    assert geheel == sum(delen) >= 0


_GRANT = st.fixed_dictionaries({
    "frequentie": st.sampled_from("1246"), "omvang": st.integers(1, 10_000), "tarief_cent": st.integers(0, 10_000_000),
    "begindatum": st.dates(date(1999, 1, 1), date(2031, 12, 31)), "duur": st.one_of(st.none(), st.integers(0, 4000)),
})


def _grant(g: dict) -> dict:
    g = dict(g)
    duur = g.pop("duur")
    return g | {"einddatum": None if duur is None else g["begindatum"] + timedelta(days=duur)}


@given(_GRANT, st.dates(date(1998, 1, 1), date(2033, 12, 31)), st.lists(st.integers(0, 5000), min_size=1, max_size=12))
def test_delen_van_elke_opsplitsing_tellen_op_tot_het_geheel(grant, van, lengtes):
    """Cumulative rounding: consecutive spans (random cut points) add up exactly to the commitment of their union."""
    kw = _grant(grant)
    grenzen = [van]
    for n in lengtes:
        grenzen.append(grenzen[-1] + timedelta(days=n))
    delen = [verplichting(**kw, van=a, tot=b - timedelta(days=1)) for a, b in zip(grenzen, grenzen[1:], strict=False)]
    geheel = verplichting(**kw, van=grenzen[0], tot=grenzen[-1] - timedelta(days=1))
    assert sum(delen) == geheel and min(delen) >= 0
    # and the whole is R(C(end)) − R(C(start − 1)), never more than half a cent off the exact cost of the span
    exact = Fraction(*kosten_tot(**kw, tot=grenzen[-1] - timedelta(days=1))) - \
        Fraction(*kosten_tot(**kw, tot=grenzen[0] - timedelta(days=1)))
    assert abs(geheel - exact) <= 1


@given(st.integers(1, 10_000), st.integers(0, 10_000_000), st.dates(date(2000, 1, 1), date(2030, 12, 31)),
       st.one_of(st.none(), st.integers(0, 3000)))
def test_totaal_jaardelen_tellen_op_tot_omvang_maal_tarief(omvang, tarief, begin, duur):
    eind = None if duur is None else begin + timedelta(days=duur)
    kw = dict(omvang=omvang, frequentie="6", tarief_cent=tarief, begindatum=begin, einddatum=eind)
    laatste = (eind or begin + timedelta(days=364)).year
    delen = [verplichting(**kw, van=date(j, 1, 1), tot=date(j, 12, 31)) for j in range(begin.year, laatste + 1)]
    assert sum(delen) == omvang * tarief


def test_totaal_over_drie_jaar_telt_op_waar_per_jaar_afronden_een_cent_verloor():
    # 4 cent over 2026-06-15 .. 2028-03-10 = 635 days (200, 365 and 70 per year): exact 1.26, 2.30 and 0.44.
    # Rounded per year: 1 + 2 + 0 = 3 ≠ 4. Cumulative: R(1.26) = 1, R(3.56) − 1 = 3, R(4) − 4 = 0 → 1 + 3 + 0 = 4.
    kw = dict(omvang=1, frequentie="6", tarief_cent=4, begindatum=date(2026, 6, 15), einddatum=date(2028, 3, 10))
    assert [verplichting(**kw, van=date(j, 1, 1), tot=date(j, 12, 31)) for j in (2026, 2027, 2028)] == [1, 3, 0]
    for t in range(1, 500):
        kw["tarief_cent"] = t
        assert sum(verplichting(**kw, van=date(j, 1, 1), tot=date(j, 12, 31)) for j in (2026, 2027, 2028)) == t


def test_per_maand_hele_jaren_tellen_precies_twaalf_maanden():
    kw = dict(omvang=1, frequentie="4", tarief_cent=1000, begindatum=date(2026, 7, 1), einddatum=date(2028, 6, 30))
    # C(end) = 12 × 1000 × (184/365 + 1 + 182/366): 2027 counts exactly 12 months, 2028 is a leap year
    teller = 12 * 1000 * (184 * 366 + MAAND_NOEMER + 182 * 365)
    assert kosten_tot(**kw, tot=date(2030, 1, 1)) == (teller, MAAND_NOEMER)
    assert verplichting(**kw, van=date(2027, 1, 1), tot=date(2027, 12, 31)) == 12_000
    assert verplichting(**kw, van=date(2026, 1, 1), tot=date(2028, 12, 31)) == afronden(teller, MAAND_NOEMER)
    # months of one year add up to the year
    maanden = [verplichting(**kw, van=date(2028, m, 1), tot=date(2028 + (m == 12), m % 12 + 1, 1) - timedelta(days=1))
               for m in range(1, 13)]
    assert sum(maanden) == verplichting(**kw, van=date(2028, 1, 1), tot=date(2028, 12, 31))


def test_dagen():
    assert dagen(date(2028, 1, 1), date(2028, 12, 31)) == 366 and dagen(date(2026, 2, 1), date(2026, 1, 31)) == 0
