"""Every setting in one place: its type, its default and one line that says
what it does (the settings table of docs/production.md is generated from
here: ``dialogplatform config --markdown``).

Where a value comes from, later wins: these defaults, ``instance/config.py``,
environment variables prefixed with ``DIALOGPLATFORM_`` (``dialogplatform
--env-file FILE`` loads such variables from a file first). Values from the
environment are text: booleans read true/false, 1/0, yes/no, on/off in any
case, lists are separated by commas (or written as JSON), numbers are
digits, an empty value means the default. A value that does not fit stops
the start with one line (``settings.load``).
"""
import json
import zoneinfo
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .languages import SHIPPED, right_to_left

PACKAGE_ROOT = Path(__file__).resolve().parent
ENV_PREFIX = "DIALOGPLATFORM_"


def _shipped_language(value: str) -> str:
    if value not in SHIPPED:
        raise ValueError(f"one of the shipped languages ({', '.join(SHIPPED)})")
    return value


Language = Annotated[str, AfterValidator(_shipped_language)]


def _comma_list(value: Any) -> Any:
    """``de,en`` or ``["de", "en"]`` (JSON) from the environment; lists as they are."""
    if not isinstance(value, str):
        return value
    if value.strip().startswith("["):
        try:
            return json.loads(value)
        except ValueError:
            raise ValueError("a list separated by commas, e.g. de,en") from None
    return [item.strip() for item in value.split(",") if item.strip()]


def _json_object(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        raise ValueError('a JSON object, e.g. {"pool_pre_ping": true}') from None


CommaList = Annotated[list[str], NoDecode, BeforeValidator(_comma_list)]
Languages = Annotated[list[Language], NoDecode, BeforeValidator(_comma_list)]
JsonObject = Annotated[dict[str, Any], NoDecode, BeforeValidator(_json_object)]


def setting(default, description: str, *, secret: bool = False, **constraints):
    """A field with its one-line description; ``secret`` ones are masked
    wherever settings are shown."""
    return Field(default, description=description, json_schema_extra={"secret": secret} if secret else None,
                 **constraints)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, case_sensitive=True, extra="ignore",
                                      validate_default=True, env_ignore_empty=True)

    # Instance, database and secret
    INSTANCE_PATH: str | None = setting(
        None, "Instance folder (config.py, secret_key, uploads); environment only; unset: instance/ by the package.")
    SQLALCHEMY_DATABASE_URI: str | None = setting(
        None, "Database URL, e.g. postgresql+psycopg://dialog@/dialog; unset: SQLite in the instance folder "
              "(development only).", secret=True)
    SQLALCHEMY_ENGINE_OPTIONS: JsonObject = setting(
        {"pool_pre_ping": True}, "SQLAlchemy engine options (JSON object).")
    SECRET_KEY: str | None = setting(
        None, "Secret for sessions and links in mails; unset: read from SECRET_KEY_FILE.", secret=True)
    SECRET_KEY_FILE: str | None = setting(
        None, "File holding the secret key; unset: instance/secret_key, which `dialogplatform init` creates once.")
    BASE_URL: str | None = setting(
        None, "Address of the site, e.g. https://dialog.example.org; every link in a mail is built from it. "
              "Required in production.")

    # Mail
    MAIL_SERVER: str | None = setting(None, "SMTP server; unset: mails are written to the log.")
    MAIL_PORT: int = setting(25, "SMTP port.", ge=1, le=65535)
    MAIL_USE_TLS: bool = setting(False, "STARTTLS to the SMTP server (usually port 587).")
    MAIL_USE_SSL: bool = setting(False, "Implicit TLS to the SMTP server (usually port 465).")
    MAIL_USERNAME: str | None = setting(None, "SMTP user name.")
    MAIL_PASSWORD: str | None = setting(None, "SMTP password.", secret=True)
    MAIL_DEFAULT_SENDER: str = setting("dialogplattform@localhost", "Sender of every mail.")
    MAIL_TIMEOUT: int = setting(10, "Seconds to wait for the SMTP server.", ge=1)
    MAIL_SEND_AFTER_REQUEST: bool = setting(
        True, "Send queued mail right after the request that queued it; false when cron runs send-mail.")
    MAIL_CLAIM_SECONDS: int = setting(
        600, "A sender claims a mail this long; one that dies mid-send leaves it to another after that.", ge=1)
    MAIL_RETENTION_DAYS: int = setting(
        30, "Days a sent mail keeps recipient, subject and text before `anonymise` clears them.", ge=0)
    MAIL_RETENTION_DAYS_PROTECTED: int = setting(
        1, "The same for mails about events of protected formats (women's dialogue).", ge=0)

    # Languages and time
    LANGUAGES: Languages = setting(
        list(SHIPPED), "Languages of the interface, separated by commas; unset: every shipped one.",
        min_length=1)
    RTL_LANGUAGES: Languages = setting(
        [code for code in SHIPPED if right_to_left(code)], "Languages written right to left; unset: from CLDR.")
    BABEL_DEFAULT_LOCALE: Language | None = setting(
        None, "Default language; unset: the first of LANGUAGES.")
    BABEL_DEFAULT_TIMEZONE: str = setting("Europe/Berlin", "Time zone of dates shown and mailed.")

    # Pages
    HTMX_SOURCE: Literal["local", "cdn"] = setting(
        "local", "local: the bundled htmx; cdn: the same pinned file from jsDelivr (named on the privacy page).")
    HTMX_VERSION: str = setting("2.0.11", "htmx version (pinned with the bundled file).")
    HTMX_CDN_URL: str = setting(
        "https://cdn.jsdelivr.net/npm/htmx.org@2.0.11/dist/htmx.min.js", "htmx address when HTMX_SOURCE is cdn.")
    HTMX_SRI: str = setting("sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg",
                            "Subresource integrity hash of HTMX_CDN_URL.")
    INSTANCE_IMPRINT: str | None = setting(None, "The instance's imprint (/imprint) as HTML; unset: default text.")
    INSTANCE_PRIVACY: str | None = setting(None, "The instance's privacy policy (/privacy) as HTML.")
    INSTANCE_ACCESSIBILITY: str | None = setting(None, "Added to the accessibility statement, as HTML.")
    INSTANCE_CONTACT_EMAIL: str | None = setting(None, "Contact address of the accessibility statement.")
    SIGN_LANGUAGE_VIDEO_MAX_MB: int = setting(
        50, "Largest sign-language video a municipality may upload (MB).", ge=1)
    MAX_CONTENT_LENGTH: int = setting(2 * 1024 * 1024, "Largest request body otherwise (bytes).", ge=1024)

    # Plugins
    PLUGINS_STRICT: bool = setting(False, "Re-raise a plugin's error instead of skipping the plugin.")
    PLUGIN_MODULES: CommaList = setting([], "Extra plugin modules to load (besides installed entry points).")

    # Links in mails
    CONFIRM_TOKEN_MAX_AGE: int = setting(7 * 24 * 3600, "Seconds a confirmation link stays valid.", ge=60)
    RESET_TOKEN_MAX_AGE: int = setting(2 * 3600, "Seconds a password-reset link stays valid.", ge=60)
    INVITE_TOKEN_MAX_AGE: int = setting(14 * 24 * 3600, "Seconds an invitation link stays valid.", ge=60)

    # HTTP
    PROXY_FIX: bool = setting(False, "Trust one reverse proxy's X-Forwarded-For/-Proto/-Host.")
    SESSION_COOKIE_SECURE: bool = setting(False, "Send the session cookie over HTTPS only.")
    REMEMBER_COOKIE_SECURE: bool = setting(False, "Send the remember-me cookie over HTTPS only.")
    SESSION_COOKIE_HTTPONLY: bool = setting(True, "Hide the session cookie from scripts.")
    SESSION_COOKIE_SAMESITE: Literal["Lax", "Strict"] = setting("Lax", "SameSite of the session cookie.")
    REMEMBER_COOKIE_HTTPONLY: bool = setting(True, "Hide the remember-me cookie from scripts.")
    REMEMBER_COOKIE_SAMESITE: Literal["Lax", "Strict"] = setting("Lax", "SameSite of the remember-me cookie.")
    WTF_CSRF_TIME_LIMIT: int | None = setting(None, "Seconds a form's CSRF token is valid; unset: the session.")

    # Participation and personal data
    PROTECTED_MIN_COUNT: int = setting(
        5, "Protected formats: counts below this read 'fewer than N'; a value below 5 is raised to 5.")
    SIGNUP_HOLD_HOURS: int = setting(24, "Hours a guest's seat is held until they confirm their address.", ge=1)
    RETENTION_DAYS: int = setting(
        180, "Days after an event before its participants' data is anonymised (municipalities may set less).",
        ge=1)

    # Rate limits and Redis
    RATELIMIT_ENABLED: bool = setting(True, "Rate limits on log-in, sign-up and anonymous posts.")
    RATELIMIT_STORAGE_URI: str = setting(
        "memory://", "Where limits are counted: memory:// (per process) or redis://host:6379/0.", secret=True)
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED: bool = setting(True, "Count in memory while Redis is down.")
    RATELIMIT_SWALLOW_ERRORS: bool = setting(True, "A failing limit store lets the request through (logged).")
    RATELIMIT_HEADERS_ENABLED: bool = setting(False, "Send X-RateLimit-* headers.")
    RATELIMIT_LOGIN: str = setting("10 per minute", "Log-in attempts per client.")
    RATELIMIT_FAILED_LOGIN: str = setting("5 per 15 minutes", "Failed log-ins per address from one client.")
    RATELIMIT_FAILED_LOGIN_PER_CLIENT: str = setting("30 per 15 minutes", "Failed log-ins per client.")
    RATELIMIT_SIGNUP: str = setting("20 per minute", "Sign-ups per client.")
    RATELIMIT_ANONYMOUS_POST: str = setting("10 per minute", "Anonymous feedback and questions per client.")
    RATELIMIT_PEER_MESSAGE: str = setting(
        "5 per day", "First messages one person sends to contacts of other municipalities (Von anderen lernen).")
    RATELIMIT_PEER_REPLY: str = setting("20 per day", "Replies one person sends in such conversations.")
    REDIS_TIMEOUT_SECONDS: float = setting(0.5, "Seconds before a hanging Redis is given up.", gt=0)
    PAGE_CACHE_URL: str | None = setting(
        None, "Redis for public pages of anonymous visitors, e.g. redis://127.0.0.1:6379/1; unset: off.",
        secret=True)
    PAGE_CACHE_SECONDS: int = setting(30, "Seconds a stored page may lag behind the clock.", ge=0)
    PAGE_CACHE_MIN_AGE: float = setting(
        1.0, "Seconds a stored page is served even after a commit changed it, so a page is rendered at most "
             "once per this time in a sign-up rush; 0: off.", ge=0)

    # Operations
    BACKUP_DIR: str | None = setting(
        None, "The backup job's folder, for the disk check of `dialogplatform doctor`; unset: not checked.")

    # Single sign-on for staff (OpenID Connect, docs/sso.md)
    OIDC_ISSUER: str | None = setting(
        None, "The instance's identity provider (issuer URL); unset: no single sign-on for the instance.")
    OIDC_CLIENT_ID: str | None = setting(None, "The client registered at the provider.")
    OIDC_CLIENT_SECRET: str | None = setting(None, "The client's secret.", secret=True)
    OIDC_GROUPS_CLAIM: str = setting("groups", "The claim that lists a person's groups.")
    OIDC_GROUP_ROLES: str = setting(
        "", "Groups to roles: group=municipality-slug:role, separated by commas; the provider decides the roles "
            "in the municipalities named here.")
    OIDC_PROVIDER_NAME: str = setting("", "The name on the log-in button, e.g. Dienstkonto der Stadt.")

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        # The environment wins over instance/config.py (passed as init values).
        return env_settings, init_settings

    @field_validator("SQLALCHEMY_DATABASE_URI")
    @classmethod
    def _database_url(cls, value):
        if value is None:
            return None
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError

        try:
            make_url(value).get_dialect()
        except (ArgumentError, NoSuchModuleError, ValueError, ImportError):
            raise ValueError("a database URL such as postgresql+psycopg://user:password@host:5432/name "
                             "or sqlite:////absolute/path.sqlite") from None
        return value

    @field_validator("BASE_URL")
    @classmethod
    def _base_url(cls, value):
        from urllib.parse import urlsplit

        value = (value or "").strip().rstrip("/") or None
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError("the address of the site, e.g. https://dialog.example.org")
        return value

    @field_validator("BABEL_DEFAULT_TIMEZONE")
    @classmethod
    def _time_zone(cls, value):
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError("a time zone such as Europe/Berlin") from None
        return value

    @field_validator("RATELIMIT_LOGIN", "RATELIMIT_FAILED_LOGIN", "RATELIMIT_FAILED_LOGIN_PER_CLIENT",
                     "RATELIMIT_SIGNUP", "RATELIMIT_ANONYMOUS_POST", "RATELIMIT_PEER_MESSAGE",
                     "RATELIMIT_PEER_REPLY")
    @classmethod
    def _rate(cls, value):
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError:
            raise ValueError('a rate such as "10 per minute" or "5 per 15 minutes"') from None
        return value

    @field_validator("RATELIMIT_STORAGE_URI", "PAGE_CACHE_URL")
    @classmethod
    def _storage_url(cls, value):
        if value is not None and "://" not in value:
            raise ValueError("a URL such as redis://127.0.0.1:6379/0")
        return value

    @field_validator("OIDC_ISSUER")
    @classmethod
    def _issuer(cls, value):
        from urllib.parse import urlsplit

        value = (value or "").strip() or None
        if value is not None and (urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc):
            raise ValueError("the provider's issuer URL, e.g. https://keycloak.example.org/realms/stadt")
        return value

    @field_validator("OIDC_GROUP_ROLES")
    @classmethod
    def _group_roles(cls, value):
        from .services.sso_mapping import parse_group_roles

        try:
            parse_group_roles(value)
        except ValueError:
            raise ValueError("group=municipality-slug:role, separated by commas "
                             "(roles admin, organiser, moderator, helper)") from None
        return value

    @field_validator("BABEL_DEFAULT_LOCALE")
    @classmethod
    def _default_language(cls, value, info: ValidationInfo):
        languages = info.data.get("LANGUAGES") or list(SHIPPED)  # declared (so checked) before
        if value is None:
            return languages[0]
        if value not in languages:
            raise ValueError(f"one of LANGUAGES ({', '.join(languages)})")
        return value


# Derived from the package, not set by the operator.
BABEL_TRANSLATION_DIRECTORIES = str(PACKAGE_ROOT / "translations")
