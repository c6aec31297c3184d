"""Forms of the women's dialogue. Messages are lazy so they follow the reader's language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from dialogplatform.plugin_api import MultiCheckboxField, PerLanguage, select_choices, text_choices

from .models import TEXT_MAX, TOPIC_MAX
from .services import DEFAULT_TOPICS, KIND_LABELS, MODERATION_REASONS, RETENTION_DAYS
from .suppression import MIN_THRESHOLD


def statement_field():
    """The required statement on the sign-up form; the core runs its
    validator before anything is stored."""
    return BooleanField(_l("I am a woman"), description=_l(
        "This dialogue is a protected space for women. Who takes part is never published."), validators=[
        DataRequired(message=_l("This dialogue is for women only. Please confirm that you are a woman."))])


def female_interpreter_field():
    return BooleanField(_l("I would like a female interpreter"),
                        description=_l("Only if you need an interpreter (see above)."))


class ContributionForm(FlaskForm):
    """An anonymous contribution; the topics are the event's own."""

    kind = RadioField(_l("What would you like to share?"),
                      choices=select_choices(KIND_LABELS.items()), default="issue",
                      validators=[DataRequired(message=_l("Please choose what you would like to share."))])
    topic = SelectField(_l("Topic"))
    text = TextAreaField(_l("Your contribution"), description=_l(
        "Anonymous: no name, no account. At most %(max)d characters.", max=TEXT_MAX), validators=[
        DataRequired(message=_l("Please write your contribution.")),
        Length(max=TEXT_MAX, message=_l("Please write at most %(max)d characters.", max=TEXT_MAX))])

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = [*text_choices(topics), *select_choices([("", _l("Another topic"))])]


class ModerationForm(FlaskForm):
    """Hide, redact or delete a contribution; the reason is a choice, so
    that the audit log never holds what the text said."""

    action = RadioField(_l("What should happen?"), choices=select_choices([
        ("hide", _l("Hide the text (the contribution still counts)")),
        ("redact", _l("Replace the text by the shortened version below")),
        ("delete", _l("Delete the contribution"))]), validators=[
        DataRequired(message=_l("Please choose what should happen."))])
    reason = SelectField(_l("Reason"), choices=select_choices(MODERATION_REASONS.items()), validators=[
        DataRequired(message=_l("Please choose a reason."))])
    text = TextAreaField(_l("Shortened text"), validators=[Length(
        max=TEXT_MAX, message=_l("Please write at most %(max)d characters.", max=TEXT_MAX))])

    def validate_text(self, field):
        if self.action.data == "redact" and not (field.data or "").strip():
            raise ValidationError(_l("Please write the shortened text."))


class DesignationForm(FlaskForm):
    moderators = MultiCheckboxField(_l("Designated moderators"), coerce=int, description=_l(
        "Only these moderators (and the organisers) see who takes part. Choose female staff only."))


def _topic_lines(form, field):
    for line in (field.data or "").splitlines():
        if len(line.strip()) > TOPIC_MAX:
            raise ValidationError(_l("Each topic may have at most %(max)d characters.", max=TOPIC_MAX))


class SettingsForm(Form):
    """The format's settings on the core event form (stored in ``event.settings``)."""

    topics = PerLanguage(TextAreaField, _l("Topics for contributions (one per line)"), default=DEFAULT_TOPICS,
                         description=_l("In every language the same topics in the same order."),
                         validators=[Length(max=2000, message=_l("Please write at most %(max)d characters.",
                                                                 max=2000)), _topic_lines])
    threshold = IntegerField(
        _l("Smallest group shown in the evaluation"), default=MIN_THRESHOLD,
        description=_l("Topics with fewer contributions are never shown. At least %(min)d.", min=MIN_THRESHOLD),
        validators=[Optional(), NumberRange(min=MIN_THRESHOLD, max=100, message=_l(
            "Please enter a number from %(min)d to %(max)d: smaller groups could identify a participant.",
            min=MIN_THRESHOLD, max=100))])
    retention_days = IntegerField(
        _l("Delete personal data after (days after the dialogue)"), default=RETENTION_DAYS,
        validators=[Optional(), NumberRange(min=1, max=RETENTION_DAYS, message=_l(
            "Please enter a number from %(min)d to %(max)d.", min=1, max=RETENTION_DAYS))])
    contributions_open = BooleanField(_l("Women may send anonymous contributions on the event page"),
                                      default=True)
