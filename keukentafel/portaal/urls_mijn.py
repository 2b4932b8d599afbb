"""Routes of the mijn pages (merged into portaal.urls)."""

urlpatterns: list = []
