"""Maintenance of contracts, tariffs and quality evidence, with the history contract managers need.

Every change of a contract or its tariffs goes through here, from the admin as well as from code, so
`Contracthistorie` always says who changed what, from which value to which. A change of a contract or
one of its tariffs bumps `Contract.version` (optimistic locking): a form opened before someone else
saved is refused instead of silently overwriting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from keukentafel.accounts.models import Gemeente, Medewerker
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import BeleidOntbreekt, geldende_waarde
from keukentafel.inwoners.services import GelijktijdigGewijzigd

from .catalogus import euro
from .models import (
    Aanbieder,
    Contract,
    Contracthistorie,
    Kwaliteitsbewijs,
    Pakketniveau,
    Product,
    SoortContract,
    SoortKwaliteitsbewijs,
    Tarief,
)

#: Contract fields `wijzig_contract` may change; `version` is the service's own business.
CONTRACTVELDEN = (
    "kenmerk",
    "naam",
    "soort",
    "aanbieder",
    "regio",
    "gemeente",
    "niveau",
    "begindatum",
    "einddatum",
    "volumeplafond",
    "budgetplafond_cent",
    "toelichting",
)
TARIEFVELDEN = ("tarief_cent", "geldig_vanaf", "geldig_tot")


def _datum(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "onbepaald"


def _als_json(waarde: Any) -> Any:
    """A field value as history stores it: dates ISO, related objects as {id, naam}."""
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, models.Model):
        return {"id": waarde.pk, "naam": str(waarde)}
    return waarde


def _tarief_json(tarief: Tarief) -> dict[str, Any]:
    return {
        "product": _als_json(tarief.product),
        "tarief_cent": tarief.tarief_cent,
        "geldig_vanaf": _als_json(tarief.geldig_vanaf),
        "geldig_tot": _als_json(tarief.geldig_tot),
    }


def _historie(door: Medewerker | None, contract: Contract, omschrijving: str, oud: dict, nieuw: dict) -> Contracthistorie:
    return Contracthistorie.objects.create(
        contract=contract,
        door=door if door is not None and door.is_authenticated else None,
        omschrijving=omschrijving[:300],
        oud=oud,
        nieuw=nieuw,
    )


def _raak_contract_aan(contract: Contract, verwachte_versie: int | None, **velden: Any) -> None:
    """Bump the version (and store `velden`) if nobody saved since `verwachte_versie`; None: no check."""
    qs = Contract.objects.filter(pk=contract.pk)
    if verwachte_versie is not None:
        qs = qs.filter(version=verwachte_versie)
    if not qs.update(version=F("version") + 1, **velden):
        raise GelijktijdigGewijzigd("Dit contract")
    for veld, waarde in velden.items():
        setattr(contract, veld, waarde)
    contract.version = Contract.objects.values_list("version", flat=True).get(pk=contract.pk)


# --- contracts ----------------------------------------------------------------------------------


@transaction.atomic
def registreer_contract(door: Medewerker | None, contract: Contract) -> Contract:
    """Store a new contract after the model's checks, with its first history row."""
    contract.full_clean()
    contract.version = 1
    contract.save()
    nieuw = {veld: _als_json(getattr(contract, veld)) for veld in CONTRACTVELDEN}
    _historie(door, contract, f"Contract {contract.kenmerk} vastgelegd", {}, nieuw)
    return contract


@transaction.atomic
def wijzig_contract(door: Medewerker | None, contract: Contract, verwachte_versie: int, **velden: Any) -> Contract:
    """Change contract fields; refused when someone saved in between. History holds old and new values."""
    onbekend = set(velden) - set(CONTRACTVELDEN)
    if onbekend:
        raise ValueError(f"Niet wijzigbaar via wijzig_contract: {', '.join(sorted(onbekend))}")
    huidig = Contract.objects.get(pk=contract.pk)
    gewijzigd = {veld: waarde for veld, waarde in velden.items() if getattr(huidig, veld) != waarde}
    if not gewijzigd:
        if huidig.version != verwachte_versie:
            raise GelijktijdigGewijzigd("Dit contract")
        return contract
    kandidaat = Contract.objects.get(pk=contract.pk)
    for veld, waarde in gewijzigd.items():
        setattr(kandidaat, veld, waarde)
    kandidaat.full_clean(exclude=["version"])
    _eis_tarieven_binnen_looptijd(kandidaat)
    _raak_contract_aan(contract, verwachte_versie, **gewijzigd)
    _historie(
        door,
        contract,
        f"Contract gewijzigd: {', '.join(Contract._meta.get_field(v).verbose_name for v in gewijzigd)}",
        {veld: _als_json(getattr(huidig, veld)) for veld in gewijzigd},
        {veld: _als_json(waarde) for veld, waarde in gewijzigd.items()},
    )
    return contract


def _eis_tarieven_binnen_looptijd(contract: Contract) -> None:
    """A shorter contract may not leave tariffs that start outside it."""
    buiten = contract.tarieven.filter(geldig_vanaf__lt=contract.begindatum)
    if contract.einddatum:
        buiten = buiten | contract.tarieven.filter(geldig_vanaf__gt=contract.einddatum)
    eerste = buiten.select_related("product").order_by("geldig_vanaf").first()
    if eerste is not None:
        raise ValidationError(
            f"Het tarief voor {eerste.product.naam} vanaf {_datum(eerste.geldig_vanaf)} valt buiten de nieuwe looptijd van het "
            "contract. Pas eerst dat tarief aan."
        )


# --- tariffs ------------------------------------------------------------------------------------


def _controleer_tarief(
    contract: Contract, product: Product, tarief_cent: int | None, geldig_vanaf: date, geldig_tot: date | None, negeer: list[int]
) -> None:
    fouten: dict[str, str] = {}
    if tarief_cent is None or tarief_cent <= 0:
        fouten["tarief_cent"] = "Het tarief moet hoger zijn dan € 0,00."
    if geldig_tot and geldig_tot < geldig_vanaf:
        fouten["geldig_tot"] = "De einddatum ligt vóór de begindatum."
    if geldig_vanaf < contract.begindatum or (contract.einddatum and geldig_vanaf > contract.einddatum):
        fouten["geldig_vanaf"] = (
            f"Het tarief moet ingaan binnen de looptijd van het contract ({_datum(contract.begindatum)} tot en met "
            f"{_datum(contract.einddatum)})."
        )
    if fouten:
        raise ValidationError(fouten)
    overlap = (
        Tarief.objects.filter(contract=contract, product=product)
        .exclude(pk__in=negeer)
        .filter(models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=geldig_vanaf))
    )
    if geldig_tot:
        overlap = overlap.filter(geldig_vanaf__lte=geldig_tot)
    bestaand = overlap.order_by("geldig_vanaf").first()
    if bestaand is not None:
        raise ValidationError(
            {
                "geldig_vanaf": f"Er is al een tarief voor {product.naam} van {_datum(bestaand.geldig_vanaf)} tot en met "
                f"{_datum(bestaand.geldig_tot)}: de periodes van tarieven mogen niet overlappen."
            }
        )


@transaction.atomic
def leg_tarief_vast(
    door: Medewerker | None,
    contract: Contract,
    product: Product,
    tarief_cent: int,
    geldig_vanaf: date,
    geldig_tot: date | None = None,
) -> Tarief:
    """A new tariff (usually the next year's). The open tariff before it ends the day before it starts."""
    Contract.objects.select_for_update().filter(pk=contract.pk).first()  # one tariff change per contract at a time
    vorige = (
        Tarief.objects.filter(contract=contract, product=product, geldig_tot__isnull=True, geldig_vanaf__lt=geldig_vanaf)
        .order_by("-geldig_vanaf")
        .first()
    )
    _controleer_tarief(contract, product, tarief_cent, geldig_vanaf, geldig_tot, negeer=[vorige.pk] if vorige else [])
    oud: dict[str, Any] = {}
    if vorige is not None:
        oud["vorig_tarief"] = _tarief_json(vorige)
        vorige.geldig_tot = geldig_vanaf - timedelta(days=1)
        vorige.save(update_fields=["geldig_tot"])
    tarief = Tarief.objects.create(
        contract=contract, product=product, tarief_cent=tarief_cent, geldig_vanaf=geldig_vanaf, geldig_tot=geldig_tot
    )
    nieuw: dict[str, Any] = {"tarief": _tarief_json(tarief)}
    omschrijving = f"Tarief {product.naam} vanaf {_datum(geldig_vanaf)}: {euro(tarief_cent)} per eenheid"
    if vorige is not None:
        nieuw["vorig_tarief"] = _tarief_json(vorige)
        omschrijving += f"; vorig tarief ({euro(vorige.tarief_cent)}) loopt tot en met {_datum(vorige.geldig_tot)}"
    _raak_contract_aan(contract, None)
    _historie(door, contract, omschrijving, oud, nieuw)
    return tarief


@transaction.atomic
def corrigeer_tarief(door: Medewerker | None, tarief: Tarief, **velden: Any) -> Tarief:
    """Correct an existing tariff (amount or period), e.g. a typing error; overlaps stay refused."""
    onbekend = set(velden) - set(TARIEFVELDEN)
    if onbekend:
        raise ValueError(f"Niet wijzigbaar via corrigeer_tarief: {', '.join(sorted(onbekend))}")
    huidig = Tarief.objects.select_related("contract", "product").get(pk=tarief.pk)
    gewijzigd = {veld: waarde for veld, waarde in velden.items() if getattr(huidig, veld) != waarde}
    if not gewijzigd:
        return tarief
    nieuw = {veld: gewijzigd.get(veld, getattr(huidig, veld)) for veld in TARIEFVELDEN}
    _controleer_tarief(huidig.contract, huidig.product, nieuw["tarief_cent"], nieuw["geldig_vanaf"], nieuw["geldig_tot"], [huidig.pk])
    Tarief.objects.filter(pk=tarief.pk).update(**gewijzigd)
    for veld, waarde in gewijzigd.items():
        setattr(tarief, veld, waarde)
    _raak_contract_aan(huidig.contract, None)
    _historie(
        door,
        huidig.contract,
        f"Tarief {huidig.product.naam} vanaf {_datum(huidig.geldig_vanaf)} gecorrigeerd",
        {"tarief": _tarief_json(huidig)},
        {"tarief": {**_tarief_json(huidig), **{veld: _als_json(waarde) for veld, waarde in gewijzigd.items()}}},
    )
    return tarief


# --- quality evidence ---------------------------------------------------------------------------


@transaction.atomic
def registreer_kwaliteitsbewijs(
    door: Medewerker | None,
    aanbieder: Aanbieder,
    *,
    soort: str,
    geldig_vanaf: date,
    geldig_tot: date | None = None,
    omschrijving: str = "",
    gecontroleerd_op: date | None = None,
) -> Kwaliteitsbewijs:
    """Record checked evidence; who checked it and when is kept on the record itself."""
    fouten: dict[str, str] = {}
    if soort not in SoortKwaliteitsbewijs.values:
        fouten["soort"] = "Kies een soort kwaliteitsbewijs."
    if geldig_tot and geldig_tot < geldig_vanaf:
        fouten["geldig_tot"] = "De einddatum ligt vóór de begindatum."
    vandaag = timezone.localdate()
    gecontroleerd_op = gecontroleerd_op or vandaag
    if gecontroleerd_op > vandaag:
        fouten["gecontroleerd_op"] = "Een controle kan niet in de toekomst liggen."
    if fouten:
        raise ValidationError(fouten)
    return Kwaliteitsbewijs.objects.create(
        aanbieder=aanbieder,
        soort=soort,
        omschrijving=omschrijving.strip(),
        geldig_vanaf=geldig_vanaf,
        geldig_tot=geldig_tot,
        gecontroleerd_door=door if door is not None and door.is_authenticated else None,
        gecontroleerd_op=gecontroleerd_op,
    )


class Kwaliteit(models.TextChoices):
    GELDIG = "geldig", "Geldig"
    VERLOPEN = "verlopen", "Verlopen"
    ONTBREEKT = "ontbreekt", "Ontbreekt"


@dataclass(frozen=True)
class Kwaliteitsstatus:
    """The state of one mandatory kind of evidence on a date."""

    soort: str
    label: str
    status: Kwaliteit
    geldig_tot: date | None = None  # GELDIG: valid until (None: no end); VERLOPEN: the day it ran out
    bewijs: Kwaliteitsbewijs | None = None

    @property
    def in_orde(self) -> bool:
        return self.status == Kwaliteit.GELDIG


def verplichte_kwaliteitsbewijzen(gemeente: Gemeente | None, datum: date) -> list[str]:
    """The mandatory kinds for `gemeente` on `datum` (the national default if it set none; none without policy)."""
    try:
        return list(geldende_waarde(Sleutel.VERPLICHTE_KWALITEITSBEWIJZEN, gemeente, datum))
    except BeleidOntbreekt:
        return []


def kwaliteitsstatus(
    aanbieder: Aanbieder, gemeente: Gemeente | None, datum: date, *, verplicht: list[str] | None = None
) -> list[Kwaliteitsstatus]:
    """Per mandatory kind: valid (until when), expired (since when) or missing.

    Reads `aanbieder.kwaliteitsbewijzen.all()`, so a list page can prefetch them; pass `verplicht` to
    ask the policy once for many providers.
    """
    verplicht = verplichte_kwaliteitsbewijzen(gemeente, datum) if verplicht is None else verplicht
    labels = dict(SoortKwaliteitsbewijs.choices)
    bewijzen = list(aanbieder.kwaliteitsbewijzen.all())
    uitkomst = []
    for soort in verplicht:
        eigen = [b for b in bewijzen if b.soort == soort]
        geldig = [b for b in eigen if b.geldig_vanaf <= datum and (b.geldig_tot is None or b.geldig_tot >= datum)]
        label = labels.get(soort, soort)
        if geldig:
            beste = next((b for b in geldig if b.geldig_tot is None), None) or max(geldig, key=lambda b: b.geldig_tot)
            uitkomst.append(Kwaliteitsstatus(soort, label, Kwaliteit.GELDIG, beste.geldig_tot, beste))
            continue
        verlopen = [b for b in eigen if b.geldig_tot is not None and b.geldig_tot < datum]
        if verlopen:
            laatste = max(verlopen, key=lambda b: b.geldig_tot)
            uitkomst.append(Kwaliteitsstatus(soort, label, Kwaliteit.VERLOPEN, laatste.geldig_tot, laatste))
        else:
            uitkomst.append(Kwaliteitsstatus(soort, label, Kwaliteit.ONTBREEKT))
    return uitkomst


# --- reading the history ------------------------------------------------------------------------


@dataclass(frozen=True)
class Historieregel:
    wat: str
    oud: str
    nieuw: str


_HISTORIELABELS = {"tarief": "Tarief", "vorig_tarief": "Vorig tarief"}


def _label(veld: str) -> str:
    if veld in _HISTORIELABELS:
        return _HISTORIELABELS[veld]
    try:
        return str(Contract._meta.get_field(veld).verbose_name).capitalize()
    except FieldDoesNotExist:  # a key of older history: shown as it is
        return veld


def _historietekst(veld: str, waarde: Any) -> str:
    """A stored history value as a reader wants it: amounts in euros, dates dd-mm-jjjj, related objects by name."""
    if waarde in (None, "", {}):
        return "–"
    if isinstance(waarde, dict):
        if "tarief_cent" in waarde:
            product = waarde.get("product") or {}
            tot = _historietekst("geldig_tot", waarde.get("geldig_tot"))
            van = _historietekst("geldig_vanaf", waarde.get("geldig_vanaf"))
            return f"{product.get('naam', '')} {euro(waarde['tarief_cent'])} van {van} tot en met {tot}".strip()
        if "naam" in waarde:
            return str(waarde["naam"])
        return ", ".join(f"{k}: {_historietekst(k, v)}" for k, v in waarde.items())
    if veld.endswith("_cent") and isinstance(waarde, int):
        return euro(waarde)
    if isinstance(waarde, str) and len(waarde) == 10 and waarde[4] == "-" and waarde[7] == "-":
        try:
            return date.fromisoformat(waarde).strftime("%d-%m-%Y")
        except ValueError:
            return waarde
    if veld == "soort":
        return dict(SoortContract.choices).get(waarde, waarde)
    if veld == "niveau":
        return dict(Pakketniveau.choices).get(waarde, waarde)
    return str(waarde)


def historieregels(regel: Contracthistorie) -> list[Historieregel]:
    """The old → new pairs of one history row, in words."""
    velden = list(dict.fromkeys([*regel.oud, *regel.nieuw]))
    return [Historieregel(_label(v), _historietekst(v, regel.oud.get(v)), _historietekst(v, regel.nieuw.get(v))) for v in velden]
