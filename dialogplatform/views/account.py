"""A person's own account: language, name, password, their dialogues."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..forms import ChangePasswordForm, ProfileForm
from ..models import Event, Membership, Registration
from ..models.types import utcnow
from ..services import accounts, signups

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
            accounts.set_password(current_user, form.password.data)
            db.session.commit()
            flash(_("Your password is changed."), "success")
            return redirect(url_for("account.settings"))
    return render_template("account/password.html", form=form)
