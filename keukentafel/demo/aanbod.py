"""The demo catalogue: maatwerk products, providers with quality evidence, contracts with yearly tariffs, and the sociale kaart.

Catalogue records have no flow invariants, so they are bulk-inserted like the organisation (the grant rules only
read them). Tariff periods follow the convention of `aanbod.beheer.leg_tarief_vast`: each year's tariff ends the
day before the next one starts, the last one is open. The contract years are relative to today, so the demo
grants (dated up to ~18 months back) always find a running contract and tariff. Figures: gegevens_aanbod.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.utils import timezone
from django.utils.text import slugify

from keukentafel.aanbod.models import (
    Aanbieder,
    AlgemeneVoorziening,
    Contract,
    Contracthistorie,
    Kwaliteitsbewijs,
    Pakketniveau,
    Product,
    SoortContract,
    SoortKwaliteitsbewijs,
    Tarief,
)
from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Regio
from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.codelijsten import Frequentie, Wet

from . import gegevens as g
from . import gegevens_aanbod as ga

#: Range of the demo AGB codes (fictitious; the test factories use 73.000.000+).
AGB_BASIS = 98_100_000
VERPLICHT = ("vog_beleid", "meldcode", "klachtenregeling")
POSTCODELETTERS = "ABCDEGHJKLMNPRTVWXZ"
#: Units per year per unit of omvang (as regels.JAARFACTOR): to keep the demo under the contract ceilings.
JAARFACTOR = {Frequentie.PER_DAG: 364, Frequentie.PER_WEEK: 52, Frequentie.PER_MAAND: 12, Frequentie.TOTAAL: 1}


def bestaande_catalogus() -> list[str]:
    """Demo products or AGB codes that are taken: the demo loads into an empty catalogue only."""
    bezet = [
        str(p)
        for p in Product.objects.all()
        if (p.wet, p.productcategorie, p.productcode) in {(d.wet, d.categorie, d.code) for d in ga.PRODUCTEN}
    ]
    aantal = len(ga.AANBIEDERS) + len(ga.WELZIJN) + len(ga.SUBSIDIEPARTNERS)
    agb = Aanbieder.objects.filter(agb_code__gte=str(AGB_BASIS), agb_code__lt=str(AGB_BASIS + 100 * aantal + 100))
    return bezet + [f"AGB {a}" for a in agb.values_list("agb_code", flat=True)]


@dataclass
class Levering:
    """One provider's offer of one product: under which contract, where, at which tariff per year, until when qualified."""

    aanbieder: Aanbieder
    contract: Contract
    gemeente_id: int | None  # local contract: only this gemeente; None: the whole regio
    gewicht: int
    tarieven: dict[int, int]  # year -> cents; the last year's tariff stays open
    bewijs_tot: date | None  # mandatory evidence valid until (None: no end)
    ruimte: int | None = None  # units per year left under a volume ceiling
    budget: int | None = None  # cents per year left under a budget ceiling

    def tarief(self, datum: date) -> int | None:
        jaren = sorted(self.tarieven)
        if not jaren or datum < self.contract.begindatum or (self.contract.einddatum and datum > self.contract.einddatum):
            return None
        if datum.year < jaren[0]:
            return None
        if datum.year > jaren[-1]:
            # Last tariff is open-ended, unless the contract (and its tariffs) ended.
            return self.tarieven[jaren[-1]] if self.contract.einddatum is None or self.contract.einddatum >= datum else None
        return self.tarieven.get(datum.year)

    def bindt(self, gemeente: Gemeente) -> bool:
        return self.gemeente_id is None or self.gemeente_id == gemeente.pk

    def gekwalificeerd_op(self, datum: date) -> bool:
        return self.aanbieder.actief and (self.bewijs_tot is None or self.bewijs_tot >= datum)

    def past(self, jaareenheden: int, datum: date) -> bool:
        """Whether a grant of this many units per year stays under the contract's ceilings (tracked here)."""
        if self.ruimte is not None and jaareenheden > self.ruimte:
            return False
        return self.budget is None or jaareenheden * (self.tarief(datum) or 0) <= self.budget

    def boek(self, jaareenheden: int, tarief: int) -> None:
        if self.ruimte is not None:
            self.ruimte -= jaareenheden
        if self.budget is not None:
            self.budget -= jaareenheden * tarief


@dataclass
class Catalogus:
    jaren: list[int]
    producten: dict[str, Product] = field(default_factory=dict)
    defs: dict[int, ga.ProductDef] = field(default_factory=dict)  # product pk -> definition
    aanbieders: dict[str, Aanbieder] = field(default_factory=dict)
    leveringen: dict[str, list[Levering]] = field(default_factory=dict)  # product key -> offers
    voorzieningen: dict[str, list[tuple[AlgemeneVoorziening, int | None, int | None]]] = field(default_factory=dict)
    tellers: dict[str, int] = field(default_factory=dict)

    def aanbieders_voor(self, sleutel: str, gemeente: Gemeente, begindatum: date, op: date) -> list[Levering]:
        """Providers that can deliver this product in this gemeente from `begindatum`, qualified on `op`."""
        return [
            lev
            for lev in self.leveringen.get(sleutel, [])
            if lev.bindt(gemeente) and lev.tarief(begindatum) is not None and lev.gekwalificeerd_op(op)
        ]

    def goedkoopste(self, sleutel: str, gemeente: Gemeente, datum: date) -> int | None:
        """The cheapest contracted tariff (as `aanbod.services.goedkoopste_zin_tarief`): the pgb ceiling."""
        tarieven = [
            t
            for lev in self.leveringen.get(sleutel, [])
            if lev.aanbieder.actief and lev.bindt(gemeente) and (t := lev.tarief(datum)) is not None
        ]
        return min(tarieven) if tarieven else None

    def voorziening(self, sleutel: str, gemeente_id: int, gebied_id: int) -> AlgemeneVoorziening | None:
        """The entry of the sociale kaart a plan action names: the one in the gebied, else the gemeente's, else the region's."""
        kandidaten = self.voorzieningen.get(sleutel, [])
        for past in (lambda gm, gb: gb == gebied_id, lambda gm, gb: gm == gemeente_id and gb is None, lambda gm, gb: gm is None):
            for av, gm, gb in kandidaten:
                if past(gm, gb):
                    return av
        return None


class _Catalogusbouwer:
    def __init__(self, rng: random.Random, regio: Regio, vandaag: date, beheerder: Medewerker | None):
        self.rng = rng
        self.regio = regio
        self.vandaag = vandaag
        self.beheerder = beheerder
        eerste = (vandaag - timedelta(days=600)).year  # the oldest demo grant is ~18 months old
        self.jaren = list(range(eerste, vandaag.year + 1))
        self.begin = date(eerste, 1, 1)
        self.gemeenten = {gm.naam: gm for gm in Gemeente.objects.filter(regio=regio)}
        self.gebieden = list(Gebied.objects.filter(gemeente__regio=regio).select_related("gemeente").order_by("pk"))
        self.leefgebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
        self.catalogus = Catalogus(self.jaren)
        self.agb_codes = rng.sample(
            range(AGB_BASIS, AGB_BASIS + 100 * 100), k=len(ga.AANBIEDERS) + len(ga.WELZIJN) + len(ga.SUBSIDIEPARTNERS)
        )
        self.historie: list[tuple[Contracthistorie, datetime]] = []

    def moment(self, d: date) -> datetime:
        return timezone.make_aware(datetime.combine(d, dtime(self.rng.randint(9, 16), self.rng.choice((0, 15, 30, 45)))))

    def telefoon(self, plaats: str) -> str:
        """A Dutch landline number: area code plus subscriber number, ten digits in all."""
        net = ga.NETNUMMERS.get(plaats, "0252")
        n = 10 - len(net)
        return f"{net}-{self.rng.randint(2 * 10 ** (n - 1), 10**n - 1)}"

    # --- products and policy --------------------------------------------------------------------

    def producten(self) -> None:
        objecten = [
            Product(
                wet=d.wet,
                productcategorie=d.categorie,
                productcode=d.code,
                naam=d.naam,
                omschrijving=d.omschrijving,
                eenheid=d.eenheid,
                frequentie=d.frequentie,
                pgb_mogelijk=d.pgb,
            )
            for d in ga.PRODUCTEN
        ]
        Product.objects.bulk_create(objecten)
        for d, p in zip(ga.PRODUCTEN, objecten, strict=True):
            self.catalogus.producten[d.sleutel] = p
            self.catalogus.defs[p.pk] = d

    def beleid(self) -> None:
        """Seed 000 uitgangspunt 4 ("ja, tenzij"): begeleiding, dagbesteding and ambulante jeugdhulp by referral."""
        Beleidsinstelling.objects.bulk_create(
            Beleidsinstelling(
                sleutel=Sleutel.INDICATIEVRIJ,
                gemeente=gemeente,
                waarde=list(ga.INDICATIEVRIJ),
                geldig_vanaf=date(2015, 1, 1),
                bron=ga.INDICATIEVRIJ_BRON,
                vastgesteld_door=self.beheerder,
            )
            for gemeente in self.gemeenten.values()
        )

    # --- providers ------------------------------------------------------------------------------

    def aanbieder(self, i: int, naam: str, plaats: str, straat: str, *, actief: bool = True) -> Aanbieder:
        voornaam, voorvoegsel, achternaam = self.rng.choice(g.VOORNAMEN["midden"][self.rng.choice("MV")]), *self.rng.choice(g.ACHTERNAMEN)
        slug = slugify(naam.replace("&", "en"))
        return Aanbieder(
            naam=naam,
            agb_code=f"{self.agb_codes[i]:08d}",
            kvk_nummer=f"{self.rng.randint(50_000_000, 72_999_999):08d}",
            contactpersoon=" ".join(x for x in (voornaam, voorvoegsel, achternaam) if x),
            email=f"info@{slug}.example",
            telefoon=self.telefoon(plaats),
            adres=straat,
            plaats=plaats,
            actief=actief,
        )

    def aanbieders(self) -> None:
        defs: list[tuple[str, str, str, bool]] = [(d.naam, d.plaats, d.straat, not d.inactief) for d in ga.AANBIEDERS]
        defs += [(naam, naam.removeprefix("Welzijn "), f"{self.straat_in(naam.removeprefix('Welzijn '))}", True) for naam in ga.WELZIJN]
        defs += [(naam, plaats, straat, True) for naam, plaats, straat, _ in ga.SUBSIDIEPARTNERS]
        objecten = [self.aanbieder(i, *d[:3], actief=d[3]) for i, d in enumerate(defs)]
        Aanbieder.objects.bulk_create(objecten)
        self.catalogus.aanbieders = {a.naam: a for a in objecten}
        self.kwaliteitsbewijzen(objecten)

    def straat_in(self, gemeente: str) -> str:
        gebied = next(gb for gm in g.GEMEENTEN if gm.naam == gemeente for gb in gm.gebieden)
        return f"{self.rng.choice(gebied.straten)} {self.rng.randint(1, 120)}"

    def kwaliteitsbewijzen(self, aanbieders: list[Aanbieder]) -> None:
        """Mandatory evidence for all; a few providers let their VOG-beleid or meldcode expire (no new grants)."""
        verlopen = {d.naam: d.verlopen for d in ga.AANBIEDERS if d.verlopen}
        self.bewijs_tot: dict[str, date | None] = {}
        rijen = []
        omschrijvingen = {
            "vog_beleid": "VOG-beleid: alle medewerkers met cliëntcontact hebben een VOG van ten hoogste drie jaar oud.",
            "meldcode": "Meldcode huiselijk geweld en kindermishandeling met afwegingskader, aandachtsfunctionaris benoemd.",
            "klachtenregeling": "Klachtenregeling en aansluiting bij een erkende geschilleninstantie (Wkkgz).",
            "certificering": "HKZ-certificaat Zorg en Welzijn.",
            "verzekering": "Bedrijfs- en beroepsaansprakelijkheidsverzekering, polis gecontroleerd.",
        }
        for a in aanbieders:
            vanaf = self.begin - timedelta(days=self.rng.randint(120, 1500))
            gecontroleerd = vanaf + timedelta(days=self.rng.randint(3, 30))
            soorten = list(VERPLICHT)
            if self.rng.random() < 0.6:
                soorten.append(SoortKwaliteitsbewijs.CERTIFICERING)
            if self.rng.random() < 0.8:
                soorten.append(SoortKwaliteitsbewijs.VERZEKERING)
            tot_alle: date | None = None
            for soort in soorten:
                tot: date | None = None
                if soort == verlopen.get(a.naam):
                    tot = self.vandaag - timedelta(days=self.rng.randint(20, 75))
                    tot_alle = tot
                elif soort == SoortKwaliteitsbewijs.CERTIFICERING:
                    tot = date(self.vandaag.year + self.rng.randint(1, 2), self.rng.randint(1, 12), 1)
                elif soort == SoortKwaliteitsbewijs.VERZEKERING:
                    tot = date(self.vandaag.year, 12, 31)
                elif soort == "vog_beleid" and self.rng.random() < 0.1:
                    tot = self.vandaag + timedelta(days=self.rng.randint(20, 80))  # due soon: the UI warns
                rijen.append(
                    Kwaliteitsbewijs(
                        aanbieder=a,
                        soort=soort,
                        omschrijving=omschrijvingen[soort],
                        geldig_vanaf=vanaf,
                        geldig_tot=tot,
                        gecontroleerd_door=self.beheerder,
                        gecontroleerd_op=min(gecontroleerd, self.vandaag - timedelta(days=1)),
                    )
                )
            self.bewijs_tot[a.naam] = tot_alle
        Kwaliteitsbewijs.objects.bulk_create(rijen)
        self.catalogus.tellers["kwaliteitsbewijzen"] = len(rijen)

    # --- contracts and tariffs --------------------------------------------------------------------

    def contracten(self) -> None:
        eind = date(self.begin.year + ga.CONTRACTJAREN - 1, 12, 31)
        contracten: list[Contract] = []
        pakketten: list[tuple[Contract, ga.AanbiederDef, tuple[str, ...]]] = []
        nummers: dict[str, int] = {}

        def kenmerk(prefix: str) -> str:
            nummers[prefix] = nummers.get(prefix, 0) + 1
            return f"{prefix}-{self.begin.year}-{nummers[prefix]:03d}"

        jaren = f"{self.begin.year}–{eind.year}"
        for d in ga.AANBIEDERS:
            aanbieder = self.catalogus.aanbieders[d.naam]
            per_wet: dict[str, list[str]] = {}
            for sleutel in d.producten:
                per_wet.setdefault(ga.PRODUCT[sleutel].wet, []).append(sleutel)
            for wet, sleutels in per_wet.items():
                jeugd = wet == Wet.JEUGDWET
                velden: dict = {"aanbieder": aanbieder, "begindatum": self.begin, "einddatum": eind}
                if d.gemeente:
                    gemeente = self.gemeenten[d.gemeente]
                    velden |= {
                        "kenmerk": kenmerk(gemeente.gemeentecode),
                        "naam": f"Inkoopcontract {'jeugdhulp' if jeugd else 'Wmo'} lokaal pakket {gemeente.naam} {jaren}",
                        "soort": SoortContract.INKOOPCONTRACT,
                        "gemeente": gemeente,
                        "niveau": Pakketniveau.LOKAAL,
                        "toelichting": "Lokaal pakket, dichtbij georganiseerd (seed 002: begeleiding subregionaal / lokaal).",
                    }
                else:
                    boven = jeugd and any(s in ("jeugd_verblijf", "crisis", "pleegzorg") for s in sleutels)
                    velden |= {
                        "kenmerk": kenmerk("HR-JW" if jeugd else "BS-WMO"),
                        "naam": (
                            f"Raamovereenkomst Jeugdhulp Holland Rijnland {jaren}"
                            if jeugd
                            else f"Raamovereenkomst Wmo-maatwerk Bollenstreek {jaren}"
                        ),
                        "soort": SoortContract.RAAMOVEREENKOMST,
                        "regio": self.regio,
                        "niveau": Pakketniveau.BOVENREGIONAAL if boven else Pakketniveau.REGIONAAL,
                        "toelichting": "Gezamenlijk opdrachtgeverschap van de vijf gemeenten (seed 002_76fcc364857742d7.txt).",
                    }
                if d.soort == "lumpsum":
                    velden |= {
                        "soort": SoortContract.LUMPSUM,
                        "naam": f"Lumpsumcontract jeugd-ggz {jaren}",
                        "budgetplafond_cent": 20_000_000,
                        "toelichting": "Vast budget per jaar; toewijzingen worden geregistreerd voor de monitoring van het plafond.",
                    }
                if d.naam == "Logeerhuis De Vlinder":
                    velden["volumeplafond"] = 650
                    velden["toelichting"] = "Volumeplafond: ten hoogste 650 etmalen logeeropvang per jaar."
                if d.naam == "Huishoudelijke Hulp Holland Rijnland":
                    velden["budgetplafond_cent"] = 11_000_000
                    velden["toelichting"] = "Budgetplafond per jaar; bij overschrijding eerst overleg met de contractmanager."
                if d.inactief:
                    velden["einddatum"] = date(self.begin.year, 12, 31)
                    velden["toelichting"] = "Beëindigd na het eerste jaar: de aanbieder is gestopt; cliënten zijn overgezet."
                contract = Contract(**velden)
                contracten.append(contract)
                pakketten.append((contract, d, tuple(sleutels)))
        for naam in ga.WELZIJN:
            gemeente = self.gemeenten[naam.removeprefix("Welzijn ")]
            contracten.append(
                Contract(
                    kenmerk=kenmerk(f"SUB-{gemeente.gemeentecode}"),
                    naam=f"Subsidie welzijn en algemene voorzieningen {gemeente.naam}",
                    soort=SoortContract.SUBSIDIE,
                    aanbieder=self.catalogus.aanbieders[naam],
                    gemeente=gemeente,
                    niveau=Pakketniveau.LOKAAL,
                    begindatum=self.begin,
                    einddatum=date(self.vandaag.year, 12, 31),
                    budgetplafond_cent=ga.SUBSIDIE_WELZIJN[gemeente.naam] * 100,
                    toelichting="Jaarlijkse subsidie voor ontmoeting, mantelzorgondersteuning, vrijwilligers en maatschappelijk werk.",
                )
            )
        for naam, _, _, bedrag in ga.SUBSIDIEPARTNERS:
            contracten.append(
                Contract(
                    kenmerk=kenmerk("SUB-BS"),
                    naam=f"Subsidie {naam}",
                    soort=SoortContract.SUBSIDIE,
                    aanbieder=self.catalogus.aanbieders[naam],
                    regio=self.regio,
                    niveau=Pakketniveau.REGIONAAL,
                    begindatum=self.begin,
                    einddatum=date(self.vandaag.year, 12, 31),
                    budgetplafond_cent=bedrag * 100,
                    toelichting="Subsidie voor een vrij toegankelijke algemene voorziening in de hele regio.",
                )
            )
        Contract.objects.bulk_create(contracten)
        self.tarieven(pakketten)
        for c in contracten:
            self.historie.append(
                (
                    Contracthistorie(
                        contract=c, door=self.beheerder, omschrijving=f"Contract {c.kenmerk} vastgelegd", nieuw={"kenmerk": c.kenmerk}
                    ),
                    self.moment(c.begindatum - timedelta(days=self.rng.randint(20, 60))),
                )
            )
        Contracthistorie.objects.bulk_create(h for h, _ in self.historie)
        Contracthistorie.objects.bulk_update([self._tijd(h, t) for h, t in self.historie], ["tijdstip"], batch_size=400)
        self.catalogus.tellers["contracten"] = len(contracten)

    @staticmethod
    def _tijd(h: Contracthistorie, t: datetime) -> Contracthistorie:
        h.tijdstip = t
        return h

    def tarieven(self, pakketten: list[tuple[Contract, ga.AanbiederDef, tuple[str, ...]]]) -> None:
        """Per contract and product a tariff for every year: the first around the base, then +3% indexation."""
        rijen: list[Tarief] = []
        for contract, d, sleutels in pakketten:
            jaren = [self.begin.year] if d.inactief else self.jaren
            for sleutel in sleutels:
                tarief = round(ga.PRODUCT[sleutel].tarief_cent * (1 + self.rng.uniform(-0.05, 0.06)))
                per_jaar: dict[int, int] = {}
                for i, jaar in enumerate(jaren):
                    if i:
                        tarief = round(tarief * (1 + ga.INDEXATIE))
                    per_jaar[jaar] = tarief
                    laatste = i == len(jaren) - 1
                    tot = date(jaar, 12, 31) if not laatste or d.inactief else None
                    rijen.append(Tarief(contract=contract, product=self.catalogus.producten[sleutel], tarief_cent=tarief,
                                        geldig_vanaf=date(jaar, 1, 1), geldig_tot=tot))  # fmt: skip
                lev = Levering(
                    aanbieder=contract.aanbieder,
                    contract=contract,
                    gemeente_id=contract.gemeente_id,
                    gewicht=d.gewicht * (3 if d.gemeente else 1),  # local providers first in their own gemeente
                    tarieven=per_jaar,
                    bewijs_tot=self.bewijs_tot[d.naam],
                    ruimte=contract.volumeplafond,
                    budget=contract.budgetplafond_cent,
                )
                self.catalogus.leveringen.setdefault(sleutel, []).append(lev)
            for jaar in jaren[1:]:
                self.historie.append((
                    Contracthistorie(contract=contract, door=self.beheerder, omschrijving=f"Tarieven {jaar} vastgesteld: indexatie +3,0%",
                                     nieuw={"jaar": jaar, "indexatie": "3,0%"}),
                    self.moment(date(jaar - 1, 12, 1) + timedelta(days=self.rng.randint(0, 14))),
                ))  # fmt: skip
        Tarief.objects.bulk_create(rijen, batch_size=500)
        self.catalogus.tellers["tarieven"] = len(rijen)

    # --- sociale kaart ----------------------------------------------------------------------------

    def adres(self, gebied: g.GebiedDef) -> tuple[str, str, str]:
        pc4, woonplaats = gebied.postcodes[0]
        letters = self.rng.choice(POSTCODELETTERS) + self.rng.choice(POSTCODELETTERS)
        return f"{self.rng.choice(gebied.straten)} {self.rng.randint(1, 90)}", f"{pc4}{letters}", woonplaats

    def algemene_voorzieningen(self) -> None:
        gebied_defs = {gb.naam: gb for gm in g.GEMEENTEN for gb in gm.gebieden}
        eerste_gebied = {gm.naam: gm.gebieden[0] for gm in g.GEMEENTEN}
        rijen: list[tuple[AlgemeneVoorziening, ga.VoorzieningDef, Gemeente | None, Gebied | None]] = []

        def maak(d: ga.VoorzieningDef, gemeente: Gemeente | None, gebied: Gebied | None, namen: dict[str, str]) -> None:
            if d.uitvoerder == "welzijn":
                uitvoerder = g.welzijn(gemeente.naam) if gemeente else "De welzijnsorganisaties in de vijf gemeenten"
            else:
                uitvoerder = d.uitvoerder
            aanbieder = self.catalogus.aanbieders.get(uitvoerder)
            if gebied is not None:
                straat, postcode, plaats = self.adres(gebied_defs[gebied.naam])
            elif gemeente is not None:
                straat, postcode, plaats = self.adres(eerste_gebied[gemeente.naam])
            elif aanbieder is not None:
                straat, postcode, plaats = aanbieder.adres, "", aanbieder.plaats
            else:
                straat, postcode, plaats = "Heereweg 345", "2161CA", "Lisse"  # the ISD's office (fictitious address)
            av = AlgemeneVoorziening(
                naam=d.naam.format(**namen),
                uitvoerder=uitvoerder,
                aanbieder=aanbieder,
                categorie=d.categorie,
                omschrijving=d.omschrijving,
                doelgroepen=list(d.doelgroepen),
                gemeente=gemeente,
                adres=straat,
                postcode=postcode,
                plaats=plaats,
                openingstijden=d.openingstijden,
                telefoon=aanbieder.telefoon if aanbieder else self.telefoon(plaats),
                website=f"https://www.{slugify(uitvoerder.replace('&', 'en'))}.example",
                kosten_cent=d.kosten_cent,
                kosten_toelichting=d.kosten_toelichting,
                vrij_toegankelijk=d.vrij_toegankelijk,
            )
            rijen.append((av, d, gemeente, gebied))

        for gebied in self.gebieden:
            maak(ga.PER_GEBIED, gebied.gemeente, gebied, {"plek": f"{ga.ONTMOETINGSPLEKKEN[gebied.naam]}, {gebied.naam}"})
        for gemeente in self.gemeenten.values():
            for d in ga.PER_GEMEENTE:
                maak(d, gemeente, None, {"gemeente": gemeente.naam})
            for d, waar in ga.ALLEEN_IN:
                if gemeente.naam in waar:
                    maak(d, gemeente, None, {"gemeente": gemeente.naam})
        for d in ga.REGIONAAL:
            maak(d, None, None, {})
        AlgemeneVoorziening.objects.bulk_create([av for av, *_ in rijen])
        AlgemeneVoorziening.leefgebieden.through.objects.bulk_create(
            AlgemeneVoorziening.leefgebieden.through(algemenevoorziening_id=av.pk, leefgebied_id=self.leefgebieden[code].pk)
            for av, d, *_ in rijen
            for code in d.leefgebieden
        )
        AlgemeneVoorziening.gebieden.through.objects.bulk_create(
            AlgemeneVoorziening.gebieden.through(algemenevoorziening_id=av.pk, gebied_id=gebied.pk)
            for av, _, _, gebied in rijen
            if gebied is not None
        )
        for av, d, gemeente, gebied in rijen:
            for sleutel in d.sleutels:
                self.catalogus.voorzieningen.setdefault(sleutel, []).append(
                    (av, gemeente.pk if gemeente else None, gebied.pk if gebied else None)
                )
        self.catalogus.tellers["algemene_voorzieningen"] = len(rijen)


def laad_catalogus(rng: random.Random, regio: Regio, vandaag: date, beheerder: Medewerker | None = None) -> Catalogus:
    """Products, providers, evidence, contracts, tariffs, sociale kaart and the indicatievrij policy of the demo region."""
    bouwer = _Catalogusbouwer(rng, regio, vandaag, beheerder)
    bouwer.producten()
    bouwer.beleid()
    bouwer.aanbieders()
    bouwer.contracten()
    bouwer.algemene_voorzieningen()
    c = bouwer.catalogus
    c.tellers |= {"producten": len(c.producten), "aanbieders": len(c.aanbieders)}
    return c
