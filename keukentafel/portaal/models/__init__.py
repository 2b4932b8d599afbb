"""Portal models, one module per part (publiek, hulp, vrijwilligers, mijn)."""

from .hulp import BesteTijd, Contactvoorkeur, Hulpvraag, Hulpvraagsoort  # noqa: F401
from .mijn import Aanmeldcode, Portaalbericht, Portaaldocument  # noqa: F401
from .publiek import Etalagepagina, Thema, Zelftestvraag  # noqa: F401
from .vrijwilligers import Dagdeel, Vrijwilliger, Vrijwilligerskoppeling, Vrijwilligersvacature  # noqa: F401
