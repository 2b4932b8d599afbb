"""The household view shows every member's trajectories under the three laws together (issue 6 §3)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners import trajecten
from keukentafel.inwoners.models import Huishoudlid, Jeugdmaatregel, LidRol, SoortMaatregel
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import ActieWet, Trede
from keukentafel.testing.factories import OndersteuningsplanFactory, PersoonFactory, ProductFactory, ToegewezenVoorzieningFactory

pytestmark = pytest.mark.django_db


def _drie_generaties(huishouden, generalist):
    ouder = huishouden.leden.get(rol=LidRol.AANVRAGER).persoon
    kind = PersoonFactory(gebied=huishouden.gebied, geboortedatum=date(2011, 3, 3), voornamen="Sem")
    opa = PersoonFactory(gebied=huishouden.gebied, geboortedatum=date(1948, 6, 6), voornamen="Henk")
    for p, rol in ((kind, LidRol.KIND), (opa, LidRol.OVERIG)):
        Huishoudlid.objects.create(huishouden=huishouden, persoon=p, rol=rol, begindatum=date(2020, 1, 1))
    plan = OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)
    van = timezone.localdate()
    werk = plannen.voeg_doel_toe(generalist, plan, plan.version, leefgebied=Leefgebied.objects.get(code="werk-opleiding"),
                                 omschrijving="Aan het werk", persoon=ouder)
    plan.refresh_from_db()
    plannen.voeg_actie_toe(generalist, werk, plan.version, trede=Trede.MAATWERK, wet=ActieWet.PARTICIPATIEWET,
                           omschrijving="Werkervaringsplek", voorziening="Werkervaringsplek kringloop", uitvoerder="Kringloop", van=van)
    plan.refresh_from_db()
    adl = plannen.voeg_doel_toe(generalist, plan, plan.version, leefgebied=Leefgebied.objects.get(code="adl"),
                                omschrijving="Dagstructuur", persoon=opa)
    plan.refresh_from_db()
    begeleiding = ProductFactory(wet="wmo", productcategorie="02", naam="Begeleiding individueel")
    plannen.voeg_actie_toe(generalist, adl, plan.version, trede=Trede.MAATWERK, product=begeleiding, omschrijving="Begeleiding",
                           uitvoerder="Zorg BV", van=van)
    ggz = ProductFactory(wet="jeugdwet", productcategorie="54", naam="Jeugd-ggz behandeling")
    ToegewezenVoorzieningFactory(gemeente=huishouden.gemeente, persoon=kind, product=ggz, begindatum=date(2026, 1, 1))
    Jeugdmaatregel.objects.create(persoon=kind, soort=SoortMaatregel.ONDERTOEZICHTSTELLING,
                                  gecertificeerde_instelling="Jeugdbescherming West", begindatum=date(2025, 6, 1))
    from keukentafel.participatie import services as participatie

    participatie.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=60, startdatum=van)
    return ouder, kind, opa


def test_elk_gezinslid_met_zijn_trajecten_per_wet(huishouden, generalist):
    ouder, kind, opa = _drie_generaties(huishouden, generalist)
    per = {t.lid.persoon: t for t in trajecten.per_lid(huishouden)}
    assert per[kind].wetten == ["Jeugdwet"]
    assert {(r.soort, r.regisseur) for r in per[kind].regels} == {
        ("Toewijzing", ""), ("Maatregel", "Jeugdbescherming West (gecertificeerde instelling)")
    }
    assert per[ouder].wetten == ["Participatiewet"] and per[opa].wetten == ["Wmo 2015"]
    assert {r.soort for r in per[ouder].regels} == {"Actie in het plan", "Traject"}
    assert per[ouder].regels[0].regisseur == str(generalist)  # one regisseur for the household plan


def test_dossierpagina_toont_de_trajecten_van_het_hele_huishouden(client, huishouden, generalist):
    ouder, kind, opa = _drie_generaties(huishouden, generalist)
    client.force_login(generalist)
    html = client.get(reverse("inwoners:huishouden_detail", args=[huishouden.pk])).content.decode()
    sectie = html[html.index('id="kop-trajecten"'):html.index("</section>", html.index('id="kop-trajecten"'))]
    for tekst in ("Jeugd-ggz behandeling", "Ondertoezichtstelling", "Werkervaringsplek kringloop", "Begeleiding individueel", "Werkspoor",
                  kind.naam, ouder.naam, opa.naam):
        assert tekst in sectie
    assert sectie.index(opa.naam) < sectie.index(ouder.naam) < sectie.index(kind.naam)  # oldest first
