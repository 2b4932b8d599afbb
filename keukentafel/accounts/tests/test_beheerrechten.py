import pytest

from keukentafel.accounts.beheerrechten import GROEP, maak_functioneel_beheerder
from keukentafel.accounts.models import Rol
from keukentafel.testing.factories import MedewerkerFactory


@pytest.mark.django_db
def test_functioneel_beheer_mag_beleid_instellen_maar_geen_dossiers_of_audit_wijzigen(client):
    beheerder = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None)
    maak_functioneel_beheerder(beheerder)
    beheerder.refresh_from_db()
    assert beheerder.groups.filter(name=GROEP).exists()
    assert beheerder.has_perm("beleid.add_beleidsinstelling") and beheerder.has_perm("beleid.change_leefgebied")
    assert beheerder.has_perm("accounts.view_auditrecord")
    assert not beheerder.has_perm("accounts.change_auditrecord")
    assert not beheerder.has_perm("inwoners.view_persoon") and not beheerder.has_perm("plannen.change_ondersteuningsplan")
    client.force_login(beheerder)
    assert client.get("/beheer/beleid/beleidsinstelling/add/").status_code == 200


@pytest.mark.django_db
def test_generalist_heeft_geen_beheerscherm(client):
    client.force_login(MedewerkerFactory())
    assert client.get("/beheer/beleid/beleidsinstelling/").status_code == 302
