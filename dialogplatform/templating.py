"""What every template can use: language, direction, htmx tag, menus."""
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from flask import current_app, g, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_login import current_user
from markupsafe import Markup

from . import i18n, locale_format, localtext
from .forms import ROLE_CHOICES
from .fragments import Fragments
from .language_forms import language_group, language_layout
from .models import Role
from .models.types import utcnow
from .plugin_system.enabling import plugin_manager
from .plugin_system.navigation import event_menu, organiser_menu
from .services import publication
from .signup_forms import ACCESSIBILITY_CHOICES
from .tenancy import can


def init_app(app) -> None:
    app.context_processor(_globals)
    app.jinja_env.globals.update(
        language_url=language_url, format_name=format_name, localized_title=localized_title,
        localized_description=localized_description, language_label=language_label,
        field_attrs=field_attrs, role_label=role_label, role_choices=ROLE_CHOICES,
        status_label=status_label, registration_status_label=registration_status_label,
        accessibility_label=accessibility_label, now_utc=utcnow, audit_label=audit_label,
        hidden_fields=hidden_fields, text_attrs=localtext.text_attrs, pick_text=pick_text,
        language_layout=language_layout, language_group=language_group, per_page=PerPage,
        url_with_id=url_with_id, fragment=Fragments(),
    )
    app.jinja_env.globals.update(viewer_sees_address=publication.viewer_sees_address,
                                 participant_sees_address=publication.participant_sees_address,
                                 location_text=publication.location_text)
    app.jinja_env.filters["datetime"] = locale_format.when  # the locale's date and time, no seconds
    app.jinja_env.filters["when"] = locale_format.when
    app.jinja_env.globals["when_range"] = locale_format.date_range
    app.jinja_env.filters["date_range"] = locale_format.date_range
    app.jinja_env.globals["day_range"] = locale_format.day_range
    app.jinja_env.filters["locale_list"] = locale_format.locale_list
    app.jinja_env.filters["number"] = locale_format.number
    app.jinja_env.filters["percent"] = locale_format.percent
    app.jinja_env.filters["nl2br"] = _nl2br
    app.jinja_env.filters["language_label"] = language_label
    app.jinja_env.filters["user_text"] = localtext.user_text
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def hidden_fields(form):
    """A form's hidden fields (its CSRF token), rendered once per form: a
    list of 100 people has 100 buttons sharing one form."""
    rendered = getattr(form, "_rendered_hidden_fields", None)
    if rendered is None:
        rendered = form._rendered_hidden_fields = form.hidden_tag()
    return rendered


def _globals():
    language = str(get_locale())
    return {
        "current_language": language,
        "text_direction": i18n.text_direction(language),
        "language_names": i18n.language_names(),
        "htmx_script": _htmx_script(),
        "Role": Role,
        "can": can,
        "organiser_navigation": _organiser_navigation,
        "staff_event_menu": _staff_event_menu,
        "privacy_changed": _privacy_changed,
        "has_logo": _has_logo,
    }


def _htmx_script() -> Markup:
    config = current_app.config
    if config["HTMX_SOURCE"] == "local":
        src = url_for("static", filename=f"vendor/htmx-{config['HTMX_VERSION']}.min.js")
        return Markup('<script src="{}" defer></script>').format(src)
    return Markup(
        '<script src="{}" integrity="{}" crossorigin="anonymous" defer></script>'
    ).format(config["HTMX_CDN_URL"], config["HTMX_SRI"])


def language_url(code: str) -> str:
    """The current page in another language (keeps the other query args)."""
    args = request.args.to_dict()
    args["lang"] = code
    return f"{request.path}?{urlencode(args)}"


def format_name(key: str) -> str:
    info = plugin_manager().info(key)
    return str(info.name) if info else key


def localized_title(event) -> str:
    return event.title_in(str(get_locale()))


def localized_description(event) -> str:
    return event.description_in(str(get_locale()))


def pick_text(texts, municipality=None) -> localtext.LocalText:
    """A {language: text} (or an old plain string) in the reader's language,
    else the municipality's default language (marked by ``user_text``)."""
    municipality = municipality or g.get("municipality")
    default = municipality.default_language if municipality is not None else "de"
    return localtext.pick(texts, str(get_locale()), default)


def labeller(labels: Mapping) -> Callable[[str], str]:
    """``label(key)``: the key's label in the reader's language, or the key
    itself where there is none (an old value, a plugin's own)."""

    def label(key) -> str:
        return str(labels.get(key, key))

    return label


language_label = labeller(i18n.LANGUAGE_LABELS)


class PerPage(dict):
    """``label(key)`` looked up once per page: ``per_page(label)[key]``. A
    list of 100 people shows the same few labels 100 times, and each lookup
    through Flask-Babel walks its request context anew."""

    def __init__(self, label: Callable[[str], str]):
        super().__init__()
        self._label = label

    def __missing__(self, key):
        value = self[key] = self._label(key)
        return value


_PLACEHOLDER_ID = 918273645546372819


def url_with_id(endpoint: str, key: str, **values) -> Callable[[int], str]:
    """``url_for(endpoint, key=id, **values)`` for many ids at the cost of
    one ``url_for``: the URL is built once with a placeholder id."""
    before, after = url_for(endpoint, **{key: _PLACEHOLDER_ID}, **values).split(str(_PLACEHOLDER_ID))
    return lambda id: f"{before}{int(id)}{after}"


def _organiser_navigation():
    """The formats' links in the organiser menu of the current municipality."""
    municipality = g.get("municipality")
    if municipality is None or not can(Role.MODERATOR):
        return []
    return organiser_menu(municipality, current_user)


def _staff_event_menu(event):
    """The staff menu of ``event`` for the current user."""
    return event_menu(event, current_user)


def _nl2br(text: str) -> Markup:
    from markupsafe import escape

    return Markup("<br>").join(escape(line) for line in (text or "").splitlines())


def field_attrs(field) -> dict:
    """ARIA attributes linking a form field to its hint and errors."""
    described = []
    if field.description:
        described.append(f"{field.id}-hint")
    if field.errors:
        described.append(f"{field.id}-error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return attrs


role_label = labeller(dict(ROLE_CHOICES))
STATUS_LABELS = {"draft": _lp("event status", "Draft"), "published": _lp("event status", "Published"),
                 "cancelled": _lp("event status", "Cancelled")}
status_label = labeller(STATUS_LABELS)


REGISTRATION_STATUS_LABELS = {
    "confirmed": _lp("sign-up status", "Confirmed"), "pending": _l("Waiting for e-mail confirmation"),
    "waitlisted": _lp("sign-up status", "Waiting list"), "cancelled": _lp("sign-up status", "Cancelled"),
    "expired": _lp("sign-up status", "Expired"), "attended": _lp("sign-up status", "Attended"),
}


registration_status_label = labeller(REGISTRATION_STATUS_LABELS)
accessibility_label = labeller(dict(ACCESSIBILITY_CHOICES))


def _privacy_changed() -> bool:
    """A logged-in person consented to an older privacy text here."""
    municipality = g.get("municipality")
    if municipality is None or not current_user.is_authenticated:
        return False
    from .services.privacy import consent_outdated

    return consent_outdated(municipality, user=current_user)


AUDIT_LABELS = {
    "municipality.created": _l("Municipality created"), "municipality.profile_changed": _l("Profile changed"),
    "municipality.accessibility_changed": _l("Accessibility settings changed"),
    "format.enabled": _l("Format enabled"), "format.disabled": _l("Format disabled"),
    "member.invited": _l("Person invited"), "member.role_changed": _l("Role changed"),
    "member.removed": _l("Role removed"), "event.created": _l("Event created"),
    "event.changed": _l("Event changed"), "event.published": _l("Event published"),
    "event.cancelled": _l("Event cancelled"), "evaluation.published": _l("Evaluation published"),
    "evaluation.hidden": _l("Evaluation hidden"), "registration.cancelled_by_staff": _l("Sign-up cancelled by staff"),
    "event.message_sent": _l("Message sent to participants"),
    "mail.retried": _l("Mail sent again"), "mail.discarded": _l("Mail discarded"),
    "experience_report.created": _l("Experience report written"),
    "experience_report.updated": _l("Experience report changed"),
    "experience_report.published": _l("Experience report published"),
    "experience_report.unpublished": _l("Experience report withdrawn from the public"),
    "peer_message.sent": _l("Message to a contact person from another municipality"),
    "peer_message.replied": _l("Answer to a message between municipalities"),
    "municipality.two_factor_policy": _l("Two-factor sign-in requirement changed"),
    "account.two_factor_enabled": _l("Two-factor sign-in turned on"),
    "account.two_factor_disabled": _l("Two-factor sign-in turned off"),
    "account.recovery_code_used": _l("Recovery code used"),
    "account.recovery_codes_renewed": _l("New recovery codes made"),
}


audit_label = labeller(AUDIT_LABELS)


def _has_logo(municipality) -> bool:
    from .services.logos import path_for

    return path_for(municipality) is not None
