"""Routes of the overzicht screens (merged into financien.urls)."""

urlpatterns: list = []
