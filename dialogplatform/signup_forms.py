"""The sign-up form: only what the event needs, plus the format's fields."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from .forms import MultiCheckboxField, select_choices
from .i18n import LANGUAGE_LABELS, supported
from .languages import own_name

ACCESSIBILITY_CHOICES = [
    ("wheelchair", _l("Wheelchair access")),
    ("sign_language", _l("Sign language interpreting")),
    ("other", _l("Other (please describe)")),
]


def _max(n):
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


class NeedsMixin:
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), _max(40)])
    childcare_count = IntegerField(_l("Children who need childcare"), default=0, validators=[
        Optional(), NumberRange(min=0, max=10, message=_l("Between %(min)d and %(max)d.", min=0, max=10))])
    childcare_ages = StringField(_l("Ages of the children"), validators=[Optional(), _max(100)])
    accessibility = MultiCheckboxField(_l("Accessibility"), choices=select_choices(ACCESSIBILITY_CHOICES))
    accessibility_other = StringField(_l("Other accessibility needs"), validators=[Optional(), _max(200)])
    note = TextAreaField(_l("Anything else we should know?"), validators=[Optional(), _max(1000)])


def signup_form_class(event, *, guest: bool, assisted: bool = False, format_fields=()):
    """Build the form for ``event``. Guests give an e-mail address; assisted
    sign-ups (staff, helpers) need only a name."""

    class SignupForm(FlaskForm, NeedsMixin):
        submission_key = HiddenField(validators=[Optional(), Length(max=64)])  # the column's size
        name = StringField(_l("Name or pseudonym"), validators=[
            DataRequired(message=_l("Please enter a name or pseudonym.")), _max(120)])

    if guest or assisted:
        email_validators = [
            Email(message=_l("Please enter a valid e-mail address."), check_deliverability=False), _max(254)]
        if assisted:
            email_validators.insert(0, Optional())
        else:
            email_validators.insert(0, DataRequired(message=_l("Please enter your e-mail address.")))
        SignupForm.email = EmailField(
            _l("E-mail address (optional)") if assisted else _l("E-mail address"),
            description=None if assisted else _l("We send you a link to confirm your sign-up."),
            validators=email_validators)
    if event.max_companions:
        SignupForm.companions = IntegerField(
            _l("Accompanying persons"), default=0,
            description=_l("At most %(count)d.", count=event.max_companions),
            validators=[Optional(), NumberRange(
                min=0, max=event.max_companions,
                message=_l("At most %(count)d accompanying persons are possible.", count=event.max_companions))])
    if event.interpreters:
        SignupForm.interpreter_language = SelectField(
            _l("I need an interpreter for"),
            choices=select_choices([("", _l("No interpreter needed"))],
                                   ((code, LANGUAGE_LABELS.get(code, code)) for code in event.interpreters)),
            default="")
    for name, field in format_fields:
        setattr(SignupForm, name, field)
    if assisted:
        # Mails and the printed slip go out in the person's language, not the helper's.
        SignupForm.language = SelectField(
            _l("Language of the person"), choices=select_choices((code, own_name(code)) for code in supported()),
            default=lambda: str(get_locale()))
    else:
        SignupForm.consent = BooleanField(
            # The msgid must stay whole (the catalogs key on it), so this line stays long.
            _l("I agree that my details are stored and used to organise this dialogue, as described in the privacy policy."),  # noqa: E501
            validators=[DataRequired(message=_l("Please agree to the privacy policy to sign up."))])
    return SignupForm


class MessageForm(FlaskForm):
    recipients = SelectField(_l("To"), choices=select_choices([
        ("confirmed", _l("Everyone confirmed")), ("waitlisted", _l("Everyone on the waiting list"))]))
    subject = StringField(_l("Subject"), validators=[DataRequired(message=_l("Please enter a subject.")), _max(200)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(message=_l("Please enter a message.")), _max(5000)])
