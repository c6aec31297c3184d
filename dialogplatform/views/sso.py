"""Staff sign-in through the instance's OpenID Connect provider.

The client is registered with Authlib at the first sign-in, not at start:
the platform starts (and residents sign up) while the provider is down.
"""
import logging

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from requests import RequestException

from ..links import external_url
from ..services import accounts, sso
from .auth import _safe_next, login_limit

bp = Blueprint("sso", __name__)
log = logging.getLogger(__name__)
CLIENT = "staff_sso"
NEXT_KEY = "sso_next"


def _client():
    if not sso.enabled(current_app.config):
        abort(404)
    oauth = current_app.extensions.get("dialog_oauth")
    if oauth is None:
        oauth = current_app.extensions["dialog_oauth"] = OAuth(current_app)
    client = oauth.create_client(CLIENT)
    if client is None:
        config = current_app.config
        client = oauth.register(
            CLIENT, client_id=config["OIDC_CLIENT_ID"], client_secret=config["OIDC_CLIENT_SECRET"],
            server_metadata_url=config["OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration",
            client_kwargs={"scope": "openid email profile " + config["OIDC_GROUPS_CLAIM"]})
    return client


def _unavailable():
    flash(_("The sign-in service of your organisation cannot be reached. Please try again later "
            "or log in with your password."), "error")
    return redirect(url_for("auth.login"))


@bp.get("/login")
@login_limit
def login():
    client = _client()
    session[NEXT_KEY] = request.args.get("next") or ""
    try:
        return client.authorize_redirect(external_url("sso.callback"))
    except (OAuthError, RequestException, ValueError) as error:
        log.warning("single sign-on: provider unavailable (%s)", type(error).__name__)
        return _unavailable()


@bp.get("/callback")
@login_limit
def callback():
    client = _client()
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
    config = current_app.config
    try:
        user = sso.sign_in(claims, config["OIDC_GROUPS_CLAIM"], sso.parse_group_roles(config["OIDC_GROUP_ROLES"]))
    except sso.SignInRefused as refused:
        log.warning("single sign-on: refused (%s)", refused)
        flash(_("Your organisation's sign-in did not confirm an e-mail address. Please ask your IT."), "error")
        return redirect(url_for("auth.login"))
    target = session.pop(NEXT_KEY, "")
    accounts.log_in(user)
    return redirect(_safe_next(target, user))
