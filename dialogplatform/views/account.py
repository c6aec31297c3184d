"""A person's own account: language, name, password, their dialogues."""
from flask import Blueprint, flash, jsonify, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..forms import ChangePasswordForm, DeleteAccountForm, ProfileForm
from ..models import Event, Membership, Registration
from ..models.types import utcnow
from ..services import accounts, signups, two_factor
from ..services import privacy as privacy_service
from ..services.qr import qr_svg
from ..two_factor_forms import ConfirmSetupForm, ProveItsYouForm

bp = Blueprint("account", __name__)


@bp.get("/")
@login_required
def dialogues():
    memberships = db.session.scalars(
        db.select(Membership).filter_by(user_id=current_user.id).options(selectinload(Membership.municipality))
    ).all()
    registrations = db.session.scalars(
        db.select(Registration).join(Event).where(Registration.user_id == current_user.id)
        .options(selectinload(Registration.event).selectinload(Event.municipality))
        .order_by(Event.starts_at)
    ).all()
    now = utcnow()
    upcoming = [r for r in registrations if r.event.ends_at >= now]
    past = [r for r in registrations if r.event.ends_at < now]
    return render_template("account/overview.html", memberships=memberships, upcoming=upcoming, past=past,
                           token_for=signups.personal_token)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data.strip()
        current_user.language = form.language.data
        db.session.commit()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("account.settings", lang=current_user.language))
    return render_template("account/settings.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if accounts.authenticate(current_user.email, form.current_password.data) is None:
            form.current_password.errors.append(_("The current password is wrong."))
        else:
            user = current_user._get_current_object()
            accounts.change_password(user, form.password.data)  # ends every other session
            db.session.commit()
            accounts.log_in(user)  # this one goes on with the new version
            flash(_("Your password is changed."), "success")
            return redirect(url_for("account.settings"))
    return render_template("account/password.html", form=form)


@bp.get("/privacy")
@login_required
def privacy():
    """Everything stored about me, readable, with a JSON download."""
    return render_template("account/privacy.html", data=privacy_service.export_user(current_user))


@bp.get("/privacy.json")
@login_required
def privacy_json():
    response = jsonify(privacy_service.export_user(current_user))
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if accounts.authenticate(current_user.email, form.password.data) is None:
            form.password.errors.append(_("The current password is wrong."))
        else:
            user = current_user._get_current_object()
            logout_user()
            session.clear()
            privacy_service.erase_user(user)
            flash(_("Your account and your personal data are deleted."), "success")
            return redirect(url_for("public.home"))
    return render_template("account/delete.html", form=form)



@bp.get("/two-factor")
@login_required
def two_factor_status():
    return _status_page(ProveItsYouForm(prefix="off"), ProveItsYouForm(prefix="renew"))


def _status_page(off_form, renew_form):
    user = current_user._get_current_object()
    return render_template("account/two_factor.html", off_form=off_form, renew_form=renew_form,
                           unused=two_factor.unused_recovery_codes(user), required=two_factor.required_for(user))


@bp.route("/two-factor/setup", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    user = current_user._get_current_object()
    if user.has_two_factor:
        return redirect(url_for("account.two_factor_status"))
    secret = two_factor.setup_secret(user)
    form = ConfirmSetupForm()
    if form.validate_on_submit():
        codes = two_factor.enable(user, form.code.data)  # ends every other session
        if codes is not None:
            accounts.log_in(user)  # this one goes on with the new version
            flash(_("Two-factor sign-in is on. From now on you are asked for a code after your password."),
                  "success")
            return render_template("account/recovery_codes.html", codes=codes)
        form.code.errors.append(_("This code is wrong. Please enter the code the app shows now."))
    uri = two_factor.provisioning_uri(user, secret)
    return render_template("account/two_factor_setup.html", form=form, secret=secret,
                           qr=qr_svg(uri, scale=5, title=_("QR code for your authenticator app")))


def _proven(form) -> bool:
    """A code from the app, a recovery code or the password, as the form's
    user chose; an error next to the field otherwise."""
    user = current_user._get_current_object()
    value = form.secret.data or ""
    if two_factor.check(user, value) or accounts.authenticate(user.email, value) is not None:
        return True
    form.secret.errors.append(_("This is neither a valid code nor your password."))
    return False


@bp.post("/two-factor/off")
@login_required
def two_factor_off():
    user = current_user._get_current_object()
    form = ProveItsYouForm(prefix="off")
    if not user.has_two_factor:
        return redirect(url_for("account.two_factor_status"))
    if form.validate_on_submit() and _proven(form):
        two_factor.disable(user)  # ends every other session
        accounts.log_in(user)
        flash(_("Two-factor sign-in is off."), "success")
        return redirect(url_for("account.two_factor_status"))
    return _status_page(form, ProveItsYouForm(prefix="renew"))


@bp.post("/two-factor/recovery-codes")
@login_required
def two_factor_recovery_codes():
    user = current_user._get_current_object()
    form = ProveItsYouForm(prefix="renew")
    if not user.has_two_factor:
        return redirect(url_for("account.two_factor_status"))
    if form.validate_on_submit() and _proven(form):
        return render_template("account/recovery_codes.html", codes=two_factor.renew_recovery_codes(user))
    return _status_page(ProveItsYouForm(prefix="off"), form)
