"""Registration, log-in, confirmation, password reset, invitations."""
import hashlib
import logging

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user

from ..extensions import db, limiter
from ..forms import AcceptInvitationForm, ConfirmForm, ForgotPasswordForm, LoginForm, NewPasswordForm, RegisterForm
from ..links import is_local_path
from ..services import accounts, two_factor
from ..services.sso import enabled as sso_enabled
from ..services.sso import municipality_sign_on_for
from ..services.tokens import InvalidToken
from ..two_factor_forms import SecondFactorForm

bp = Blueprint("auth", __name__)
login_limit = limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])


def _failed_login_limit(setting: str, key_func):
    """Only failed log-ins count; a successful one (302) costs nothing."""
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"], key_func=key_func,
                         deduct_when=lambda response: response.status_code != 302)


# Guesses slow down per address *and machine*, and per machine over all
# addresses: the attacker waits, the owner logs in from their own device.
# (No limit per address alone: then anyone could lock the owner out.)
failed_login_limit = _failed_login_limit(
    "RATELIMIT_FAILED_LOGIN",
    lambda: f"login:{get_remote_address()}:{(request.form.get('email') or '').strip().lower()}")
failed_login_per_client_limit = _failed_login_limit(
    "RATELIMIT_FAILED_LOGIN_PER_CLIENT", lambda: f"login-client:{get_remote_address()}")
# Wrong codes after the password, by the same rules; and per account over
# all machines, since whoever is asked for the code knows the password.
failed_code_limit = _failed_login_limit(
    "RATELIMIT_FAILED_LOGIN", lambda: f"code:{get_remote_address()}:{two_factor.pending_user_id()}")
failed_code_per_client_limit = _failed_login_limit(
    "RATELIMIT_FAILED_LOGIN_PER_CLIENT", lambda: f"code-client:{get_remote_address()}")
failed_code_per_account_limit = _failed_login_limit(
    "RATELIMIT_FAILED_LOGIN_PER_CLIENT", lambda: f"code-account:{two_factor.pending_user_id()}")
log = logging.getLogger(__name__)


def _pseudonym(email: str) -> str:
    """A short hash that lets an admin see repeated attempts on one address
    without the address (or the password) ever reaching the log."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:10]


def _safe_next(target: str | None, user=None) -> str:
    """Only same-site paths, never an open redirect; without one the
    instance admin lands on the instance admin, the Land role on its inbox,
    everyone else on their dialogues."""
    if is_local_path(target):
        return target
    if user is not None and user.is_instance_admin:
        return url_for("admin.index")
    if user is not None and user.is_land_staff:
        return url_for("land.inbox")
    return url_for("account.dialogues")


@bp.route("/register", methods=["GET", "POST"])
@login_limit
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        # The same answer whether or not the address has an account: the
        # mail tells its owner which case applies.
        accounts.register(form.email.data, form.password.data, form.display_name.data, str(get_locale()))
        flash(_("Almost done: we have sent you an e-mail. Please open the link in it to confirm your address."),
              "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


@bp.get("/confirm/<token>")
def confirm(token):
    try:
        accounts.confirm(token)
    except InvalidToken:
        flash(_("This link is invalid or has expired."), "error")
        return redirect(url_for("auth.login"))
    flash(_("Thank you, your e-mail address is confirmed. You can log in now."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
@login_limit
@failed_login_limit
@failed_login_per_client_limit
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            log.warning("failed log-in for address %s from %s", _pseudonym(form.email.data), request.remote_addr)
            form.password.errors.append(_("E-mail address or password is wrong."))
        elif not user.confirmed:
            form.email.errors.append(
                _("Please confirm your e-mail address first: open the link in the mail we sent you."))
        else:
            return sign_in(user, request.args.get("next"))
    return render_template("auth/login.html", form=form, sso_enabled=sso_enabled(current_app.config),
                           municipality_sign_on=municipality_sign_on_for(request.args.get("next")))


def sign_in(user, next_url: str | None):
    """The response once ``user`` has proven who they are by a first factor
    (here the password): an account with two-factor sign-in is asked for a
    code first, holding no session until then."""
    if user.has_two_factor:
        two_factor.begin_pending(user, next_url)
        return redirect(url_for("auth.second_factor"))
    return _logged_in(user, next_url)


def _logged_in(user, next_url: str | None):
    accounts.log_in(user)
    if two_factor.setup_required(user):
        flash(_("Your role requires two-factor sign-in. Please set it up to continue."), "info")
        return redirect(url_for("account.two_factor_setup"))
    return redirect(_safe_next(next_url, user))


@bp.route("/code", methods=["GET", "POST"])
@login_limit
@failed_code_limit
@failed_code_per_client_limit
@failed_code_per_account_limit
def second_factor():
    waiting = two_factor.pending()
    if waiting is None:
        two_factor.end_pending()
        flash(_("Please log in again: the page for the code is open for a few minutes only."), "info")
        return redirect(url_for("auth.login"))
    user, next_url = waiting
    form = SecondFactorForm()
    if form.validate_on_submit():
        used = two_factor.check(user, form.code.data)
        if used:
            response = _logged_in(user, next_url)  # a new session: flash after it
            if used == "recovery":
                flash(_("You have used a recovery code; %(count)d are left. You can make new ones in your "
                        "account.", count=two_factor.unused_recovery_codes(user)), "info")
            return response
        log.warning("wrong second-factor code for address %s from %s", _pseudonym(user.email), request.remote_addr)
        form.code.errors.append(_("This code is wrong or has been used already."))
    return render_template("auth/second_factor.html", form=form)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        # Ends this account's sessions everywhere, also a copied cookie.
        accounts.end_sessions(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out."), "success")
    return redirect(url_for("public.home"))


@bp.route("/forgot", methods=["GET", "POST"])
@login_limit
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        accounts.request_password_reset(form.email.data, str(get_locale()))
        flash(_("If an account exists for this address, we have sent a link to set a new password."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        user = accounts.user_for_reset(token)
    except InvalidToken:
        flash(_("This link is invalid or has expired."), "error")
        return redirect(url_for("auth.forgot_password"))
    form = NewPasswordForm()
    form.personal = (user.email, user.display_name)
    if form.validate_on_submit():
        accounts.reset_password(token, form.password.data)
        flash(_("Your new password is set. You can log in now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    try:
        invitation = accounts.invitation_for(token)
    except InvalidToken:
        flash(_("This link is invalid or has expired."), "error")
        return redirect(url_for("public.home"))
    existing = accounts.find_user(invitation.email)
    if existing is not None:
        # The account exists: its owner logs in, then accepts.
        if not current_user.is_authenticated or current_user.id != existing.id:
            flash(_("Please log in with %(email)s to accept the invitation.", email=invitation.email), "info")
            return redirect(url_for("auth.login", next=request.path))
        form = ConfirmForm()
        if form.validate_on_submit():
            accounts.accept_invitation(invitation, existing)
            return _welcome(invitation)
        return render_template("auth/invitation.html", invitation=invitation, form=form, existing=True)
    form = AcceptInvitationForm()
    form.personal = (invitation.email,)
    if form.validate_on_submit():
        user = accounts.create_invited_user(invitation, form.display_name.data, form.password.data, str(get_locale()))
        accounts.log_in(user)
        return _welcome(invitation)
    return render_template("auth/invitation.html", invitation=invitation, form=form, existing=False)


def _welcome(invitation):
    """After accepting: to the Land's inbox or the municipality's dashboard."""
    if invitation.for_land:
        flash(_("Welcome! You now answer recommendations to the Land for %(body)s.", body=invitation.land_body),
              "success")
        return redirect(url_for("land.inbox"))
    flash(_("Welcome! You now have your role in %(name)s.", name=invitation.municipality.name), "success")
    return redirect(url_for("organise.events", municipality_slug=invitation.municipality.slug))
