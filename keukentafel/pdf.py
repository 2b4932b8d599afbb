"""Dutch PDF documents (verslag, plan, later beschikking) rendered with WeasyPrint from templates."""
from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly and most requests need no PDF

    html = render_to_string(template, context)
    return HTML(string=html, base_url=None).write_pdf()


def pdf_response(template: str, context: dict, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Cache-Control"] = "no-store"
    return response
