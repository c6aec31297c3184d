# Instance settings of Dialogplattform.
#
# Copy this file to instance/config.py and uncomment what you need. Every
# setting can also be given as an environment variable with the prefix
# DIALOGPLATFORM_, which wins over this file, e.g.
#   DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI=postgresql+psycopg://dialog@localhost/dialog
# Set DIALOGPLATFORM_INSTANCE_PATH to use another instance folder.
# Every setting, its type and its default: dialogplatform/config.py, or the
# table in docs/production.md; `dialogplatform config` shows the effective
# values. A value that does not fit stops the start with one line.

# Database. Default: an SQLite file instance/dialogplatform.sqlite.
# Production: PostgreSQL through psycopg 3.
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://dialog:secret@127.0.0.1:5432/dialog"

# Secret for sessions and links in mails. Default: generated once into
# instance/secret_key. Never commit it.
# SECRET_KEY = "a long random string"

# Outgoing mail (SMTP). Without MAIL_SERVER, mails are written to the log.
# MAIL_SERVER = "smtp.example.org"
# MAIL_PORT = 587
# MAIL_USE_TLS = True          # STARTTLS
# MAIL_USE_SSL = False         # implicit TLS, usually port 465
# MAIL_USERNAME = "dialog@example.org"
# MAIL_PASSWORD = "..."
# MAIL_DEFAULT_SENDER = "Dialogplattform <dialog@example.org>"
# MAIL_TIMEOUT = 10            # seconds
# MAIL_SEND_AFTER_REQUEST = True   # False when cron runs `dialogplatform send-mail`
# MAIL_CLAIM_SECONDS = 600     # a sender that died mid-send: its mails go out after this
# MAIL_RETENTION_DAYS = 30     # sent mails keep recipient and text this long
# MAIL_RETENTION_DAYS_PROTECTED = 1   # ... for events of protected formats (women's dialogue)

# Languages of the interface; the first one is the default.
# LANGUAGES = ["de", "en", "ar", "fa", "uk", "tr"]
# BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"

# htmx: "local" (default: the bundled copy, no request to a third party) or
# "cdn" (the same pinned file from jsDelivr, checked by its SRI hash; the
# privacy page then tells visitors that jsDelivr sees their IP address).
# HTMX_SOURCE = "local"

# The platform's own legal pages (/imprint, /privacy, /accessibility), linked
# in the footer of every page, as HTML. Unset: a short default text. Each
# municipality's own imprint and privacy policy are set in its administration.
# The accessibility statement is generated from the package's list of known
# limitations (dialogplatform/accessibility.py); INSTANCE_ACCESSIBILITY is
# added to it, and INSTANCE_CONTACT_EMAIL is its feedback contact.
# INSTANCE_IMPRINT = "<p>Landratsamt Beispiel, Musterstraße 1, 12345 Beispielstadt</p>"
# INSTANCE_PRIVACY = "<p>...</p>"
# INSTANCE_ACCESSIBILITY = "<p>...</p>"
# INSTANCE_CONTACT_EMAIL = "dialog@example.org"

# Largest explanation video in German Sign Language a municipality may upload
# (MB); the reverse proxy must let request bodies of this size through.
# SIGN_LANGUAGE_VIDEO_MAX_MB = 50

# Address of the site, REQUIRED: every link in a mail (password reset,
# confirmation, invitation, personal sign-up link) is built from it, never
# from the Host header of a request. Without it the app does not start
# (except in debug mode, where it is http://127.0.0.1:5000).
# BASE_URL = "https://dialog.example.org"

# Validity of links sent by mail, in seconds.
# CONFIRM_TOKEN_MAX_AGE = 604800
# RESET_TOKEN_MAX_AGE = 7200
# INVITE_TOKEN_MAX_AGE = 1209600

# A broken plugin is skipped and shown to the instance admin; True re-raises.
# PLUGINS_STRICT = False

# Behind a reverse proxy that sets X-Forwarded-For/-Proto/-Host: trust one hop.
# PROXY_FIX = True

# Behind HTTPS: send the session cookie only over HTTPS.
# SESSION_COOKIE_SECURE = True
# REMEMBER_COOKIE_SECURE = True

# Hours a guest's seat is held until they confirm their e-mail address.
# SIGNUP_HOLD_HOURS = 24

# Protected formats (e.g. a women's dialogue): every count below this number
# reads "fewer than N", larger ones are given in bands of five. It may be
# raised; a value below 5 is replaced by 5 (with a warning) at start-up.
# PROTECTED_MIN_COUNT = 5

# Rate limits (Flask-Limiter): memory:// per process, or Redis when several
# app servers run. If Redis is down, limits fall back to memory.
# RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"

# Public pages for anonymous visitors kept in Redis: a municipality or event
# page then costs about as much as a bare "hello world". Every change in the
# database makes all stored pages stale at once (on every app server); the
# seconds bound how long "upcoming" or "registration open" may lag the clock.
# PAGE_CACHE_URL = "redis://127.0.0.1:6379/1"
# PAGE_CACHE_SECONDS = 30
# A page stored less than this many seconds ago is served even after a commit
# changed it: in a sign-up rush an event page is rendered at most once a second.
# PAGE_CACHE_MIN_AGE = 1
# RATELIMIT_LOGIN = "10 per minute"
# Failed log-ins per address from one client, and per client over all
# addresses; never per address alone, so an attacker cannot lock out the owner.
# RATELIMIT_FAILED_LOGIN = "5 per 15 minutes"
# RATELIMIT_FAILED_LOGIN_PER_CLIENT = "30 per 15 minutes"
# RATELIMIT_SIGNUP = "20 per minute"
# RATELIMIT_ANONYMOUS_POST = "10 per minute"   # anonymous feedback and questions
# Messages per person through "Von anderen lernen" (/learn/): first contacts, answers.
# RATELIMIT_PEER_MESSAGE = "5 per day"
# RATELIMIT_PEER_REPLY = "20 per day"
# RATELIMIT_ENABLED = True
