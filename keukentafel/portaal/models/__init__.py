"""Portal models, one module per part (publiek, hulp, vrijwilligers, mijn)."""

from .hulp import BesteTijd, Contactvoorkeur, Hulpvraag, Hulpvraagsoort  # noqa: F401
