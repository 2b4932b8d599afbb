"""Print the API token of a staff account (created when missing).

Systems (a portal, a provider's software) act as a named service account with a role and a team,
so the API applies to them exactly the permissions and audit trail of a person with that role.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from keukentafel.accounts import audit
from keukentafel.accounts.access import heeft_dossierrol
from keukentafel.accounts.models import AuditActie, Medewerker


class Command(BaseCommand):
    help = "Toon het API-token van een medewerker of serviceaccount (maakt het aan als het nog niet bestaat)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="Gebruikersnaam van de medewerker of het serviceaccount.")
        parser.add_argument(
            "--vernieuw",
            action="store_true",
            help="Trek het bestaande token in en maak een nieuw token (bijvoorbeeld na een lek).",
        )

    @transaction.atomic
    def handle(self, *args, username: str, vernieuw: bool = False, **options) -> None:
        medewerker = Medewerker.objects.filter(username=username).first()
        if medewerker is None:
            raise CommandError(f"Er is geen medewerker met gebruikersnaam '{username}'.")
        if not medewerker.is_active:
            raise CommandError(f"Het account '{username}' is niet actief; activeer het eerst.")
        if vernieuw:
            Token.objects.filter(user=medewerker).delete()
        token, nieuw = Token.objects.get_or_create(user=medewerker)
        if nieuw:
            wat = "vernieuwd" if vernieuw else "aangemaakt"
            audit.log(
                None,
                AuditActie.AANMAKEN,
                medewerker,  # not the token: its primary key is the secret itself
                omschrijving=f"API-token {wat} voor {medewerker.username} ({medewerker.get_rol_display()})",
                kanaal="systeem",
            )
        if not heeft_dossierrol(medewerker):
            self.stderr.write(f"Let op: de rol {medewerker.get_rol_display()} geeft via de API geen toegang tot dossiers van inwoners.")
        elif medewerker.team_id is None and medewerker.gemeente_id is None:
            self.stderr.write("Let op: dit account hoort bij geen team of gemeente en ziet daardoor geen dossiers.")
        self.stdout.write(token.key)
