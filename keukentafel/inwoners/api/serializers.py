"""Serializers for persons and households. A full BSN only in the detail of an accessible person."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from keukentafel.inwoners.models import PERSOON_VELDEN, Huishouden, Huishoudlid, Netwerklid, Persoon
from keukentafel.inwoners.validators import normalize_postcode, validate_bsn, validate_postcode
from keukentafel.plannen.models import Ondersteuningsplan

BSN_HELP = "Burgerservicenummer: 9 cijfers die voldoen aan de elfproef."


class PersoonLijstSerializer(serializers.ModelSerializer):
    """A person in a list: masked BSN only."""

    naam = serializers.CharField(read_only=True)
    bsn_gemaskeerd = serializers.CharField(read_only=True, help_text="Alleen de laatste vier cijfers van het BSN.")
    huishouden = serializers.SerializerMethodField(help_text="Het huidige huishouden (id), of leeg.")

    class Meta:
        model = Persoon
        fields = [
            "id",
            "naam",
            "voornamen",
            "voorvoegsel",
            "geslachtsnaam",
            "geboortedatum",
            "geslacht",
            "bsn_gemaskeerd",
            "postcode",
            "woonplaats",
            "huishouden",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_huishouden(self, obj: Persoon) -> int | None:
        if hasattr(obj, "huidig_huishouden_id"):
            return obj.huidig_huishouden_id
        lid = obj.lidmaatschappen.actief_op(timezone.localdate()).first()
        return lid.huishouden_id if lid else None


class PersoonSerializer(PersoonLijstSerializer):
    """A person's full record, for retrieve (after the access check) and create."""

    bsn = serializers.CharField(validators=[validate_bsn], help_text=BSN_HELP)
    postcode = serializers.CharField(
        max_length=7, required=False, allow_blank=True, validators=[validate_postcode], help_text="Bijvoorbeeld 2181 AB of 2181AB."
    )
    adresregel = serializers.CharField(read_only=True)

    class Meta:
        model = Persoon
        fields = ["id", "bsn", "bsn_gemaskeerd", "naam", *PERSOON_VELDEN, "adresregel", "gemeente", "gebied", "huishouden", "version"]
        read_only_fields = ["id", "bsn_gemaskeerd", "naam", "adresregel", "gemeente", "gebied", "huishouden", "version"]
        extra_kwargs = {"gemeente": {"help_text": "Afgeleid uit de postcode."}, "gebied": {"help_text": "Afgeleid uit de postcode."}}

    def validate_postcode(self, value: str) -> str:
        return normalize_postcode(value)


class ZoekBsnSerializer(serializers.Serializer):
    bsn = serializers.CharField(validators=[validate_bsn], help_text=BSN_HELP)


class HuishoudlidSerializer(serializers.ModelSerializer):
    persoon = serializers.PrimaryKeyRelatedField(read_only=True)
    naam = serializers.CharField(source="persoon.naam", read_only=True)
    geboortedatum = serializers.DateField(source="persoon.geboortedatum", read_only=True)
    bsn_gemaskeerd = serializers.CharField(source="persoon.bsn_gemaskeerd", read_only=True)

    class Meta:
        model = Huishoudlid
        fields = ["persoon", "naam", "geboortedatum", "bsn_gemaskeerd", "rol", "begindatum", "einddatum"]
        read_only_fields = fields


class NetwerklidSerializer(serializers.ModelSerializer):
    is_vertegenwoordiger = serializers.BooleanField(read_only=True)

    class Meta:
        model = Netwerklid
        fields = [
            "id",
            "naam",
            "rol",
            "relatie",
            "voor_persoon",
            "taken",
            "uren_per_week",
            "overbelast",
            "is_vertegenwoordiger",
            "telefoon",
            "email",
            "actief",
        ]
        read_only_fields = fields


class HuishoudenLijstSerializer(serializers.ModelSerializer):
    adresregel = serializers.CharField(read_only=True)

    class Meta:
        model = Huishouden
        fields = ["id", "naam", "adresregel", "postcode", "woonplaats", "gemeente", "gebied", "version"]
        read_only_fields = fields


class HuishoudenSerializer(HuishoudenLijstSerializer):
    """A household with its current and former members, its network and its open plan."""

    leden = serializers.SerializerMethodField(help_text="Huidige leden.")
    voormalige_leden = serializers.SerializerMethodField(help_text="Leden van wie het lidmaatschap is beëindigd.")
    netwerk = serializers.SerializerMethodField(help_text="Actieve netwerkleden: mantelzorgers, vrijwilligers, vertegenwoordigers ...")
    open_plan = serializers.SerializerMethodField(help_text="Id van het lopende ondersteuningsplan, of leeg.")

    class Meta(HuishoudenLijstSerializer.Meta):
        fields = [*HuishoudenLijstSerializer.Meta.fields, "leden", "voormalige_leden", "netwerk", "open_plan"]
        read_only_fields = fields

    @extend_schema_field(HuishoudlidSerializer(many=True))
    def get_leden(self, obj: Huishouden) -> list[dict]:
        return HuishoudlidSerializer(obj.leden_op(timezone.localdate()), many=True).data

    @extend_schema_field(HuishoudlidSerializer(many=True))
    def get_voormalige_leden(self, obj: Huishouden) -> list[dict]:
        leden = obj.leden.filter(einddatum__lte=timezone.localdate()).select_related("persoon").order_by("einddatum", "id")
        return HuishoudlidSerializer(leden, many=True).data

    @extend_schema_field(NetwerklidSerializer(many=True))
    def get_netwerk(self, obj: Huishouden) -> list[dict]:
        return NetwerklidSerializer(obj.netwerk.filter(actief=True), many=True).data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_open_plan(self, obj: Huishouden) -> int | None:
        return Ondersteuningsplan.objects.open().filter(huishouden=obj).values_list("pk", flat=True).first()
