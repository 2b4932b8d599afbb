"""Participatiewet screens."""

app_name = "participatie"

urlpatterns: list = []
