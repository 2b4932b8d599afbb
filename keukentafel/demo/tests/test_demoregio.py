"""The demo region, loaded once at a small scale: organisation, logins, every stage of the flow, valid data."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time

import pytest
from django.db import transaction
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Postcodegebied, Regio, Rol, Team
from keukentafel.demo import gegevens
from keukentafel.demo.generator import BSN_BASIS, FASEN, laad_demoregio
from keukentafel.inwoners.models import VERTEGENWOORDIGENDE_ROLLEN, Huishouden, Huishoudlid, Netwerklid, NetwerkRol, Persoon
from keukentafel.plannen.models import Actie, Evaluatie, EvaluatieBesluit, Inkomensvraag, Ondersteuningsplan, PlanStatus, Planversie, Trede
from keukentafel.toegang.models import (
    Gesprek,
    Melding,
    MeldingStatus,
    Onderzoek,
    OnderzoekStatus,
    Opschorting,
    ScoreBron,
    TriageUitkomst,
    Verslagonderdeel,
    Voorliggend,
    Zelfredzaamheidsscore,
)
from keukentafel.toegang.services import termijnstatus

SCHAAL = 0.05

STARTFOTO = {  # seed 002_76fcc364857742d7.txt, "Aantal inwoners"
    "0534": ("Hillegom", 20_987),
    "0553": ("Lisse", 22_312),
    "0575": ("Noordwijk", 25_698),
    "0576": ("Noordwijkerhout", 15_881),
    "1525": ("Teylingen", 35_774),
}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demoregio(django_db_setup, django_db_blocker):
    """Load once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        resultaat = laad_demoregio(schaal=SCHAAL)
        yield resultaat
        transaction.set_rollback(True)


def test_vijf_gemeenten_met_cbs_code_en_inwoners_uit_de_startfoto(demoregio):
    assert Regio.objects.get().naam == "Bollenstreek"
    assert {g.gemeentecode: (g.naam, g.inwoners) for g in Gemeente.objects.all()} == STARTFOTO


def test_elke_gemeente_heeft_2_tot_4_gebieden_met_een_team_en_sluitende_inwonertallen(demoregio):
    for gemeente in Gemeente.objects.prefetch_related("gebieden__teams"):
        gebieden = list(gemeente.gebieden.all())
        assert 2 <= len(gebieden) <= 4, gemeente
        assert sum(g.inwoners for g in gebieden) == gemeente.inwoners, gemeente
        assert all(len(g.teams.all()) == 1 for g in gebieden)
    assert Team.objects.count() == Gebied.objects.count()


def test_postcodes_van_de_kernen(demoregio):
    pc4 = dict(Postcodegebied.objects.values_list("pc4", "gebied__naam"))
    assert {"2180", "2181", "2182"} <= set(pc4) and pc4["2171"] == "Sassenheim"
    assert pc4["2215"] == "Voorhout" and pc4["2361"] == "Warmond" and pc4["2191"] == "De Zilk"
    assert {"2160", "2161", "2200", "2201", "2202", "2203", "2204", "2211"} <= set(pc4)


def test_adressen_liggen_in_het_eigen_gebied(demoregio):
    pc4_gebied = dict(Postcodegebied.objects.values_list("pc4", "gebied_id"))
    for persoon in Persoon.objects.exclude(postcode=""):
        assert pc4_gebied[persoon.postcode[:4]] == persoon.gebied_id
        persoon.full_clean()  # BSN elfproef, postcode format, field lengths
    for huishouden in Huishouden.objects.all():
        assert pc4_gebied[huishouden.postcode[:4]] == huishouden.gebied_id
        assert huishouden.gemeente_id == Gebied.objects.get(pk=huishouden.gebied_id).gemeente_id


def test_elke_rol_heeft_een_leesbare_demologin(demoregio):
    per_rol = Counter(Medewerker.objects.values_list("rol", flat=True))
    assert set(per_rol) == set(Rol.values)
    assert per_rol[Rol.BACKOFFICE] == 5 and per_rol[Rol.TEAMLEIDER] == Team.objects.count()
    for team in Team.objects.all():
        assert 3 <= team.medewerkers.filter(rol=Rol.GENERALIST).count() <= 4
    for username in ("generalist.sassenheim", "teamleider.sassenheim", "backoffice.lisse", "beleid", "financien", "beheer"):
        assert Medewerker.objects.filter(username=username, is_active=True).exists(), username
    assert Medewerker.objects.get(username="beheer").check_password(gegevens.DEMO_WACHTWOORD)
    assert not Medewerker.objects.filter(is_superuser=True).exists()
    assert {login.username for login in demoregio.logins} == set(Medewerker.objects.values_list("username", flat=True))
    assert all(m.first_name and m.last_name for m in Medewerker.objects.all())


def test_ongeveer_14_promille_van_de_inwoners_heeft_een_huishouden_met_een_vraag(demoregio):
    verwacht = sum(inwoners for _, inwoners in STARTFOTO.values()) * gegevens.AANDEEL_MET_VRAAG * SCHAAL
    assert abs(Huishouden.objects.count() - verwacht) <= 8  # rounding per gebied, plus the Jordi household
    assert not Huishouden.objects.filter(meldingen__isnull=True).exists()


def test_elke_fase_van_de_stroom_is_aanwezig(demoregio):
    assert set(demoregio.fasen) == {code for code, _ in FASEN}
    vandaag = timezone.localdate()
    meldingen = Melding.objects.all()
    # melding: anonymous signal, linked melding, every triage outcome
    assert meldingen.filter(anoniem=True, huishouden__isnull=True).exists()
    assert meldingen.filter(status=MeldingStatus.GEKOPPELD, gekoppeld_aan__isnull=False).exists()
    assert meldingen.filter(status=MeldingStatus.NIEUW, huishouden__isnull=False, team__isnull=False).exists()
    for uitkomst in TriageUitkomst.values:
        assert meldingen.filter(triage_uitkomst=uitkomst).exists(), uitkomst
    for wet in (Voorliggend.ZVW, Voorliggend.WLZ):
        assert meldingen.filter(triage_uitkomst=TriageUitkomst.VOORLIGGEND, voorliggend=wet, status=MeldingStatus.AFGESLOTEN).exists()
    # onderzoek: near the deadline, overdue, suspended, stopped
    lopend = list(Onderzoek.objects.lopend().prefetch_related("opschortingen").select_related("huishouden"))
    status = [termijnstatus(o, vandaag) for o in lopend]
    assert any(t.waarschuwing for t in status) and any(t.verlopen for t in status) and any(t.opgeschort for t in status)
    assert Opschorting.objects.filter(tot__isnull=True, onderzoek__status=OnderzoekStatus.LOPEND).exists()
    assert Onderzoek.objects.filter(status=OnderzoekStatus.GESTOPT).exists()
    # held gesprek with a verslag per leefgebied and scores 1-5
    assert Gesprek.objects.filter(gehouden_op__isnull=False, onderdelen__score__isnull=False).exists()
    assert Gesprek.objects.filter(gehouden_op__isnull=True, gepland_op__gt=timezone.now()).exists()
    assert set(Verslagonderdeel.objects.values_list("score", flat=True)) <= {1, 2, 3, 4, 5}
    assert Zelfredzaamheidsscore.objects.filter(bron=ScoreBron.GESPREK).exists()
    # plans: concept, waiting for signatures, active, evaluation due, evaluated, closed
    plannen = Ondersteuningsplan.objects.all()
    assert plannen.filter(status=PlanStatus.CONCEPT).exists()
    assert plannen.filter(status=PlanStatus.CONCEPT, versies__isnull=False).exists()
    assert plannen.filter(status=PlanStatus.ACTIEF, evaluatiedatum__gt=vandaag).exists()
    assert plannen.filter(status=PlanStatus.ACTIEF, evaluatiedatum__lte=vandaag).exists()
    assert Evaluatie.objects.filter(besluit__in=[EvaluatieBesluit.VOORTZETTEN, EvaluatieBesluit.BIJSTELLEN]).exists()
    assert Zelfredzaamheidsscore.objects.filter(bron=ScoreBron.EVALUATIE).exists()
    assert plannen.filter(
        status=PlanStatus.AFGESLOTEN, afgesloten_op__isnull=False, evaluaties__besluit=EvaluatieBesluit.AFSLUITEN
    ).exists()
    assert set(Actie.objects.values_list("trede", flat=True)) == set(Trede.values)
    assert Inkomensvraag.objects.exists()
    # network: overburdened mantelzorger and a legal representative
    assert Netwerklid.objects.filter(rol=NetwerkRol.MANTELZORGER, overbelast=True).exists()
    assert Netwerklid.objects.filter(rol__in=VERTEGENWOORDIGENDE_ROLLEN).exists()


def test_casus_jordi_tweede_melding_gekoppeld_aan_de_lopende_casus(demoregio):
    """Seed 001_8130d38cb886e681.txt: Jordi tells the generalist, his mother calls; one case, one generalist."""
    jordi = Persoon.objects.get(voornamen="Jordi", geslachtsnaam="Leeuwen", gebied__naam="Sassenheim")
    eerste, tweede = Melding.objects.filter(persoon=jordi).order_by("ontvangen_op")
    assert eerste.onderzoek.status == OnderzoekStatus.LOPEND
    assert tweede.status == MeldingStatus.GEKOPPELD and tweede.gekoppeld_aan == eerste
    assert tweede.toegewezen_aan == eerste.onderzoek.behandelaar == Medewerker.objects.get(username="generalist.sassenheim")
    assert Netwerklid.objects.filter(huishouden=eerste.huishouden, relatie="moeder", rol=NetwerkRol.MANTELZORGER).exists()


def test_bsns_halen_de_elfproef_en_botsen_niet_met_de_testfactories(demoregio):
    bsns = list(Persoon.objects.values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns))
    assert all(stdnum_bsn.is_valid(b) and int(b[:8]) >= BSN_BASIS for b in bsns)


def test_een_open_plan_per_huishouden_en_een_open_lidmaatschap_per_persoon(demoregio):
    open_per_huishouden = Counter(Ondersteuningsplan.objects.open().values_list("huishouden_id", flat=True))
    assert open_per_huishouden and max(open_per_huishouden.values()) == 1
    open_per_persoon = Counter(Huishoudlid.objects.filter(einddatum__isnull=True).values_list("persoon_id", flat=True))
    assert max(open_per_persoon.values()) == 1


def test_realistische_samenstelling(demoregio):
    vandaag = timezone.localdate()
    leeftijden = [p.leeftijd(vandaag) for p in Persoon.objects.all()]
    assert min(leeftijden) >= 0 and max(leeftijden) <= 100
    assert any(a >= 80 for a in leeftijden) and any(a < 18 for a in leeftijden) and any(18 <= a < 30 for a in leeftijden)
    assert Persoon.objects.exclude(voorvoegsel="").exists()
    alleenstaande_ouderen = [
        h
        for h in Huishouden.objects.prefetch_related("leden__persoon")
        if len(h.leden_op(vandaag)) == 1 and h.leden_op(vandaag)[0].persoon.leeftijd(vandaag) >= 75
    ]
    assert alleenstaande_ouderen


def test_gebeurtenissen_liggen_in_het_verleden_en_in_de_goede_volgorde(demoregio):
    nu = timezone.now()
    middernacht = timezone.make_aware(datetime.combine(timezone.localdate(), time(0, 0)))
    for m in Melding.objects.all():
        assert m.ontvangen_op < middernacht
        if m.getrieerd_op:
            assert m.ontvangen_op <= m.getrieerd_op < middernacht, m.pk
        if m.afgesloten_op:
            assert m.ontvangen_op <= m.afgesloten_op < middernacht, m.pk
    assert not Gesprek.objects.filter(gehouden_op__gt=nu).exists()
    for plan in Ondersteuningsplan.objects.exclude(status=PlanStatus.CONCEPT):
        assert plan.onderzoek.startdatum <= plan.vastgesteld_op < timezone.localdate()
        assert plan.aangemaakt_op < middernacht
    assert not Planversie.objects.filter(gemaakt_op__gte=middernacht).exists()
    assert not Huishouden.objects.filter(aangemaakt_op__gte=middernacht).exists()


def test_elk_team_heeft_open_werk_en_generalisten_hebben_eigen_dossiers(demoregio):
    """Worklists are not empty: open meldingen in the team, running onderzoeken and open plans of its generalists."""
    for team in Team.objects.all():
        werk = (
            Melding.objects.open().filter(team=team).exists()
            or Onderzoek.objects.lopend().filter(behandelaar__team=team).exists()
            or Ondersteuningsplan.objects.open().filter(regisseur__team=team).exists()
        )
        assert werk, team
    behandelaars = set(Onderzoek.objects.lopend().values_list("behandelaar__rol", flat=True))
    regisseurs = set(Ondersteuningsplan.objects.open().values_list("regisseur__rol", flat=True))
    assert behandelaars == regisseurs == {Rol.GENERALIST}
