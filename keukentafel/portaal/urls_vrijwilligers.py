"""Routes of the vrijwilligers pages (merged into portaal.urls)."""

urlpatterns: list = []
