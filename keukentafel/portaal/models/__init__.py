"""Portal models, one module per part (publiek, hulp, vrijwilligers, mijn)."""

from .mijn import Aanmeldcode, Portaalbericht, Portaaldocument  # noqa: F401
