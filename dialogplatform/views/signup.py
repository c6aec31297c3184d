"""Signing up for an event, the personal link, calendars and feeds."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from .. import audience, page_cache_pages
from ..extensions import db, limiter
from ..forms import ConfirmForm
from ..i18n import use_record_language
from ..models import Event, EventStatus, RegistrationStatus
from ..models.types import utcnow
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from ..services import calendar, privacy, protection, publication, signups
from ..signup_forms import signup_form_class
from .public import municipality_bp, visible_event_or_404

registration_bp = Blueprint("registration", __name__)
RECEIPT = "signup_receipt"


def format_fields(event) -> list[tuple[str, object]]:
    """The format's own sign-up fields, prefixed ``ext__<key>__``."""
    if event.format_key not in enabled_format_keys(event.municipality):
        return []
    results, _failures = plugin_manager().call_each("registration_fields", event=event)
    return [(f"ext__{key}__{name}", field) for key, fields in results for name, field in fields]


def format_answers(event, form) -> dict:
    prefix = f"ext__{event.format_key}__"
    answers = {name[len(prefix):]: field.data for name, field in form._fields.items() if name.startswith(prefix)}
    return {event.format_key: answers} if answers else {}


def person_from(form, *, email, user, language) -> signups.Person:
    field = form._fields.get
    return signups.Person(
        name=form.name.data.strip(), email=email, phone=(form.phone.data or "").strip(),
        companions=(field("companions").data or 0) if field("companions") else 0,
        language=language,
        interpreter_language=(field("interpreter_language").data or "") if field("interpreter_language") else "",
        childcare_count=form.childcare_count.data or 0, childcare_ages=(form.childcare_ages.data or "").strip(),
        accessibility=list(form.accessibility.data or []),
        accessibility_other=(form.accessibility_other.data or "").strip(), note=(form.note.data or "").strip(),
        user=user,
    )


@municipality_bp.route("/e/<int:event_id>/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_SIGNUP"], methods=["POST"])
def signup(event_id):
    event = visible_event_or_404(event_id)
    info = plugin_manager().info(event.format_key)
    if info is not None and not info.signup:
        abort(404)
    user = current_user if current_user.is_authenticated else None
    form = signup_form_class(event, guest=user is None, format_fields=format_fields(event))()
    if request.method == "GET":
        form.submission_key.data = page_cache_pages.visit_key()
        if user:
            form.name.data = user.display_name
    state = signups.registration_state(event)
    if form.validate_on_submit() and state is None:
        email = user.email if user else form.email.data.strip().lower()
        person = person_from(form, email=email, user=user, language=str(get_locale()))
        try:
            status = signups.sign_up(
                event.id, person, format_answers(event, form), submission_key=form.submission_key.data or None,
                privacy_version=g.municipality.privacy_version)
        except signups.SignupRefused as refused:
            target = form._fields.get(refused.field) if refused.field else None
            (target.errors if target is not None else form.form_errors).append(refused.reason)
        else:
            # The answer goes through the session, so that no link to the
            # sign-up itself ever reaches the browser that sent the form.
            session[RECEIPT] = {"event_id": event.id, "status": status, "email": signups.masked_address(email),
                                "account": user is not None}
            return redirect(url_for("municipality.signup_sent", event_id=event.id))
    return render_template("signup/form.html", event=event, form=form, state=state,
                           seats_left=None if protection.is_protected(event.format_key) else signups.seats_left(event))


@municipality_bp.get("/e/<int:event_id>/signup/sent")
def signup_sent(event_id):
    """What the browser that sent the form learns: the event, the status and
    the masked address the links went to. Shown once."""
    event = visible_event_or_404(event_id)
    receipt = session.pop(RECEIPT, None)
    if not receipt or receipt.get("event_id") != event.id:
        return redirect(url_for("municipality.event", event_id=event.id))
    return render_template("signup/sent.html", event=event, receipt=receipt,
                           hours=current_app.config["SIGNUP_HOLD_HOURS"])


@municipality_bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_signup(token):
    """The confirmation link from the mail: a page with a button, so that a
    mail scanner opening the link confirms nothing."""
    registration = signups.registration_for_confirmation(token)
    if registration is None or registration.event.municipality_id != g.municipality.id:
        return render_template("signup/confirm_invalid.html"), 404
    use_record_language(registration.language)
    audience.use_event(registration.event)
    form = ConfirmForm()
    if form.validate_on_submit():
        registration = signups.confirm_signup(token)
        if registration is None:
            return render_template("signup/confirm_invalid.html"), 404
        if registration.status == RegistrationStatus.CONFIRMED:
            flash(_("Thank you! Your sign-up is confirmed."), "success")
        else:
            flash(_("Thank you! Your e-mail address is confirmed. You are on the waiting list."), "success")
        return redirect(url_for("registration.manage", token=signups.personal_token(registration)))
    return render_template("signup/confirm.html", registration=registration, event=registration.event, form=form)


@municipality_bp.get("/e/<int:event_id>/event.ics")
def event_ics(event_id):
    event = visible_event_or_404(event_id)
    body = calendar.event_ics(event, str(get_locale()), with_address=publication.viewer_sees_address(event))
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="dialog-{event.id}.ics"'})


def _upcoming_published():
    return db.session.scalars(
        db.select(Event).where(Event.municipality_id == g.municipality.id, Event.status == EventStatus.PUBLISHED,
                               Event.ends_at >= utcnow())
        .options(selectinload(Event.municipality)).order_by(Event.starts_at).limit(500)
    ).all()


@municipality_bp.get("/calendar.ics")
def calendar_feed():
    body = calendar.municipality_ics(g.municipality, _upcoming_published(), str(get_locale()))
    return Response(body, mimetype="text/calendar")


@municipality_bp.get("/feed.atom")
def atom_feed():
    events = _upcoming_published()
    body = render_template("signup/feed.atom.xml", events=events, updated=max(
        (e.updated_at for e in events if e.updated_at), default=g.municipality.created_at))
    return Response(body, mimetype="application/atom+xml")


# -- the personal link ------------------------------------------------------
def _registration_or_404(token):
    registration = signups.registration_for_token(token)
    if registration is None or registration.event.municipality_id != g.municipality.id:
        abort(404)
    use_record_language(registration.language)
    audience.use_event(registration.event)
    return registration


@registration_bp.get("/<token>")
def manage(token):
    registration = _registration_or_404(token)
    return render_template("signup/manage.html", registration=registration, event=registration.event,
                           token=token, position=signups.waitlist_position(registration), form=ConfirmForm(),
                           consent_outdated=privacy.consent_outdated(g.municipality, registration=registration))


@registration_bp.route("/<token>/cancel", methods=["GET", "POST"])
def cancel(token):
    registration = _registration_or_404(token)
    form = ConfirmForm()
    if not registration.is_active:
        return redirect(url_for("registration.manage", token=token))
    if form.validate_on_submit():
        signups.cancel(registration.id)
        flash(_("Your sign-up is cancelled."), "success")
        return redirect(url_for("registration.manage", token=token))
    return render_template("signup/cancel.html", registration=registration, event=registration.event, form=form)


@registration_bp.get("/<token>/data")
def data(token):
    registration = _registration_or_404(token)
    exported = privacy.export_registration(registration)
    if request.args.get("format") == "json":
        response = jsonify(exported)
        response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    return render_template("signup/data.html", registration=registration, event=registration.event,
                           data=exported, token=token)


@registration_bp.route("/<token>/delete", methods=["GET", "POST"])
def delete(token):
    registration = _registration_or_404(token)
    form = ConfirmForm()
    if form.validate_on_submit():
        privacy.erase_registration(registration)
        flash(_("Your sign-up and your personal data are deleted."), "success")
        return redirect(url_for("municipality.event", event_id=registration.event_id))
    return render_template("signup/delete.html", registration=registration, event=registration.event, form=form)


@registration_bp.post("/<token>/privacy-seen")
def privacy_seen(token):
    registration = _registration_or_404(token)
    if ConfirmForm().validate_on_submit():
        privacy.acknowledge_privacy(g.municipality, registration=registration)
    return redirect(url_for("registration.manage", token=token))
