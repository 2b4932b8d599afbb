"""National defaults for the Jeugdwet policy keys (issue 6), each dated and with its source.

Loaded by migration jeugd/0002; the browser tests load them again after each flush.
"""

from datetime import date

#: (sleutel, geldig_vanaf, waarde, bron)
STANDAARDEN = [
    ("jeugd_leeftijdsgrens", date(2015, 1, 1), 18,
     "Jeugdwet art. 1.1, begrip 'jeugdige': persoon die de leeftijd van achttien jaar nog niet heeft bereikt"),
    ("jeugd_verlenging_tot", date(2015, 1, 1), 23,
     "Jeugdwet art. 1.1, begrip 'jeugdige' onder 2° en 3°: voortzetting of hervatting (binnen een half jaar) van "
     "jeugdhulp, en jeugdreclassering, tot 23 jaar"),
    ("overgang_18_voorloop_maanden", date(2015, 1, 1), 12,
     "Werkafspraak 18-/18+: de overgang een jaar vóór de 18e verjaardag voorbereiden (te controleren per gemeente)"),
    ("ouderbijdrage_jeugdhulp", date(2015, 1, 1),
     {"geheven": True, "alleen_bij_verblijf_buiten_huis": True,
      "vrijstellingen": ["adoptie", "gezagsverlies", "spoedplaatsing"], "bedrag_cent": None, "per": "maand"},
     "Jeugdwet 2015 hfst. 8 (oud) en seed: alleen bij verblijf buiten het gezin, niet bij adoptie, gezagsverlies of "
     "spoedplaatsing; bedrag naar draagkracht door het CAK (landelijk bedrag te controleren)"),
    ("ouderbijdrage_jeugdhulp", date(2016, 1, 1),
     {"geheven": False, "alleen_bij_verblijf_buiten_huis": True,
      "vrijstellingen": ["adoptie", "gezagsverlies", "spoedplaatsing"], "bedrag_cent": 0, "per": "maand"},
     "Afgeschaft per 1 januari 2016: Besluit Jeugdwet (bedragen op nihil) en Wet van 21-12-2016, Stb. 2017, 64, "
     "met terugwerkende kracht tot 1-1-2016"),
]
