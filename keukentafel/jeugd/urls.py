"""Jeugdwet screens."""

app_name = "jeugd"

urlpatterns: list = []
