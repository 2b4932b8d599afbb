"""Finance models, one module per part (begroting, pgb, eigen bijdrage, scenario's)."""

from .begroting import (
    DEKKING_EIGEN_BIJDRAGE,
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Begrotingsversie,
    Domein,
    Postsoort,
    Verdeelsleutel,
    Versiesoort,
)
from .bijdrage import Bijdrageberekening, Bijdrageregeling, Bijdragesoort, Huishoudinkomen, Huishoudtype, Periodelengte
from .pgb import Pgbimport, PgbSignaalgrens, Pgbuitgave
from .scenario import Scenario

__all__ = [
    "DEKKING_EIGEN_BIJDRAGE",
    "Begroting", "Begrotingsbedrag", "Begrotingspost", "Begrotingsversie", "Bijdrageberekening", "Bijdrageregeling",
    "Bijdragesoort", "Domein", "Huishoudinkomen", "Huishoudtype", "Periodelengte", "Pgbimport", "PgbSignaalgrens",
    "Pgbuitgave", "Postsoort",
    "Scenario", "Verdeelsleutel", "Versiesoort",
]
