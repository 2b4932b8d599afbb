"""Routes of the pgb screens (merged into financien.urls)."""

urlpatterns: list = []
