"""Temporary target for routes whose views are being built; removed when every route is real."""
from django.http import Http404


def nog_niet(request, *args, **kwargs):
    raise Http404("Deze pagina wordt nog gebouwd.")
