"""REST API for persons and households (serializers, filters, viewsets)."""
