"""Forms of two-factor sign-in: the code on set-up and at log-in, the
confirmation to turn it off, and who must use it."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from .forms import select_choices

_CODE_ATTRS = {"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
_ENTER_A_CODE = _l("Please enter the code.")


class ConfirmSetupForm(FlaskForm):
    code = StringField(_l("Code shown in the app"), render_kw={**_CODE_ATTRS, "inputmode": "numeric"},
                       validators=[DataRequired(message=_ENTER_A_CODE), Length(max=16, message=_ENTER_A_CODE)])


class SecondFactorForm(FlaskForm):
    code = StringField(_l("Code from your authenticator app"), render_kw=_CODE_ATTRS,
                       description=_l("Lost your phone? Enter one of your recovery codes instead."),
                       validators=[DataRequired(message=_ENTER_A_CODE), Length(max=32, message=_ENTER_A_CODE)])


class ProveItsYouForm(FlaskForm):
    """Turning two-factor sign-in off or renewing the recovery codes: a
    code or the password, so that a session left open is not enough."""

    secret = PasswordField(_l("A code from your app, a recovery code or your password"),
                           render_kw={"autocomplete": "off"},
                           validators=[DataRequired(message=_ENTER_A_CODE)])


TWO_FACTOR_ROLE_CHOICES = [
    ("", _l("Nobody has to")),
    ("helper", _l("All staff (helpers and up)")),
    ("moderator", _l("Moderators, organisers and administrators")),
    ("organiser", _l("Organisers and administrators")),
    ("admin", _l("Administrators only")),
]


class TwoFactorPolicyForm(FlaskForm):
    required_role = SelectField(_l("Who must use two-factor sign-in"), choices=select_choices(TWO_FACTOR_ROLE_CHOICES),
                                description=_l("Staff who have not set it up are asked to do so at their next "
                                               "log-in and reach no staff page until they have."))


class InstanceTwoFactorForm(FlaskForm):
    required = BooleanField(_l("Instance administrators must use two-factor sign-in"))
