"""Forms of dialogue processes, steering groups, recommendations and the
funding catalogue; labels of their steps and statuses."""
import re

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, ValidationError

from .forms import process_select, select_choices
from .language_forms import add_language_fields
from .models import STEP_NUMBERS, Addressee, RecommendationStatus

STEP_LABELS = {
    1: _l("Counselling with topic and actor analysis"),
    2: _l("Start of the dialogue"),
    3: _l("Reflection and planning of the next steps"),
}
STATUS_LABELS = {
    RecommendationStatus.OPEN: _lp("recommendation status", "Open"),
    RecommendationStatus.FORWARDED: _lp("recommendation status", "Forwarded"),
    RecommendationStatus.ANSWERED: _lp("recommendation status", "Answered"),
    RecommendationStatus.IN_PROGRESS: _lp("recommendation status", "In progress"),
    RecommendationStatus.DONE: _lp("recommendation status", "Done"),
    RecommendationStatus.DECLINED: _lp("recommendation status", "Declined"),
}
ADDRESSEE_LABELS = {
    Addressee.MUNICIPALITY: _l("Municipality"),
    Addressee.LAND: _l("Land (state)"),
    Addressee.OTHER: _l("Others"),
}


def _max(n):
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


# What shows a person rather than a body: an e-mail address, a phone number,
# a form of address before a name ("Frau K.", "Herrn Maier").
PERSON_PATTERN = re.compile(
    r"@|\d[\d /()-]{4,}\d|\b(?:Frau|Herrn?|Fr\.|Hr\.|Mrs?\.?|Ms\.?)\s+[A-ZÄÖÜ]")


def names_no_person(message=None):
    """A validator for a published field that names a body, never a person."""
    message = message or _l("Please name a body, not a person: no names, phone numbers or e-mail addresses.")

    def validate(form, field):
        if PERSON_PATTERN.search(field.data or ""):
            raise ValidationError(message)

    return validate


def _date(label):
    return DateField(label, validators=[Optional()])


def _euros(label):
    return IntegerField(label, validators=[Optional(), NumberRange(
        min=0, max=10_000_000, message=_l("Between %(min)d and %(max)d.", min=0, max=10_000_000))])


def process_form_class(municipality, programmes):
    """Title and description per language the municipality offers, the
    dates and summary of each step, the rules, the funding."""

    class ProcessForm(FlaskForm):
        published = BooleanField(_l("Show the process publicly"))
        rules_of_participation = TextAreaField(
            _l("Rules of participation"),
            description=_l("As agreed with the steering group; shown on the process page."),
            validators=[_max(20000)])
        funding_programme = SelectField(_l("Funding programme"), choices=select_choices(
            [("", _l("None"))], ((str(p.id), p.name) for p in programmes)))
        funding_amount_eur = _euros(_l("Amount granted (EUR)"))
        documentation_due = _date(_l("Documentation due by"))

        def validate_funding_amount_eur(self, field):
            if field.data is None:
                return
            programme = next((p for p in programmes if str(p.id) == self.funding_programme.data), None)
            if programme is None:
                raise ValidationError(_l("Please choose the funding programme for this amount."))
            low, high = programme.min_amount_eur, programme.max_amount_eur
            if (low is not None and field.data < low) or (high is not None and field.data > high):
                raise ValidationError(_l("%(programme)s grants between %(low)d and %(high)d EUR.",
                                         programme=programme.name, low=low or 0, high=high or 0))

    add_language_fields(ProcessForm, "title", municipality, StringField,
                        lambda language: _l("Title (%(language)s)", language=language),
                        required=True, required_message=_l("Please enter a title."), validators=[_max(200)])
    add_language_fields(ProcessForm, "description", municipality, TextAreaField,
                        lambda language: _l("Description (%(language)s)", language=language),
                        validators=[_max(10000)])
    for number in STEP_NUMBERS:
        setattr(ProcessForm, f"step{number}_starts_on", _date(_l("Step %(number)d starts", number=number)))
        setattr(ProcessForm, f"step{number}_ends_on", _date(_l("Step %(number)d ends", number=number)))
        setattr(ProcessForm, f"step{number}_summary", TextAreaField(
            _l("Step %(number)d: what happened", number=number), validators=[_max(10000)]))
        add_language_fields(ProcessForm, f"step{number}_summary", municipality, TextAreaField,
                            _l("Step %(number)d: what happened", number=number), validators=[_max(10000)],
                            keep_default_field=True)
    add_language_fields(ProcessForm, "rules_of_participation", municipality, TextAreaField,
                        _l("Rules of participation"), validators=[_max(20000)], keep_default_field=True)
    return ProcessForm


def step_choices():
    return select_choices((str(number), f"{number}. {STEP_LABELS[number]}") for number in STEP_NUMBERS)


class CurrentStepForm(FlaskForm):
    current_step = RadioField(_l("Current step"), choices=step_choices)


class SteeringMemberForm(FlaskForm):
    name = StringField(_lp("person", "Name"), validators=[
        DataRequired(message=_lp("person", "Please enter a name.")), _max(120)])
    organisation = StringField(_l("Organisation"), validators=[_max(200)])
    role = StringField(_l("Role in the steering group"), validators=[_max(120)])
    public_consent = BooleanField(_l("Agrees to be named on the public process page"))


class SteeringMeetingForm(FlaskForm):
    held_on = DateField(_l("Date of the meeting"), validators=[DataRequired(message=_l("Please enter a date."))])
    minutes = TextAreaField(_l("Minutes"), validators=[_max(50000)])
    public = BooleanField(_l("Publish the minutes on the process page"))


def _status_choices():
    return select_choices((status.value, label) for status, label in STATUS_LABELS.items())


def _addressee_choices():
    return select_choices((kind.value, label) for kind, label in ADDRESSEE_LABELS.items())


def recommendation_form_class(processes, municipality=None):
    class RecommendationForm(FlaskForm):
        text = TextAreaField(_l("Recommendation"), validators=[
            DataRequired(message=_l("Please enter the recommendation.")), _max(5000)])
        topic = StringField(_l("Topic"), validators=[_max(200)])
        addressee = RadioField(_l("Addressed to"), choices=_addressee_choices,
                               default=Addressee.MUNICIPALITY.value)
        responsible_body = StringField(
            _l("Responsible body"),
            description=_l("Published. A department, authority or organisation, e.g. Amt für Wohnen, "
                           "police, job centre; never a person."),
            validators=[_max(200), names_no_person(_l(
                "Please name a body, not a person. Names, phone numbers and e-mail addresses go in the "
                "contact field, which is never published."))])
        contact = StringField(
            _l("Contact person there (optional)"),
            description=_l("Only organisers see it. It is never published."),
            validators=[_max(300)])
        process_id = process_select(processes)

    if municipality is not None:
        add_language_fields(RecommendationForm, "text", municipality, TextAreaField, _l("Recommendation"),
                            validators=[_max(5000)], keep_default_field=True)
    return RecommendationForm


class RecommendationUpdateForm(FlaskForm):
    happened_on = DateField(_l("Date"), validators=[DataRequired(message=_l("Please enter a date."))])
    status = SelectField(_l("New status"), choices=_status_choices)
    text = TextAreaField(_l("What happened"), validators=[_max(5000)])
    answer = TextAreaField(_l("Answer of the addressee"), validators=[_max(10000)])

    def validate_text(self, field):
        if not (field.data or "").strip() and not (self.answer.data or "").strip():
            raise ValidationError(_l("Please describe what happened or enter the answer."))


class FundingProgrammeForm(FlaskForm):
    name = StringField(_lp("thing", "Name"), validators=[
        DataRequired(message=_lp("thing", "Please enter a name.")), _max(200)])
    provider = StringField(_l("Provider (where to apply)"), validators=[_max(200)])
    min_amount_eur = _euros(_l("Lowest amount (EUR)"))
    max_amount_eur = _euros(_l("Highest amount (EUR)"))
    description = TextAreaField(_l("Description"), validators=[_max(5000)])
    url = URLField(_l("Web address"), validators=[
        Optional(), URL(message=_l("Please enter a full web address.")), _max(500)])
    active = BooleanField(_l("Offered to processes"), default=True)

    def validate_max_amount_eur(self, field):
        if field.data is not None and self.min_amount_eur.data is not None and field.data < self.min_amount_eur.data:
            raise ValidationError(_l("The highest amount must not be lower than the lowest."))


def report_texts_form_class():
    """The documentation report's own texts: introduction, a note per step
    and the conclusion (in the municipality's default language, like the
    report)."""

    class ReportTextsForm(FlaskForm):
        report_introduction = TextAreaField(
            _l("Introduction"), description=_l("Opens the report, after the cover and the key figures."),
            validators=[_max(20000)])
        report_conclusion = TextAreaField(
            _l("Conclusion"), description=_l("Closes the report, after the recommendations."),
            validators=[_max(20000)])

    for number in STEP_NUMBERS:
        setattr(ReportTextsForm, f"step{number}_note", TextAreaField(
            _l("Note on step %(number)d", number=number), validators=[_max(10000)]))
    return ReportTextsForm
