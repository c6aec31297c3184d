"""Security headers for every response.

The Content-Security-Policy allows scripts only from the site itself and,
when the CDN is chosen, the one pinned htmx file (its SRI hash is checked
by the browser); no inline scripts anywhere. Charts are data: SVG images.
"""
from flask import Request, current_app, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property

from .i18n import WTFormsCatalog
from .inputs import clean_text


def _script_sources(config) -> str:
    sources = ["'self'"]
    if config["HTMX_SOURCE"] == "cdn":
        sources.append(config["HTMX_CDN_URL"])
    return " ".join(sources)


def content_security_policy(config) -> str:
    return "; ".join([
        "default-src 'self'",
        f"script-src {_script_sources(config)}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ])


def add_headers(response):
    config = current_app.config
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(config))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint and not request.endpoint.startswith("static") and request.method == "GET" \
            and "Cache-Control" not in headers and _is_personal():
        # Personal pages never land in a shared cache.
        headers["Cache-Control"] = "private, no-store"
    return response


def _is_personal() -> bool:
    from flask_login import current_user

    return current_user.is_authenticated or request.endpoint.startswith(("registration.", "attendance."))


class CleanRequest(WTFormsCatalog, Request):
    """A request whose form and query values never contain NUL characters
    or lone surrogates: PostgreSQL refuses them in text, and no person
    types them."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form is not None:
            self.__dict__["form"] = _cleaned(form)

    @cached_property
    def args(self):
        return _cleaned(Request.args.fget(self))


def _cleaned(values):
    return ImmutableMultiDict([(clean_text(key), clean_text(value)) for key, value in values.items(multi=True)])


def init_app(app) -> None:
    app.request_class = CleanRequest
    app.after_request(add_headers)
    if app.config.get("PROXY_FIX"):
        # Behind a reverse proxy: trust one hop for scheme, host and client
        # address (rate limits, Secure cookies, HSTS).
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
