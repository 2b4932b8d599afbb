"""Routes of the bijdrage screens (merged into financien.urls)."""

urlpatterns: list = []
