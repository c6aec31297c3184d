"""Forms of the Themenabend. Messages are lazy so they follow the reader's language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from dialogplatform.plugin_api import names_no_person

from .models import ANSWER_MAX, BODY_MAX, NAME_MAX, QUESTION_MAX, THEME_MAX


def _at_most(limit):
    return Length(max=limit, message=_l("Please write at most %(max)d characters.", max=limit))


class QuestionForm(FlaskForm):
    """A resident's question; the name is optional unless the event says otherwise."""

    question_text = TextAreaField(
        _l("Your question or concern"),
        description=_l("At most %(max)d characters.", max=QUESTION_MAX),
        validators=[DataRequired(message=_l("Please write your question.")), _at_most(QUESTION_MAX)],
    )
    author_name = StringField(
        _l("Your name (optional)"),
        description=_l("Only the organisers see your name. It is never published."),
        validators=[_at_most(NAME_MAX)],
    )

    def __init__(self, *args, allow_anonymous=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_anonymous = allow_anonymous
        if not allow_anonymous:
            self.author_name.label.text = _l("Your name")

    def validate_author_name(self, field):
        if not self.allow_anonymous and not (field.data or "").strip():
            raise ValidationError(_l("Please enter your name."))


class ThemeForm(FlaskForm):
    name = StringField(_l("New theme"), validators=[
        DataRequired(message=_l("Please enter a theme.")), _at_most(THEME_MAX)])


class AssignForm(FlaskForm):
    """Choices are the event's own themes, so a foreign theme never validates."""

    theme = SelectField(_l("Theme"), coerce=int)


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("Answer given on the evening"), validators=[
        DataRequired(message=_l("Please write the answer.")), _at_most(ANSWER_MAX)])
    answered_by = StringField(_l("Answered by"), description=_l("e.g. Polizei, Jobcenter"), validators=[
        DataRequired(message=_l("Please say who answered.")), _at_most(BODY_MAX), names_no_person()])


class QuickAnswerForm(FlaskForm):
    """Marking a question answered from a phone on the evening: who answered
    is enough, a short note of the answer can follow later."""

    answered_by = StringField(_l("Answered by"), description=_l("e.g. Polizei, Jobcenter"), validators=[
        DataRequired(message=_l("Please say who answered.")), _at_most(BODY_MAX), names_no_person()])
    answer = TextAreaField(_l("Short note of the answer (optional)"), validators=[_at_most(ANSWER_MAX)])


class SettingsForm(Form):
    """The format's settings on the core event form (stored in ``event.settings``)."""

    answering_bodies = StringField(
        _l("Who answers on the evening"),
        description=_l("Separated by commas, e.g. Polizei, Ordnungsamt"),
        validators=[_at_most(500)],
    )
    allow_anonymous = BooleanField(_l("Residents may send questions without a name"), default=True)
    review_questions = BooleanField(
        _l("Check questions before they are published"),
        description=_l("New questions stay hidden from the public until a moderator approves them."))
