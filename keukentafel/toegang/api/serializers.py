"""Serializers for meldingen: reading them and registering a new one (anonymous or for a person)."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners.models import Persoon
from keukentafel.toegang.models import Kanaal, MelderType, Melding, Urgentie, Vindplaats


class MeldingLijstSerializer(serializers.ModelSerializer):
    persoon_naam = serializers.CharField(source="persoon.naam", read_only=True, allow_null=True)

    class Meta:
        model = Melding
        fields = [
            "id",
            "gemeente",
            "ontvangen_op",
            "kanaal",
            "melder_type",
            "anoniem",
            "persoon",
            "persoon_naam",
            "huishouden",
            "urgentie",
            "status",
            "team",
            "toegewezen_aan",
            "gekoppeld_aan",
        ]
        read_only_fields = fields


class MeldingSerializer(MeldingLijstSerializer):
    leefgebieden = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    gekoppeld_aan = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="De lopende melding van hetzelfde huishouden waaraan deze melding is gekoppeld."
    )

    class Meta(MeldingLijstSerializer.Meta):
        fields = [
            *MeldingLijstSerializer.Meta.fields,
            "vindplaats",
            "melder_naam",
            "melder_organisatie",
            "melder_contact",
            "client_op_de_hoogte",
            "vraag",
            "leefgebieden",
            "vraagtype",
            "triage_uitkomst",
            "afgesloten_op",
            "version",
        ]
        read_only_fields = fields


class MeldingAanmakenSerializer(serializers.Serializer):
    """Input for registering a melding; the service decides linking to a running case."""

    kanaal = serializers.ChoiceField(choices=Kanaal.choices)
    melder_type = serializers.ChoiceField(choices=MelderType.choices, help_text="'anoniem' voor een anoniem signaal (zonder persoon).")
    vindplaats = serializers.ChoiceField(choices=Vindplaats.choices, required=False, allow_blank=True, default="")
    melder_naam = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    melder_organisatie = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    melder_contact = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    client_op_de_hoogte = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Weet de inwoner van deze melding? Leeg: onbekend."
    )
    persoon = serializers.PrimaryKeyRelatedField(
        queryset=Persoon.objects.all(), required=False, allow_null=True, default=None, help_text="De inwoner om wie het gaat (id)."
    )
    vraag = serializers.CharField(
        error_messages={"required": "Beschrijf de vraag of het signaal.", "blank": "Beschrijf de vraag of het signaal."}
    )
    leefgebieden = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Leefgebied.objects.filter(actief=True), required=False, default=list
    )
    urgentie = serializers.ChoiceField(choices=Urgentie.choices, required=False, default=Urgentie.NORMAAL)
    ontvangen_op = serializers.DateTimeField(required=False, allow_null=True, default=None, help_text="Leeg: nu.")

    def validate_ontvangen_op(self, value):
        if value is not None and value > timezone.now():
            raise serializers.ValidationError("Het moment van ontvangst kan niet in de toekomst liggen.")
        return value
