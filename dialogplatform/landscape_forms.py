"""Forms and labels of a process's actor map and topic map."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from .forms import MultiCheckboxField, select_choices
from .models import ACTOR_KINDS, RELATION_KINDS

ACTOR_KIND_LABELS = dict(zip(ACTOR_KINDS, (
    _l("Administration"), _l("Volunteers"), _l("Churches and religious communities"), _l("Clubs and associations"),
    _l("Accommodations"), _l("Police"), _l("Schools"), _l("Employers"), _l("Other actors"))))
# Read as "<source> cooperates with <target>".
RELATION_KIND_LABELS = dict(zip(RELATION_KINDS, (
    _l("cooperates with"), _l("informs"), _l("funds"), _l("supports"), _l("is otherwise related to"))))


def _max(n):
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


class ActorForm(FlaskForm):
    kind = SelectField(_l("Kind of actor"), choices=lambda: select_choices(ACTOR_KIND_LABELS.items()))
    name = StringField(_lp("thing", "Name"), validators=[
        DataRequired(message=_lp("thing", "Please enter a name.")), _max(200)])
    contact = StringField(_l("Contact"), description=_l("Only organisers see it, even when the maps are published."),
                          validators=[_max(300)])


def relation_form_class(actors, existing):
    """``existing``: (source id, target id, kind) of the relations already recorded."""
    choices = select_choices((str(actor.id), actor.name) for actor in actors)

    class RelationForm(FlaskForm):
        source = SelectField(_l("Actor"), choices=choices)
        kind = SelectField(_l("Relation"), choices=lambda: select_choices(RELATION_KIND_LABELS.items()))
        target = SelectField(_l("Other actor"), choices=choices)

        def validate_target(self, field):
            if self.source.errors or field.errors:  # not one of the actors: already reported
                return
            if field.data == self.source.data:
                raise ValidationError(_l("Please choose two different actors."))
            if (int(self.source.data), int(field.data), self.kind.data) in existing:
                raise ValidationError(_l("This relation is already recorded."))

    return RelationForm


def topic_form_class(process_actors):
    class TopicForm(FlaskForm):
        name = StringField(_l("Topic"), validators=[DataRequired(message=_l("Please enter a topic.")), _max(200)])
        concerns = TextAreaField(_l("Concerns"), description=_l("What worries or moves people about this topic?"),
                                 validators=[_max(5000)])
        options = TextAreaField(
            _l("Options for local action"), description=_l("What can still be decided locally?"),
            validators=[_max(5000)])
        actors = MultiCheckboxField(_l("Actors involved"), coerce=int,
                                    choices=select_choices((actor.id, actor.name) for actor in process_actors))

    return TopicForm


class PublishAnalysisForm(FlaskForm):
    analysis_published = BooleanField(_l("Publish the actor and topic maps"))
