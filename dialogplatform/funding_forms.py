"""Forms of the funding applications and of the report submitted as
Verwendungsnachweis; labels of the applications' statuses."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from .forms import process_select, select_choices
from .models import ApplicationStatus

APPLICATION_STATUS_LABELS = {
    ApplicationStatus.PLANNED: _lp("application status", "Planned"),
    ApplicationStatus.SUBMITTED: _lp("application status", "Submitted"),
    ApplicationStatus.GRANTED: _lp("application status", "Granted"),
    ApplicationStatus.DECLINED: _lp("application status", "Declined"),
    ApplicationStatus.DOCUMENTED: _l("Documentation report submitted"),
}


def _euros(label):
    return IntegerField(label, validators=[Optional(), NumberRange(
        min=0, max=10_000_000, message=_l("Between %(min)d and %(max)d.", min=0, max=10_000_000))])


def _date(label):
    return DateField(label, validators=[Optional()])


def funding_application_form_class(programmes, processes):
    """``programmes``: those to choose from (active ones and the one already
    chosen); ``processes``: the municipality's."""

    class FundingApplicationForm(FlaskForm):
        programme_id = SelectField(_l("Funding programme"), choices=select_choices(
            [("", _l("Please choose"))], ((str(p.id), p.name) for p in programmes)),
            validators=[DataRequired(message=_l("Please choose a funding programme."))])
        process_id = process_select(processes, _l("For the dialogue process"))
        status = SelectField(_l("Status"), choices=select_choices(
            (status.value, label) for status, label in APPLICATION_STATUS_LABELS.items()),
            default=ApplicationStatus.PLANNED.value)
        amount_requested_eur = _euros(_l("Amount requested (EUR)"))
        amount_granted_eur = _euros(_l("Amount granted (EUR)"))
        applied_on = _date(_l("Applied on"))
        decided_on = _date(_l("Decided on"))
        documentation_due = _date(_l("Documentation due by"))
        documentation_submitted_on = _date(_l("Documentation report submitted on"))
        lpb_contact = StringField(
            _l("Contact at the LpB"), description=_l("A department or a name; only staff of the municipality see it."),
            validators=[Length(max=200, message=_l("At most %(max)d characters.", max=200))])
        notes = TextAreaField(_l("Notes"), validators=[
            Length(max=5000, message=_l("At most %(max)d characters.", max=5000))])

        def validate_amount_granted_eur(self, field):
            if field.data is not None and self.status.data in (ApplicationStatus.PLANNED, ApplicationStatus.DECLINED,
                                                               ApplicationStatus.SUBMITTED):
                raise ValidationError(_l("An amount is granted only once the application is granted."))

        def validate_decided_on(self, field):
            if field.data and self.applied_on.data and field.data < self.applied_on.data:
                raise ValidationError(_l("The decision cannot come before the application."))

    return FundingApplicationForm


class ReportSubmittedForm(FlaskForm):
    submitted_on = DateField(_l("Submitted on"), validators=[DataRequired(message=_l("Please enter a date."))])
