"""Routes of the scenario screens (merged into financien.urls)."""

urlpatterns: list = []
