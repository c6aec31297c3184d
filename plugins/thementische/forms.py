"""Forms of Thementische. Messages are lazy so they follow the reader's language."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from dialogplatform.plugin_api import LANGUAGE_LABELS, select_choices

from .models import CONTACT_MAX, IDEA_STATUSES, QUESTION_MAX, STATEMENT_MAX, THEME_MAX
from .services import MAX_ROUNDS


def _at_most(limit):
    return Length(max=limit, message=_l("Please write at most %(max)d characters.", max=limit))


STATUS_LABELS = {"open": _lp("table status", "Open"), "in_progress": _lp("table status", "In progress"),
                 "done": _lp("table status", "Done")}


class TableForm(FlaskForm):
    """A table; moderator choices are the municipality's staff (set by the view)."""

    theme = StringField(_l("Theme"), validators=[
        DataRequired(message=_l("Please enter a theme.")), _at_most(THEME_MAX)])
    moderator = SelectField(_l("Moderator"), coerce=int)
    language = SelectField(_l("Language or interpreter"), choices=select_choices(
        [("", _l("The event's language"))], LANGUAGE_LABELS.items()))
    seats = IntegerField(_l("Seats"), default=30, validators=[
        InputRequired(message=_l("Please enter the number of seats.")),
        NumberRange(min=1, max=500, message=_l("Between %(min)d and %(max)d.", min=1, max=500))])

    def set_staff(self, staff):
        self.moderator.choices = select_choices(
            [(0, _l("No moderator yet"))], ((user.id, user.display_name or user.email) for user in staff))


class QuestionForm(FlaskForm):
    text = StringField(_l("Guiding question"), validators=[
        DataRequired(message=_l("Please enter a question.")), _at_most(QUESTION_MAX)])


class StatementForm(FlaskForm):
    """One statement, typed by the moderator as it is said."""

    text = TextAreaField(_l("Statement"), description=_l("At most %(max)d characters.", max=STATEMENT_MAX),
                         validators=[DataRequired(message=_l("Please write the statement.")),
                                     _at_most(STATEMENT_MAX)],
                         render_kw={"maxlength": STATEMENT_MAX, "rows": 2})
    is_idea = BooleanField(_l("This is a project idea"))
    contact_name = StringField(_l("Contact person for the idea (optional)"),
                               description=_l("Never shown on the wall or in the published evaluation."),
                               validators=[_at_most(CONTACT_MAX)])


class MoveForm(FlaskForm):
    """Seat one person by hand; choices are the event's tables (set by the view)."""

    table = SelectField(_l("Table"), coerce=int)


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"), choices=select_choices(STATUS_LABELS.items()))

    def validate_status(self, field):
        if field.data not in IDEA_STATUSES:
            raise ValidationError(_l("Please choose a valid status."))


class FollowUpForm(FlaskForm):
    """The format of a follow-up meeting; choices are the municipality's enabled formats."""

    format_key = SelectField(_l("Format of the follow-up meeting"))


class SettingsForm(Form):
    """The format's settings on the core event form (stored in ``event.settings``)."""

    rounds = IntegerField(_l("Rounds"), default=1, description=_l(
        "People change tables between rounds; each round has its own seating."),
        validators=[InputRequired(message=_l("Please enter the number of rounds.")),
                    NumberRange(min=1, max=MAX_ROUNDS, message=_l("Between %(min)d and %(max)d.", min=1,
                                                                  max=MAX_ROUNDS))])


def choice_fields(tables) -> list:
    """The two table choices of the sign-up form (``registration_fields``)."""
    choices = [(table.id, _table_label(table)) for table in tables]

    def differs_from_first(form, field):
        first = form._fields.get("ext__thementische__first")
        if field.data and first is not None and field.data == first.data:
            raise ValidationError(_l("Please choose two different tables, or no second choice."))

    first = SelectField(_l("First choice of table"), coerce=int,
                        choices=select_choices([(0, _l("Please choose"))], choices),
                        validators=[DataRequired(message=_l("Please choose a table."))])
    second = SelectField(_l("Second choice of table"), coerce=int,
                         choices=select_choices([(0, _l("No second choice"))], choices),
                         description=_l("If your first table is full, you sit at your second choice."),
                         validators=[differs_from_first])
    return [("first", first), ("second", second)]


def _table_label(table) -> str:
    if not table.language:
        return table.theme
    return f"{table.theme} ({LANGUAGE_LABELS.get(table.language, table.language)})"
