"""Routes of the hulp pages (merged into portaal.urls)."""

urlpatterns: list = []
