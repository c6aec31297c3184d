"""Blueprints of the future workshop; the core mounts and guards them.

``event``    (event scope): joining, the participant page, cards and dots,
             the staff's pages (each one task, in the event menu: running
             the workshop, themes, cards, the wall, the action plan),
             the printable evaluation and the CSV exports.
``organise`` (organise scope): the overview of all workshops.
The core 404s them when the format is off for the municipality or the
event belongs to another municipality or format; roles are checked here.
"""
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func

from dialogplatform.plugin_api import (
    ConfirmForm,
    Event,
    Role,
    can,
    confirm_page,
    csv_response,
    db,
    edit_page,
    id_from,
    limiter,
    qr,
    require,
    require_visible,
    sections_for_viewer,
    select_choices,
)

from . import evaluation, participants, services, voting
from .forms import CardForm, JoinForm, MeasureForm, PhaseForm, ThemeForm, TranslationForm
from .models import PHASES, WHAT_MAX, Card, Theme, Workshop

event_bp = Blueprint("zukunftswerkstatt_event", __name__, template_folder="templates",
                     static_folder="static", static_url_path="/static")
organise = Blueprint("zukunftswerkstatt_organise", __name__, template_folder="templates")


@event_bp.context_processor
def _labels():
    return {"phases": PHASES, "phase_labels": services.PHASE_LABELS, "phase_questions": services.PHASE_QUESTIONS,
            "addressee_labels": services.ADDRESSEE_LABELS, "format_day": evaluation.format_day}


def _anonymous_limit():
    return current_app.config["RATELIMIT_ANONYMOUS_POST"]


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _card_or_404(card_id) -> Card:
    card = services.card_of(g.event, card_id)
    if card is None:
        abort(404)
    return card


# -- joining --------------------------------------------------------------------
@event_bp.get("/join")
@limiter.limit(_anonymous_limit, key_func=lambda: f"zw-join:{request.remote_addr}",
               deduct_when=lambda response: response.status_code == 400)
def join():
    """The QR code's link: a right code sets the participant cookie and opens
    the workshop; only wrong codes count against the rate limit."""
    require_visible(g.event)
    event = g.event
    form = JoinForm(request.args)
    if "code" in request.args:
        if form.validate() and services.join_code_matches(event, form.code.data):
            response = redirect(url_for(".participate"))
            if participants.participant_id(event) is None:
                participants.issue(response, event)
            return response
        if not form.errors:
            form.code.errors = [_("This join code is not right. Please check it on the screen in the room.")]
        return render_template("zukunftswerkstatt/join.html", event=event, form=form), 400
    return render_template("zukunftswerkstatt/join.html", event=event, form=form)


# -- the participant page -------------------------------------------------------
def _card_form(event, themes, workshop, formdata=None):
    form = CardForm(formdata=formdata, data={"language": str(get_locale()), "phase": workshop.phase})
    form.theme.choices = select_choices((theme.id, theme.name) for theme in themes)
    return form


def _render_participate(pid, form=None, message=None, status=200):
    event = g.event
    workshop = services.workshop_of(event)
    themes = services.themes_of(event)
    round_ = services.voted_phase(workshop.phase)
    context = {
        "event": event, "workshop": workshop, "themes": themes, "message": message,
        "form": form or _card_form(event, themes, workshop),
        "closed": services.accepts_cards(event, participants.is_staff(event)),
        "groups": services.cards_by_theme(event, workshop.phase, themes=themes),
        "round": round_, "action_form": ConfirmForm(),
        "is_staff": participants.is_staff(event),
    }
    if round_:
        mine = voting.my_dots(event.id, round_, pid)
        budget = services.settings_of(event)["dots_per_participant"]
        context.update(vote_groups=services.cards_by_theme(event, round_, themes=themes), mine=mine,
                       budget=budget, dots_left=max(0, budget - sum(mine.values())))
    return render_template("zukunftswerkstatt/participate.html", **context), status


def _participant_or_join():
    """(participant id or None, redirect or None). Staff need no code."""
    require_visible(g.event)
    pid = participants.participant_id(g.event)
    if pid is None and not participants.is_staff(g.event):
        return None, redirect(url_for(".join"))
    return pid, None


@event_bp.get("/")
def participate():
    pid, to_join = _participant_or_join()
    if to_join:
        return to_join
    if pid is None:  # staff: an id of their own, so their dots count like anyone's
        response = make_response(_render_participate(None))
        participants.issue(response, g.event)
        return response
    return _render_participate(pid)


@event_bp.post("/cards")
@limiter.limit(_anonymous_limit, key_func=participants.rate_limit_key, methods=["POST"])
def write_card():
    pid, to_join = _participant_or_join()
    if to_join:
        return to_join
    event = g.event
    themes = services.themes_of(event)
    form = _card_form(event, themes, services.workshop_of(event), formdata=request.form)
    if form.validate_on_submit():
        staff = current_user if participants.is_staff(event) else None
        try:
            services.write_card(event, theme_id=form.theme.data, phase=form.phase.data, text=form.text.data,
                                language=form.language.data, participant_id=pid, staff_user=staff)
        except services.CardRejected as rejected:
            form.text.errors = [str(rejected.reason)]
        else:
            if _htmx():
                return _render_participate(pid)
            flash(_("Thank you. Your card is on the wall."), "success")
            return redirect(url_for(".participate", _anchor="zw-write"))
    return _render_participate(pid, form=form, status=422 if _htmx() else 400)


def _vote(card_id, change):
    pid, to_join = _participant_or_join()
    if to_join:
        return to_join
    if not ConfirmForm().validate_on_submit():
        abort(400)
    message = None
    try:
        if pid is None:
            raise voting.VoteRejected(_("Please open the workshop page once before voting."))
        change(g.event.id, card_id, pid)
    except voting.VoteRejected as rejected:
        message = str(rejected.reason)
    if _htmx():
        return _render_participate(pid, message=message)
    if message:
        flash(message, "error")
    return redirect(url_for(".participate", _anchor="zw-vote"))


@event_bp.post("/cards/<int:card_id>/vote")
@limiter.limit(_anonymous_limit, key_func=participants.rate_limit_key, methods=["POST"])
def vote(card_id):
    return _vote(card_id, voting.cast_vote)


@event_bp.post("/cards/<int:card_id>/unvote")
@limiter.limit(_anonymous_limit, key_func=participants.rate_limit_key, methods=["POST"])
def unvote(card_id):
    return _vote(card_id, voting.withdraw_vote)


# -- moderators and organisers: running the workshop ---------------------------
def _join_url(workshop) -> str:
    return url_for(".join", code=workshop.join_code, _external=True)


def _render_manage():
    """The control page of the day: the phase and the way in."""
    event = g.event
    workshop = services.workshop_of(event)
    previous, following = services.neighbour_phases(workshop.phase)
    return render_template(
        "zukunftswerkstatt/manage.html", event=event, workshop=workshop, themes=services.themes_of(event),
        action_form=ConfirmForm(), phase_form=PhaseForm(formdata=None), previous=previous, following=following,
        join_url=_join_url(workshop), counts=services.card_counts(event),
    )


@event_bp.get("/manage")
def manage():
    require(Role.MODERATOR)
    return _render_manage()


def _render_themes(theme_form=None, status=200):
    event = g.event
    return render_template(
        "zukunftswerkstatt/themes.html", event=event, themes=services.themes_of(event),
        theme_form=theme_form or ThemeForm(formdata=None), action_form=ConfirmForm(),
    ), status


@event_bp.get("/manage/themes")
def themes():
    require(Role.MODERATOR)
    return _render_themes()


def _phase_from(value) -> str:
    return value if value in PHASES else services.workshop_of(g.event).phase


def _render_cards(phase, invalid=None, status=200):
    """The cards of one phase to translate and hide; ``invalid`` is (card
    id, form) of a failed translation."""
    event = g.event
    groups = services.cards_by_theme(event, phase, include_hidden=True)
    translation_forms = {
        card.id: TranslationForm(formdata=None, prefix=f"c{card.id}",
                                 data={"translation": card.translation, "language": card.translation_language or "de"})
        for _theme, cards in groups for card, _dots in cards}
    if invalid:
        translation_forms[invalid[0]] = invalid[1]
    return render_template(
        "zukunftswerkstatt/cards.html", event=event, phase=phase, groups=groups, counts=services.card_counts(event),
        translation_forms=translation_forms, action_form=ConfirmForm(),
    ), status


@event_bp.get("/manage/cards")
def cards():
    require(Role.MODERATOR)
    return _render_cards(_phase_from(request.args.get("phase")))


def _back_to_card(card):
    return redirect(url_for(".cards", phase=card.phase, _anchor=f"card-{card.id}"))


@event_bp.post("/phase")
def change_phase():
    require(Role.ORGANISER)
    form = PhaseForm()
    if not form.validate_on_submit():
        abort(400)
    services.set_phase(g.event, form.phase.data)
    flash(_("The workshop is now in the phase “%(phase)s”.", phase=services.PHASE_LABELS[form.phase.data]),
          "success")
    return redirect(url_for(".manage"))


@event_bp.post("/join-code")
def renew_join_code():
    require(Role.ORGANISER)
    if ConfirmForm().validate_on_submit():
        services.renew_join_code(g.event)
        flash(_("There is a new join code. Everyone who joined stays in."), "success")
    return redirect(url_for(".manage", _anchor="zw-join"))


@event_bp.post("/themes")
def add_theme():
    require(Role.ORGANISER)
    form = ThemeForm()
    if form.validate_on_submit():
        if services.add_theme(g.event, form.name.data) is None:
            form.name.errors.append(_("This theme exists already."))
        else:
            flash(_("The theme is added."), "success")
            return redirect(url_for(".themes"))
    return _render_themes(theme_form=form, status=400)


@event_bp.post("/themes/defaults")
def add_default_themes():
    require(Role.ORGANISER)
    if ConfirmForm().validate_on_submit():
        services.add_default_themes(g.event)
        flash(_("The themes are added."), "success")
    return redirect(url_for(".themes"))


@event_bp.route("/themes/<int:theme_id>/edit", methods=["GET", "POST"])
def edit_theme(theme_id):
    require(Role.ORGANISER)
    theme = db.session.scalar(db.select(Theme).filter_by(id=theme_id, event_id=g.event.id))
    if theme is None:
        abort(404)
    form = ThemeForm(data={"name": theme.name})
    form.name.label.text = _("Theme")
    back = url_for(".themes")
    if form.validate_on_submit():
        if services.rename_theme(g.event, theme, form.name.data):
            flash(_("The theme is saved."), "success")
            return redirect(back)
        form.name.errors.append(_("This theme exists already."))
    return edit_page(form, title=_("Edit theme"), back=back)


@event_bp.route("/themes/<int:theme_id>/delete", methods=["GET", "POST"])
def delete_theme(theme_id):
    """Asks first; only a theme without cards can go."""
    require(Role.ORGANISER)
    theme = db.session.scalar(db.select(Theme).filter_by(id=theme_id, event_id=g.event.id))
    if theme is None:
        abort(404)

    def delete():
        if services.delete_theme(theme):
            flash(_("The theme is removed."), "success")
        else:
            flash(_("A theme with cards cannot be removed."), "error")

    return confirm_page(title=_("Remove the theme “%(name)s”?", name=theme.name), consequences=[
        _("Only a theme without cards can be removed."), _("Nobody gets a mail.")], button=_("Yes, remove"),
        back=url_for(".themes"), action=delete)


@event_bp.post("/cards/<int:card_id>/translation")
def translate_card(card_id):
    require(Role.MODERATOR)
    card = _card_or_404(card_id)
    form = TranslationForm(prefix=f"c{card.id}")
    if form.validate_on_submit():
        services.translate_card(card, form.translation.data, form.language.data)
        flash(_("The translation is saved."), "success")
        return _back_to_card(card)
    return _render_cards(card.phase, invalid=(card.id, form), status=400)


@event_bp.post("/cards/<int:card_id>/visibility")
def toggle_card(card_id):
    require(Role.MODERATOR)
    card = _card_or_404(card_id)
    if ConfirmForm().validate_on_submit():
        services.set_hidden(card, not card.hidden)
        flash(_("The card is hidden.") if card.hidden else _("The card is shown again."), "success")
    return _back_to_card(card)


@event_bp.get("/wall")
def wall():
    """The projector view: phase, cards by theme, the dots, the join QR code."""
    require(Role.MODERATOR)
    event = g.event
    workshop = services.workshop_of(event)
    themes = services.themes_of(event)
    round_ = services.voted_phase(workshop.phase)
    join_url = _join_url(workshop)
    return render_template(
        "zukunftswerkstatt/wall.html", event=event, workshop=workshop, join_url=join_url,
        qr_code=qr.qr_svg(join_url, title=_("Join the workshop")),
        groups=services.cards_by_theme(event, workshop.phase, themes=themes), round=round_,
        ranking=services.overall_ranking(event, round_, limit=10) if round_ else [],
    )


# -- action plan ----------------------------------------------------------------
def _measure_form(formdata=None, data=None):
    form = MeasureForm(formdata=formdata, data=data)
    form.theme.choices = select_choices([(0, _("No theme"))], ((t.id, t.name) for t in services.themes_of(g.event)))
    return form


def _prefill(card_id):
    card = services.card_of(g.event, card_id) if card_id else None
    if card is None:
        return None, None
    what = card.text + (f"\n({card.translation})" if card.translation else "")
    return card, {"what": what[:WHAT_MAX], "theme": card.theme_id, "card_id": str(card.id),
                  "addressee": "municipality"}


@event_bp.get("/plan")
def plan():
    """The action plan: its measures. A card's "make a measure of it" link
    of before (``?card=``) leads to the new-measure page."""
    require(Role.MODERATOR)
    if "card" in request.args:
        return redirect(url_for(".new_measure", card=request.args.get("card")))
    return render_template("zukunftswerkstatt/plan.html", event=g.event, measures=services.measures_of(g.event))


def _render_new_measure(form=None, status=200):
    """The form beside the cards to draw on: the visions with the most dots
    and the proposals of the realisation phase."""
    event = g.event
    return render_template(
        "zukunftswerkstatt/new_measure.html", event=event, form=form or _measure_form(),
        visions=services.overall_ranking(event, "fantasy", limit=10),
        plans=services.overall_ranking(event, "realisation"),
    ), status


@event_bp.get("/plan/new")
def new_measure():
    require(Role.ORGANISER)
    form = None
    card, data = _prefill(id_from(request.args.get("card")))
    if card is not None:
        form = _measure_form(data=data)
    return _render_new_measure(form)


@event_bp.post("/plan")
def add_measure():
    require(Role.ORGANISER)
    form = _measure_form(formdata=request.form)
    if form.validate_on_submit():
        card_id = id_from(form.card_id.data)
        card = services.card_of(g.event, card_id) if card_id else None
        services.add_measure(g.event, what=form.what.data, who=form.who.data, due_on=form.due_on.data,
                             addressee=form.addressee.data, theme_id=form.theme.data or None, card=card)
        flash(_("The measure is added to the action plan."), "success")
        return redirect(url_for(".plan", _anchor="zw-measures"))
    return _render_new_measure(form, status=400)


def _measure_or_404(measure_id):
    measure = next((m for m in services.measures_of(g.event) if m.id == measure_id), None)
    if measure is None:
        abort(404)
    return measure


@event_bp.route("/plan/<int:measure_id>/edit", methods=["GET", "POST"])
def edit_measure(measure_id):
    require(Role.ORGANISER)
    measure = _measure_or_404(measure_id)
    form = _measure_form(formdata=request.form if request.method == "POST" else None,
                         data=services.measure_values(measure))
    back = url_for(".plan", _anchor="zw-measures")
    if form.validate_on_submit():
        services.update_measure(g.event, measure, what=form.what.data, who=form.who.data, due_on=form.due_on.data,
                                addressee=form.addressee.data, theme_id=form.theme.data or None)
        flash(_("The measure is saved."), "success")
        return redirect(back)
    return edit_page(form, title=_("Edit measure"), back=back)


@event_bp.route("/plan/<int:measure_id>/delete", methods=["GET", "POST"])
def delete_measure(measure_id):
    require(Role.ORGANISER)
    measure = _measure_or_404(measure_id)

    def delete():
        services.delete_measure(measure)
        flash(_("The measure is removed."), "success")

    return confirm_page(title=_("Remove this measure from the action plan?"),
                        consequences=[measure.what, _("Nobody gets a mail.")], button=_("Yes, remove"),
                        back=url_for(".plan", _anchor="zw-measures"), action=delete)


# -- evaluation: printable page and CSV ------------------------------------------
def _evaluation_visible_or_404():
    require_visible(g.event)
    if not (g.event.evaluation_published or can(Role.ORGANISER)):
        abort(404)


@event_bp.get("/evaluation/print")
def evaluation_print():
    _evaluation_visible_or_404()
    return render_template("zukunftswerkstatt/evaluation_print.html", event=g.event,
                           sections=sections_for_viewer(evaluation.sections(g.event), g.municipality))


@event_bp.get("/evaluation.csv")
def evaluation_csv():
    _evaluation_visible_or_404()
    header, rows = evaluation.card_rows(g.event)
    return csv_response(f"zukunftswerkstatt-{g.event.id}-karten.csv", header, rows)


@event_bp.get("/plan.csv")
def plan_csv():
    _evaluation_visible_or_404()
    header, rows = evaluation.plan_rows(g.event)
    return csv_response(f"zukunftswerkstatt-{g.event.id}-massnahmen.csv", header, rows)


# -- organisers: all workshops ---------------------------------------------------
@organise.get("/")
def workshops():
    """All workshops of the municipality with their phase and cards, in one query."""
    counts = (db.select(Card.event_id, func.count(Card.id).label("cards"))
              .where(Card.hidden.is_(False)).group_by(Card.event_id).subquery())
    rows = db.session.execute(
        db.select(Event, Workshop.phase, func.coalesce(counts.c.cards, 0))
        .outerjoin(Workshop, Workshop.event_id == Event.id)
        .outerjoin(counts, counts.c.event_id == Event.id)
        .where(Event.municipality_id == g.municipality.id, Event.format_key == "zukunftswerkstatt")
        .order_by(Event.starts_at.desc())).all()
    return render_template("zukunftswerkstatt/workshops.html", rows=rows, phase_labels=services.PHASE_LABELS)
