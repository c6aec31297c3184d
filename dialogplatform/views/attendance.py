"""Organisers and helpers: registrations, needs, CSV, door list, check-in,
assisted sign-up, walk-ins and messages to participants.

Helpers only sign people up here; what they made is under "My sign-ups"
(views/my_signups.py). Lists of names start at the moderator."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale, pgettext
from flask_babel import gettext as _
from flask_login import current_user

from ..confirmation import confirm_page
from ..extensions import db
from ..forms import ConfirmForm
from ..i18n import LANGUAGE_LABELS
from ..models import Registration, RegistrationSource, Role
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from ..services import attendance, audit, exports, outbox, protection, signups
from ..signup_forms import MessageForm, signup_form_class
from ..templating import accessibility_label, registration_status_label
from ..tenancy import event_or_404, require, role_required
from .signup import format_answers, format_fields, person_from

bp = Blueprint("attendance", __name__)
# The list shows this many people per page (the CSV and the door list all).
ROWS_PER_PAGE = 100


def _page_number() -> int:
    try:
        return max(1, min(int(request.args.get("page", 1)), 100000))
    except ValueError:
        return 1


@bp.url_value_preprocessor
def load_event(endpoint, values):
    g.event = event_or_404(values.pop("event_id"))


@bp.before_request
def protect_participants():
    """In a protected format only the municipality's organisers see who
    takes part, also at the door (helpers and moderators use the format's
    own pages); an instance admin sees how many, not who."""
    if not protection.is_protected(g.event.format_key):
        return None
    require(Role.ORGANISER)
    if protection.may_see_names(g.event, current_user):
        return None
    if request.endpoint != "attendance.registrations":
        abort(403)
    counts = attendance.status_counts(g.event.id)
    return render_template("attendance/protected_counts.html", event=g.event, statuses=attendance.STATUSES,
                           counts={key: protection.count(value["people"]) for key, value in counts.items()})


@bp.url_defaults
def add_event_id(endpoint, values):
    if "event_id" not in values and "event" in g:
        values["event_id"] = g.event.id


def _registration_or_404(registration_id) -> Registration:
    registration = db.session.scalar(
        db.select(Registration).filter_by(id=registration_id, event_id=g.event.id))
    if registration is None:
        abort(404)
    return registration


@bp.get("/registrations")
@role_required(Role.ORGANISER)
def registrations():
    status = request.args.get("status") or None
    query = request.args.get("q", "").strip()[:100]
    page = _page_number()
    rows = attendance.list_page(g.event.id, status, query, limit=ROWS_PER_PAGE + 1,
                                offset=(page - 1) * ROWS_PER_PAGE)
    overview = attendance.overview(g.event.id)
    return render_template(
        "attendance/registrations.html", event=g.event, status=status, q=query,
        rows=rows[:ROWS_PER_PAGE], page=page, has_more=len(rows) > ROWS_PER_PAGE,
        counts=overview.counts, needs=overview.needs, seats_left=signups.seats_left(g.event, overview.seats_taken),
        statuses=attendance.STATUSES,
    )


@bp.get("/registrations.csv")
@role_required(Role.ORGANISER)
def registrations_csv():
    header = [pgettext("person", "Name"), _("E-mail address"), _("Phone"), _("Status"), _("Attended"),
              _("Accompanying persons"), _("Language"), _("Interpreter"), _("Children for childcare"),
              _("Ages of the children"), _("Accessibility"), _("Note"), _("Signed up")]

    def row(r: Registration):
        return [r.name, r.email or "", r.phone, registration_status_label(r.status),
                _("yes") if r.checked_in_at else "",
                r.companions, r.language, LANGUAGE_LABELS.get(r.interpreter_language, r.interpreter_language),
                r.childcare_count or "", r.childcare_ages, ", ".join(
                    [accessibility_label(a) for a in (r.accessibility or [])]
                    + ([r.accessibility_other] if r.accessibility_other else [])),
                r.note, r.created_at.strftime("%Y-%m-%d %H:%M") if r.created_at else ""]

    return exports.csv_response(f"registrations-{g.event.id}.csv", header,
                                (row(r) for r in attendance.registrations(g.event.id)))




@bp.get("/door-list")
@role_required(Role.MODERATOR)
def door_list():
    rows = [r for r in attendance.registrations(g.event.id) if r.status in ("confirmed", "pending")]
    return render_template("attendance/door_list.html", event=g.event, rows=rows, columns=_format_columns(rows))


def _format_columns(rows) -> list:
    """The format's own door-list columns (e.g. table numbers)."""
    if g.event.format_key not in enabled_format_keys(g.municipality):
        return []
    results, _failures = plugin_manager().call_each("door_list_columns", event=g.event, registrations=rows)
    return [column for _key, columns in results for column in columns]


@bp.get("/check-in")
@role_required(Role.MODERATOR)
def check_in():
    query = request.args.get("q", "").strip()[:100]
    rows = [r for r in attendance.registrations(g.event.id, query=query) if r.status in ("confirmed", "pending")]
    template = "attendance/_check_in_rows.html" if request.headers.get("HX-Request") else "attendance/check_in.html"
    return render_template(template, event=g.event, rows=rows, q=query, form=ConfirmForm(),
                           walk_in_form=_walk_in_form())


def _walk_in_form():
    return signup_form_class(g.event, guest=False, assisted=True, format_fields=format_fields(g.event))(
        prefix="walkin")


@bp.post("/check-in/<int:registration_id>")
@role_required(Role.MODERATOR)
def mark_attended(registration_id):
    registration = _registration_or_404(registration_id)
    if ConfirmForm().validate_on_submit():
        signups.check_in(registration, attended=request.form.get("attended", "1") == "1")
    if request.headers.get("HX-Request"):
        return render_template("attendance/_check_in_row.html", event=g.event, r=registration, form=ConfirmForm())
    return redirect(url_for("attendance.check_in", q=request.form.get("q", "")))


@bp.route("/assisted", methods=["GET", "POST"])
@role_required(Role.HELPER)
def assisted_signup():
    """Sign someone up on their behalf (name is enough)."""
    return _staff_signup(RegistrationSource.ASSISTED, "attendance/assisted.html")


@bp.post("/walk-in")
@role_required(Role.MODERATOR)
def walk_in():
    return _staff_signup(RegistrationSource.WALK_IN, "attendance/check_in.html")


def _staff_signup(source, template):
    import secrets

    form = _walk_in_form() if source == RegistrationSource.WALK_IN else signup_form_class(
        g.event, guest=False, assisted=True, format_fields=format_fields(g.event))()
    if request.method == "GET":
        form.submission_key.data = secrets.token_urlsafe(16)
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower() or None
        person = person_from(form, email=email, user=None, language=form.language.data or str(get_locale()))
        try:
            registration, created = signups.register(
                g.event.id, person, format_answers(g.event, form), source=source,
                submission_key=form.submission_key.data or None, created_by=current_user)
        except signups.SignupRefused as refused:
            form.form_errors.append(refused.reason)
        else:
            if source == RegistrationSource.WALK_IN:
                if registration.status == "confirmed":
                    signups.check_in(registration)
                flash(_("%(name)s is added.", name=registration.name), "success")
                return redirect(url_for("attendance.check_in"))
            if registration.created_by_id != current_user.id:
                # Someone signed up before (e.g. with this address): theirs, not shown.
                flash(_("No new sign-up was made. A person with this e-mail address was already signed up; "
                        "they can manage their sign-up with the link in their e-mail."), "info")
                return redirect(url_for("attendance.assisted_signup"))
            flash(_("%(name)s is signed up: %(status)s.", name=registration.name,
                    status=registration_status_label(registration.status)), "success")
            return redirect(url_for("my_signups.slip", registration_id=registration.id))
    if source == RegistrationSource.WALK_IN:
        rows = [r for r in attendance.registrations(g.event.id) if r.status in ("confirmed", "pending")]
        return render_template(template, event=g.event, rows=rows, q="", form=ConfirmForm(), walk_in_form=form), 400
    return render_template(template, event=g.event, form=form)


@bp.route("/registrations/<int:registration_id>/cancel", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def cancel_registration(registration_id):
    """Asks first (who gets a mail); the POST cancels."""
    registration = _registration_or_404(registration_id)
    back = url_for("attendance.registrations")
    if not registration.is_active:
        return redirect(back)

    def cancel():
        attendance.cancel_by_staff(registration)
        flash(_("The sign-up of %(name)s is cancelled.", name=registration.name), "success")

    return confirm_page(
        title=_("Cancel sign-up") + ": " + registration.name,
        consequences=[
            _("Do you really want to cancel the sign-up of %(name)s? The seat goes to the next person on the "
              "waiting list.", name=registration.name),
            _("People signed up who get a mail: %(num)d.", num=1 if registration.email else 0)],
        button=_("Yes, cancel the sign-up"), back=back, action=cancel)


@bp.route("/message", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def message():
    form = MessageForm()
    if form.validate_on_submit():
        recipients = [r for r in attendance.registrations(g.event.id, form.recipients.data) if r.email]
        for registration in recipients:
            outbox.queue(registration.email, "organiser_message", registration.language, event=g.event,
                         registration=registration, subject_line=form.subject.data, body=form.body.data,
                         link=signups.manage_url(registration))
        audit.record("event.message_sent", g.event.municipality, g.event, recipients=len(recipients))
        db.session.commit()
        flash(_("The message is sent to %(count)d people.", count=len(recipients)), "success")
        return redirect(url_for("attendance.registrations"))
    return render_template("attendance/message.html", event=g.event, form=form)
