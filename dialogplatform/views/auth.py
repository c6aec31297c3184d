"""Registration, log-in, confirmation, password reset, invitations."""
import hashlib
import logging

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import limiter
from ..forms import AcceptInvitationForm, ConfirmForm, ForgotPasswordForm, LoginForm, NewPasswordForm, RegisterForm
from ..services import accounts
from ..services.tokens import InvalidToken

bp = Blueprint("auth", __name__)
login_limit = limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
# Failed log-ins for one address slow down to a few per quarter hour,
# whichever machine they come from; a successful log-in (302) costs nothing.
failed_login_limit = limiter.limit(
    lambda: current_app.config["RATELIMIT_FAILED_LOGIN"], methods=["POST"],
    key_func=lambda: "login:" + (request.form.get("email") or "").strip().lower(),
    deduct_when=lambda response: response.status_code != 302,
)
log = logging.getLogger(__name__)


def _pseudonym(email: str) -> str:
    """A short hash that lets an admin see repeated attempts on one address
    without the address (or the password) ever reaching the log."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:10]


def _safe_next(target: str | None) -> str:
    """Only same-site paths, never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("account.dialogues")


def _log_in(user):
    session.clear()  # a new session on log-in: no fixation
    login_user(user)


@bp.route("/register", methods=["GET", "POST"])
@login_limit
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            accounts.register(form.email.data, form.password.data, form.display_name.data, str(get_locale()))
        except accounts.EmailTaken:
            form.email.errors.append(_("An account with this e-mail address exists already. Log in or reset your password."))
        else:
            flash(_("Almost done: we have sent you an e-mail. Please open the link in it to confirm your address."), "success")
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
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            log.warning("failed log-in for address %s from %s", _pseudonym(form.email.data), request.remote_addr)
            form.password.errors.append(_("E-mail address or password is wrong."))
        elif not user.confirmed:
            form.email.errors.append(_("Please confirm your e-mail address first: open the link in the mail we sent you."))
        else:
            _log_in(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
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
        accounts.user_for_reset(token)
    except InvalidToken:
        flash(_("This link is invalid or has expired."), "error")
        return redirect(url_for("auth.forgot_password"))
    form = NewPasswordForm()
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
            flash(_("Welcome! You now have your role in %(name)s.", name=invitation.municipality.name), "success")
            return redirect(url_for("organise.events", municipality_slug=invitation.municipality.slug))
        return render_template("auth/invitation.html", invitation=invitation, form=form, existing=True)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        user = accounts.create_invited_user(invitation, form.display_name.data, form.password.data, str(get_locale()))
        _log_in(user)
        flash(_("Welcome! You now have your role in %(name)s.", name=invitation.municipality.name), "success")
        return redirect(url_for("organise.events", municipality_slug=invitation.municipality.slug))
    return render_template("auth/invitation.html", invitation=invitation, form=form, existing=False)
