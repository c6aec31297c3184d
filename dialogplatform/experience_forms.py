"""Forms of "Von anderen lernen": an experience report, a message to its
contact person and an answer."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from .forms import select_choices
from .services.experience import MESSAGE_MAX

REPORT_TEXT_MAX = 5000


def _required(message):
    return DataRequired(message=message)


def _max(n):
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


def report_form_class(formats: list[tuple[str, str]], taken: set[str]):
    """The report form; ``formats`` as (key, name), ``taken``: formats of
    the step that have a report already (another one may not take them)."""

    class ExperienceReportForm(FlaskForm):
        format_key = SelectField(_l("Format"), choices=select_choices(formats),
                                 validators=[_required(_l("Please choose a format."))])
        topic = StringField(_l("Topic"), description=_l("E.g. “Living together in the neighbourhood”."),
                            validators=[_required(_l("Please name the topic.")), _max(200)])
        what_worked = TextAreaField(_l("What worked"), validators=[
            _required(_l("Please write what worked.")), _max(REPORT_TEXT_MAX)])
        do_differently = TextAreaField(_l("What we would do differently"), validators=[
            _required(_l("Please write what you would do differently.")), _max(REPORT_TEXT_MAX)])
        contact_me = BooleanField(
            _l("Name me as the contact person"),
            description=_l("I agree that my name is shown with this report and that staff of other "
                           "municipalities may write to me through the platform. My e-mail address is never "
                           "shown; untick to withdraw."))

        def validate_format_key(self, field):
            if field.data in taken:
                raise ValidationError(_l("This step has an experience report for this format already."))

    return ExperienceReportForm


def _message_field():
    return TextAreaField(_l("Your message"), validators=[
        _required(_l("Please write a message.")), _max(MESSAGE_MAX)])


def message_form_class(municipalities):
    """A first message; with a choice of the municipality the sender
    writes for when they are an organiser in more than one."""

    class PeerMessageForm(FlaskForm):
        body = _message_field()

        def writing_for(self):
            if len(municipalities) == 1:
                return municipalities[0]
            return next(m for m in municipalities if str(m.id) == self.sender_municipality.data)

    if len(municipalities) > 1:
        PeerMessageForm.sender_municipality = SelectField(_l("Writing for"), choices=select_choices(
            (str(municipality.id), municipality.name) for municipality in municipalities))
    return PeerMessageForm


class PeerReplyForm(FlaskForm):
    body = _message_field()
