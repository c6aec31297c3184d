"""A helper's own sign-ups ("My sign-ups"): the list, a printable slip in
the resident's language, cancelling. Nobody sees here what others made."""
from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..extensions import db
from ..forms import ConfirmForm
from ..i18n import supported, text_direction
from ..models import Event, Registration, Role
from ..models.types import utcnow
from ..services import attendance, signups
from ..tenancy import role_required

bp = Blueprint("my_signups", __name__)


def _own_registration_or_404(registration_id: int) -> Registration:
    """A sign-up of this municipality the current user made: 404 when there
    is none here, 403 when someone else made it."""
    registration = db.session.scalar(
        db.select(Registration).join(Registration.event)
        .where(Registration.id == registration_id, Event.municipality_id == g.municipality.id,
               Registration.anonymised_at.is_(None)))
    if registration is None:
        abort(404)
    if registration.created_by_id != current_user.id:
        abort(403)
    return registration


@bp.get("/")
@role_required(Role.HELPER)
def index():
    return render_template("my_signups/index.html", rows=attendance.made_by(current_user.id, g.municipality.id))


@bp.get("/<int:registration_id>/slip")
@role_required(Role.HELPER)
def slip(registration_id):
    registration = _own_registration_or_404(registration_id)
    language = registration.language if registration.language in supported() else g.municipality.default_language
    with force_locale(language):
        body = render_template("my_signups/_slip.html", registration=registration, event=registration.event,
                               municipality=g.municipality, language=language,
                               position=signups.waitlist_position(registration))
    return render_template("my_signups/slip.html", registration=registration, body=Markup(body), language=language,
                           direction=text_direction(language))


@bp.route("/<int:registration_id>/cancel", methods=["GET", "POST"])
@role_required(Role.HELPER)
def cancel(registration_id):
    registration = _own_registration_or_404(registration_id)
    if not registration.is_active or registration.event.ends_at <= utcnow():
        return redirect(url_for("my_signups.index"))
    form = ConfirmForm()
    if form.validate_on_submit():
        attendance.cancel_by_staff(registration)
        flash(_("The sign-up of %(name)s is cancelled.", name=registration.name), "success")
        return redirect(url_for("my_signups.index"))
    return render_template("my_signups/cancel.html", registration=registration, event=registration.event, form=form)
