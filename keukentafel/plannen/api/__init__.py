"""REST API for ondersteuningsplannen (serializers, filters, viewsets)."""
