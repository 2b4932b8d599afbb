"""REST API for meldingen (serializers, filters, viewsets)."""
