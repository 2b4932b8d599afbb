"""Serializers for ondersteuningsplannen: the plan with goals, actions, versions and signatures."""

from __future__ import annotations

from rest_framework import serializers

from keukentafel.aanbod.models import AlgemeneVoorziening, Product
from keukentafel.accounts.models import Medewerker, Rol
from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners.models import Huishouden, Netwerklid, Persoon
from keukentafel.plannen.models import Actie, Doel, Ondersteuningsplan, Ondertekening, Planversie, Trede
from keukentafel.plannen.services import is_volledig_getekend
from keukentafel.toegang.models import Onderzoek

VERSION_HELP = "De version van het plan zoals u het hebt gelezen; klopt die niet meer, dan volgt 409 en wordt niets opgeslagen."
VERSION_VERPLICHT = "Geef de version van het plan mee zoals u het hebt gelezen."


class ActieSerializer(serializers.ModelSerializer):
    trede_omschrijving = serializers.CharField(source="get_trede_display", read_only=True)

    class Meta:
        model = Actie
        fields = [
            "id",
            "trede",
            "trede_omschrijving",
            "omschrijving",
            "uitvoerder",
            "netwerklid",
            "voorziening",
            "product",
            "algemene_voorziening",
            "van",
            "tot",
            "evaluatiedatum",
        ]
        read_only_fields = fields


class DoelSerializer(serializers.ModelSerializer):
    leefgebied = serializers.SlugRelatedField(slug_field="code", read_only=True)
    leefgebied_naam = serializers.CharField(source="leefgebied.naam", read_only=True)
    acties = ActieSerializer(many=True, read_only=True)

    class Meta:
        model = Doel
        fields = ["id", "leefgebied", "leefgebied_naam", "persoon", "omschrijving", "beoogd_resultaat", "volgorde", "acties"]
        read_only_fields = fields


class OndertekeningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ondertekening
        fields = ["id", "rol", "naam", "persoon", "netwerklid", "datum", "methode", "vastgelegd_op"]
        read_only_fields = fields


class PlanversieSerializer(serializers.ModelSerializer):
    gemaakt_door = serializers.StringRelatedField()
    ondertekeningen = OndertekeningSerializer(many=True, read_only=True)
    volledig_getekend = serializers.SerializerMethodField(help_text="Inwoner (of vertegenwoordiger) én professional hebben getekend.")

    class Meta:
        model = Planversie
        fields = ["nummer", "toelichting", "gemaakt_door", "gemaakt_op", "inhoud", "ondertekeningen", "volledig_getekend"]
        read_only_fields = fields

    def get_volledig_getekend(self, obj: Planversie) -> bool:
        return is_volledig_getekend(obj)


class PlanSerializer(serializers.ModelSerializer):
    regisseur_naam = serializers.StringRelatedField(source="regisseur")
    doelen = DoelSerializer(many=True, read_only=True)
    versies = PlanversieSerializer(many=True, read_only=True)

    class Meta:
        model = Ondersteuningsplan
        fields = [
            "id",
            "huishouden",
            "onderzoek",
            "regisseur",
            "regisseur_naam",
            "status",
            "aangemaakt_op",
            "vastgesteld_op",
            "evaluatiedatum",
            "afgesloten_op",
            "afsluitreden",
            "toelichting",
            "version",
            "doelen",
            "versies",
        ]
        read_only_fields = fields


class PlanAanmakenSerializer(serializers.Serializer):
    huishouden = serializers.PrimaryKeyRelatedField(queryset=Huishouden.objects.all())
    regisseur = serializers.PrimaryKeyRelatedField(
        queryset=Medewerker.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text="Generalist of teamleider die de regie voert; leeg: uzelf.",
    )
    onderzoek = serializers.PrimaryKeyRelatedField(queryset=Onderzoek.objects.all(), required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_regisseur(self, value: Medewerker | None) -> Medewerker | None:
        if value is not None and value.rol not in (Rol.GENERALIST, Rol.TEAMLEIDER):
            raise serializers.ValidationError("Alleen een generalist of teamleider kan regisseur zijn.")
        return value

    def validate(self, attrs: dict) -> dict:
        onderzoek = attrs.get("onderzoek")
        if onderzoek is not None and onderzoek.huishouden_id != attrs["huishouden"].pk:
            raise serializers.ValidationError({"onderzoek": "Dit onderzoek hoort niet bij dit huishouden."})
        return attrs


class DoelAanmakenSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP, error_messages={"required": VERSION_VERPLICHT})
    leefgebied = serializers.SlugRelatedField(slug_field="code", queryset=Leefgebied.objects.filter(actief=True))
    omschrijving = serializers.CharField(error_messages={"required": "Beschrijf het doel.", "blank": "Beschrijf het doel."})
    beoogd_resultaat = serializers.CharField(required=False, allow_blank=True, default="")
    persoon = serializers.PrimaryKeyRelatedField(
        queryset=Persoon.objects.all(), required=False, allow_null=True, default=None, help_text="Leeg: doel voor het hele huishouden."
    )


class DoelAangemaaktSerializer(DoelSerializer):
    plan_version = serializers.IntegerField(source="plan.version", read_only=True, help_text="De nieuwe version van het plan.")

    class Meta(DoelSerializer.Meta):
        fields = [*DoelSerializer.Meta.fields, "plan_version"]
        read_only_fields = fields


class ActieAanmakenSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP, error_messages={"required": VERSION_VERPLICHT})
    trede = serializers.ChoiceField(
        choices=Trede.choices,
        help_text="Trede op de afwegingsladder, van eigen kracht tot maatwerk.",
        error_messages={"invalid_choice": "Kies een trede van de afwegingsladder.", "required": "Kies een trede van de afwegingsladder."},
    )
    omschrijving = serializers.CharField(error_messages={"required": "Beschrijf wat er gebeurt.", "blank": "Beschrijf wat er gebeurt."})
    uitvoerder = serializers.CharField(max_length=200, error_messages={"required": "Vul in wie dit doet.", "blank": "Vul in wie dit doet."})
    netwerklid = serializers.PrimaryKeyRelatedField(queryset=Netwerklid.objects.all(), required=False, allow_null=True, default=None)
    voorziening = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="Bij een product of algemene voorziening: hun naam."
    )
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), required=False, allow_null=True, default=None, help_text="Verplicht bij trede maatwerk."
    )
    algemene_voorziening = serializers.PrimaryKeyRelatedField(
        queryset=AlgemeneVoorziening.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Verplicht bij trede algemene_voorziening: een voorziening uit de sociale kaart.",
    )
    van = serializers.DateField(error_messages={"required": "Vul de begindatum in."})
    tot = serializers.DateField(required=False, allow_null=True, default=None)
    evaluatiedatum = serializers.DateField(required=False, allow_null=True, default=None)


class ActieAangemaaktSerializer(ActieSerializer):
    plan_version = serializers.IntegerField(source="doel.plan.version", read_only=True, help_text="De nieuwe version van het plan.")

    class Meta(ActieSerializer.Meta):
        fields = [*ActieSerializer.Meta.fields, "plan_version"]
        read_only_fields = fields
