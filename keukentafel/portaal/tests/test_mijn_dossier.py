"""Mijn Keukentafel pages: only the own household, signing the plan, the beschikking PDF, representation, audit."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.beleid.models import Leefgebied
from keukentafel.financien.models import Bijdrageberekening, Bijdrageregeling
from keukentafel.inwoners.models import NetwerkRol
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import OndertekenaarRol, Ondertekening, Ondertekenmethode, PlanStatus
from keukentafel.portaal import aanmelden
from keukentafel.portaal.models import Portaalbericht, Portaaldocument
from keukentafel.toegang.models import Gesprek

from .fixtures_mijn import *  # noqa: F403
from .fixtures_mijn import maak_gesprek, meld_aan_als

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_routes")]


def url(naam: str, *args) -> str:
    return reverse(f"portaal:{naam}", args=args)


def portaalrecords():
    return AuditRecord.objects.filter(kanaal="portaal")


def maak_bijdrage(huishouden):
    regeling, _ = Bijdrageregeling.objects.get_or_create(
        gemeente=huishouden.gemeente,
        geldig_vanaf=date(2026, 1, 1),
        defaults={"naam": "Abonnementstarief", "soort": "abonnement", "periodelengte": "maand", "parameters": {}, "bron": "test"},
    )
    return Bijdrageberekening.objects.create(
        huishouden=huishouden,
        regeling=regeling,
        periode_begin=date(2026, 1, 1),
        periode_eind=date(2026, 1, 31),
        bedrag_cent=2140,
        kostprijs_cent=50000,
        regels=[{"omschrijving": "Abonnementstarief per maand", "bedrag_cent": 2140}],
    )


# --- access --------------------------------------------------------------------------------------------


def test_zonder_aanmelding_naar_de_aanmeldpagina(client, plan_a, beschikking_a):
    for pagina in (
        url("mijn"),
        url("mijn_plan", plan_a.pk),
        url("mijn_beschikking_pdf", beschikking_a.pk),
        url("mijn_bijdrage"),
        url("mijn_berichten"),
        url("mijn_namens"),
    ):
        r = client.get(pagina)
        assert r.status_code == 302 and r["Location"] == url("mijn_aanmelden"), pagina
    assert not portaalrecords().exists()


def test_medewerkerlogin_geeft_geen_inwonertoegang(client, plan_a):
    client.force_login(plan_a.regisseur)
    assert client.get(url("mijn")).status_code == 302


def test_overzicht_toont_alleen_eigen_huishouden(client, anna, plan_a, plan_b, beschikking_a, beschikking_b):
    meld_aan_als(client, anna)
    html = client.get(url("mijn")).content.decode()
    assert "Huishouden Jansen" in html and "Huishouden Bakker" not in html
    assert url("mijn_plan", plan_a.pk) in html and url("mijn_plan", plan_b.pk) not in html
    assert url("mijn_beschikking_pdf", beschikking_a.pk) in html and url("mijn_beschikking_pdf", beschikking_b.pk) not in html
    assert "Zorg Dichtbij" in html and "Begeleiding individueel" in html and "Huishoudelijke ondersteuning" not in html
    assert anna.bsn not in html


def test_id_van_ander_huishouden_geeft_404(client, anna, plan_a, plan_b, beschikking_b):
    gesprek_b = maak_gesprek(plan_b.huishouden, plan_b.regisseur)
    meld_aan_als(client, anna)
    for pagina in (url("mijn_plan", plan_b.pk), url("mijn_beschikking_pdf", beschikking_b.pk), url("mijn_gesprek", gesprek_b.pk)):
        assert client.get(pagina).status_code == 404, pagina
    versie_b = plan_b.huidige_versie
    r = client.post(url("mijn_plan", plan_b.pk), {"akkoord": "on", "versie": versie_b.pk})
    assert r.status_code == 404 and not Ondertekening.objects.filter(versie=versie_b, rol=OndertekenaarRol.INWONER).exists()
    assert not portaalrecords().filter(huishouden_id=plan_b.huishouden_id).exists()


def test_oud_lid_ziet_het_huishouden_niet_meer(client, anna, plan_a):
    lid = plan_a.huishouden.leden.get(persoon=anna)
    lid.einddatum = date.today()
    lid.save()
    meld_aan_als(client, anna)
    assert client.get(url("mijn_plan", plan_a.pk)).status_code == 404
    assert "Huishouden Jansen" not in client.get(url("mijn")).content.decode()


# --- plan and signing -----------------------------------------------------------------------------------


def test_plan_lezen_en_ondertekenen(client, anna, plan_a):
    meld_aan_als(client, anna)
    versie = plan_a.huidige_versie
    r = client.get(url("mijn_plan", plan_a.pk))
    html = r.content.decode()
    assert r.status_code == 200 and "Zelfstandig blijven wonen" in html and "Zelf boodschappen doen" in html and "Plan ondertekenen" in html
    r = client.post(url("mijn_plan", plan_a.pk), {"versie": versie.pk})
    assert r.status_code == 400 and "Zet een vinkje" in r.content.decode()
    r = client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": versie.pk})
    assert r.status_code == 302
    o = Ondertekening.objects.get(versie=versie, rol=OndertekenaarRol.INWONER)
    assert (
        o.persoon == anna
        and o.methode == Ondertekenmethode.PORTAAL
        and o.naam == anna.naam
        and o.medewerker is None
        and o.vastgelegd_door is None
    )
    rec = portaalrecords().get(actie=AuditActie.WIJZIGEN)
    assert rec.medewerker is None and "ondertekend (digitaal via Mijn Keukentafel)" in rec.omschrijving and anna.naam in rec.omschrijving
    html = client.get(url("mijn_plan", plan_a.pk)).content.decode()
    assert "Plan ondertekenen" not in html and "Inwoner: " + anna.naam in html
    # a second signature is refused
    r = client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": versie.pk})
    assert r.status_code == 302 and Ondertekening.objects.filter(versie=versie).count() == 1


def test_ondertekenen_maakt_plan_actief_als_de_regisseur_al_tekende(client, anna, plan_a):
    plannen.onderteken(plan_a.regisseur, plan_a.huidige_versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    meld_aan_als(client, anna)
    client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": plan_a.huidige_versie.pk})
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.ACTIEF and plan_a.vastgesteld_op == date.today()


def test_verouderde_versie_niet_ondertekend(client, anna, plan_a):
    oud = plan_a.huidige_versie
    plannen.voeg_doel_toe(
        plan_a.regisseur, plan_a, plan_a.version, leefgebied=Leefgebied.objects.get(code="adl"), omschrijving="Nieuw doel"
    )
    plannen.leg_versie_vast(plan_a.regisseur, plan_a, plan_a.version)
    meld_aan_als(client, anna)
    r = client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": oud.pk})
    assert r.status_code == 400 and "intussen gewijzigd" in r.content.decode()
    assert not Ondertekening.objects.exists()


def test_plan_zonder_versie_kan_niet_getekend(client, anna, huishouden_a):
    from keukentafel.testing.factories import OndersteuningsplanFactory

    plan = OndersteuningsplanFactory(huishouden=huishouden_a)
    meld_aan_als(client, anna)
    r = client.get(url("mijn_plan", plan.pk))
    assert r.status_code == 200 and "Plan ondertekenen" not in r.content.decode()
    assert client.post(url("mijn_plan", plan.pk), {"akkoord": "on", "versie": 1}).status_code == 302
    assert not Ondertekening.objects.exists()


# --- documents ---------------------------------------------------------------------------------------


def test_beschikking_pdf_downloaden(client, anna, beschikking_a):
    meld_aan_als(client, anna)
    r = client.get(url("mijn_beschikking_pdf", beschikking_a.pk))
    assert r.status_code == 200 and r.content.startswith(b"%PDF") and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == f'attachment; filename="beschikking-{beschikking_a.kenmerk}.pdf"'
    rec = portaalrecords().get(actie=AuditActie.EXPORT)
    assert rec.object_type == "Beschikking" and rec.huishouden_id == beschikking_a.aanvraag.huishouden_id and rec.medewerker is None


def test_gespreksverslag_lezen(client, anna, plan_a):
    g = maak_gesprek(plan_a.huishouden, plan_a.regisseur)
    meld_aan_als(client, anna)
    assert url("mijn_gesprek", g.pk) in client.get(url("mijn")).content.decode()
    html = client.get(url("mijn_gesprek", g.pk)).content.decode()
    assert "We spraken over de boodschappen." in html and "Traplopen lukt niet meer." in html
    assert portaalrecords().filter(object_type="Gesprek", huishouden_id=plan_a.huishouden_id).exists()


def test_gepland_gesprek_zonder_verslag_niet_zichtbaar(client, anna, plan_a):
    g = maak_gesprek(plan_a.huishouden, plan_a.regisseur)
    Gesprek.objects.filter(pk=g.pk).update(gehouden_op=None)
    meld_aan_als(client, anna)
    assert client.get(url("mijn_gesprek", g.pk)).status_code == 404


def test_eigen_bijdrage_met_uitleg_alleen_eigen_huishouden(client, anna, huishouden_a, huishouden_b):
    maak_bijdrage(huishouden_a)
    b = maak_bijdrage(huishouden_b)
    Bijdrageberekening.objects.filter(pk=b.pk).update(bedrag_cent=9999)
    meld_aan_als(client, anna)
    html = client.get(url("mijn_bijdrage")).content.decode()
    assert "Abonnementstarief per maand" in html and "21,40" in html and "99,99" not in html
    assert portaalrecords().filter(huishouden_id=huishouden_a.pk, omschrijving__contains="eigen bijdrage").exists()


# --- messages ------------------------------------------------------------------------------------------


def test_bericht_sturen_en_antwoord_lezen(client, anna, bert, huishouden_a, huishouden_b):
    meld_aan_als(client, anna)
    r = client.post(url("mijn_berichten"), {"tekst": "   "})
    assert r.status_code == 400 and "Schrijf uw bericht" in r.content.decode()
    r = client.post(url("mijn_berichten"), {"tekst": "Mag de afspraak een week later?"})
    assert r.status_code == 302
    bericht = Portaalbericht.objects.get()
    assert bericht.huishouden == huishouden_a and bericht.van_inwoner and bericht.afzender == anna.naam
    Portaalbericht.objects.create(huishouden=huishouden_a, van_inwoner=False, afzender="Gea Regisseur", tekst="Dat kan, tot dan.")
    Portaalbericht.objects.create(huishouden=huishouden_b, van_inwoner=False, afzender="Ander", tekst="Geheim voor Bakker")
    assert "1 nieuw bericht" in client.get(url("mijn")).content.decode()
    html = client.get(url("mijn_berichten")).content.decode()
    assert "Dat kan, tot dan." in html and "Geheim voor Bakker" not in html
    assert Portaalbericht.objects.get(tekst="Dat kan, tot dan.").gelezen
    assert not Portaalbericht.objects.get(tekst="Geheim voor Bakker").gelezen


# --- representation --------------------------------------------------------------------------------------


def test_vertegenwoordiger_handelt_namens_en_dat_staat_in_de_audit(client, anna, bert, plan_a, beschikking_a, vertegenwoordiger):
    nl = vertegenwoordiger(plan_a.huishouden, voor_persoon=anna)
    meld_aan_als(client, bert)
    # as herself: her own household only
    assert "Huishouden Jansen" not in client.get(url("mijn")).content.decode()
    assert client.get(url("mijn_plan", plan_a.pk)).status_code == 404
    r = client.get(url("mijn_namens"))
    assert f"Ik handel namens {anna.naam} (als bewindvoerder)" in r.content.decode()
    r = client.post(url("mijn_namens"), {"namens": f"nl-{nl.pk}"})
    assert r.status_code == 302 and client.session[aanmelden.SESSIE_NAMENS] == nl.pk
    html = client.get(url("mijn")).content.decode()
    assert "Huishouden Jansen" in html and "Huishouden Bakker" not in html and f"namens {anna.naam}" in html
    assert client.get(url("mijn_beschikking_pdf", beschikking_a.pk)).content.startswith(b"%PDF")
    client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": plan_a.huidige_versie.pk})
    o = Ondertekening.objects.get()
    assert o.rol == OndertekenaarRol.VERTEGENWOORDIGER and o.netwerklid == nl and o.persoon is None
    records = portaalrecords().filter(huishouden_id=plan_a.huishouden_id)
    assert records.count() >= 4
    for rec in records:
        assert f"{bert.naam} (bewindvoerder) namens {anna.naam}" in rec.omschrijving and rec.medewerker is None
        assert anna.bsn not in rec.omschrijving and bert.bsn not in rec.omschrijving
    # back to herself
    client.post(url("mijn_namens"), {"namens": "zelf"})
    assert "Huishouden Jansen" not in client.get(url("mijn")).content.decode()


def test_geen_namens_zonder_vertegenwoordigende_rol(client, anna, bert, plan_a, vertegenwoordiger):
    nl = vertegenwoordiger(plan_a.huishouden, voor_persoon=anna, rol=NetwerkRol.MANTELZORGER)
    meld_aan_als(client, bert)
    r = client.post(url("mijn_namens"), {"namens": f"nl-{nl.pk}"})
    assert r.status_code == 200 and aanmelden.SESSIE_NAMENS not in client.session
    # a forged session key is ignored as well
    meld_aan_als(client, bert, namens=nl)
    assert "Huishouden Jansen" not in client.get(url("mijn")).content.decode()


def test_beeindigde_vertegenwoordiging_vervalt_direct(client, anna, bert, plan_a, vertegenwoordiger):
    nl = vertegenwoordiger(plan_a.huishouden, voor_persoon=anna)
    meld_aan_als(client, bert, namens=nl)
    assert client.get(url("mijn_plan", plan_a.pk)).status_code == 200
    nl.actief = False
    nl.save()
    assert client.get(url("mijn_plan", plan_a.pk)).status_code == 404


def test_aanmelden_met_vertegenwoordiging_vraagt_voor_wie(client, bert, plan_a, anna, vertegenwoordiger):
    import re

    from django.core import mail
    from django.core.cache import cache

    cache.clear()
    vertegenwoordiger(plan_a.huishouden, voor_persoon=anna)
    client.post(url("mijn_aanmelden"), {"email": bert.email})
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    r = client.post(url("mijn_code"), {"code": code})
    assert r["Location"] == url("mijn_namens")


# --- audit ---------------------------------------------------------------------------------------------


def test_elke_pagina_met_dossiergegevens_schrijft_audit(client, anna, plan_a, beschikking_a):
    g = maak_gesprek(plan_a.huishouden, plan_a.regisseur)
    meld_aan_als(client, anna)
    for pagina in (
        url("mijn"),
        url("mijn_plan", plan_a.pk),
        url("mijn_gesprek", g.pk),
        url("mijn_beschikking_pdf", beschikking_a.pk),
        url("mijn_bijdrage"),
        url("mijn_berichten"),
        url("mijn_documenten"),
    ):
        voor = portaalrecords().count()
        assert client.get(pagina).status_code == 200
        nieuw = portaalrecords().order_by("-pk").first()
        assert portaalrecords().count() > voor, pagina
        assert nieuw.huishouden_id == plan_a.huishouden_id and nieuw.medewerker is None and anna.naam in nieuw.omschrijving
        assert nieuw.ip_adres == "127.0.0.1"


# --- staff answer ----------------------------------------------------------------------------------------


def test_regisseur_leest_en_antwoordt_inwoner_leest_antwoord(client, anna, plan_a):
    huishouden = plan_a.huishouden
    Portaalbericht.objects.create(huishouden=huishouden, afzender=anna.naam, tekst="Mag de afspraak later?")
    pagina = url("team_berichten", huishouden.pk)
    r = client.get(pagina)
    assert r.status_code == 302 and "/account/inloggen" in r["Location"]  # a resident session is not enough
    client.force_login(plan_a.regisseur)
    r = client.get(pagina)
    assert r.status_code == 200 and "Mag de afspraak later?" in r.content.decode()
    assert Portaalbericht.objects.get().gelezen
    assert AuditRecord.objects.filter(medewerker=plan_a.regisseur, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).exists()
    r = client.post(pagina, {"tekst": "Ja, volgende week dinsdag."})
    assert r.status_code == 302
    antwoord = Portaalbericht.objects.get(van_inwoner=False)
    assert antwoord.medewerker == plan_a.regisseur and not antwoord.gelezen
    client.logout()
    meld_aan_als(client, anna)
    assert "Ja, volgende week dinsdag." in client.get(url("mijn_berichten")).content.decode()


def test_medewerker_buiten_het_gebied_kan_niet_antwoorden(client, plan_a):
    from keukentafel.testing.factories import MedewerkerFactory

    client.force_login(MedewerkerFactory())
    pagina = url("team_berichten", plan_a.huishouden.pk)
    r = client.get(pagina)
    assert r.status_code == 302 and r["Location"].startswith(reverse("inwoners:noodtoegang", args=[plan_a.huishouden.pk]))
    assert client.post(pagina, {"tekst": "Hallo"}).status_code == 403
    assert not Portaalbericht.objects.exists()


# --- documents upload ------------------------------------------------------------------------------------


def _bestand(naam: str, inhoud: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


def test_document_uploaden_bij_eigen_huishouden_met_audit(client, anna, huishouden_a):
    meld_aan_als(client, anna)
    r = client.post(
        url("mijn_documenten"), {"omschrijving": "Brief huisarts", "bestand": _bestand("brief Anna Jansen.pdf", b"%PDF-1.4\n%test\n")}
    )
    assert r.status_code == 302
    doc = Portaaldocument.objects.get()
    assert doc.huishouden == huishouden_a and doc.soort == "pdf" and doc.oorspronkelijke_naam == "brief Anna Jansen.pdf"
    assert "Anna" not in doc.bestand.name and doc.bestand.name.startswith(f"{huishouden_a.pk}/")
    with doc.bestand.open("rb") as fh:
        assert fh.read().startswith(b"%PDF")
    rec = portaalrecords().get(actie=AuditActie.AANMAKEN, object_type="Portaaldocument")
    assert rec.huishouden_id == huishouden_a.pk and rec.medewerker is None
    assert "Brief huisarts" in client.get(url("mijn_documenten")).content.decode()


def test_document_verkeerd_soort_of_te_groot_geweigerd(client, anna, settings):
    from keukentafel.portaal import forms_mijn

    meld_aan_als(client, anna)
    r = client.post(url("mijn_documenten"), {"omschrijving": "Script", "bestand": _bestand("virus.pdf", b"MZ\x90\x00 not a pdf")})
    assert r.status_code == 400 and "Kies een PDF, JPG of PNG" in r.content.decode()
    groot = b"%PDF-" + b"0" * (forms_mijn.MAX_DOCUMENT_BYTES + 1)
    r = client.post(url("mijn_documenten"), {"omschrijving": "Groot", "bestand": _bestand("groot.pdf", groot)})
    assert r.status_code == 400 and "groter dan 10 MB" in r.content.decode()
    settings.MAX_UPLOAD_BYTES = 1000  # the upload handler drops it while the body arrives
    r = client.post(url("mijn_documenten"), {"omschrijving": "Groot", "bestand": _bestand("groot.pdf", b"%PDF-" + b"0" * 2000)})
    assert r.status_code == 400 and "Het bestand is groter dan" in r.content.decode()
    assert not Portaaldocument.objects.exists()


def test_documenten_van_ander_huishouden_onzichtbaar(client, anna, bert, huishouden_b):
    Portaaldocument.objects.create(
        huishouden=huishouden_b,
        bestand="x/y.pdf",
        oorspronkelijke_naam="y.pdf",
        soort="pdf",
        grootte=5,
        omschrijving="Geheim B",
        geupload_door="Bert",
    )
    meld_aan_als(client, anna)
    assert "Geheim B" not in client.get(url("mijn_documenten")).content.decode()


def test_opmerkingen_bij_het_verslag_toevoegen(client, anna, bert, plan_a, plan_b, vertegenwoordiger):
    g = maak_gesprek(plan_a.huishouden, plan_a.regisseur)
    g_b = maak_gesprek(plan_b.huishouden, plan_b.regisseur)
    meld_aan_als(client, anna)
    r = client.post(url("mijn_gesprek", g.pk), {"opmerkingen": "  "})
    assert r.status_code == 400 and "Schrijf uw opmerkingen" in r.content.decode()
    assert client.post(url("mijn_gesprek", g.pk), {"opmerkingen": "Het is de linkerknie, niet de rechter."}).status_code == 302
    g.refresh_from_db()
    assert g.opmerkingen_inwoner == "Het is de linkerknie, niet de rechter." and g.opmerkingen_inwoner_op
    rec = portaalrecords().get(actie=AuditActie.WIJZIGEN, object_type="Gesprek")
    assert rec.huishouden_id == plan_a.huishouden_id and anna.naam in rec.omschrijving
    assert client.post(url("mijn_gesprek", g_b.pk), {"opmerkingen": "Niet van mij"}).status_code == 404
    g_b.refresh_from_db()
    assert g_b.opmerkingen_inwoner == ""
    # a representative's remark says who wrote it
    nl = vertegenwoordiger(plan_a.huishouden, voor_persoon=anna)
    meld_aan_als(client, bert, namens=nl)
    client.post(url("mijn_gesprek", g.pk), {"opmerkingen": "Graag ook de bewindvoerder uitnodigen."})
    g.refresh_from_db()
    assert f"({bert.naam} (bewindvoerder) namens {anna.naam}) Graag ook" in g.opmerkingen_inwoner


def test_uploads_in_de_ingestelde_map(client, anna, settings, tmp_path):
    settings.KT_PORTAAL_UPLOADS = str(tmp_path / "uploads")
    meld_aan_als(client, anna)
    client.post(url("mijn_documenten"), {"omschrijving": "Foto", "bestand": _bestand("foto.png", b"\x89PNG\r\n\x1a\n0000")})
    doc = Portaaldocument.objects.get()
    assert doc.soort == "png" and (tmp_path / "uploads" / doc.bestand.name).exists()


# --- signing without a medewerker, own goals, the staff dossier link ------------------------------------


def test_inwoner_tekent_zelf_zonder_medewerker(client, anna, plan_a):
    """The signature is the resident's own: method PORTAAL, nobody recorded it, the regisseur is not in the audit."""
    meld_aan_als(client, anna)
    versie = plan_a.huidige_versie
    assert client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": versie.pk}).status_code == 302
    o = Ondertekening.objects.get(versie=versie)
    assert (o.rol, o.methode, o.vastgelegd_door, o.medewerker, o.persoon) == (
        OndertekenaarRol.INWONER,
        Ondertekenmethode.PORTAAL,
        None,
        None,
        anna,
    )
    records = AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN, object_type="Ondersteuningsplan", omschrijving__contains="ondertekend")
    assert records.count() == 1  # the service's record only: no second record naming the regisseur
    rec = records.get()
    assert rec.kanaal == "portaal" and rec.medewerker is None
    assert rec.omschrijving == f"Versie {versie.nummer} ondertekend (digitaal via Mijn Keukentafel) door {anna.naam}"
    assert anna.bsn not in rec.omschrijving
    assert not AuditRecord.objects.filter(medewerker=plan_a.regisseur, omschrijving__contains="ondertekend").exists()
    assert (
        f"Inwoner: {anna.naam}" in (html := client.get(url("mijn_plan", plan_a.pk)).content.decode())
        and "(Digitaal via Mijn Keukentafel)" in html
    )


def test_vertegenwoordiger_tekent_namens_zonder_medewerker(client, anna, bert, plan_a, vertegenwoordiger):
    nl = vertegenwoordiger(plan_a.huishouden, voor_persoon=anna)
    meld_aan_als(client, bert, namens=nl)
    versie = plan_a.huidige_versie
    assert client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": versie.pk}).status_code == 302
    o = Ondertekening.objects.get(versie=versie)
    assert (o.rol, o.methode, o.vastgelegd_door, o.netwerklid, o.persoon) == (
        OndertekenaarRol.VERTEGENWOORDIGER,
        Ondertekenmethode.PORTAAL,
        None,
        nl,
        None,
    )
    rec = AuditRecord.objects.get(actie=AuditActie.WIJZIGEN, object_type="Ondersteuningsplan", omschrijving__contains="ondertekend")
    assert rec.kanaal == "portaal" and rec.medewerker is None
    assert f"ondertekend (digitaal via Mijn Keukentafel) door {nl.naam} (bewindvoerder) namens {anna.naam}" in rec.omschrijving
    assert anna.bsn not in rec.omschrijving and bert.bsn not in rec.omschrijving


def test_inwoner_stelt_eigen_doel_voor_zonder_de_getekende_versie_te_wijzigen(client, anna, plan_a):
    from keukentafel.plannen.models import Doel, Doelvoorstel, VoorstelStatus

    plannen.onderteken(plan_a.regisseur, plan_a.huidige_versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    meld_aan_als(client, anna)
    client.post(url("mijn_plan", plan_a.pk), {"akkoord": "on", "versie": plan_a.huidige_versie.pk})
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.ACTIEF
    versie, planversie, doelen = plan_a.huidige_versie, plan_a.version, Doel.objects.filter(plan=plan_a).count()
    html = client.get(url("mijn_plan", plan_a.pk)).content.decode()
    assert "Doel voorstellen" in html and 'name="doel-omschrijving"' in html
    # invalid: no goal text
    leefgebied = Leefgebied.objects.get(code="adl")
    r = client.post(url("mijn_plan", plan_a.pk), {"formulier": "doel", "doel-leefgebied": leefgebied.pk, "doel-omschrijving": "  "})
    assert r.status_code == 400 and "Beschrijf uw doel." in r.content.decode() and not Doelvoorstel.objects.exists()
    r = client.post(
        url("mijn_plan", plan_a.pk),
        {
            "formulier": "doel",
            "doel-leefgebied": leefgebied.pk,
            "doel-omschrijving": "Zelf weer naar de markt",
            "doel-toelichting": "Daar zie ik mijn buren.",
        },
    )
    assert r.status_code == 302
    v = Doelvoorstel.objects.get()
    assert (v.plan, v.persoon, v.status, v.ingediend_door, v.toelichting) == (
        plan_a,
        anna,
        VoorstelStatus.OPEN,
        anna.naam,
        "Daar zie ik mijn buren.",
    )
    # the plan, its version and signatures are unchanged: a proposal is not an agreement
    plan_a.refresh_from_db()
    assert plan_a.version == planversie and plan_a.huidige_versie == versie and plan_a.status == PlanStatus.ACTIEF
    assert Doel.objects.filter(plan=plan_a).count() == doelen and plannen.ongetekende_wijzigingen(plan_a) == []
    # no signature on the form-less POST
    assert Ondertekening.objects.filter(versie=versie).count() == 2
    rec = portaalrecords().get(actie=AuditActie.AANMAKEN, object_type="Doelvoorstel")
    assert rec.medewerker is None and rec.huishouden_id == plan_a.huishouden_id and f"door {anna.naam}" in rec.omschrijving
    html = client.get(url("mijn_plan", plan_a.pk)).content.decode()
    assert "Zelf weer naar de markt" in html and "nog niet bekeken" in html
    # the regisseur sees it on the plan page, and takes it over: then it is a goal, to be signed in the next version
    client.force_login(plan_a.regisseur)
    html = client.get(reverse("plannen:plan_detail", args=[plan_a.pk])).content.decode()
    assert "Voorstellen van de inwoner (1)" in html and "Zelf weer naar de markt" in html and "Daar zie ik mijn buren." in html
    r = client.post(
        reverse("plannen:plan_detail", args=[plan_a.pk]), {"formulier": "doelvoorstel_overnemen", "pk": v.pk, "version": plan_a.version}
    )
    assert r.status_code == 302
    v.refresh_from_db()
    assert (
        v.status == VoorstelStatus.OVERGENOMEN and v.doel.omschrijving == "Zelf weer naar de markt" and v.behandeld_door == plan_a.regisseur
    )
    assert [w.nieuw for w in plannen.ongetekende_wijzigingen(plan_a) if w.soort == "toegevoegd"] == ["Zelf weer naar de markt"]
    assert plan_a.huidige_versie == versie  # the new version is the regisseur's next step
    html = client.get(reverse("plannen:plan_detail", args=[plan_a.pk])).content.decode()
    assert "Voorstellen van de inwoner" not in html
    # taking it over twice is refused
    r = client.post(
        reverse("plannen:plan_detail", args=[plan_a.pk]), {"formulier": "doelvoorstel_overnemen", "pk": v.pk, "version": plan_a.version + 1}
    )
    assert r.status_code == 400 and "al behandeld" in r.content.decode()


def test_regisseur_neemt_voorstel_niet_over_inwoner_leest_waarom(client, anna, bert, plan_a, vertegenwoordiger):
    from keukentafel.plannen.models import Doelvoorstel, VoorstelStatus

    nl = vertegenwoordiger(plan_a.huishouden, voor_persoon=anna)
    meld_aan_als(client, bert, namens=nl)
    leefgebied = Leefgebied.objects.get(code="adl")
    client.post(url("mijn_plan", plan_a.pk), {"formulier": "doel", "doel-leefgebied": leefgebied.pk, "doel-omschrijving": "Verhuizen"})
    v = Doelvoorstel.objects.get()
    assert v.netwerklid == nl and v.persoon is None and v.ingediend_door == f"{nl.naam} (bewindvoerder) namens {anna.naam}"
    client.force_login(plan_a.regisseur)
    detail = reverse("plannen:plan_detail", args=[plan_a.pk])
    r = client.post(detail, {"formulier": "doelvoorstel_afwijzen", "pk": v.pk, "reactie": " "})
    assert r.status_code == 400 and "Leg de inwoner uit" in r.content.decode()
    r = client.post(detail, {"formulier": "doelvoorstel_afwijzen", "pk": v.pk, "reactie": "Dat bespreken we bij de evaluatie."})
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.status == VoorstelStatus.AFGEWEZEN and v.doel is None
    meld_aan_als(client, bert, namens=nl)
    html = client.get(url("mijn_plan", plan_a.pk)).content.decode()
    assert "niet overgenomen" in html and "Dat bespreken we bij de evaluatie." in html


def test_doel_voorstellen_alleen_bij_eigen_open_plan(client, anna, plan_a, plan_b):
    from keukentafel.plannen.models import Doelvoorstel

    meld_aan_als(client, anna)
    leefgebied = Leefgebied.objects.get(code="adl")
    data = {"formulier": "doel", "doel-leefgebied": leefgebied.pk, "doel-omschrijving": "Iets"}
    assert client.post(url("mijn_plan", plan_b.pk), data).status_code == 404
    plannen.onderteken(plan_a.regisseur, plan_a.huidige_versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    plannen.onderteken(
        plan_a.regisseur, plan_a.huidige_versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, persoon=anna
    )
    plan_a.refresh_from_db()
    plannen.evalueer(plan_a.regisseur, plan_a, plan_a.version, datum=date.today(), besluit="afsluiten", toelichting="Doelen bereikt")
    r = client.post(url("mijn_plan", plan_a.pk), data)
    assert r.status_code == 302 and not Doelvoorstel.objects.exists()
    assert "Doel voorstellen" not in client.get(url("mijn_plan", plan_a.pk)).content.decode()


def test_dossierpagina_linkt_naar_portaalberichten_met_aantal_ongelezen(client, anna, plan_a):
    huishouden = plan_a.huishouden
    client.force_login(plan_a.regisseur)
    dossier = reverse("inwoners:huishouden_detail", args=[huishouden.pk])
    link = url("team_berichten", huishouden.pk)
    html = client.get(dossier).content.decode()
    assert f'href="{link}"' in html and "ongelezen" not in html
    Portaalbericht.objects.create(huishouden=huishouden, van_inwoner=True, afzender=anna.naam, tekst="Vraag 1")
    Portaalbericht.objects.create(huishouden=huishouden, van_inwoner=True, afzender=anna.naam, tekst="Vraag 2")
    Portaalbericht.objects.create(huishouden=huishouden, van_inwoner=False, afzender="Gea", tekst="Antwoord")
    assert "Berichten uit Mijn Keukentafel (2 ongelezen)" in client.get(dossier).content.decode()
    client.get(link)  # reading them on the answer page marks them read
    assert "ongelezen" not in client.get(dossier).content.decode()
