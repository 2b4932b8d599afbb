"""factory_boy factories shared by all apps' tests (no fixtures with hand-written keys)."""
from __future__ import annotations

from datetime import date

import factory
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Postcodegebied, Regio, Rol, Team
from keukentafel.inwoners.models import Huishouden, Huishoudlid, LidRol, Netwerklid, NetwerkRol, Persoon
from keukentafel.toegang.models import Kanaal, MelderType, Melding

WACHTWOORD = "Keukentafel-test-2026"


def bsn_uit_prefix(prefix: int) -> str | None:
    """Complete an 8-digit prefix with the check digit of the elfproef, or None if none exists."""
    cijfers = f"{prefix:08d}"
    controle = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
    return None if controle == 10 else cijfers + str(controle)


def geldig_bsn(n: int) -> str:
    """The n-th test BSN: unique per n, passes the elfproef (prefix 2n or 2n+1 always completes)."""
    waarde = bsn_uit_prefix(10_000_000 + 2 * n) or bsn_uit_prefix(10_000_000 + 2 * n + 1)
    assert waarde and stdnum_bsn.is_valid(waarde)
    return waarde


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        django_get_or_create = ("naam",)

    naam = "Bollenstreek"


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente

    regio = factory.SubFactory(RegioFactory)
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    gemeentecode = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")  # always 4 digits (XSD pattern)
    inwoners = 20000


class GebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebied
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Gebied {n}")
    inwoners = 10000
    postcode = factory.RelatedFactory(
        "keukentafel.testing.factories.PostcodegebiedFactory", factory_related_name="gebied"
    )


class PostcodegebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcodegebied

    pc4 = factory.Sequence(lambda n: f"{2000 + n % 7999:04d}")
    gebied = factory.SubFactory(GebiedFactory, postcode=None)
    woonplaats = "Teststad"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    gebied = factory.SubFactory(GebiedFactory)
    naam = factory.Sequence(lambda n: f"Gebiedsteam {n}")


class MedewerkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medewerker
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    # Not a Faker surname: a staff name in the page header must never look like a client's surname in "not in html" checks.
    last_name = factory.Sequence(lambda n: f"Collega-{n}")
    rol = Rol.GENERALIST
    team = factory.SubFactory(TeamFactory)
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def opslaan(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    bsn = factory.Sequence(geldig_bsn)
    voornamen = factory.Faker("first_name", locale="nl_NL")
    geslachtsnaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum = date(1980, 5, 17)
    straat = "Dorpsstraat"
    huisnummer = factory.Sequence(lambda n: n + 1)
    postcode = factory.LazyAttribute(lambda o: f"{o.gebied.postcodes.first().pc4}AB" if o.gebied else "1234AB")
    woonplaats = "Teststad"
    gebied = factory.SubFactory(GebiedFactory)
    gemeente = factory.LazyAttribute(lambda o: o.gebied.gemeente if o.gebied else None)


class HuishoudenFactory(factory.django.DjangoModelFactory):
    """A household in a gebied with one member (the aanvrager) unless `leden=0`."""

    class Meta:
        model = Huishouden
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Huishouden Test {n}")
    gebied = factory.SubFactory(GebiedFactory)
    gemeente = factory.LazyAttribute(lambda o: o.gebied.gemeente)
    straat = "Dorpsstraat"
    huisnummer = factory.Sequence(lambda n: n + 1)
    postcode = factory.LazyAttribute(lambda o: f"{o.gebied.postcodes.first().pc4}AB")
    woonplaats = "Teststad"

    @factory.post_generation
    def leden(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        for i in range(1 if extracted is None else extracted):
            persoon = PersoonFactory(gebied=obj.gebied, postcode=obj.postcode, huisnummer=obj.huisnummer)
            Huishoudlid.objects.create(
                huishouden=obj, persoon=persoon, rol=LidRol.AANVRAGER if i == 0 else LidRol.KIND, begindatum=date(2020, 1, 1)
            )


class NetwerklidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Netwerklid

    huishouden = factory.SubFactory(HuishoudenFactory)
    naam = factory.Faker("name", locale="nl_NL")
    rol = NetwerkRol.MANTELZORGER
    uren_per_week = 4


class MeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Melding

    huishouden = factory.SubFactory(HuishoudenFactory)
    gemeente = factory.LazyAttribute(lambda o: o.huishouden.gemeente if o.huishouden else GemeenteFactory())
    ontvangen_op = factory.LazyFunction(timezone.now)
    kanaal = Kanaal.TELEFOON
    melder_type = MelderType.INWONER
    vraag = "Ik red het niet meer met het huishouden en de zorg voor mijn moeder."


class OndersteuningsplanFactory(factory.django.DjangoModelFactory):
    """A concept plan of a household; the regisseur is a generalist of the household's gebied."""

    class Meta:
        model = "plannen.Ondersteuningsplan"

    huishouden = factory.SubFactory(HuishoudenFactory)
    regisseur = factory.SubFactory(MedewerkerFactory, team__gebied=factory.SelfAttribute("...huishouden.gebied"))
    toelichting = "Mevrouw wil zo lang mogelijk zelfstandig blijven wonen."


class AanbiederFactory(factory.django.DjangoModelFactory):
    """A provider with valid mandatory quality evidence (VOG-beleid, meldcode, klachtenregeling) unless `bewijzen=False`."""

    class Meta:
        model = "aanbod.Aanbieder"
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Zorgaanbieder {n}")
    agb_code = factory.Sequence(lambda n: f"{73000000 + n:08d}")
    kvk_nummer = factory.Sequence(lambda n: f"{40000000 + n:08d}")

    @factory.post_generation
    def bewijzen(obj, create, extracted, **kwargs):  # noqa: N805
        if not create or extracted is False:
            return
        from keukentafel.aanbod.models import Kwaliteitsbewijs

        for soort in ("vog_beleid", "meldcode", "klachtenregeling"):
            Kwaliteitsbewijs.objects.create(aanbieder=obj, soort=soort, geldig_vanaf=date(2015, 1, 1))


class ProductFactory(factory.django.DjangoModelFactory):
    """Wmo begeleiding individueel in hours per week (WMO020 02, WJ756 04, WMO757 2)."""

    class Meta:
        model = "aanbod.Product"
        django_get_or_create = ("wet", "productcategorie", "productcode")

    wet = "wmo"
    productcategorie = "02"
    productcode = factory.Sequence(lambda n: f"{n % 100000:05d}")
    naam = factory.Sequence(lambda n: f"Begeleiding individueel {n}")
    eenheid = "04"
    frequentie = "2"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "aanbod.Contract"

    kenmerk = factory.Sequence(lambda n: f"BS-{2015 + n % 10}-{n:04d}")
    naam = "Raamovereenkomst Wmo-begeleiding"
    soort = "raamovereenkomst"
    aanbieder = factory.SubFactory(AanbiederFactory)
    regio = factory.SubFactory(RegioFactory)
    niveau = "regionaal"
    begindatum = date(2015, 1, 1)


class TariefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "aanbod.Tarief"

    contract = factory.SubFactory(ContractFactory)
    product = factory.SubFactory(ProductFactory)
    tarief_cent = 5400
    geldig_vanaf = date(2015, 1, 1)


class AlgemeneVoorzieningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "aanbod.AlgemeneVoorziening"

    naam = factory.Sequence(lambda n: f"Ontmoetingscentrum {n}")
    uitvoerder = "Welzijnsorganisatie Bollenstreek"
    categorie = "ontmoeting"
    doelgroepen = ["ouderen"]


class ToegewezenVoorzieningFactory(factory.django.DjangoModelFactory):
    """A ZIN grant written straight to the table (no 301, no audit): for finance and report tests that need many."""

    class Meta:
        model = "besluiten.ToegewezenVoorziening"

    gemeente = factory.SubFactory(GemeenteFactory)
    toewijzingnummer = factory.Sequence(lambda n: 500000 + n)
    persoon = factory.SubFactory(PersoonFactory)
    product = factory.SubFactory(ProductFactory)
    grondslag = "beschikking"
    leveringsvorm = "zin"
    aanbieder = factory.SubFactory(AanbiederFactory)
    tarief_cent = 5400
    omvang = 3
    eenheid = "04"
    frequentie = "2"
    begindatum = date(2026, 1, 1)
    einddatum = None
    toegekend_door = factory.SubFactory(MedewerkerFactory)
    toegekend_op = factory.LazyAttribute(lambda o: o.begindatum)
