"""Aanbod URLs: sociale kaart, maatwerkproducten, aanbieders and contracten."""

app_name = "aanbod"
urlpatterns: list = []
