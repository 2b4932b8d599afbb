"""Grants for the demo households, made through the decision services so that every grant obeys the grant rules.

Routes: indicatievrij products (policy "ja, tenzij", seed 000_9b14841e6fe6ddc8.txt uitgangspunt 4) go by verwijzing
(`maak_verwijzing` + `onderteken_verwijzing`), the others by aanvraag and beschikking (`maak_aanvraag` + `beslis`);
existing indications come in through the overgangsrecht import (`overgangsrecht.importeer`, a CSV per gemeente, with
its herbeoordelingen). Legal protection goes through `rechtsbescherming`, endings and extensions through
`services.beeindig` / `services.wijzig`, the backoffice's sample through `rechtmatigheid.selecteer_steekproef`.

The services stamp "today" where the demo needs a past date (opgesteld_op, the signatures, toegekend_op, selection
and review dates, the mutation and creation moments); as in the generator, those are set to their past value
afterwards.

The split over leveringsvormen follows the Startfoto (seed 002_76fcc364857742d7.txt): about 79% in natura (a few
of them as pvb) and 21% pgb. All draws come from one seeded random generator, in a fixed order.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from keukentafel.accounts.models import Gemeente, Medewerker
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.besluiten import besluitvorming, overgangsrecht, rechtmatigheid, rechtsbescherming, services
from keukentafel.besluiten.models import (
    Aanvraag,
    Besluit,
    BezwaarRoute,
    BezwaarUitkomst,
    Grondslag,
    Indicatieimport,
    KlachtOver,
    Leveringsvorm,
    Rechtmatigheidstoets,
    ToegewezenVoorziening,
    ToetsUitkomst,
    Verwijzing,
    Voorzieningmutatie,
)
from keukentafel.besluiten.regels import Pgbgegevens, Pvbgegevens, Toekenningsverzoek
from keukentafel.codelijsten import Eenheid, RedenWijziging, Wet, redenen_beeindiging
from keukentafel.inwoners.models import Geslacht, LidRol, Persoon
from keukentafel.jeugd.regels import verjaardag
from keukentafel.plannen.models import Actie, EvaluatieBesluit, Ondersteuningsplan, Trede

from . import gegevens_aanbod as ga
from .aanbod import JAARFACTOR, Catalogus, Levering

if TYPE_CHECKING:
    from .generator import _Bouwer, _Hh

#: Default length of a grant per product (months); hulpmiddelen in bruikleen stay open. A verwijzing runs a year:
#: seed 000 uitgangspunt 4 asks for a yearly evaluation of a referral.
LOOPTIJD_MAANDEN = {
    "hbh_basis": 36, "hbh_plus": 36, "pv": 12, "kv": 12, "vervoer": 12, "bw": 24, "jeugd_ggz": 9, "jeugd_verblijf": 12,
    "pleegzorg": 12, "dagbehandeling": 6, "beg_basis": 12, "beg_spec": 12, "dagb_ouderen": 12, "dagb_spec": 12, "dagb_arbeid": 12,
    "jeugd_basis": 12, "jeugd_spec": 12,
}  # fmt: skip
OPEN_EINDE = {"rolstoel", "scootmobiel", "traplift"}
AANDEEL_AFWIJZING = 0.04
AANDEEL_GEDEELTELIJK = 0.05
#: Chance a plan action on a concept plan already has an aanvraag or a draft verwijzing.
AANDEEL_CONCEPT_AANGEVRAAGD = 0.6
#: Chance a household in the onderzoek stages (or answered at once) has an old indication under overgangsrecht.
AANDEEL_OVERGANGSRECHT = 0.33
OVERGANGSFASEN = {
    "toegewezen",
    "direct",
    "onderzoek_lopend",
    "onderzoek_bijna",
    "onderzoek_verlopen",
    "onderzoek_opgeschort",
    "gesprek_gehouden",
    "onderzoek_gestopt",
}


@contextmanager
def _stil(logger: logging.Logger) -> Iterator[None]:
    """The import logs a line per file; the demo prints its own summary."""
    niveau = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(niveau)


def _maandeinde(d: date) -> date:
    volgende = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return volgende - timedelta(days=1)


def _plus_maanden(d: date, maanden: int) -> date:
    """The day before the same date `maanden` later (a period of whole months)."""
    jaar, maand = divmod(d.month - 1 + maanden, 12)
    dag = min(d.day, 28)
    return date(d.year + jaar, maand + 1, dag) - timedelta(days=1)


@dataclass
class _Toekenning:
    """One maatwerk action to decide on, with what the demo chose for it."""

    hh: _Hh
    plan: Ondersteuningsplan | None
    actie: Actie | None
    sleutel: str
    persoon: Persoon
    omvang: int
    frequentie: str
    tot: date | None


class Besluitenbouwer:
    def __init__(self, bouwer: _Bouwer, catalogus: Catalogus, rng: random.Random):
        self.b = bouwer
        self.c = catalogus
        self.rng = rng
        self.vandaag: date = bouwer.vandaag
        self.gisteren: date = bouwer.gisteren
        self.beleidcache: dict = {}
        self.lopend: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
        self.open_aanvragen: set[tuple[int, int]] = set()
        self.aantal = 0
        self.aantal_pgb = 0
        self.aantal_pvb = 0
        self.beslist = 0  # aanvragen decided so far
        self.pgb_bij_verwijsproduct: bool | None = None  # does maak_aanvraag take a pgb aanvraag for an indicatievrij product?
        self.voorzieningen: list[tuple[ToegewezenVoorziening, _Hh]] = []
        self.per_plan: dict[int, list[ToegewezenVoorziening]] = {}
        self.plan_van: dict[int, Ondersteuningsplan] = {}  # household index -> its open plan
        self.beschikkingen: list[tuple[object, _Hh, str]] = []  # (beschikking, household, besluit)
        self.mutatiedata: dict[tuple[int, str], date] = {}
        self.toegekend: dict[int, date] = {}  # grant pk -> the past decision date
        self.verwijzingen: list[tuple[int, Gemeente, date]] = []
        self.acties: dict[int, dict] = {}
        self.tellers = bouwer.tellers

    # --- helpers -------------------------------------------------------------------------------------

    def moment(self, d: date) -> datetime:
        return timezone.make_aware(datetime.combine(d, dtime(self.rng.randint(9, 16), self.rng.choice((0, 15, 30, 45)))))

    def na(self, d: date, a: int, b: int) -> date:
        return min(d + timedelta(days=self.rng.randint(a, b)), self.gisteren)

    def beleid(self, sleutel: Sleutel, gemeente: Gemeente, datum: date):
        k = (sleutel, gemeente.pk, datum)
        if k not in self.beleidcache:
            self.beleidcache[k] = geldende_waarde(sleutel, gemeente, datum)
        return self.beleidcache[k]

    def indicatievrij(self, sleutel: str) -> bool:
        d = ga.PRODUCT[sleutel]
        return f"{d.wet}:{d.categorie}" in ga.INDICATIEVRIJ

    def overlapt(self, persoon: Persoon, sleutel: str, begin: date, eind: date | None) -> bool:
        for b, e in self.lopend.get((persoon.pk, self.c.producten[sleutel].pk), []):
            if (e is None or e >= begin) and (eind is None or b <= eind):
                return True
        return False

    def boek_lopend(self, v: ToegewezenVoorziening, oud_einde: date | None = None, *, gewijzigd: bool = False) -> None:
        """Track the periods of running grants per person and product, to keep new ones from overlapping."""
        perioden = self.lopend.setdefault((v.persoon_id, v.product_id), [])
        if gewijzigd:
            perioden.remove((v.begindatum, oud_einde))
        perioden.append((v.begindatum, v.einddatum))

    def kies_aanbieder(self, sleutel: str, gemeente: Gemeente, begin: date, op: date, omvang: int, frequentie: str) -> Levering | None:
        kandidaten = self.c.aanbieders_voor(sleutel, gemeente, begin, op)
        jaar = omvang * JAARFACTOR[frequentie]
        while kandidaten:
            lev = self.rng.choices(kandidaten, weights=[k.gewicht for k in kandidaten])[0]
            if lev.past(jaar, begin):
                lev.boek(jaar, lev.tarief(begin) or 0)
                return lev
            kandidaten.remove(lev)
        return None

    def kies_leveringsvorm(self, sleutel: str, *, pgb_kan: bool) -> str:
        """Keep the running share of pgb grants at the Startfoto's 21%: a draw, corrected by the deficit so far."""
        if pgb_kan and ga.PRODUCT[sleutel].pgb:
            tekort = ga.AANDEEL_PGB * (self.aantal + 1) - self.aantal_pgb
            kans = min(1.0, max(0.0, 0.3 + 0.5 * tekort))
            if self.rng.random() < kans:
                return Leveringsvorm.PGB
        if self.rng.random() < ga.AANDEEL_PVB:
            return Leveringsvorm.PVB
        return Leveringsvorm.ZIN

    def tel(self, v: ToegewezenVoorziening, hh: _Hh, toegekend: date) -> ToegewezenVoorziening:
        if toegekend != v.toegekend_op:
            self.b.later(ToegewezenVoorziening, v.pk, toegekend_op=toegekend)
        self.toegekend[v.pk] = toegekend
        self.aantal += 1
        self.aantal_pgb += v.leveringsvorm == Leveringsvorm.PGB
        self.aantal_pvb += v.leveringsvorm == Leveringsvorm.PVB
        self.voorzieningen.append((v, hh))
        self.boek_lopend(v)
        self.tellers["toewijzingen"] += 1
        return v

    def jeugd_eind(self, persoon: Persoon, sleutel: str, eind: date | None) -> date | None:
        """Jeugdhulp ends the day before the 18th birthday (jeugd.regels); the demo records no verlengde jeugdhulp."""
        if ga.PRODUCT[sleutel].wet != Wet.JEUGDWET:
            return eind
        laatste = verjaardag(persoon, 18) - timedelta(days=1)
        return laatste if eind is None else min(eind, laatste)

    def einde(self, sleutel: str, begin: date, tot: date | None) -> date | None:
        if sleutel in OPEN_EINDE:
            return None
        standaard = _plus_maanden(begin, LOOPTIJD_MAANDEN.get(sleutel, 12))
        if tot is not None:
            return max(min(tot, standaard), begin + timedelta(days=60))
        return standaard

    def pgbgegevens(self, hh: _Hh, sleutel: str, persoon: Persoon, gemeente: Gemeente, begin: date) -> Pgbgegevens:
        """A pgb at or below the ceiling (cheapest contracted tariff × policy %); now and then the network is paid, by exception."""
        d = ga.PRODUCT[sleutel]
        goedkoopste = self.c.goedkoopste(sleutel, gemeente, begin)
        assert goedkoopste is not None, sleutel
        maximum = goedkoopste * int(self.beleid(Sleutel.PGB_TARIEF_PERCENTAGE, gemeente, begin)) // 100
        soort = {Eenheid.UUR: "uur", Eenheid.DAGDEEL: "dagdeel", Eenheid.ETMAAL: "etmaal"}.get(d.eenheid, "stuks")
        netwerk = soort == "uur" and self.rng.random() < 0.12
        tarief = min(maximum, 2350) if netwerk else int(maximum * self.rng.uniform(0.82, 1.0))
        naam = persoon.voornamen.split()[0]
        man = persoon.geslacht == Geslacht.MAN
        plan = self.rng.choice(ga.PGB_PLANNEN[soort]).format(naam=naam, hem="hem" if man else "haar", zijn="zijn" if man else "haar")
        beheerder = hh.vertegenwoordiger if hh.vertegenwoordiger is not None and self.rng.random() < 0.5 else None
        return Pgbgegevens(
            persoonlijk_plan=plan,
            motivering_geen_zin=self.rng.choice(ga.PGB_MOTIVERING),
            budgetvaardig=beheerder is None,
            pgb_tarief_cent=max(1, tarief),
            budgetbeheerder=beheerder.naam if beheerder is not None else "",
            sociaal_netwerk_betaald=netwerk,
            uitzondering_sociaal_netwerk=ga.PGB_NETWERK if netwerk else "",
        )

    # --- from plan actions ------------------------------------------------------------------------

    def catalogus_keuze(self, hh: _Hh, trede: str, voorziening: str) -> dict:
        """The catalogue entry a plan action names: a product for maatwerk, an entry of the sociale kaart otherwise."""
        if trede == Trede.MAATWERK:
            m = ga.MAATWERK[voorziening]
            sleutel = self.rng.choices([p for p, _ in m.producten], weights=[w for _, w in m.producten])[0]
            return {"product": self.c.producten[sleutel]}
        if trede == Trede.ALGEMENE_VOORZIENING:
            return {"algemene_voorziening": self.c.voorziening(voorziening, hh.gemeente.pk, hh.gebied.pk)}
        return {}

    def noteer_actie(self, hh: _Hh, plan: Ondersteuningsplan, actie: Actie, voorziening: str, persoon: Persoon | None) -> None:
        """The generator reports each action it adds; a maatwerk action waits for its verwijzing or aanvraag."""
        if actie.trede == Trede.MAATWERK:
            self.acties.setdefault(plan.pk, []).append((actie, voorziening, persoon))

    def toekenningen(self, hh: _Hh, plan: Ondersteuningsplan, van: date) -> list[_Toekenning]:
        """The maatwerk actions of the plan, each with its product, the person it is for and a volume."""
        uit: list[_Toekenning] = []
        for actie, voorziening, persoon in self.acties.pop(plan.pk, []):
            m = ga.MAATWERK[voorziening]
            sleutel = self.c.defs[actie.product_id].sleutel
            wie = self.persoon_voor(hh, m.voor, persoon)
            if wie is None:
                continue
            frequentie = m.frequentie or ga.PRODUCT[sleutel].frequentie
            uit.append(_Toekenning(hh, plan, actie, sleutel, wie, self.rng.choice(m.omvang), frequentie, actie.tot))
            if m.met_vervoer and self.rng.random() < m.met_vervoer:
                # Transport is a product of its own: its aanvraag belongs to the plan, not to the dagbesteding action.
                uit.append(_Toekenning(hh, plan, None, "vervoer", wie, 2 * uit[-1].omvang, ga.PRODUCT["vervoer"].frequentie, actie.tot))
        return uit

    def persoon_voor(self, hh: _Hh, voor: str, persoon: Persoon | None) -> Persoon | None:
        if voor == "kind":
            kinderen = [p for p, rol, _, eind in hh.leden if rol == LidRol.KIND and eind is None and p.leeftijd(self.vandaag) < 18]
            return self.rng.choice(kinderen) if kinderen else None
        if voor == "partner":
            return hh.partner or hh.aanvrager
        return persoon or hh.aanvrager

    def na_ondertekening(self, hh: _Hh, plan: Ondersteuningsplan, getekend: date) -> None:
        """After the plan is signed: a verwijzing or an aanvraag per maatwerk action, decided on unless still recent."""
        self.plan_van[hh.index] = plan
        plan.huishouden = hh.huishouden  # the services read plan.huishouden(.gemeente): spare them the queries
        for t in self.toekenningen(hh, plan, getekend):
            self.besluit_voor(t, getekend)

    def bij_concept(self, hh: _Hh, plan: Ondersteuningsplan, afgerond: date) -> None:
        """A plan still in concept: some actions already have an aanvraag in progress or a draft verwijzing."""
        self.plan_van[hh.index] = plan
        plan.huishouden = hh.huishouden
        for t in self.toekenningen(hh, plan, afgerond):
            if self.rng.random() >= AANDEEL_CONCEPT_AANGEVRAAGD:
                continue
            datum = self.na(afgerond, 0, 3)
            if self.indicatievrij(t.sleutel):
                self.verwijzing(t, datum, alleen_generalist=True)
            else:
                self.aanvraag(t, datum, self.kies_leveringsvorm(t.sleutel, pgb_kan=True), open_laten=True)

    def besluit_voor(self, t: _Toekenning, getekend: date) -> None:
        if self.indicatievrij(t.sleutel):
            # A pgb or pvb needs a beschikking (Wmo 2015 art. 2.3.6): by aanvraag, if besluitvorming takes one for this product.
            vorm = self.kies_leveringsvorm(t.sleutel, pgb_kan=self.pgb_bij_verwijsproduct is not False)
            if vorm == Leveringsvorm.ZIN or self.pgb_bij_verwijsproduct is False:
                self.verwijzing(t, self.na(getekend, 0, 2))
                return
        else:
            vorm = self.kies_leveringsvorm(t.sleutel, pgb_kan=True)
        self.aanvraag(t, self.na(getekend, 0, 2), vorm)

    def verwijzing(self, t: _Toekenning, opgesteld: date, *, alleen_generalist: bool = False) -> None:
        """A verwijsbrief, signed by inwoner and generalist at once and by the provider within a week (then it grants)."""
        hh, gemeente = t.hh, t.hh.gemeente
        aanbieder_tekent = opgesteld + timedelta(days=self.rng.randint(0, 6))
        klaar = not alleen_generalist and aanbieder_tekent <= self.gisteren
        begin = aanbieder_tekent + timedelta(days=self.rng.randint(0, 7))
        eind = _plus_maanden(begin, 12) if t.tot is None else max(min(t.tot, _plus_maanden(begin, 12)), begin + timedelta(days=60))
        eind = self.jeugd_eind(t.persoon, t.sleutel, eind)
        if eind < begin:
            return
        if self.overlapt(t.persoon, t.sleutel, begin, eind):
            return
        lev = self.kies_aanbieder(t.sleutel, gemeente, begin, self.vandaag, t.omvang, t.frequentie)
        if lev is None:
            return
        product = self.c.producten[t.sleutel]
        naam = t.persoon.voornamen.split()[0]
        v = besluitvorming.maak_verwijzing(
            hh.generalist, plan=t.plan, actie=t.actie, persoon=t.persoon, product=product, aanbieder=lev.aanbieder,
            omvang=t.omvang, eenheid=product.eenheid, frequentie=t.frequentie, begindatum=begin, einddatum=eind,
            hulpvraag=ga.HULPVRAAG.format(naam=naam, omschrijving=t.actie.omschrijving),
        )  # fmt: skip
        self.verwijzingen.append((v.pk, gemeente, opgesteld))
        self.b.later(Actie, t.actie.pk, uitvoerder=lev.aanbieder.naam)
        vandaag = self.vandaag
        inwoner = t.persoon.naam if t.persoon.leeftijd(vandaag) >= 18 else f"{hh.aanvrager.naam} (ouder)"
        grant = besluitvorming.onderteken_verwijzing(
            hh.generalist, v, generalist_op=vandaag,
            inwoner_op=None if alleen_generalist else vandaag, inwoner_door="" if alleen_generalist else inwoner,
            aanbieder_op=vandaag if klaar else None, aanbieder_door=lev.aanbieder.contactpersoon if klaar else "",
        )  # fmt: skip
        datums = {"opgesteld_op": opgesteld, "getekend_generalist_op": opgesteld}
        if not alleen_generalist:
            datums["getekend_inwoner_op"] = opgesteld
        if klaar:
            datums["getekend_aanbieder_op"] = aanbieder_tekent
        self.b.later(Verwijzing, v.pk, **datums)
        self.tellers["verwijzingen"] += 1
        if grant is not None:
            self.per_plan.setdefault(t.plan.pk, []).append(grant)
            self.tel(grant, hh, aanbieder_tekent)
        else:
            self.tellers["open_verwijzingen"] += 1

    def aanvraag(self, t: _Toekenning, ontvangen: date, vorm: str, *, open_laten: bool = False) -> None:
        hh, gemeente = t.hh, t.hh.gemeente
        sleutel = (t.persoon.pk, self.c.producten[t.sleutel].pk)
        if sleutel in self.open_aanvragen:
            return
        product = self.c.producten[t.sleutel]
        beslisdatum = ontvangen + timedelta(days=self.rng.randint(15, 30) if self.rng.random() < 0.08 else self.rng.randint(3, 13))
        open_laten = open_laten or beslisdatum > self.gisteren
        keuze = self.rng.random()
        self.beslist += not open_laten
        # At small scales too, at least one refusal (the third decision if none came up by chance).
        afwijzing = not open_laten and (keuze < AANDEEL_AFWIJZING or (self.beslist == 3 and not self.tellers["afwijzingen"]))
        gedeeltelijk = not open_laten and not afwijzing and keuze < AANDEEL_AFWIJZING + AANDEEL_GEDEELTELIJK and t.omvang > 1
        begin = beslisdatum + timedelta(days=self.rng.randint(0, 7))
        eind = self.jeugd_eind(t.persoon, t.sleutel, self.einde(t.sleutel, begin, t.tot))
        if eind is not None and eind < begin:
            return
        if not open_laten and not afwijzing and self.overlapt(t.persoon, t.sleutel, begin, eind):
            return
        lev = None
        if vorm != Leveringsvorm.PGB and not afwijzing and not open_laten:
            lev = self.kies_aanbieder(t.sleutel, gemeente, begin, self.vandaag, t.omvang, t.frequentie)
            if lev is None:
                return
        gevraagd = t.omvang + 1 if gedeeltelijk else t.omvang
        try:
            aanvraag = besluitvorming.maak_aanvraag(
                hh.generalist, persoon=t.persoon, product=product, leveringsvorm=vorm, omvang=gevraagd, eenheid=product.eenheid,
                frequentie=t.frequentie, ontvangen_op=ontvangen, huishouden=hh.huishouden, plan=t.plan, actie=t.actie,
                toelichting="Aanvraag na het keukentafelgesprek; afspraken staan in het ondersteuningsplan.",
            )  # fmt: skip
        except ValidationError as fout:
            if "op_verzoek_bij_verschil_van_mening" not in getattr(fout, "error_dict", {}):
                raise
            # This version of besluitvorming takes no pgb aanvraag for an indicatievrij product: refer in natura instead.
            self.pgb_bij_verwijsproduct = False
            self.verwijzing(t, ontvangen)
            return
        if self.indicatievrij(t.sleutel):
            self.pgb_bij_verwijsproduct = True
        self.b.later(Aanvraag, aanvraag.pk, aangemaakt_op=self.moment(ontvangen))
        self.tellers["aanvragen"] += 1
        if t.actie is not None and (open_laten or afwijzing):
            wie = "Zelf in te kopen met pgb" if vorm == Leveringsvorm.PGB else "Gecontracteerde aanbieder, na het besluit"
            self.b.later(Actie, t.actie.pk, uitvoerder="Niemand: de aanvraag is afgewezen" if afwijzing else wie)
        if open_laten:
            self.open_aanvragen.add(sleutel)
            self.tellers["open_aanvragen"] += 1
            return
        if afwijzing:
            b = besluitvorming.beslis(
                hh.generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING,
                motivering=self.rng.choice(ga.AFWIJZINGEN), datum_afgifte=beslisdatum,
            )  # fmt: skip
            self.beschikkingen.append((b, hh, Besluit.AFWIJZING))
            self.tellers["afwijzingen"] += 1
            return
        verzoek = Toekenningsverzoek(
            persoon=t.persoon, product=product, leveringsvorm=vorm, omvang=t.omvang, eenheid=product.eenheid,
            frequentie=t.frequentie, begindatum=begin, einddatum=eind, aanbieder=lev.aanbieder if lev else None,
        )  # fmt: skip
        if vorm == Leveringsvorm.PGB:
            verzoek.pgb = self.pgbgegevens(hh, t.sleutel, t.persoon, gemeente, begin)
        elif vorm == Leveringsvorm.PVB:
            verzoek.pvb = Pvbgegevens(
                regievaardig=True, motivering=f"De inwoner kiest zelf {lev.aanbieder.naam} uit de gecontracteerde aanbieders."
            )
        besluit = Besluit.GEDEELTELIJKE_TOEKENNING if gedeeltelijk else Besluit.TOEKENNING
        motivering = ga.GEDEELTELIJK if gedeeltelijk else self.rng.choice(ga.TOEKENNING)
        b = besluitvorming.beslis(
            hh.generalist, aanvraag, aanvraag.version, besluit=besluit, motivering=motivering, datum_afgifte=beslisdatum, verzoek=verzoek
        )
        grant = ToegewezenVoorziening.objects.get(beschikking=b)
        if t.actie is not None:
            self.b.later(Actie, t.actie.pk, uitvoerder="Zelf ingekochte hulp via pgb" if lev is None else lev.aanbieder.naam)
        self.beschikkingen.append((b, hh, besluit))
        if t.plan is not None:
            self.per_plan.setdefault(t.plan.pk, []).append(grant)
        self.tel(grant, hh, beslisdatum)
        if beslisdatum - ontvangen > timedelta(days=14) and self.rng.random() < 0.3:
            self.klacht(hh, t.persoon, None, beslisdatum + timedelta(days=self.rng.randint(1, 10)))

    def na_evaluatie(self, hh: _Hh, plan: Ondersteuningsplan, op: date, besluit: str) -> None:
        """Closing a plan ends its grants (reason 'volgens plan' mostly); continuing it extends grants that run out."""
        if besluit == EvaluatieBesluit.AFSLUITEN:
            self.plan_van.pop(hh.index, None)
        for v in self.per_plan.get(plan.pk, []):
            v.refresh_from_db(fields=["status", "einddatum", "version"])
            if v.status != "actief" or v.begindatum > op:
                continue
            if besluit == EvaluatieBesluit.AFSLUITEN:
                if v.einddatum is not None and v.einddatum <= op:
                    continue
                redenen = redenen_beeindiging(self.c.defs[v.product_id].wet)
                reden = self.rng.choices(
                    (redenen.VOLGENS_PLAN, redenen.IN_OVERLEG, redenen.ANDER_DOMEIN, redenen.DOOR_CLIENT), weights=(70, 15, 10, 5)
                )[0]
                oud = v.einddatum
                services.beeindig(
                    hh.generalist, v, v.version, reden_beeindiging=reden, per=op, toelichting="Ondersteuningsplan afgesloten."
                )
                self.mutatiedata[(v.pk, "beeindiging")] = op
                self.boek_lopend(v, oud, gewijzigd=True)
                self.tellers["beeindigd"] += 1
            elif besluit == EvaluatieBesluit.VOORTZETTEN and v.einddatum is not None and v.einddatum <= op + timedelta(days=60):
                oud = v.einddatum
                try:
                    services.wijzig(
                        hh.generalist, v, v.version, reden_wijziging=RedenWijziging.VERLENGING,
                        toelichting="Verlengd na de evaluatie: de ondersteuning is nog nodig.", einddatum=_plus_maanden(v.einddatum, 12),
                    )  # fmt: skip
                except ValidationError:
                    continue  # e.g. the provider's evidence has expired meanwhile: no extension
                self.mutatiedata[(v.pk, "wijziging")] = op
                self.boek_lopend(v, oud, gewijzigd=True)
                self.tellers["verlengd"] += 1

    def bij_acuut(self, hh: _Hh, datum: date) -> None:
        """Acute unsafety in a family: crisisopvang for a child, decided within days (seed 002: crisis regionaal)."""
        if hh.profiel.code not in ("gezin", "eenoudergezin") or self.rng.random() >= 0.5:
            return
        kind = self.persoon_voor(hh, "kind", None)
        if kind is None:
            return
        t = _Toekenning(hh, None, None, "crisis", kind, 7, ga.PRODUCT["crisis"].frequentie, None)
        begin = datum
        lev = self.kies_aanbieder("crisis", hh.gemeente, begin, self.vandaag, 7, t.frequentie)
        if lev is None:
            return
        product = self.c.producten["crisis"]
        aanvraag = besluitvorming.maak_aanvraag(
            hh.generalist, persoon=kind, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=7, eenheid=product.eenheid,
            frequentie=t.frequentie, ontvangen_op=datum, huishouden=hh.huishouden,
            toelichting="Spoedaanvraag na een crisismelding: opvang tot er een veilige plek is.",
        )  # fmt: skip
        self.b.later(Aanvraag, aanvraag.pk, aangemaakt_op=self.moment(datum))
        afgifte = min(datum + timedelta(days=self.rng.randint(0, 2)), self.gisteren)
        verzoek = Toekenningsverzoek(
            persoon=kind, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=7, eenheid=product.eenheid, frequentie=t.frequentie,
            begindatum=begin, einddatum=begin + timedelta(days=27), aanbieder=lev.aanbieder,
        )  # fmt: skip
        b = besluitvorming.beslis(
            hh.generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, datum_afgifte=afgifte, verzoek=verzoek,
            motivering="Acute onveiligheid thuis; crisisopvang is nodig tot er een veilige oplossing is (Jeugdwet art. 2.3).",
        )  # fmt: skip
        self.tellers["aanvragen"] += 1
        self.tel(ToegewezenVoorziening.objects.get(beschikking=b), hh, afgifte)

    # --- overgangsrecht ---------------------------------------------------------------------------

    def overgangsrecht(self, huishoudens: list[_Hh], backoffice: dict[int, Medewerker]) -> None:
        """Existing indications (CIZ, oude Wmo, BJZ, pgb) imported per gemeente through the overgangsrecht import,
        on the day the region started working with its new contracts; each gets a herbeoordeling in its cohort."""
        start = self.vandaag - timedelta(days=600)  # the oldest demo household was formed before this day
        per_gemeente: dict[int, list[tuple[_Hh, list[str]]]] = {}
        for hh in huishoudens:
            if hh.fase not in OVERGANGSFASEN or self.rng.random() >= AANDEEL_OVERGANGSRECHT:
                continue
            passend = [(bron, s, o) for bron, s, profielen, o in ga.OVERGANGSRECHT if hh.profiel.code in profielen]
            if not passend:
                continue
            bron, sleutel, omvangen = self.rng.choice(passend)
            d = ga.PRODUCT[sleutel]
            persoon = self.persoon_voor(hh, "kind", None) if d.wet == Wet.JEUGDWET else hh.aanvrager
            if persoon is None or persoon.leeftijd(start) < 0:
                continue
            eind = _maandeinde(self.vandaag + timedelta(days=self.rng.randint(-60, 300)))
            eind = self.jeugd_eind(persoon, sleutel, eind)
            if eind < start:
                continue
            vorm = self.kies_leveringsvorm(sleutel, pgb_kan=True)
            omvang = self.rng.choice(omvangen)
            agb = tarief = ""
            if vorm == Leveringsvorm.PGB:
                bron = "pgb" if sleutel in ga.PGB_OVERGANG and bron != "BJZ" else bron
                maximum = (
                    self.c.goedkoopste(sleutel, hh.gemeente, start)
                    * int(self.beleid(Sleutel.PGB_TARIEF_PERCENTAGE, hh.gemeente, start))
                    // 100
                )
                tarief = f"{int(maximum * self.rng.uniform(0.85, 1.0)) / 100:.2f}".replace(".", ",")
            else:
                lev = self.kies_aanbieder(sleutel, hh.gemeente, start, start, omvang, d.frequentie)
                if lev is None:
                    continue
                agb = lev.aanbieder.agb_code
            # Counted now, so the running pgb share steers the next rows of the file too.
            self.aantal += 1
            self.aantal_pgb += vorm == Leveringsvorm.PGB
            self.aantal_pvb += vorm == Leveringsvorm.PVB
            rij = [persoon.bsn, d.wet, d.categorie, d.code, str(omvang), d.eenheid, d.frequentie, f"{start:%d-%m-%Y}",
                   f"{eind:%d-%m-%Y}", bron, vorm, agb, tarief]  # fmt: skip
            per_gemeente.setdefault(hh.gemeente.pk, []).append((hh, rij))
        kop = ["bsn", "wet", "productcategorie", "productcode", "omvang", "eenheid", "frequentie", "begindatum", "einddatum", "bron",
               "leveringsvorm", "aanbieder_agb", "pgb_tarief"]  # fmt: skip
        for rijen in per_gemeente.values():
            gemeente = rijen[0][0].gemeente
            door = backoffice[gemeente.pk]
            inhoud = "\n".join(";".join(r) for r in [kop, *(rij for _, rij in rijen)]) + "\n"
            with _stil(overgangsrecht.logger):
                rapport = overgangsrecht.importeer(
                    door, inhoud.encode(), gemeente, bestandsnaam=f"indicaties_{slugify(gemeente.naam)}_{start:%Y%m%d}.csv", op=start
                )
            if not rapport.ok:
                fouten = "; ".join(f"rij {f.rij} {f.kolom}: {f.reden}" for f in rapport.fouten[:5]) or rapport.bestandsfout
                raise RuntimeError(f"Overgangsrecht {gemeente}: {fouten}")
            self.b.later(Indicatieimport, rapport.indicatieimport.pk, geimporteerd_op=self.moment(start))
            per_persoon = {hh.aanvrager.pk: hh for hh, _ in rijen} | {p.pk: hh for hh, _ in rijen for p, *_ in hh.leden}
            grants = ToegewezenVoorziening.objects.filter(grondslag=Grondslag.OVERGANGSRECHT, gemeente=gemeente).select_related(
                "herbeoordeling", "aanbieder"
            )
            for v in grants:
                hh = per_persoon[v.persoon_id]
                self.voorzieningen.append((v, hh))
                self.boek_lopend(v)
                self.toegekend[v.pk] = start
                self.tellers["toewijzingen"] += 1
                self.tellers["overgangsrecht"] += 1
                h = v.herbeoordeling
                if h.uiterlijk_op < self.vandaag - timedelta(days=7) and self.rng.random() < 0.8:
                    uitkomst = self.rng.choice(("voortgezet", "algemene_voorziening", "gewijzigd"))
                    overgangsrecht.rond_herbeoordeling_af(
                        door, h, uitkomst, "Gesprek gevoerd aan de keukentafel.", op=self.na(h.uiterlijk_op, -30, 5)
                    )
                self.tellers["herbeoordelingen"] += 1

    # --- legal protection, checks, worklists --------------------------------------------------------

    def klacht(self, hh: _Hh, persoon: Persoon, aanbieder, ontvangen: date) -> None:
        if ontvangen > self.gisteren:
            return
        door = self.b.backoffice[hh.gemeente.pk]
        over = KlachtOver.AANBIEDER if aanbieder is not None else KlachtOver.GEMEENTE
        tekst = self.rng.choice(ga.KLACHTEN_AANBIEDER if aanbieder is not None else ga.KLACHTEN_GEMEENTE)
        k = rechtsbescherming.registreer_klacht(
            door, persoon=persoon, huishouden=hh.huishouden, over=over, aanbieder=aanbieder, ontvangen_op=ontvangen, omschrijving=tekst
        )
        if ontvangen + timedelta(days=42) < self.vandaag:
            wie = aanbieder.naam if aanbieder is not None else "de consulent"
            rechtsbescherming.handel_klacht_af(
                door, k, afgehandeld_op=self.na(ontvangen, 10, 42), afhandeling=ga.KLACHTAFHANDELING.format(wie=wie)
            )
        self.tellers["klachten"] += 1

    def rechtsbescherming(self) -> None:
        """Bezwaren against some refusals and partial grants, second opinions, and complaints about providers."""
        for i, (b, hh, besluit) in enumerate(self.beschikkingen):
            kans = {Besluit.AFWIJZING: 0.45, Besluit.GEDEELTELIJKE_TOEKENNING: 0.35}.get(besluit, 0.0)
            eerste_afwijzing = besluit == Besluit.AFWIJZING and not self.tellers["bezwaren"] and i == self._eerste_afwijzing()
            if self.rng.random() >= kans and not eerste_afwijzing:
                continue
            ontvangen = b.datum_afgifte + timedelta(days=self.rng.randint(7, 44))
            if eerste_afwijzing:
                ontvangen = min(ontvangen, self.gisteren)
            if ontvangen > self.gisteren:
                continue
            door = self.b.backoffice[hh.gemeente.pk]
            route = self.rng.choices(BezwaarRoute.values, weights=(60, 15, 25))[0]
            bezwaar = rechtsbescherming.registreer_bezwaar(
                door, b, ontvangen_op=ontvangen, gronden=self.rng.choice(ga.BEZWAARGRONDEN), route=route, verschoonbaar=True
            )
            self.tellers["bezwaren"] += 1
            if ontvangen + timedelta(days=50) < self.vandaag and self.rng.random() < 0.8:
                uitkomst = self.rng.choices(
                    (BezwaarUitkomst.ONGEGROND, BezwaarUitkomst.INGETROKKEN, BezwaarUitkomst.GEGROND), weights=(50, 35, 15)
                )[0]
                rechtsbescherming.rond_bezwaar_af(
                    door, bezwaar, bezwaar.version, uitkomst=uitkomst, beslist_op=self.na(ontvangen, 20, 50),
                    toelichting=ga.BEZWAARUITKOMSTEN[uitkomst],
                )  # fmt: skip
            if besluit == Besluit.AFWIJZING and self.rng.random() < 0.4:
                collega = next(m for m in self.b.teams[hh.gebied.pk]["generalisten"] if m.pk != b.afgegeven_door_id)
                if collega.get_full_name().casefold() == b.afgegeven_door.get_full_name().casefold():
                    continue
                so = rechtsbescherming.vraag_second_opinion(
                    door, persoon=b.aanvraag.persoon, huishouden=hh.huishouden, beschikking=b, aangevraagd_op=ontvangen,
                    vraag="De inwoner vraagt een andere consulent mee te kijken naar de afwijzing.",
                    uitgevoerd_door=collega.get_full_name(),
                )  # fmt: skip
                if ontvangen + timedelta(days=30) < self.vandaag:
                    rechtsbescherming.rond_second_opinion_af(
                        door,
                        so,
                        afgerond_op=self.na(ontvangen, 10, 30),
                        uitkomst="De second opinion bevestigt het besluit; uitleg gegeven.",
                    )
                self.tellers["second_opinions"] += 1
        for v, hh in self.voorzieningen:
            if v.aanbieder is None or (self.rng.random() >= 0.02 and self.tellers["klachten"]):
                continue
            self.klacht(hh, v.persoon, v.aanbieder, v.begindatum + timedelta(days=self.rng.randint(20, 200)))

    def _eerste_afwijzing(self) -> int:
        return next((i for i, (_, _, besluit) in enumerate(self.beschikkingen) if besluit == Besluit.AFWIJZING), -1)

    def rechtmatigheidstoetsen(self) -> None:
        """The backoffice's quarterly sample (policy: 10% of the grants) through `rechtmatigheid`; older ones judged."""
        ToegewezenVoorziening.objects.bulk_update(
            [ToegewezenVoorziening(pk=pk, toegekend_op=d) for pk, d in self.toegekend.items()], ["toegekend_op"], batch_size=500
        )  # the sample selects on the decision date, so the past dates must be in place first
        eerste = min(self.toegekend.values(), default=self.vandaag)
        kwartalen = []
        k = date(eerste.year, 3 * ((eerste.month - 1) // 3) + 1, 1)
        while k <= self.gisteren:
            volgend = date(k.year + (k.month == 10), (k.month + 2) % 12 + 1, 1)
            kwartalen.append((k, min(volgend - timedelta(days=1), self.gisteren)))
            k = volgend
        for door in self.b.backoffice.values():
            gemeente = door.gemeente
            for van, tot in kwartalen:
                toetsen = rechtmatigheid.selecteer_steekproef(door, gemeente, van, tot, seed=f"demo-{gemeente.gemeentecode}-{van:%Y%m}")
                geselecteerd = min(tot + timedelta(days=self.rng.randint(5, 20)), self.gisteren)
                for toets in toetsen:
                    self.b.later(Rechtmatigheidstoets, toets.pk, geselecteerd_op=geselecteerd)
                    if tot < self.vandaag - timedelta(days=60) and self.rng.random() < 0.85:
                        rechtmatigheid.beoordeel(
                            door, toets, uitkomst=ToetsUitkomst.RECHTMATIG,
                            bevinding="Onderzoek, ondersteuningsplan en besluit sluiten op elkaar aan; tarief volgens contract.",
                        )  # fmt: skip
                        self.b.later(Rechtmatigheidstoets, toets.pk, getoetst_op=self.na(geselecteerd, 5, 40))
                    else:
                        self.tellers["rechtmatigheidstoetsen_open"] += 1
                self.tellers["rechtmatigheidstoetsen"] += len(toetsen)

    def werkvoorraad_sassenheim(self, huishoudens: list[_Hh]) -> None:
        """The demo login generalist.sassenheim gets open aanvragen: one on time, one near and one past its deadline."""
        gen = Medewerker.objects.get(username="generalist.sassenheim")
        open_ = Aanvraag.objects.filter(behandelaar=gen, status="open").count()
        eigen = [h for h in huishoudens if h.generalist and h.generalist.pk == gen.pk and h.index in self.plan_van]
        eigen = [h for h in eigen if h.profiel.code in ("oudere_alleen", "ouder_echtpaar")] or eigen
        for dagen, hh in zip((4, 10, 17), eigen, strict=False):
            if open_ >= 3:
                return
            for sleutel in ("scootmobiel", "pv", "hbh_plus", "traplift"):
                product = self.c.producten[sleutel]
                if (hh.aanvrager.pk, product.pk) in self.open_aanvragen or self.overlapt(hh.aanvrager, sleutel, self.vandaag, None):
                    continue
                ontvangen = self.vandaag - timedelta(days=dagen)
                a = besluitvorming.maak_aanvraag(
                    gen, persoon=hh.aanvrager, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=2 if sleutel == "pv" else 1,
                    eenheid=product.eenheid, frequentie=product.frequentie, ontvangen_op=ontvangen, huishouden=hh.huishouden,
                    plan=self.plan_van[hh.index], toelichting="Nieuwe vraag bij de evaluatie van het plan; onderzoek aangevuld.",
                )  # fmt: skip
                self.b.later(Aanvraag, a.pk, aangemaakt_op=self.moment(ontvangen))
                self.open_aanvragen.add((hh.aanvrager.pk, product.pk))
                self.tellers["aanvragen"] += 1
                self.tellers["open_aanvragen"] += 1
                open_ += 1
                break

    def afronden(self) -> None:
        """Give the verwijzingen a reference of their own year, and date the grant mutations back."""
        per_reeks: dict[tuple[int, int], list[int]] = {}
        gemeenten: dict[int, Gemeente] = {}
        for pk, gemeente, opgesteld in self.verwijzingen:
            if opgesteld.year != self.vandaag.year:
                per_reeks.setdefault((gemeente.pk, opgesteld.year), []).append(pk)
                gemeenten[gemeente.pk] = gemeente
        for (gemeente_pk, jaar), pks in per_reeks.items():
            gemeente = gemeenten[gemeente_pk]
            nummers = services.reserveer_nummers(gemeente, f"verwijzing-{jaar}", len(pks))
            for pk, nummer in zip(pks, nummers, strict=True):
                self.b.later(Verwijzing, pk, kenmerk=f"V{gemeente.gemeentecode}-{jaar}-{nummer:06d}")
        mutaties = []
        for m in Voorzieningmutatie.objects.filter(voorziening_id__in=list(self.toegekend)).only("pk", "voorziening_id", "soort"):
            m.tijdstip = self.moment(self.mutatiedata.get((m.voorziening_id, m.soort)) or self.toegekend[m.voorziening_id])
            mutaties.append(m)
        Voorzieningmutatie.objects.bulk_update(mutaties, ["tijdstip"], batch_size=500)
