"""Portal models, one module per part (publiek, hulp, vrijwilligers, mijn)."""

from .publiek import Etalagepagina, Thema, Zelftestvraag  # noqa: F401
