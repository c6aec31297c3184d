"""Forms of the Dezentrale Dialoge. Messages are lazy so they follow the reader's language."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from dialogplatform.plugin_api import event_form_class, select_choices

from .models import (
    ACCOMMODATION,
    CONCERN,
    CONTACT_MAX,
    DISTRICT_MAX,
    ENTRY_MAX,
    NAME_MAX,
    PHONE_MAX,
    STAGE_MAX,
    TOPIC_MAX,
    WISH,
)

OTHER_TOPIC = "__other__"
WALK_INS_MAX = 10000
TOPICS_MAX = 40

SITE_KIND_LABELS = {
    ACCOMMODATION: _l("Refugee accommodation"),
    "multigeneration_house": _l("Multi-generation house"),
    "neighbourhood_meeting": _l("Neighbourhood meeting"),
    "other": _l("Other place"),
}
KIND_LABELS = {CONCERN: _l("Concern raised"), WISH: _l("Wish")}


def _at_most(limit):
    return Length(max=limit, message=_l("Please write at most %(max)d characters.", max=limit))


class SeriesForm(FlaskForm):
    name = StringField(_l("Name of the series"), validators=[
        DataRequired(message=_lp("thing", "Please enter a name.")), _at_most(NAME_MAX)])
    description = TextAreaField(_l("Description"), validators=[_at_most(5000)])
    topics = TextAreaField(
        _l("Topics"), description=_l("One topic per line, e.g. Wohnen. Moderators pick from this list "
                                     "or write another topic."), validators=[_at_most(5000)])
    published = BooleanField(_l("Publish the series page with its comparison of all sites"))

    def validate_topics(self, field):
        from .services import parse_topics

        topics = parse_topics(field.data)
        if len(topics) > TOPICS_MAX:
            raise ValidationError(_l("Please enter at most %(max)d topics.", max=TOPICS_MAX))
        if any(len(topic) > TOPIC_MAX for topic in topics):
            raise ValidationError(_l("A topic may have at most %(max)d characters.", max=TOPIC_MAX))


class StageForm(FlaskForm):
    name = StringField(_l("Stage"), description=_l("e.g. 1. Unterkünfte"), validators=[
        DataRequired(message=_lp("thing", "Please enter a name.")), _at_most(STAGE_MAX)])
    position = IntegerField(_l("Position"), validators=[
        Optional(), NumberRange(min=0, max=999, message=_l("Between %(min)d and %(max)d.", min=0, max=999))])


class SiteForm(FlaskForm):
    name = StringField(_l("Name of the site"), description=_l("Published. Do not put the street in the name."),
                       validators=[DataRequired(message=_lp("thing", "Please enter a name.")), _at_most(NAME_MAX)])
    kind = SelectField(_l("Kind of site"), choices=select_choices(SITE_KIND_LABELS.items()))
    address = TextAreaField(_l("Address"), description=_l(
        "The address of a refugee accommodation is shown only to staff and confirmed participants."),
        validators=[_at_most(1000)])
    district = StringField(_l("District"), description=_l("Published instead of the address of an accommodation."),
                           validators=[_at_most(DISTRICT_MAX)])
    contact_name = StringField(_l("Contact person on site"), description=_l("Only staff see the contact."),
                               validators=[_at_most(CONTACT_MAX)])
    contact_phone = StringField(_l("Phone of the contact person"), validators=[_at_most(PHONE_MAX)])


    def validate_district(self, field):
        if self.kind.data == ACCOMMODATION and not (field.data or "").strip():
            raise ValidationError(_l("Please enter the district of the accommodation."))


class LinkForm(FlaskForm):
    """Stage (and so series) and site of a meeting; choices are set by the view."""

    stage = SelectField(_l("Series and stage"), coerce=int)
    site = SelectField(_l("Site"), coerce=int)


def meeting_form_class(municipality):
    """The core's event form plus stage and site: a meeting is a core event,
    so time, place, capacity, languages and interpreters are the core's."""

    class MeetingForm(event_form_class(municipality, "dezentrale_dialoge")):
        stage = SelectField(_l("Stage"), coerce=int)
        site = SelectField(_l("Site"), coerce=int)

        def validate_address(self, field):
            """No place needed: an empty place and address come from the site."""

    return MeetingForm


class EntryForm(FlaskForm):
    """A concern or wish typed by the moderator during the meeting."""

    kind = RadioField(_l("Kind"), choices=select_choices(KIND_LABELS.items()), default=CONCERN,
                      validators=[InputRequired(message=_l("Please choose concern or wish."))])
    topic = SelectField(_l("Topic"))
    other_topic = StringField(_l("Other topic"), description=_l("Fill in only if no topic of the list fits."),
                              validators=[_at_most(TOPIC_MAX)])
    text = TextAreaField(_l("Concern or wish"), description=_l("At most %(max)d characters, no names.", max=ENTRY_MAX),
                         validators=[DataRequired(message=_l("Please write the concern or wish.")),
                                     _at_most(ENTRY_MAX)])

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = select_choices(((topic, topic) for topic in topics), [(OTHER_TOPIC, _l("Other topic"))])

    def validate_other_topic(self, field):
        if self.topic.data == OTHER_TOPIC and not (field.data or "").strip():
            raise ValidationError(_l("Please write the topic."))


class AttendanceForm(FlaskForm):
    walk_ins = IntegerField(
        _l("People who came without signing up"),
        validators=[InputRequired(message=_l("Please enter a number.")),
                    NumberRange(min=0, max=WALK_INS_MAX,
                                message=_l("Between %(min)d and %(max)d.", min=0, max=WALK_INS_MAX))])
