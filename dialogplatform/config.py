"""Default settings.

Order of precedence (later wins): these defaults, ``instance/config.py``,
environment variables prefixed with ``DIALOGPLATFORM_`` (parsed as JSON where
possible, e.g. ``DIALOGPLATFORM_MAIL_PORT=2525``).
"""
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent

# Database: an SQLite file in the instance folder unless configured otherwise.
# ``None`` means "instance/dialogplatform.sqlite", resolved in create_app.
SQLALCHEMY_DATABASE_URI = None
SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

# Generated once into instance/secret_key when not set.
SECRET_KEY = None

# Mail, named as Flask-Mail names them. No MAIL_SERVER: mails go to the log.
MAIL_SERVER = None
MAIL_PORT = 25
MAIL_USE_TLS = False
MAIL_USE_SSL = False
MAIL_USERNAME = None
MAIL_PASSWORD = None
MAIL_DEFAULT_SENDER = "dialogplattform@localhost"
MAIL_TIMEOUT = 10
# Send queued mail right after the request that queued it (development and
# small installs). With cron running `dialogplatform send-mail`, set False so
# that no request waits for the SMTP server.
MAIL_SEND_AFTER_REQUEST = True
# A sender claims a mail for this long before sending it; a sender that dies
# mid-send leaves the mail to another one after that (seconds).
MAIL_CLAIM_SECONDS = 600
# Days a sent (or given-up) mail keeps its recipient, subject and text; then
# `dialogplatform anonymise` clears them. Mails about events of a protected
# format (e.g. the women's dialogue) are cleared sooner.
MAIL_RETENTION_DAYS = 30
MAIL_RETENTION_DAYS_PROTECTED = 1

# Languages of the interface; the first is the default.
LANGUAGES = ["de", "en", "ar", "fa", "uk", "tr"]
RTL_LANGUAGES = ["ar", "fa"]
BABEL_DEFAULT_LOCALE = "de"
BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
BABEL_TRANSLATION_DIRECTORIES = str(PACKAGE_ROOT / "translations")

# htmx 2.0.11, pinned. "local" (the default) serves the copy shipped in
# dialogplatform/static/vendor/htmx-2.0.11.min.js (dist/htmx.min.js of the npm
# package htmx.org@2.0.11, sha384 below): no request to a third party at all.
# "cdn" loads the same file from HTMX_CDN_URL, checked by the browser against
# HTMX_SRI; choose it only if the privacy text may name the CDN.
HTMX_SOURCE = "local"
HTMX_VERSION = "2.0.11"
HTMX_CDN_URL = "https://cdn.jsdelivr.net/npm/htmx.org@2.0.11/dist/htmx.min.js"
HTMX_SRI = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"

# The instance's own legal pages (/imprint, /privacy, /accessibility), as
# trusted HTML written by the operator. ``None`` shows the package's default
# text; each municipality keeps its own pages under /<slug>/.
INSTANCE_IMPRINT = None
INSTANCE_PRIVACY = None
INSTANCE_ACCESSIBILITY = None
INSTANCE_CONTACT_EMAIL = None

# Plugins: a plugin that fails to load is skipped and shown as broken.
# True re-raises instead (useful while developing a plugin).
PLUGINS_STRICT = False

# The site's address, e.g. "https://dialog.example.org". Every link in a mail
# is built from it, never from the request's Host header. Required: the app
# refuses to start without it (except in debug mode and tests, where it is
# http://127.0.0.1:5000).
BASE_URL = None

# Validity of links sent by mail, in seconds.
CONFIRM_TOKEN_MAX_AGE = 7 * 24 * 3600
RESET_TOKEN_MAX_AGE = 2 * 3600
INVITE_TOKEN_MAX_AGE = 14 * 24 * 3600

# Behind a reverse proxy (nginx, Caddy) that sets X-Forwarded-*: True.
PROXY_FIX = False
# Behind HTTPS: True, so that the session cookie never travels unencrypted.
SESSION_COOKIE_SECURE = False
REMEMBER_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"

WTF_CSRF_TIME_LIMIT = None
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
# An explanation video in German Sign Language may be this large (the one
# upload allowed past MAX_CONTENT_LENGTH).
SIGN_LANGUAGE_VIDEO_MAX_MB = 50

# Protected formats (e.g. a women's dialogue): counts below this number read
# "fewer than N". It may be raised; a value below 5 is replaced by 5 at start-up.
PROTECTED_MIN_COUNT = 5

# Hours a guest's seat is held until they confirm their e-mail address.
SIGNUP_HOLD_HOURS = 24

# Rate limits (Flask-Limiter). memory:// per process; in production with
# several app servers use Redis, e.g. "redis://127.0.0.1:6379/0". When Redis
# is configured but down, limits fall back to memory (and it is logged).
# A Redis that hangs is given up after REDIS_TIMEOUT_SECONDS (page cache and
# limits alike); should the limiter's storage still fail, the request goes on
# without that limit (logged) instead of failing.
RATELIMIT_STORAGE_URI = "memory://"
RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
RATELIMIT_SWALLOW_ERRORS = True
REDIS_TIMEOUT_SECONDS = 0.5
RATELIMIT_HEADERS_ENABLED = False
RATELIMIT_LOGIN = "10 per minute"
# Failed log-ins per address from one client, and per client over all
# addresses (never per address alone: the owner must not be locked out).
RATELIMIT_FAILED_LOGIN = "5 per 15 minutes"
RATELIMIT_FAILED_LOGIN_PER_CLIENT = "30 per 15 minutes"
RATELIMIT_SIGNUP = "20 per minute"
RATELIMIT_ANONYMOUS_POST = "10 per minute"
# Messages one person sends through "Von anderen lernen": first contacts,
# and replies (more: a conversation should not stall).
RATELIMIT_PEER_MESSAGE = "5 per day"
RATELIMIT_PEER_REPLY = "20 per day"

# Public pages for anonymous visitors kept in Redis (None: off), e.g.
# "redis://127.0.0.1:6379/1". Every change to the database makes all stored
# pages stale at once; PAGE_CACHE_SECONDS bounds how long a page may lag
# behind the clock ("upcoming", "registration open").
PAGE_CACHE_URL = None
PAGE_CACHE_SECONDS = 30

# Days after an event when personal data of its participants is anonymised
# (the municipality can set its own period; a women's dialogue uses less).
RETENTION_DAYS = 180

# Single sign-on for staff through OpenID Connect (None: off). The identity
# provider's issuer URL (its /.well-known/openid-configuration is read at the
# first sign-in), the client registered there, and the claim that lists a
# person's groups. OIDC_GROUP_ROLES maps groups to municipality roles,
# "group=slug:role" separated by commas, e.g.
# "dialog-gmuend-orga=schwaebisch-gmuend:organiser,dialog-gmuend-admin=schwaebisch-gmuend:admin".
# For every municipality named there the provider decides the role: a person
# in none of its groups loses the role there at the next sign-in.
OIDC_ISSUER = None
OIDC_CLIENT_ID = None
OIDC_CLIENT_SECRET = None
OIDC_GROUPS_CLAIM = "groups"
OIDC_GROUP_ROLES = ""
# The name on the log-in button, e.g. "Dienstkonto der Stadt" (empty: generic).
OIDC_PROVIDER_NAME = ""
