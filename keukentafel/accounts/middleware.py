"""Every staff page needs a login; public paths are listed explicitly."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

OPEN_PREFIXES = ("/account/inloggen", "/static/", "/api/", "/beheer/", "/favicon.ico", "/gezondheid", "/portaal/")


class LoginRequiredMiddleware:
    """Redirect anonymous users to the login page (the API answers 401 through DRF itself)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
