"""URL patterns of this part of besluiten, included by besluiten/urls.py."""

urlpatterns: list = []
