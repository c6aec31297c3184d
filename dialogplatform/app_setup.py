"""Wiring: extensions, database pragmas, plugins, blueprints, templates."""
import logging
import re
from pathlib import Path

from flask import Flask, g
from sqlalchemy import event as sa_event
from sqlalchemy.orm import joinedload

from . import i18n, inputs, redis_options, tenancy
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .plugin_system.manager import PluginManager
from .plugin_system.migrations import check_plugin_migrations, skip_unmigrated_at_first_request

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def init_app(app: Flask) -> None:
    _logging()
    inputs.init_app(app)  # before any route: its converters parse every path parameter
    from .services import protection

    protection.check_config(app)
    _plugins(app)
    db.init_app(app)
    _sqlite_pragmas(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    redis_options.configure_limiter(app.config)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    _login(app)
    _hooks(app)
    from . import cli, errors, page_cache, security, static_files, templating

    cli.init_app(app)  # before the blueprints: a plugin whose commands collide is not mounted
    _blueprints(app)
    cli.add_plugin_commands(app)  # after: a plugin that could not be mounted adds none
    security.init_app(app)
    static_files.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    page_cache.init_app(app)  # outermost: a stored page needs none of the above


def _logging() -> None:
    """Our INFO messages (e.g. mails in development) reach the console when
    nobody (gunicorn, pytest) has set up logging."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s [%(name)s] %(message)s")
        logging.getLogger("dialogplatform").setLevel(logging.INFO)


@migrate.configure
def _version_locations(config):
    """Core revisions plus each plugin's own branch in its ``migrations/``."""
    from flask import current_app

    locations = [str(MIGRATIONS_DIR / "versions")]
    locations += current_app.extensions["dialogplatform.plugins"].migration_directories()
    config.set_main_option("version_locations", " ".join(locations))
    config.set_main_option("path_separator", "space")
    return config


def _plugins(app: Flask) -> None:
    manager = PluginManager(strict=app.config["PLUGINS_STRICT"])
    manager.load(extra_modules=app.config.get("PLUGIN_MODULES", ()))
    check_plugin_migrations(manager, MIGRATIONS_DIR / "versions")
    skip_unmigrated_at_first_request(app, MIGRATIONS_DIR / "versions")
    app.extensions["dialogplatform.plugins"] = manager
    # Each plugin ships its own catalogs; Flask-Babel merges the directories.
    directories = [app.config["BABEL_TRANSLATION_DIRECTORIES"], *manager.package_directories("translations")]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(directories)


def _sqlite_pragmas(app: Flask) -> None:
    """SQLite: enforce foreign keys, WAL for concurrent readers, wait on locks.

    Set on this app's engines only (Flask-SQLAlchemy makes them per app):
    another SQLite database in the process keeps its own journal mode."""
    with app.app_context():
        engines = list(db.engines.values())
    for engine in engines:
        if engine.dialect.name == "sqlite":
            sa_event.listen(engine, "connect", set_sqlite_pragmas)


def set_sqlite_pragmas(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _login(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from .models import User
    from .services import privacy

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(login_id):
        # "<id>:<session version>": a session from before the last log-out or
        # password change names an old version and is no longer valid.
        match = re.fullmatch(r"(\d{1,18}):(\d{1,18})", login_id, re.ASCII)
        if match is None:
            return None
        # With the roles in the same statement (every staff page asks for
        # them) and, in a municipality, the person's latest consent to its
        # privacy text (every page there asks whether it is outdated).
        municipality = g.get("municipality")
        query = db.select(User).options(joinedload(User.memberships)).filter_by(id=int(match[1]))
        if municipality is not None:
            query = query.add_columns(privacy.latest_consent_column(municipality.id, User.id))
        found = db.session.execute(query).unique().first()
        if found is None or found[0].session_version != int(match[2]):
            return None
        if municipality is not None:
            privacy.remember_latest_consent(municipality, found[0], found[1])
        return found[0]


def _hooks(app: Flask) -> None:
    from .services import outbox

    app.url_value_preprocessor(tenancy.load_municipality)
    app.url_defaults(tenancy.add_municipality_slug)
    app.after_request(i18n.remember_language)
    app.after_request(outbox.send_after_request)


def _blueprints(app: Flask) -> None:
    from .views import (
        account,
        admin,
        attendance,
        auth,
        municipality_admin,
        my_signups,
        organise,
        public,
        signup,
        sso,
        workspace,
    )

    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp, url_prefix="/auth")
    app.register_blueprint(sso.bp, url_prefix="/auth/sso")
    app.register_blueprint(account.bp, url_prefix="/account")
    app.register_blueprint(admin.bp, url_prefix="/admin")
    app.register_blueprint(municipality_admin.bp, url_prefix="/<municipality_slug>/admin")
    app.register_blueprint(organise.bp, url_prefix="/<municipality_slug>/organise")
    app.register_blueprint(workspace.bp, url_prefix="/<municipality_slug>/organise")
    app.register_blueprint(attendance.bp, url_prefix="/<municipality_slug>/organise/events/<int:event_id>")
    app.register_blueprint(my_signups.bp, url_prefix="/<municipality_slug>/organise/my-signups")
    app.register_blueprint(signup.registration_bp, url_prefix="/<municipality_slug>/r")
    _process_blueprints(app)
    app.register_blueprint(public.municipality_bp, url_prefix="/<municipality_slug>")
    from .plugin_system.mounting import mount_plugin_blueprints

    # Last, so that a plugin is checked against every core rule (the URL map
    # matches the most specific rule whatever the order).
    mount_plugin_blueprints(app)


def _process_blueprints(app: Flask) -> None:
    """Dialogue processes, recommendations (and the Land's side of them), reports, funding, overview,
    outbox, learning from each other."""
    from .views import (
        api,
        experience,
        explanations,
        funding,
        funding_applications,
        land,
        land_funding,
        outbox,
        overview,
        processes,
        recommendations,
        reports,
    )

    app.register_blueprint(overview.bp)
    app.register_blueprint(land.bp, url_prefix="/land")
    app.register_blueprint(land.public_bp)
    app.register_blueprint(api.bp, url_prefix="/api/v1")
    app.register_blueprint(funding.bp, url_prefix="/admin/funding")
    app.register_blueprint(funding_applications.bp, url_prefix="/<municipality_slug>/organise/funding")
    app.register_blueprint(land_funding.bp, url_prefix="/land")
    app.register_blueprint(outbox.instance_bp, url_prefix="/admin/outbox")
    app.register_blueprint(outbox.municipality_bp, url_prefix="/<municipality_slug>/admin/outbox")

    app.register_blueprint(processes.bp, url_prefix="/<municipality_slug>/p")
    app.register_blueprint(processes.organise_bp, url_prefix="/<municipality_slug>/organise/processes")
    app.register_blueprint(recommendations.bp, url_prefix="/<municipality_slug>")
    app.register_blueprint(recommendations.organise_bp, url_prefix="/<municipality_slug>/organise/recommendations")
    app.register_blueprint(reports.bp, url_prefix="/<municipality_slug>")
    app.register_blueprint(explanations.bp, url_prefix="/<municipality_slug>")
    app.register_blueprint(experience.bp, url_prefix="/learn")
    app.register_blueprint(experience.organise_bp, url_prefix="/<municipality_slug>/organise/processes")
