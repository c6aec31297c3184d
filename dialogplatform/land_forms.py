"""Forms of the Land role: its invitation and its answer to a recommendation."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from .forms import _email_field, select_choices
from .models import RecommendationStatus
from .process_forms import STATUS_LABELS, _max, names_no_person

# What the Land can answer: every status but "open" (that is where it starts).
LAND_STATUSES = [status for status in RecommendationStatus if status != RecommendationStatus.OPEN]


def _body_field(label, description):
    return StringField(label, description=description, validators=[
        DataRequired(message=_l("Please name the body.")), _max(200), names_no_person()])


class LandInviteForm(FlaskForm):
    email = _email_field()
    body = _body_field(_l("Body"), _l("The ministry, office or board the person answers for, e.g. "
                                       "“Landeszentrale für politische Bildung”. Published with each answer."))


class LandAnswerForm(FlaskForm):
    status = SelectField(_l("New status"), choices=lambda: select_choices(
        (status.value, STATUS_LABELS[status]) for status in LAND_STATUSES))
    forwarded_to = StringField(_l("Forwarded to (ministry or authority)"), validators=[_max(200), names_no_person()])
    answer = TextAreaField(_l("Answer and reason"), validators=[
        DataRequired(message=_l("Please enter the answer or the reason.")), _max(10000)])
    answered_by = _body_field(_l("Answered for"), _l("The body that answers; published, never a person's name."))

    def validate_forwarded_to(self, field):
        if self.status.data == RecommendationStatus.FORWARDED and not (field.data or "").strip():
            raise ValidationError(_l("Please name the ministry or authority it is forwarded to."))
