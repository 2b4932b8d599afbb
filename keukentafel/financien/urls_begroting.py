"""Routes of the begroting screens (merged into financien.urls)."""

urlpatterns: list = []
