"""Forms of the Freiraumkisten. Messages are lazy so they follow the reader's language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    Form,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from dialogplatform.plugin_api import PerLanguage, select_choices, text_choices

from .models import NAME_MAX, REASON_MAX, TEXT_MAX
from .services import MOODS


def _at_most(limit):
    return Length(max=limit, message=_l("Please write at most %(max)d characters.", max=limit))


def _one_of(message):
    """The submitted value must be one of the field's choices (own message
    instead of WTForms' generic one)."""

    def check(form, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(message)

    return check


def _normalise(text):
    """Line breaks arrive as CRLF; count them as one character like the browser does."""
    return text.replace("\r\n", "\n").strip() if isinstance(text, str) else text


class FeedbackForm(FlaskForm):
    """The one-screen form behind a station's QR code.

    Choices are set per campaign: ``FeedbackForm(topics=[...])``.
    """

    topic = SelectField(_l("Topic"), validate_choice=False,
                        validators=[_one_of(_l("Please choose a topic."))])
    mood = RadioField(_l("How do you feel about it?"), validate_choice=False,
                      validators=[InputRequired(message=_l("Please choose how you feel about it.")),
                                  _one_of(_l("Please choose how you feel about it."))])
    text = TextAreaField(
        _l("Your feedback"), filters=[_normalise],
        description=_l("At most %(max)d characters. Please do not write names or contact details.", max=TEXT_MAX),
        validators=[DataRequired(message=_l("Please write a few words.")), _at_most(TEXT_MAX)],
        render_kw={"maxlength": TEXT_MAX, "rows": 4},
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = [*text_choices(topics), *select_choices([("", _l("Something else"))])]
        self.mood.choices = select_choices((key, label) for key, _emoji, label in MOODS)


class PaperCardForm(FeedbackForm):
    """Staff type in a paper card: the same fields plus the card's language."""

    language = SelectField(_l("Language of the card"), validate_choice=False,
                           validators=[_one_of(_l("Please choose a language."))])

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = select_choices(languages)


class HideForm(FlaskForm):
    reason = StringField(_l("Reason for hiding"), description=_l("Moderators see it in the moderation log."),
                         validators=[DataRequired(message=_l("Please give a reason.")), _at_most(REASON_MAX)])


class StationForm(FlaskForm):
    name = StringField(_l("Place"), description=_l("e.g. Marktplatz"),
                       validators=[DataRequired(message=_l("Please name the place.")), _at_most(NAME_MAX)])
    address = TextAreaField(_l("Address or description of the spot"), validators=[_at_most(500)],
                            render_kw={"rows": 2})
    latitude = FloatField(_l("Latitude (optional)"), description=_l("e.g. 47.6147"), validators=[
        Optional(), NumberRange(min=-90, max=90, message=_l("Between %(min)d and %(max)d.", min=-90, max=90))])
    longitude = FloatField(_l("Longitude (optional)"), description=_l("e.g. 7.6616"), validators=[
        Optional(), NumberRange(min=-180, max=180, message=_l("Between %(min)d and %(max)d.", min=-180, max=180))])

    def validate(self, extra_validators=None):
        """Both coordinates or none (an empty field stops its own validators)."""
        valid = super().validate(extra_validators)
        if not self.latitude.errors and not self.longitude.errors and \
                (self.latitude.data is None) != (self.longitude.data is None):
            self.longitude.errors.append(_l("Please give both latitude and longitude, or neither."))
            return False
        return valid


class WindowForm(FlaskForm):
    day = DateField(_l("Day"), validators=[InputRequired(message=_l("Please enter a date."))])
    starts = TimeField(_l("Start time"), validators=[InputRequired(message=_l("Please enter a time."))])
    ends = TimeField(_l("End time"), validators=[InputRequired(message=_l("Please enter a time."))])

    def validate_ends(self, field):
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The end must be after the start."))


class SettingsForm(Form):
    """The format's settings on the core event form (stored in ``event.settings``)."""

    question = PerLanguage(
        StringField, _l("Question on the posters and the feedback form"),
        description=_l("Empty: a general question about living together, translated into every language."),
        validators=[_at_most(300)],
    )
    topics = PerLanguage(TextAreaField, _l("Topics passers-by can choose"),
                         description=_l("One topic per line; in every language the same topics in the same order."),
                         validators=[_at_most(1000)], render_kw={"rows": 4})
    hold_for_review = BooleanField(_l("Hold new posts for review by a moderator"), default=True)
