"""The hulpknop: a resident's question becomes a melding for the right gebiedsteam; an anonymous question a signal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keukentafel.accounts.models import AuditRecord
from keukentafel.beleid.models import Leefgebied
from keukentafel.portaal.models import Hulpvraag, Hulpvraagsoort
from keukentafel.toegang.models import Kanaal, MelderType, Melding, MeldingStatus

from .fixtures_hulp import _lege_limiet, anoniemdata, fixture_regio, hulpdata  # noqa: F401  (fixture regio)

URL = "/portaal/hulp/"
ANONIEM = "/portaal/hulp/anoniem/"


def test_routes():
    assert reverse("portaal:hulp") == URL
    assert reverse("portaal:hulp_anoniem") == ANONIEM
    assert reverse("portaal:hulp_verstuurd") == "/portaal/hulp/verstuurd/"


@pytest.mark.django_db
def test_formulier_is_openbaar_en_toegankelijk_opgebouwd(client, regio):
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Hulp vragen" in html and "Vraag versturen" in html
    # Honeypot hidden for everyone, with an accessible label; radio groups as fieldset + legend.
    assert 'aria-hidden="true"' in html and "Laat dit veld leeg" in html and 'tabindex="-1"' in html
    assert "<legend" in html and "Hoe wilt u dat wij contact met u opnemen?" in html
    assert "112" in html and "0800-2000" in html
    assert "<script>" not in html and "style=" not in html


@pytest.mark.django_db
def test_gemeente_uit_sessie_en_leefgebied_uit_url_zijn_voorgeselecteerd(client, regio):
    sessie = client.session
    sessie["portaal_gemeente_id"] = regio.gemeente.pk
    sessie.save()
    lg = Leefgebied.objects.filter(actief=True).first()
    r = client.get(f"{URL}?leefgebied={lg.code}")
    form = r.context["form"]
    assert form.initial["gemeente"] == regio.gemeente.pk
    html = r.content.decode()
    assert f'<option value="{regio.gemeente.pk}" selected>' in html
    assert f'<option value="{lg.code}" selected>' in html


@pytest.mark.django_db
def test_hulpvraag_wordt_melding_voor_het_gebiedsteam_van_de_postcode(client, regio):
    lg = Leefgebied.objects.filter(actief=True).first()
    r = client.post(URL, hulpdata(regio, leefgebied=lg.code))
    assert r.status_code == 302 and r["Location"] == "/portaal/hulp/verstuurd/"
    m = Melding.objects.get()
    assert m.kanaal == Kanaal.WEB and m.melder_type == MelderType.INWONER and not m.anoniem
    assert m.gemeente == regio.gemeente and m.team == regio.team and m.toegewezen_aan is None
    assert m.status == MeldingStatus.NIEUW and m.persoon is None and m.huishouden is None
    assert m.melder_naam == "Fatima de Vries" and "06 12345678" in m.melder_contact
    assert "zorg voor mijn moeder" in m.vraag and "Contactvoorkeur: bel mij" in m.vraag and "ochtend" in m.vraag
    assert list(m.leefgebieden.all()) == [lg]
    hv = m.hulpvraag
    assert hv.soort == Hulpvraagsoort.MELDING and hv.contactvoorkeur == "telefoon" and hv.beste_tijd == "ochtend"
    assert hv.gebied == regio.gebied and hv.toestemming_op is not None and "toestemming" in hv.toestemmingstekst
    assert AuditRecord.objects.filter(object_type="Melding", object_id=str(m.pk)).count() == 2


@pytest.mark.django_db
def test_melding_staat_op_de_werkvoorraad_van_de_generalist_van_dat_gebied(client, regio):
    client.post(URL, hulpdata(regio))
    m = Melding.objects.get()
    client.force_login(regio.generalist)
    r = client.get(reverse("toegang:werkvoorraad"))
    assert r.status_code == 200
    assert m in r.context["wv"].team_nieuw.rijen
    assert f"Melding {m.pk}" in r.content.decode()
    # ... and not on the worklist of a generalist of another gebied.
    client.force_login(regio.collega_ander_team)
    r = client.get(reverse("toegang:werkvoorraad"))
    assert m not in r.context["wv"].team_nieuw.rijen
    # The generalist can open it (a melding without household: within its gemeente).
    client.force_login(regio.generalist)
    assert client.get(reverse("toegang:melding_detail", args=[m.pk])).status_code == 200


@pytest.mark.django_db
def test_andere_postcode_gaat_naar_het_andere_gebiedsteam(client, regio):
    client.post(URL, hulpdata(regio, postcode="6545XZ"))
    assert Melding.objects.get().team == regio.ander_team


@pytest.mark.django_db
def test_zonder_postcode_naar_de_centrale_toegang_van_de_gemeente(client, regio):
    client.post(URL, hulpdata(regio, postcode=""))
    m = Melding.objects.get()
    assert m.team is not None and m.team.gebied.gemeente == regio.gemeente
    assert m.hulpvraag.gebied is None


@pytest.mark.django_db
def test_postcode_van_andere_gemeente_wordt_geweigerd(client, regio):
    r = client.post(URL, hulpdata(regio, postcode="6602 AA"))
    assert r.status_code == 400
    assert "hoort bij de gemeente Wijchen" in r.content.decode()
    assert not Melding.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("voorkeur", "leeg", "fout"),
    [
        ("telefoon", {"telefoon": ""}, "Vul uw telefoonnummer in"),
        ("email", {"email": ""}, "Vul uw e-mailadres in"),
        ("brief", {"adres": "", "postcode": ""}, "Vul uw straat en huisnummer in"),
        ("langskomen", {"adres": ""}, "Vul uw straat en huisnummer in"),
    ],
)
def test_contactgegevens_nodig_voor_de_gekozen_voorkeur(client, regio, voorkeur, leeg, fout):
    r = client.post(URL, hulpdata(regio, contactvoorkeur=voorkeur, **leeg))
    assert r.status_code == 400
    html = r.content.decode()
    assert fout in html and "Er ging iets mis" in html
    assert not Melding.objects.exists()


@pytest.mark.django_db
def test_brief_met_adres_en_postcode_lukt(client, regio):
    r = client.post(URL, hulpdata(regio, contactvoorkeur="brief", telefoon="", adres="Zwanenveld 12-34", postcode="6535ab"))
    assert r.status_code == 302
    m = Melding.objects.get()
    assert "adres Zwanenveld 12-34, 6535 AB" in m.melder_contact and len(m.melder_contact) <= 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("toestemming", None, "Geef toestemming"),
        ("naam", "", "Vul uw naam in"),
        ("vraag", "", "Beschrijf uw vraag"),
        ("postcode", "65356", "Vul een postcode in als 1234 AB"),
        ("telefoon", "12345", "minstens 10 cijfers"),
        ("gemeente", "", "Kies uw gemeente"),
        ("leefgebied", "bestaat-niet", "Kies een onderwerp uit de lijst"),
    ],
)
def test_ongeldige_invoer_geeft_nederlandse_fout_en_geen_melding(client, regio, veld, waarde, fout):
    data = hulpdata(regio)
    if waarde is None:
        data.pop(veld)
    else:
        data[veld] = waarde
    r = client.post(URL, data)
    assert r.status_code == 400
    assert fout in r.content.decode()
    assert not Melding.objects.exists() and not Hulpvraag.objects.exists()


@pytest.mark.django_db
def test_bevestiging_toont_alleen_wat_de_inwoner_typte_en_eenmalig(client, regio):
    r = client.post(URL, hulpdata(regio), follow=True)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Uw vraag is verstuurd" in html and "Wat gebeurt er nu?" in html
    assert "Fatima de Vries" in html and "06 12345678" in html and "zorg voor mijn moeder" in html
    assert "Team Dukenburg" in html and "zes weken" in html
    assert "[Via de hulpknop" not in html  # staff note not echoed
    # The session remembers the gemeente for the next form.
    assert client.session["portaal_gemeente_id"] == regio.gemeente.pk
    # A reload shows the general text, no personal data.
    html = client.get("/portaal/hulp/verstuurd/").content.decode()
    assert "Fatima" not in html and "Uw vraag is bij ons binnen" in html


@pytest.mark.django_db
def test_anonieme_vraag_wordt_anoniem_signaal_zonder_persoonsgegevens(client, regio):
    r = client.post(ANONIEM, anoniemdata(regio))
    assert r.status_code == 302
    m = Melding.objects.get()
    assert m.anoniem and m.melder_type == MelderType.ANONIEM and m.kanaal == Kanaal.WEB
    assert m.melder_naam == "" and m.melder_contact == "" and m.persoon is None and m.huishouden is None
    assert m.team is None
    hv = m.hulpvraag
    assert hv.soort == Hulpvraagsoort.ANONIEM and hv.contactvoorkeur == "" and hv.toestemming_op is None
    # No IP address of the anonymous asker in the audit trail.
    assert not AuditRecord.objects.filter(object_type="Melding", object_id=str(m.pk), ip_adres__isnull=False).exists()
    # It shows in the gemeente's list of anonymous signals.
    client.force_login(regio.generalist)
    r = client.get(reverse("toegang:anonieme_signalen"))
    assert m in r.context["pagina"].object_list


@pytest.mark.django_db
def test_anonieme_vraag_met_wijk_komt_bij_dat_gebiedsteam(client, regio):
    client.post(ANONIEM, anoniemdata(regio, gebied=str(regio.ander_gebied.pk)))
    m = Melding.objects.get()
    assert m.team == regio.ander_team and m.anoniem
    client.force_login(regio.collega_ander_team)
    assert m in client.get(reverse("toegang:werkvoorraad")).context["wv"].team_nieuw.rijen


@pytest.mark.django_db
def test_anonieme_vraag_wijk_van_andere_gemeente_geweigerd(client, regio):
    wijk = regio.andere_gemeente.gebieden.first()
    r = client.post(ANONIEM, anoniemdata(regio, gebied=str(wijk.pk)))
    assert r.status_code == 400 and "hoort niet bij de gemeente Nijmegen" in r.content.decode()
    assert not Melding.objects.exists()


@pytest.mark.django_db
def test_anoniem_formulier_vraagt_geen_persoonsgegevens(client, regio):
    r = client.get(ANONIEM)
    assert r.status_code == 200
    form = r.context["form"]
    assert not {"naam", "telefoon", "email", "adres", "postcode"} & set(form.fields)
    r = client.post(ANONIEM, anoniemdata(regio), follow=True)
    assert "Omdat wij niet weten wie u bent" in r.content.decode()
