"""Serializers of the catalogue API: sociale kaart, maatwerk products, providers (read-only)."""

from __future__ import annotations

from rest_framework import serializers

from keukentafel.aanbod.models import Aanbieder, AlgemeneVoorziening, Contract, Doelgroep, Kwaliteitsbewijs, Product


class AlgemeneVoorzieningSerializer(serializers.ModelSerializer):
    categorie_omschrijving = serializers.CharField(source="get_categorie_display", read_only=True)
    leefgebieden = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    gemeente = serializers.PrimaryKeyRelatedField(read_only=True, help_text="Leeg: voor de hele regio.")
    gebieden = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="Leeg: de hele gemeente.")
    doelgroepen = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Codes uit: " + ", ".join(Doelgroep.values) + "."
    )

    class Meta:
        model = AlgemeneVoorziening
        fields = [
            "id",
            "naam",
            "uitvoerder",
            "aanbieder",
            "categorie",
            "categorie_omschrijving",
            "omschrijving",
            "leefgebieden",
            "doelgroepen",
            "gemeente",
            "gebieden",
            "adres",
            "postcode",
            "plaats",
            "openingstijden",
            "telefoon",
            "website",
            "kosten_cent",
            "kosten_toelichting",
            "vrij_toegankelijk",
        ]
        read_only_fields = fields


class ProductSerializer(serializers.ModelSerializer):
    productcategorie_omschrijving = serializers.CharField(source="get_productcategorie_display", read_only=True)
    via_verwijzing = serializers.SerializerMethodField(
        help_text="Mag dit product vandaag in de gemeente van de gebruiker zonder beschikking via een verwijzing (ja, tenzij)?"
    )

    class Meta:
        model = Product
        fields = [
            "id",
            "wet",
            "productcategorie",
            "productcategorie_omschrijving",
            "productcode",
            "naam",
            "omschrijving",
            "eenheid",
            "frequentie",
            "pgb_mogelijk",
            "actief",
            "via_verwijzing",
        ]
        read_only_fields = fields

    def get_via_verwijzing(self, obj: Product) -> bool:
        sleutels = self.context.get("indicatievrij", set())
        return bool(set(obj.sleutels) & sleutels)


class KwaliteitsbewijsSerializer(serializers.ModelSerializer):
    soort_omschrijving = serializers.CharField(source="get_soort_display", read_only=True)

    class Meta:
        model = Kwaliteitsbewijs
        fields = ["soort", "soort_omschrijving", "omschrijving", "geldig_vanaf", "geldig_tot", "gecontroleerd_op"]
        read_only_fields = fields


class ContractKortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contract
        fields = ["id", "kenmerk", "naam", "niveau", "regio", "gemeente", "begindatum", "einddatum"]
        read_only_fields = fields


class AanbiederSerializer(serializers.ModelSerializer):
    kwaliteit_in_orde = serializers.SerializerMethodField(
        help_text="Heeft de aanbieder vandaag geldige bewijzen van alles wat de gemeente van de gebruiker verplicht stelt?"
    )
    ontbrekende_kwaliteitsbewijzen = serializers.SerializerMethodField(
        help_text="Soorten verplicht bewijs die vandaag ontbreken of verlopen zijn."
    )
    kwaliteitsbewijzen = KwaliteitsbewijsSerializer(many=True, read_only=True)
    contracten = ContractKortSerializer(many=True, read_only=True)

    class Meta:
        model = Aanbieder
        fields = [
            "id",
            "naam",
            "agb_code",
            "kvk_nummer",
            "contactpersoon",
            "email",
            "telefoon",
            "adres",
            "plaats",
            "actief",
            "kwaliteit_in_orde",
            "ontbrekende_kwaliteitsbewijzen",
            "kwaliteitsbewijzen",
            "contracten",
        ]
        read_only_fields = fields

    def _niet_in_orde(self, obj: Aanbieder) -> list[str]:
        return [s.soort for s in self.context["kwaliteitsstatus"](obj) if not s.in_orde]

    def get_kwaliteit_in_orde(self, obj: Aanbieder) -> bool:
        return not self._niet_in_orde(obj)

    def get_ontbrekende_kwaliteitsbewijzen(self, obj: Aanbieder) -> list[str]:
        return self._niet_in_orde(obj)
