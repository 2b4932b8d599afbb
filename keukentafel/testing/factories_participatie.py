"""Factories for the participatie app (kept apart from the shared factories module)."""

from __future__ import annotations

from datetime import date

import factory

from keukentafel.participatie.models import Competentie, Fase, Spoor, Traject, Uitkering, Werkgever
from keukentafel.testing.factories import GemeenteFactory, MedewerkerFactory, PersoonFactory


class TrajectFactory(factory.django.DjangoModelFactory):
    """An open Werkspoor traject in phase Diagnose; prefer services.start_traject where the rules matter."""

    class Meta:
        model = Traject

    persoon = factory.SubFactory(PersoonFactory)
    gemeente = factory.LazyAttribute(lambda o: o.persoon.gemeente)
    uitkering = Uitkering.BIJSTAND
    klantmanager = factory.SubFactory(MedewerkerFactory)
    verdiencapaciteit_procent = 60
    spoor = Spoor.WERKSPOOR
    fase = Fase.DIAGNOSE
    startdatum = date(2026, 1, 5)
    herbeoordeling_op = date(2027, 1, 5)


class WerkgeverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkgever

    naam = factory.Sequence(lambda n: f"Bedrijf {n} BV")
    kvk_nummer = factory.Sequence(lambda n: f"{12345000 + n:08d}")
    contactpersoon = "J. Jansen"
    gemeente = factory.SubFactory(GemeenteFactory)


class CompetentieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competentie
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Competentie {n}")
