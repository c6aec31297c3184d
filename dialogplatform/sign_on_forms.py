"""A municipality connects its own staff directory (OpenID Connect)."""
from urllib.parse import urlsplit

from flask import g
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, TextAreaField, URLField
from wtforms.validators import Length, Optional, ValidationError

from .services.sso_mapping import parse_municipality_group_roles

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class MunicipalitySignOnForm(FlaskForm):
    enabled = BooleanField(_l("Staff can sign in with the directory"))
    provider_name = StringField(_l("Name on the button"), description=_l("e.g. Dienstkonto der Stadt"),
                                validators=[Length(max=100, message=_l("At most %(max)d characters.", max=100))])
    issuer = URLField(_l("Issuer URL of the provider"),
                      description=_l("e.g. https://keycloak.example.org/realms/stadt"),
                      validators=[Optional(), Length(max=500, message=_l("At most %(max)d characters.", max=500))])
    client_id = StringField(_l("Client ID"), validators=[
        Length(max=255, message=_l("At most %(max)d characters.", max=255))])
    client_secret = PasswordField(_l("Client secret"), description=_l("Leave empty to keep the stored secret."),
                                  validators=[Length(max=500, message=_l("At most %(max)d characters.", max=500))])
    groups_claim = StringField(_l("Claim with the groups"), default="groups", validators=[
        Length(max=100, message=_l("At most %(max)d characters.", max=100))])
    group_roles = TextAreaField(
        _l("Groups and roles"), render_kw={"rows": 4},
        description=_l("One per line: group=role, with the roles admin, organiser, moderator or helper."),
        validators=[Length(max=5000, message=_l("At most %(max)d characters.", max=5000))])

    def validate_issuer(self, field):
        address = urlsplit(field.data or "")
        if field.data and not (address.scheme == "https" or
                               (address.scheme == "http" and address.hostname in LOOPBACK)):
            raise ValidationError(_l("Please enter an address that starts with https://."))

    def validate_group_roles(self, field):
        try:
            parse_municipality_group_roles(field.data, g.municipality.slug)
        except ValueError as error:
            raise ValidationError(_l("Please write each line as group=role (admin, organiser, moderator "
                                     "or helper).")) from error

    def validate_enabled(self, field):
        if field.data and not (self.issuer.data and self.client_id.data):
            raise ValidationError(_l("Enter the issuer URL and the client ID first."))
