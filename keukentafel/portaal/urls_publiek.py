"""Routes of the publiek pages (merged into portaal.urls)."""

urlpatterns: list = []
