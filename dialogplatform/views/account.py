"""A person's own account: language, name, password, their dialogues."""
from flask import Blueprint, flash, jsonify, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..forms import ChangePasswordForm, DeleteAccountForm, ProfileForm
from ..models import Event, Membership, Registration
from ..models.types import utcnow
from ..services import accounts, signups
from ..services import privacy as privacy_service

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
