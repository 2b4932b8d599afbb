"""Signals other contexts listen to, so `besluiten` does not depend on them."""

from django.dispatch import Signal

#: Sent inside the transaction after a grant was created or changed (kwargs: voorziening, soort, door).
#: The message layer answers with a 301 to the provider; a receiver that raises aborts the change.
toewijzing_gewijzigd = Signal()
