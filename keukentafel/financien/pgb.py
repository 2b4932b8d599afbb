"""PGB budgets: the budget of a grant per year and month, spending so far, what remains, and the signals.

The budget of a pgb grant is its commitment at the PGB tariff (`bedragen.verplichting`): omvang × pgb-tarief
× the span's share of the frequency, pro rata by day, rounded once per calendar year. Months split the year
figure by days (`bedragen.verdeel`), so the months always add up to the year.

`Pgbtoekenning.budget_cent` (what the beschikking states) is computed differently by `besluiten.regels`: whole
units over the whole period, rounded UP (ceil), with 365.25 days a year for month frequencies, and one year for
an open-ended grant. For day and totaal frequencies both agree exactly; for week and month frequencies the
beschikking can be up to one unit × the tariff higher (plus the 365 vs 365.25 days difference). The finance
figures use the day-exact commitment so that pgb budgets and ZIN commitments (§2) are computed alike.

Spending (Pgbuitgave) counts in the year and month of its `periode_begin`; it is summed in the database.

Signals, per grant and year, on a peildatum:

* ``overschreden``: spent more than the year budget;
* ``voorloop``: the spent share of the year budget exceeds the elapsed share of the grant's period in that year
  by MORE than the threshold (`PgbSignaalgrens`, percentage points, dated data per gemeente with a standard).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening
from keukentafel.codelijsten import Frequentie, productcategorieen

from .bedragen import TOTAAL_ZONDER_EINDE_DAGEN, dagen, verdeel, verplichting
from .models import PgbSignaalgrens, Pgbuitgave
from .prognose import standaard_peildatum

GEEN, VOORLOOP, OVERSCHREDEN = "", "voorloop", "overschreden"
SIGNAAL_LABELS = {GEEN: "", VOORLOOP: "Besteding loopt voor", OVERSCHREDEN: "Budget overschreden"}
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]


# ---------------------------------------------------------------------------------------------------
# The budget of one grant
# ---------------------------------------------------------------------------------------------------


def pgb_tarief(v: ToegewezenVoorziening) -> int:
    """The PGB tariff of a grant: the one in its Pgbtoekenning; a grant without one (overgangsrecht) its own tarief."""
    toekenning = getattr(v, "pgb", None)
    return toekenning.pgb_tarief_cent if toekenning is not None else v.tarief_cent


def budget(*, omvang: int, frequentie: str, tarief_cent: int, begindatum: date, einddatum: date | None, van: date, tot: date) -> int:
    """The pgb budget in cents over [van, tot] (the commitment at the pgb tariff)."""
    return verplichting(omvang=omvang, frequentie=frequentie, tarief_cent=tarief_cent, begindatum=begindatum,
                        einddatum=einddatum, van=van, tot=tot)


def _eind(begindatum: date, einddatum: date | None, frequentie: str) -> date | None:
    if einddatum is None and frequentie == Frequentie.TOTAAL:
        return begindatum + timedelta(days=TOTAAL_ZONDER_EINDE_DAGEN - 1)
    return einddatum


def periode_in_jaar(begindatum: date, einddatum: date | None, frequentie: str, jaar: int) -> tuple[date, date] | None:
    """The part of the grant's period in calendar year `jaar`, or None when it has none."""
    eind = _eind(begindatum, einddatum, frequentie)
    a, b = max(begindatum, date(jaar, 1, 1)), min(eind or date(jaar, 12, 31), date(jaar, 12, 31))
    return (a, b) if a <= b else None


def jaarbudget(v: ToegewezenVoorziening, jaar: int) -> int:
    return budget(omvang=v.omvang, frequentie=v.frequentie, tarief_cent=pgb_tarief(v), begindatum=v.begindatum,
                  einddatum=v.einddatum, van=date(jaar, 1, 1), tot=date(jaar, 12, 31))


def _maandeinde(jaar: int, maand: int) -> date:
    return (date(jaar + 1, 1, 1) if maand == 12 else date(jaar, maand + 1, 1)) - timedelta(days=1)


def maandbudgetten(v: ToegewezenVoorziening, jaar: int) -> list[int]:
    """The year budget split over the 12 months by the grant's days in each; the months add up to the year."""
    totaal = jaarbudget(v, jaar)
    periode = periode_in_jaar(v.begindatum, v.einddatum, v.frequentie, jaar)
    if periode is None:
        return [0] * 12
    a, b = periode
    gewichten = [dagen(max(a, date(jaar, m, 1)), min(b, _maandeinde(jaar, m))) for m in range(1, 13)]
    return verdeel(totaal, gewichten)


def looptijdbudget(v: ToegewezenVoorziening) -> int:
    """The budget over the whole period as the beschikking counts it (an open-ended grant: one year from its start)."""
    eind = v.einddatum or (v.begindatum + timedelta(days=364))
    return budget(omvang=v.omvang, frequentie=v.frequentie, tarief_cent=pgb_tarief(v), begindatum=v.begindatum,
                  einddatum=v.einddatum or eind, van=v.begindatum, tot=eind)


# ---------------------------------------------------------------------------------------------------
# The signal
# ---------------------------------------------------------------------------------------------------


def signaalgrens(gemeente: Gemeente, datum: date) -> PgbSignaalgrens | None:
    """The threshold in force for the gemeente on `datum`: its own, else the standard (no gemeente)."""
    geldig = PgbSignaalgrens.objects.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum), geldig_vanaf__lte=datum)
    return geldig.filter(gemeente=gemeente).order_by("-geldig_vanaf").first() or geldig.filter(
        gemeente__isnull=True).order_by("-geldig_vanaf").first()


def signaal(*, budget_cent: int, uitgegeven_cent: int, verstreken_dagen: int, periode_dagen: int, grens_procentpunten: int | None) -> str:
    """OVERSCHREDEN when spending exceeds the budget; VOORLOOP when the spent share exceeds the elapsed share by more
    than the threshold (exact integer comparison, no floats); else GEEN. Without threshold only OVERSCHREDEN."""
    if uitgegeven_cent > budget_cent:
        return OVERSCHREDEN
    if grens_procentpunten is None or budget_cent <= 0 or periode_dagen <= 0:
        return GEEN
    # uitgegeven/budget − verstreken/periode > grens/100, multiplied out by 100 × budget × periode (all positive)
    links = 100 * uitgegeven_cent * periode_dagen - 100 * verstreken_dagen * budget_cent
    return VOORLOOP if links > grens_procentpunten * budget_cent * periode_dagen else GEEN


# ---------------------------------------------------------------------------------------------------
# Spending (database aggregates)
# ---------------------------------------------------------------------------------------------------


def uitgaven(gemeente: Gemeente, jaar: int):
    return Pgbuitgave.objects.filter(gemeente=gemeente, periode_begin__year=jaar)


def uitgegeven_per_voorziening(gemeente: Gemeente, jaar: int) -> dict[int, int]:
    rijen = uitgaven(gemeente, jaar).values("voorziening_id").annotate(som=Sum("bedrag_cent")).values_list("voorziening_id", "som")
    return dict(rijen)


def uitgegeven_per_maand(v: ToegewezenVoorziening, jaar: int) -> list[int]:
    rijen = (Pgbuitgave.objects.filter(voorziening=v, periode_begin__year=jaar).annotate(maand=ExtractMonth("periode_begin"))
             .values("maand").annotate(som=Sum("bedrag_cent")).values_list("maand", "som"))
    per_maand = dict(rijen)
    return [per_maand.get(m, 0) for m in range(1, 13)]


# ---------------------------------------------------------------------------------------------------
# The overview
# ---------------------------------------------------------------------------------------------------


@dataclass
class Pgbbudget:
    """One grant's budget in one year. No name or BSN: toewijzingnummer and product only."""

    voorziening_id: int
    toewijzingnummer: int
    product: str
    wet: str
    productcategorie: str
    begindatum: date
    einddatum: date | None
    budget_cent: int
    uitgegeven_cent: int
    verstreken_dagen: int
    periode_dagen: int
    signaal: str = GEEN

    @property
    def resterend_cent(self) -> int:
        return self.budget_cent - self.uitgegeven_cent

    @property
    def besteed_procent(self) -> float | None:
        return None if self.budget_cent <= 0 else 100 * self.uitgegeven_cent / self.budget_cent

    @property
    def verstreken_procent(self) -> float:
        return 0.0 if self.periode_dagen <= 0 else 100 * self.verstreken_dagen / self.periode_dagen

    @property
    def signaal_label(self) -> str:
        return SIGNAAL_LABELS[self.signaal]


@dataclass
class Categorietotaal:
    wet: str
    productcategorie: str
    naam: str
    aantal: int = 0
    budget_cent: int = 0
    uitgegeven_cent: int = 0
    signalen: int = 0

    @property
    def resterend_cent(self) -> int:
        return self.budget_cent - self.uitgegeven_cent


@dataclass
class Pgboverzicht:
    gemeente: Gemeente
    jaar: int
    peildatum: date
    grens: PgbSignaalgrens | None
    budgetten: list[Pgbbudget]
    categorieen: list[Categorietotaal] = field(default_factory=list)

    @property
    def signalen(self) -> list[Pgbbudget]:
        return [b for b in self.budgetten if b.signaal]

    @property
    def totaal(self) -> Categorietotaal:
        t = Categorietotaal("", "", "Totaal")
        for c in self.categorieen:
            t.aantal += c.aantal
            t.budget_cent += c.budget_cent
            t.uitgegeven_cent += c.uitgegeven_cent
            t.signalen += c.signalen
        return t


def categorienaam(wet: str, code: str) -> str:
    try:
        return f"{productcategorieen(wet)(code).label} ({'Jeugdwet' if wet == 'jeugdwet' else 'Wmo'})"
    except ValueError:
        return f"Categorie {code} ({wet})"


def budgetten(gemeente: Gemeente, jaar: int, peildatum: date) -> tuple[list[Pgbbudget], PgbSignaalgrens | None]:
    """Every pgb grant of the gemeente with a budget or spending in `jaar`, with its signal on `peildatum`."""
    grens = signaalgrens(gemeente, peildatum)
    uitgegeven = uitgegeven_per_voorziening(gemeente, jaar)
    pgb = ToegewezenVoorziening.objects.filter(gemeente=gemeente, leveringsvorm=Leveringsvorm.PGB)
    # Subqueries, not id lists: a gemeente can have tens of thousands of pgb grants (SQLite caps bound parameters).
    in_jaar = Q(pk__in=pgb.overlappend(date(jaar, 1, 1), date(jaar, 12, 31)).values("pk"))
    rijen = (ToegewezenVoorziening.objects.filter(in_jaar | Q(pk__in=uitgaven(gemeente, jaar).values("voorziening_id")))
             .values("pk", "toewijzingnummer", "product__naam", "product__wet", "product__productcategorie", "omvang",
                     "frequentie", "begindatum", "einddatum")
             .annotate(tarief=Coalesce("pgb__pgb_tarief_cent", "tarief_cent")).order_by("toewijzingnummer"))
    uitkomst = []
    for r in rijen:
        periode = periode_in_jaar(r["begindatum"], r["einddatum"], r["frequentie"], jaar)
        bedrag = budget(omvang=r["omvang"], frequentie=r["frequentie"], tarief_cent=r["tarief"], begindatum=r["begindatum"],
                        einddatum=r["einddatum"], van=date(jaar, 1, 1), tot=date(jaar, 12, 31))
        periode_dagen = dagen(*periode) if periode else 0
        verstreken = dagen(periode[0], min(peildatum, periode[1])) if periode else 0
        b = Pgbbudget(r["pk"], r["toewijzingnummer"], r["product__naam"], r["product__wet"], r["product__productcategorie"],
                      r["begindatum"], r["einddatum"], bedrag, uitgegeven.get(r["pk"], 0), verstreken, periode_dagen)
        b.signaal = signaal(budget_cent=b.budget_cent, uitgegeven_cent=b.uitgegeven_cent, verstreken_dagen=verstreken,
                            periode_dagen=periode_dagen, grens_procentpunten=grens.procentpunten if grens else None)
        uitkomst.append(b)
    return uitkomst, grens


def overzicht(gemeente: Gemeente, jaar: int, peildatum: date | None = None) -> Pgboverzicht:
    """Totals per productcategorie (budget, spent, remaining) and the budgets with their signals."""
    peildatum = peildatum or standaard_peildatum(jaar)
    lijst, grens = budgetten(gemeente, jaar, peildatum)
    # Spending per category straight from the database; budgets are computed per grant (the rounding rules).
    besteed = dict(
        ((w, c), s) for w, c, s in uitgaven(gemeente, jaar)
        .values("voorziening__product__wet", "voorziening__product__productcategorie").annotate(som=Sum("bedrag_cent"))
        .values_list("voorziening__product__wet", "voorziening__product__productcategorie", "som")
    )
    per_categorie: dict[tuple[str, str], Categorietotaal] = defaultdict(lambda: Categorietotaal("", "", ""))
    for b in lijst:
        c = per_categorie[(b.wet, b.productcategorie)]
        c.wet, c.productcategorie = b.wet, b.productcategorie
        c.aantal += 1
        c.budget_cent += b.budget_cent
        c.signalen += bool(b.signaal)
    for (wet, code), c in per_categorie.items():
        c.naam = categorienaam(wet, code)
        c.uitgegeven_cent = besteed.get((wet, code), 0)
    categorieen = sorted(per_categorie.values(), key=lambda c: (c.wet, c.productcategorie))
    return Pgboverzicht(gemeente, jaar, peildatum, grens, lijst, categorieen)


# ---------------------------------------------------------------------------------------------------
# One grant in detail
# ---------------------------------------------------------------------------------------------------


@dataclass
class Maandregel:
    maand: str
    budget_cent: int
    uitgegeven_cent: int
    cumulatief_budget_cent: int
    cumulatief_uitgegeven_cent: int


@dataclass
class Budgetdetail:
    voorziening: ToegewezenVoorziening
    jaar: int
    peildatum: date
    budget: Pgbbudget
    maanden: list[Maandregel]
    grens: PgbSignaalgrens | None
    looptijdbudget_cent: int
    beschikking_budget_cent: int | None


def budgetdetail(v: ToegewezenVoorziening, jaar: int, peildatum: date | None = None) -> Budgetdetail:
    peildatum = peildatum or standaard_peildatum(jaar)
    grens = signaalgrens(v.gemeente, peildatum)
    budget_maand, besteed_maand = maandbudgetten(v, jaar), uitgegeven_per_maand(v, jaar)
    maanden, cb, cu = [], 0, 0
    for m in range(12):
        cb, cu = cb + budget_maand[m], cu + besteed_maand[m]
        maanden.append(Maandregel(MAANDEN[m], budget_maand[m], besteed_maand[m], cb, cu))
    periode = periode_in_jaar(v.begindatum, v.einddatum, v.frequentie, jaar)
    periode_dagen = dagen(*periode) if periode else 0
    verstreken = dagen(periode[0], min(peildatum, periode[1])) if periode else 0
    b = Pgbbudget(v.pk, v.toewijzingnummer, v.product.naam, v.product.wet, v.product.productcategorie, v.begindatum,
                  v.einddatum, cb, cu, verstreken, periode_dagen)
    b.signaal = signaal(budget_cent=cb, uitgegeven_cent=cu, verstreken_dagen=verstreken, periode_dagen=periode_dagen,
                        grens_procentpunten=grens.procentpunten if grens else None)
    toekenning = getattr(v, "pgb", None)
    return Budgetdetail(v, jaar, peildatum, b, maanden, grens, looptijdbudget(v),
                        toekenning.budget_cent if toekenning is not None else None)


__all__ = [
    "GEEN", "OVERSCHREDEN", "VOORLOOP", "Budgetdetail", "Categorietotaal", "Pgbbudget", "Pgboverzicht", "budget",
    "budgetdetail", "budgetten", "jaarbudget", "looptijdbudget", "maandbudgetten", "overzicht", "periode_in_jaar",
    "pgb_tarief", "signaal", "signaalgrens", "uitgegeven_per_maand", "uitgegeven_per_voorziening",
]
