"""The municipality's accessibility settings: its own known limitations,
its federal state, the Leichte Sprache text and the DGS video."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, TextAreaField, URLField
from wtforms.validators import URL, Length, Optional, ValidationError

from .accessibility import FEDERAL_STATES
from .forms import select_choices


class AccessibilitySettingsForm(FlaskForm):
    federal_state = SelectField(
        _l("Federal state"), choices=select_choices(FEDERAL_STATES.items()),
        description=_l("Decides which enforcement body the accessibility statement names."))
    accessibility_limitations = TextAreaField(
        _l("Known limitations of your own content"),
        description=_l("One per line, e.g. a document or video that is not accessible yet, with the "
                       "alternative you offer. The statement lists them under the platform's own."),
        validators=[Length(max=5000, message=_l("At most %(max)d characters.", max=5000))])
    easy_language_text = TextAreaField(
        _l("Explanation in Leichte Sprache (German)"), render_kw={"lang": "de", "rows": 16},
        description=_l("Starts as the platform's default text; empty or unchanged, the page shows the "
                       "default. Short sentences, one idea per line; a blank line starts a new paragraph."),
        validators=[Length(max=10000, message=_l("At most %(max)d characters.", max=10000))])
    sign_language_video_url = URLField(
        _l("Link to a video in German Sign Language"),
        description=_l("A web address starting with https://, e.g. on your own website."),
        validators=[Optional(), URL(message=_l("Please enter a full web address.")),
                    Length(max=500, message=_l("At most %(max)d characters.", max=500))])
    sign_language_video = FileField(_l("Or upload the video (MP4 or WebM)"),
                                    render_kw={"accept": "video/mp4,video/webm"})
    remove_sign_language_video = BooleanField(_l("Remove the uploaded video"))

    def validate_sign_language_video_url(self, field):
        if field.data and not field.data.lower().startswith("https://"):
            raise ValidationError(_l("Please enter an address that starts with https://."))
