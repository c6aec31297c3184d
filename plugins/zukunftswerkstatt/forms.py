"""Forms of the future workshop. Messages are lazy so they follow the reader's language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, Form, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional

from dialogplatform.plugin_api import LANGUAGE_LABELS, select_choices

from .models import CARD_MAX, PHASES, THEME_MAX, WHAT_MAX, WHO_MAX
from .services import ADDRESSEE_LABELS, DEFAULT_DOTS

TRANSLATION_MAX = 2 * CARD_MAX


def _at_most(limit):
    return Length(max=limit, message=_l("Please write at most %(max)d characters.", max=limit))


def language_choices():
    return select_choices(sorted(((code, str(label)) for code, label in LANGUAGE_LABELS.items()),
                                 key=lambda item: item[1]))


class CardForm(FlaskForm):
    """A card; ``phase`` is the phase the writer saw (checked by the service)."""

    # Choices are checked by the service (German message, the event's own themes only).
    theme = SelectField(_l("Theme"), coerce=int, validate_choice=False,
                        validators=[InputRequired(message=_l("Please choose a theme."))])
    text = TextAreaField(_l("Your card"), description=_l("At most %(max)d characters.", max=CARD_MAX),
                         validators=[DataRequired(message=_l("Please write your card.")), _at_most(CARD_MAX)],
                         render_kw={"maxlength": CARD_MAX, "rows": 3})
    language = SelectField(_l("Language of your card"), choices=language_choices, validate_choice=False)
    phase = HiddenField(validators=[AnyOf(PHASES)])


class TranslationForm(FlaskForm):
    translation = TextAreaField(_l("Translation"), validators=[_at_most(TRANSLATION_MAX)],
                                description=_l("Leave empty to remove the translation."),
                                render_kw={"rows": 2, "maxlength": TRANSLATION_MAX})
    language = SelectField(_l("Language of the translation"), choices=language_choices, default="de",
                           validate_choice=False, validators=[AnyOf(list(LANGUAGE_LABELS),
                                                                    message=_l("Please choose a language."))])


class ThemeForm(FlaskForm):
    name = StringField(_l("New theme"), validators=[
        DataRequired(message=_l("Please enter a theme.")), _at_most(THEME_MAX)])


class PhaseForm(FlaskForm):
    phase = HiddenField(validators=[AnyOf(PHASES)])


class MeasureForm(FlaskForm):
    what = TextAreaField(_l("What will be done"), validators=[
        DataRequired(message=_l("Please describe the measure.")), _at_most(WHAT_MAX)],
        render_kw={"rows": 3, "maxlength": WHAT_MAX})
    who = StringField(_l("Who does it"), description=_l("e.g. Integrationsbeauftragte, Freundeskreis Asyl"),
                      validators=[DataRequired(message=_l("Please say who does it.")), _at_most(WHO_MAX)])
    due_on = DateField(_l("By when"), validators=[Optional()],
                       description=_l("Optional."))
    addressee = RadioField(_l("Addressed to"), choices=select_choices(ADDRESSEE_LABELS.items()), default="municipality",
                           validate_choice=False, validators=[
                               InputRequired(message=_l("Please choose to whom it is addressed.")),
                               AnyOf(list(ADDRESSEE_LABELS), message=_l("Please choose to whom it is addressed."))])
    # A theme id of another event is ignored by the service.
    theme = SelectField(_l("Theme"), coerce=int, default=0, validate_choice=False)
    card_id = HiddenField()


class JoinForm(Form):
    """The join code, sent by GET so the QR code's link joins in one step."""

    code = StringField(_l("Join code"), description=_l("It is shown on the screen in the room."),
                       validators=[DataRequired(message=_l("Please enter the join code.")), _at_most(20)])


class SettingsForm(Form):
    """The format's settings on the core event form (stored in ``event.settings``)."""

    dots_per_participant = IntegerField(
        _l("Dots per participant and voting round"), default=DEFAULT_DOTS,
        validators=[InputRequired(message=_l("Please enter a number.")),
                    NumberRange(min=1, max=30, message=_l("Between %(min)d and %(max)d.", min=1, max=30))])
