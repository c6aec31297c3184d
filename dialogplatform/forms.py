"""Core forms. Labels and messages are lazy so they follow the request's language."""
import re

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    FormField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from .i18n import LANGUAGE_LABELS, language_names, supported
from .language_forms import add_language_fields, with_language_fields
from .models import Role


def select_choices(*groups):
    """The options of a SelectField, SelectMultipleField or RadioField from
    iterables of ``(value, label)`` pairs, chained in order.

    WTForms 3.3 deprecates choices given as tuples (3.4 removes them);
    SelectChoice renders the same ``<option>`` and validates the same way."""
    return [SelectChoice(value, label) for group in groups for value, label in group]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (accessible without JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _strong_password(form, field):
    """Refuse common and easily guessed passwords (see services/passwords).
    The form's e-mail and name fields, and ``form.personal`` (set by a view
    that knows the account), count as easy to guess too."""
    from flask_login import current_user

    from .services import passwords

    if not field.data or not 10 <= len(field.data) <= 200:
        return  # the length rule has said so already
    personal = [getattr(form, name).data for name in ("email", "display_name") if name in form]
    personal += list(getattr(form, "personal", ()))
    if current_user and current_user.is_authenticated:
        personal += [current_user.email, current_user.display_name]
    field.errors.extend(passwords.problems(field.data, tuple(p for p in personal if p)))


def _password_field(label):
    return PasswordField(label, validators=[
        DataRequired(message=_l("Please enter a password.")),
        Length(min=10, max=200, message=_l("The password must have between 10 and 200 characters.")),
        _strong_password,
    ])


def _email_field():
    return EmailField(_l("E-mail address"), validators=[
        DataRequired(message=_l("Please enter your e-mail address.")),
        Email(message=_l("Please enter a valid e-mail address."), check_deliverability=False),
        Length(max=254, message=_l("The e-mail address is too long.")),
    ])


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Please enter a password."))])


class RegisterForm(FlaskForm):
    display_name = StringField(_l("Name or pseudonym"), validators=[
        DataRequired(message=_l("Please enter a name or pseudonym.")),
        Length(max=120, message=_l("At most %(max)d characters.", max=120)),
    ])
    email = _email_field()
    password = _password_field(_l("Password (at least 10 characters)"))
    password_repeat = PasswordField(_l("Repeat password"), validators=[
        EqualTo("password", message=_l("The passwords do not match.")),
    ])


class ForgotPasswordForm(FlaskForm):
    email = _email_field()


class NewPasswordForm(FlaskForm):
    password = _password_field(_l("New password (at least 10 characters)"))
    password_repeat = PasswordField(_l("Repeat password"), validators=[
        EqualTo("password", message=_l("The passwords do not match.")),
    ])


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(message=_l("Please enter a password."))
    ])


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password, to confirm"), validators=[
        DataRequired(message=_l("Please enter a password."))])


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Name or pseudonym"), validators=[
        DataRequired(message=_l("Please enter a name or pseudonym.")),
        Length(max=120, message=_l("At most %(max)d characters.", max=120)),
    ])
    language = SelectField(_l("Language"), choices=lambda: select_choices(language_names().items()))


class AcceptInvitationForm(FlaskForm):
    display_name = RegisterForm.display_name
    # Fields render in the order they are made: "Password" before "Repeat".
    password = _password_field(_l("Password (at least 10 characters)"))
    password_repeat = PasswordField(_l("Repeat password"), validators=[
        EqualTo("password", message=_l("The passwords do not match.")),
    ])


SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"admin", "auth", "account", "static", "healthz", "api", "e", "overview", "imprint", "privacy",
                  "accessibility", "land", "learn", "recommendations"}


def _language_choices():
    return select_choices((code, LANGUAGE_LABELS[code]) for code in supported())


class MunicipalityCreateForm(FlaskForm):
    name = StringField(_lp("thing", "Name"), validators=[
        DataRequired(message=_lp("thing", "Please enter a name.")),
        Length(max=200, message=_l("At most %(max)d characters.", max=200)),
    ])
    slug = StringField(_l("Address (slug)"), render_kw={"data-slug-from": "name"},
                       description=_l("Lower-case letters, digits and hyphens, e.g. schwaebisch-gmuend. "
                                      "Left empty, it is made from the name."), validators=[
        DataRequired(message=_l("Please enter an address.")),
        Length(max=64, message=_l("At most %(max)d characters.", max=64)),
        Regexp(SLUG_PATTERN, message=_l("Only lower-case letters, digits and single hyphens.")),
    ])
    admin_email = EmailField(_l("E-mail of the first administrator"), validators=[
        DataRequired(message=_l("Please enter your e-mail address.")),
        Email(message=_l("Please enter a valid e-mail address."), check_deliverability=False),
    ])

    def validate(self, extra_validators=None):
        if not (self.slug.data or "").strip() and self.name.data:
            self.slug.data = slug_from(self.name.data)
        return super().validate(extra_validators)

    def validate_slug(self, field):
        if field.data in RESERVED_SLUGS:
            raise ValidationError(_l("This address is reserved."))


TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slug_from(name: str) -> str:
    """An address from a municipality's name: "Schwäbisch Gmünd" ->
    "schwaebisch-gmuend" (umlauts spelled out, other accents dropped)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name.translate(TRANSLITERATION).lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:64].strip("-")


class MunicipalityProfileForm(FlaskForm):
    name = MunicipalityCreateForm.name
    default_language = SelectField(_l("Default language"), choices=_language_choices)
    languages = MultiCheckboxField(_l("Languages offered for content"), choices=_language_choices)
    contact_email = EmailField(_l("Contact e-mail"), validators=[
        Optional(), Email(message=_l("Please enter a valid e-mail address."), check_deliverability=False),
    ])
    contact_phone = StringField(_l("Contact phone"), validators=[
        Optional(), Length(max=64, message=_l("At most %(max)d characters.", max=64))])
    contact_address = TextAreaField(_l("Postal address"), validators=[
        Length(max=1000, message=_l("At most %(max)d characters.", max=1000))])
    colour = StringField(_l("Colour"), validators=[
        Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("A colour like #1d4f91.")),
    ])
    retention_days = IntegerField(_l("Days after an event until personal data is anonymised"), default=180, validators=[
        InputRequired(message=_l("Please enter a number.")),
        NumberRange(min=7, max=730, message=_l("Between %(min)d and %(max)d.", min=7, max=730))])
    logo = FileField(_l("Logo (PNG, JPEG or WebP, at most 512 KB)"))
    remove_logo = BooleanField(_l("Remove the logo"))
    imprint = TextAreaField(
        _l("Imprint (Impressum)"), description=_l("Simple HTML is allowed: paragraphs, lists, links."),
        validators=[Length(max=20000, message=_l("At most %(max)d characters.", max=20000))])
    privacy_text = TextAreaField(
        _l("Privacy policy"), description=_l("Simple HTML is allowed: paragraphs, lists, links."),
        validators=[Length(max=50000, message=_l("At most %(max)d characters.", max=50000))])

    def validate_languages(self, field):
        if self.default_language.data not in (field.data or []):
            field.data = [self.default_language.data, *(field.data or [])]


def profile_form_class(municipality):
    """The profile form with the imprint and the privacy text per language
    the municipality offers."""

    class ProfileForm(MunicipalityProfileForm):
        imprint = None
        privacy_text = None

    hint = _l("Simple HTML is allowed: paragraphs, lists, links.")
    add_language_fields(ProfileForm, "imprint", municipality, TextAreaField, _l("Imprint (Impressum)"),
                        description=hint,
                        validators=[Length(max=20000, message=_l("At most %(max)d characters.", max=20000))])
    add_language_fields(ProfileForm, "privacy_text", municipality, TextAreaField, _l("Privacy policy"),
                        description=hint,
                        validators=[Length(max=50000, message=_l("At most %(max)d characters.", max=50000))])
    return ProfileForm


ROLE_CHOICES = [
    (Role.ADMIN.value, _l("Administrator")),
    (Role.ORGANISER.value, _l("Organiser")),
    (Role.MODERATOR.value, _l("Moderator")),
    (Role.HELPER.value, _l("Helper (signs people up)")),
]


class InviteForm(FlaskForm):
    email = _email_field()
    # The least privilege unless the inviter chooses more.
    role = SelectField(_l("Role"), choices=select_choices(ROLE_CHOICES), default=Role.HELPER.value)


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=select_choices(ROLE_CHOICES))


class ConfirmForm(FlaskForm):
    """A form with nothing but CSRF, for buttons that change state."""


def _languages_by_label():
    return select_choices(sorted(LANGUAGE_LABELS.items(), key=lambda pair: str(pair[1])))


# The event form's fields under "For whom and how accessible" (one fieldset).
EVENT_DETAIL_FIELDS = ("interpreters", "childcare", "childcare_min_age", "childcare_max_age", "women_only",
                       "step_free", "hearing_loop", "accessible_toilet")


class TemplateNameForm(FlaskForm):
    name = StringField(_l("Name of the template"), validators=[
        DataRequired(message=_lp("thing", "Please enter a name.")),
        Length(max=120, message=_l("At most %(max)d characters.", max=120))])


def process_select(processes, label=None, **kwargs) -> SelectField:
    """An optional select of dialogue processes ("None" first), shared by the
    recommendation form and the event form."""
    return SelectField(label or _l("Dialogue process"), choices=select_choices(
        [("", _l("None"))], ((str(p.id), p.title_in(p.municipality.default_language)) for p in processes)),
        **kwargs)


def event_form_class(municipality, format_key: str, settings_form_class=None, processes=None):
    """The event form: core fields, a title and description per language the
    municipality offers, and the format's own settings under ``ext__<key>``.
    With ``processes`` (the municipality's): a select to put the event into
    one of them, at a step."""

    class EventForm(FlaskForm):
        detail_fields = EVENT_DETAIL_FIELDS  # shown together by organise/_event_fields.html

        starts_at = DateTimeLocalField(_l("Starts"), format="%Y-%m-%dT%H:%M", validators=[
            InputRequired(message=_l("Please enter a date and time."))])
        ends_at = DateTimeLocalField(_l("Ends"), format="%Y-%m-%dT%H:%M", validators=[
            InputRequired(message=_l("Please enter a date and time."))])
        online = BooleanField(_l("Online event"))
        online_url = URLField(_l("Link to the online meeting"), validators=[
            Optional(), URL(message=_l("Please enter a full web address.")), Length(max=500)])
        place_name = StringField(_l("Place"), validators=[
            Length(max=200, message=_l("At most %(max)d characters.", max=200))])
        address = TextAreaField(_l("Address"), validators=[
            Length(max=1000, message=_l("At most %(max)d characters.", max=1000))])
        address_private = BooleanField(
            _l("Show the address only to staff and confirmed participants"),
            description=_l("For places that must not be found by everyone, e.g. a refugee accommodation. "
                           "Everyone else sees the place and the district."))
        district = StringField(_l("District (shown instead of a private address)"), validators=[
            Length(max=120, message=_l("At most %(max)d characters.", max=120))])
        capacity = IntegerField(_l("Capacity (people, empty for no limit)"), validators=[
            Optional(), NumberRange(min=1, max=100000, message=_l("Between %(min)d and %(max)d.", min=1, max=100000))])
        max_companions = IntegerField(_l("Accompanying persons per sign-up"), default=0, validators=[
            Optional(), NumberRange(min=0, max=20, message=_l("Between %(min)d and %(max)d.", min=0, max=20))])
        registration_opens_at = DateTimeLocalField(_l("Sign-up opens (empty: now)"), format="%Y-%m-%dT%H:%M",
                                                   validators=[Optional()])
        registration_closes_at = DateTimeLocalField(_l("Sign-up closes (empty: at the start)"), format="%Y-%m-%dT%H:%M",
                                                    validators=[Optional()])
        languages = MultiCheckboxField(_l("Languages spoken"), choices=_languages_by_label)
        interpreters = MultiCheckboxField(_l("Interpreters available"), choices=_languages_by_label)
        childcare = BooleanField(_l("Childcare"))
        childcare_min_age = IntegerField(_l("Childcare from age (empty: any)"), validators=[
            Optional(), NumberRange(min=0, max=17, message=_l("Please enter an age from 0 to 17."))])
        childcare_max_age = IntegerField(_l("Childcare up to age (empty: any)"), validators=[
            Optional(), NumberRange(min=0, max=17, message=_l("Please enter an age from 0 to 17."))])
        women_only = BooleanField(_l("Women only"))
        step_free = BooleanField(_l("Step-free access"))
        hearing_loop = BooleanField(_l("Hearing loop"))
        accessible_toilet = BooleanField(_l("Accessible toilet"))

        def validate_childcare_max_age(self, field):
            low = self.childcare_min_age.data
            if low is not None and field.data is not None and 0 <= low <= 17 and field.data < low:
                raise ValidationError(_l("The highest age must not be below the lowest age."))

        def validate_ends_at(self, field):
            if self.starts_at.data and field.data and field.data <= self.starts_at.data:
                raise ValidationError(_l("The end must be after the start."))

        def validate_registration_closes_at(self, field):
            opens = self.registration_opens_at.data
            if opens and field.data and field.data <= opens:
                raise ValidationError(_l("Sign-up must close after it opens."))

        def validate_district(self, field):
            if self.address_private.data and not self.online.data and not (field.data or "").strip():
                raise ValidationError(_l("Please enter the district that everyone may see."))

        def validate_address(self, field):
            if not self.online.data and not (field.data or "").strip() and not (self.place_name.data or "").strip():
                raise ValidationError(_l("Please enter a place or address, or mark the event as online."))

    add_language_fields(EventForm, "title", municipality, StringField,
                        lambda language: _l("Title (%(language)s)", language=language),
                        required=True, required_message=_l("Please enter a title."),
                        validators=[Length(max=200, message=_l("At most %(max)d characters.", max=200))])
    add_language_fields(EventForm, "description", municipality, TextAreaField,
                        lambda language: _l("Description (%(language)s)", language=language),
                        validators=[Length(max=10000, message=_l("At most %(max)d characters.", max=10000))])
    if processes is not None:
        from .process_forms import step_choices

        EventForm.process_id = process_select(processes, default="")
        EventForm.process_step = SelectField(_l("Step of the process"), default="",
                                             choices=lambda: [SelectChoice("", "–"), *step_choices()])
    settings_form_class = with_language_fields(settings_form_class, municipality)
    if settings_form_class is not None:
        setattr(EventForm, f"ext__{format_key}", FormField(
            settings_form_class, label=_l("Settings of the format"), separator="__"))
    return EventForm
