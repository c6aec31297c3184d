"""Staff sign-in through an OpenID Connect provider: the instance's
(settings OIDC_*) or a municipality's own (connected in its admin).

Clients are registered with Authlib at sign-in, not at start: the platform
starts (and residents sign up) while a provider is down, and a municipality's
changed settings apply at the next sign-in.
"""
import logging
from dataclasses import dataclass

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from requests import RequestException

from ..extensions import db
from ..links import external_url
from ..models import Municipality
from ..services import sso
from ..services.sso_mapping import parse_group_roles, parse_municipality_group_roles
from .auth import login_limit, sign_in

bp = Blueprint("sso", __name__)
log = logging.getLogger(__name__)
NEXT_KEY = "sso_next"


@dataclass(frozen=True)
class Provider:
    """Where a sign-in goes, and what its answer may do."""

    name: str  # Authlib client name
    key: str  # identities are linked per key: a municipality's never match the instance's
    issuer: str
    client_id: str
    client_secret: str
    groups_claim: str
    group_roles: list
    trusted: bool
    callback: str  # absolute callback URL


def _instance_provider() -> Provider:
    config = current_app.config
    if not sso.enabled(config):
        abort(404)
    return Provider("sso_instance", config["OIDC_ISSUER"], config["OIDC_ISSUER"], config["OIDC_CLIENT_ID"],
                    config["OIDC_CLIENT_SECRET"] or "", config["OIDC_GROUPS_CLAIM"],
                    parse_group_roles(config["OIDC_GROUP_ROLES"]), True, external_url("sso.callback"))


def _municipality_provider(slug: str) -> Provider:
    municipality = db.session.scalar(db.select(Municipality).filter_by(slug=slug))
    sign_on = sso.municipality_sign_on(municipality) if municipality else None
    if sign_on is None:
        abort(404)
    try:
        roles = parse_municipality_group_roles(sign_on.group_roles, slug)
    except ValueError:
        roles = []  # the admin form refuses a bad mapping; an old one grants nothing
    return Provider(f"sso_m{municipality.id}", f"municipality:{municipality.id}:{sign_on.issuer}",
                    sign_on.issuer, sign_on.client_id, sign_on.client_secret, sign_on.groups_claim or "groups",
                    roles, False, external_url("sso.municipality_callback", slug=slug))


def _client(provider: Provider):
    oauth = current_app.extensions.get("dialog_oauth")
    if oauth is None:
        oauth = current_app.extensions["dialog_oauth"] = OAuth(current_app)
    return oauth.register(
        provider.name, overwrite=True, client_id=provider.client_id, client_secret=provider.client_secret,
        server_metadata_url=provider.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile " + provider.groups_claim})


def _start(provider: Provider):
    session[NEXT_KEY] = request.args.get("next") or ""
    try:
        return _client(provider).authorize_redirect(provider.callback)
    except (OAuthError, RequestException, ValueError) as error:
        log.warning("single sign-on: provider unavailable (%s)", type(error).__name__)
        flash(_("The sign-in service of your organisation cannot be reached. Please try again later "
                "or log in with your password."), "error")
        return redirect(url_for("auth.login"))


def _finish(provider: Provider):
    client = _client(provider)
    try:
        token = client.authorize_access_token()
        claims = dict(token.get("userinfo") or {})
        # Providers put groups and e-mail into the ID token or only into userinfo.
        claims.update({key: value for key, value in client.userinfo(token=token).items()
                       if key != "sub" or value == claims.get("sub")})
    except (OAuthError, RequestException, ValueError) as error:
        log.warning("single sign-on: sign-in failed (%s)", type(error).__name__)
        flash(_("The sign-in was not completed. Please try again."), "error")
        return redirect(url_for("auth.login"))
    try:
        user = sso.sign_in(claims, provider.groups_claim, provider.group_roles, issuer=provider.key,
                           trusted=provider.trusted)
    except sso.AccountNotLinked:
        log.warning("single sign-on: refused, address of an unlinked account")
        flash(_("An account with this e-mail address exists already. Please log in with its password."), "error")
        return redirect(url_for("auth.login"))
    except sso.SignInRefused as refused:
        log.warning("single sign-on: refused (%s)", refused)
        flash(_("Your organisation's sign-in did not confirm an e-mail address. Please ask your IT."), "error")
        return redirect(url_for("auth.login"))
    # Then as after a password: the code when two-factor sign-in is on, the
    # set-up when the person's role requires it.
    return sign_in(user, session.pop(NEXT_KEY, ""))


@bp.get("/login")
@login_limit
def login():
    return _start(_instance_provider())


@bp.get("/callback")
@login_limit
def callback():
    return _finish(_instance_provider())


@bp.get("/m/<slug>/login")
@login_limit
def municipality_login(slug):
    return _start(_municipality_provider(slug))


@bp.get("/m/<slug>/callback")
@login_limit
def municipality_callback(slug):
    return _finish(_municipality_provider(slug))
