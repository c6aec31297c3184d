"""The ``dialogplatform`` command: a Flask CLI group for this app."""
import functools
import secrets
from importlib.metadata import entry_points
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup, ScriptInfo, with_appcontext

from . import settings
from .doctor import doctor
from .extensions import db
from .scaffold import new_format


def _create_app():
    from . import create_app

    return create_app()


class DialogGroup(FlaskGroup):
    """Flask's group; ``init`` is the one command that may create the
    instance's secret key file (every other one in production needs it)."""

    def get_command(self, ctx, name):
        if name == "init":
            settings.may_create_secret.set(True)
        return super().get_command(ctx, name)


# load_dotenv=False: no .env or .flaskenv is read by surprise; --env-file FILE is.
@click.group(cls=DialogGroup, create_app=_create_app, add_version_option=False, load_dotenv=False)
def main():
    """Dialogplattform: manage an instance."""


# Needs no instance: it writes a new format plugin's source folder.
main.add_command(new_format)


@main.command("config", with_appcontext=False)
@click.option("--markdown", is_flag=True, help="Print the table of all settings for docs/production.md.")
@click.pass_context
def show_config(ctx, markdown):
    """Print the effective settings and where each comes from (secrets masked)."""
    from . import config_docs

    if markdown:
        click.echo(config_docs.markdown_table(), nl=False)
        return
    app = ctx.ensure_object(ScriptInfo).load_app()
    click.echo(config_docs.effective(app), nl=False)


def init_app(app) -> None:
    """The core's commands, and each plugin's (set aside until it is mounted)."""
    for command in (init, demo, create_admin, send_mail, expire_holds, send_reminders, backup, restore,
                    anonymise, doctor, turn_off_two_factor):
        app.cli.add_command(command)
    app.extensions["dialogplatform.plugin_commands"] = _plugin_command_groups(app)


def _plugin_command_groups(app) -> dict:
    """Each plugin's ``register_cli`` fills a group of its own; a plugin whose
    hook raises or whose command takes a name already there (a core, Flask
    or earlier plugin command) is skipped. Returns format key -> group."""
    from flask_babel import lazy_gettext as _l

    from .plugin_system.manager import BrokenPlugin, owner

    manager = app.extensions["dialogplatform.plugins"]
    taken = dict.fromkeys([*main.commands, *app.cli.commands,
                           *(ep.name for ep in entry_points(group="flask.commands"))])
    groups = {}
    for key in list(manager.formats):
        group = AppGroup(key)
        try:
            manager.start_up_hook(key, "register_cli", group=group)
            for name in group.commands:
                if name in taken:
                    raise BrokenPlugin(_l("Its command %(name)s is taken by %(owner)s.",
                                          name=name, owner=owner(taken[name])))
        except Exception as error:  # a broken plugin must not stop the site
            manager.skip(key, error)
            continue
        groups[key] = group
        taken.update(dict.fromkeys(group.commands, manager.name_of(key)))
    return groups


def add_plugin_commands(app) -> None:
    """After mounting: the commands of the plugins still running, so that
    ``dialogplatform <command>`` lists them."""
    running = app.extensions["dialogplatform.plugins"].formats
    for key, group in app.extensions.pop("dialogplatform.plugin_commands").items():
        for name, command in group.commands.items() if key in running else ():
            app.cli.add_command(command, name)


def upgrade_database() -> None:
    """Create or upgrade all tables with Alembic: the core's, then each
    plugin's branch on its own (a plugin whose upgrade fails is skipped)."""
    from .app_setup import MIGRATIONS_DIR
    from .plugin_system.migrations import upgrade_each

    config = current_app.extensions["migrate"].migrate.get_config()
    upgrade_each(config, current_app.extensions["dialogplatform.plugins"], MIGRATIONS_DIR / "versions")


@click.command("init")
@with_appcontext
def init():
    """Create or upgrade the database."""
    from flask_babel import force_locale

    upgrade_database()
    with force_locale("en"):
        for name, reason in current_app.extensions["dialogplatform.plugins"].broken.items():
            click.echo(f"Plugin {name} is broken and skipped: {reason}", err=True)
    click.echo(f"Database {settings.mask_url(current_app.config['SQLALCHEMY_DATABASE_URI'])} is up to date.")


def migrated_database(command):
    """A job refuses an empty database: cron with too little of the
    environment would otherwise work on a new SQLite file of its own."""

    @functools.wraps(command)
    def checked(*args, **kwargs):
        from sqlalchemy import inspect
        from sqlalchemy.engine import make_url

        url = current_app.config["SQLALCHEMY_DATABASE_URI"]
        parsed = make_url(url)
        missing_file = (parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
                        and not Path(parsed.database).exists())
        if missing_file or not inspect(db.engine).has_table("alembic_version"):
            raise click.ClickException(
                f"The database {settings.mask_url(url)} is empty (not migrated); run `dialogplatform init` for it "
                "first, or check SQLALCHEMY_DATABASE_URI and DIALOGPLATFORM_INSTANCE_PATH "
                "(cron: dialogplatform --env-file FILE ...).")
        return command(*args, **kwargs)

    return checked


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when no municipality exists yet.")
@with_appcontext
@migrated_database
def demo(if_empty):
    """Create the pilot municipalities with demo content (idempotent)."""
    from .demo import load_demo
    from .models import Municipality

    if if_empty and db.session.scalar(db.select(Municipality.id).limit(1)) is not None:
        click.echo("The database has content already; no demo data loaded.")
        return
    created = load_demo()
    if created:
        click.echo("Demo accounts (shown only this once):")
        for slug, email, password in created:
            click.echo(f"  {slug:20} {email}  {password}")
    click.echo("Demo data is in place.")


@click.command("create-admin")
@click.argument("email")
@click.password_option(help="Asked for when not given.")
@with_appcontext
@migrated_database
def create_admin(email, password):
    """Create an instance admin (or make an existing account one)."""
    from flask_babel import force_locale

    from .models.types import utcnow
    from .services import accounts, passwords

    if not 10 <= len(password) <= 200:
        raise click.BadParameter("10 to 200 characters", param_hint="password")
    with force_locale("en"):
        problems = [str(problem) for problem in passwords.problems(password, (email,))]
    if problems:
        raise click.BadParameter(" ".join(problems), param_hint="password")
    user = accounts.find_user(email)
    if user is None:
        from .models import User

        user = User(email=accounts.normalise_email(email), display_name=email.split("@")[0])
        db.session.add(user)
    accounts.change_password(user, password)
    user.is_instance_admin = True
    user.confirmed_at = user.confirmed_at or utcnow()
    db.session.commit()
    click.echo(f"{user.email} is an instance admin.")


@click.command("turn-off-two-factor")
@click.argument("email")
@with_appcontext
def turn_off_two_factor(email):
    """Turn off two-factor sign-in of an account whose owner lost both the
    phone and the recovery codes (after checking who asks)."""
    from .services import accounts, two_factor

    user = accounts.find_user(email)
    if user is None or not user.has_two_factor:
        raise click.ClickException(f"{email}: no account with two-factor sign-in")
    two_factor.disable(user)
    click.echo(f"Two-factor sign-in of {user.email} is off; its sessions have ended.")


@click.command("send-mail")
@with_appcontext
@migrated_database
def send_mail():
    """Send due mails from the outbox (run from cron every minute)."""
    from .services import jobs, outbox

    with jobs.recorded("send-mail"), current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        sent, failed = outbox.send_pending()
    click.echo(f"{sent} sent, {failed} failed")


@click.command("expire-holds")
@with_appcontext
@migrated_database
def expire_holds():
    """Release unconfirmed sign-ups whose hold ran out; promote from the
    waiting list (run from cron every few minutes)."""
    from .services import jobs, signups

    with jobs.recorded("expire-holds"), current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        released = signups.expire_holds()
    click.echo(f"{released} holds released")


@click.command("send-reminders")
@with_appcontext
@migrated_database
def send_reminders():
    """Queue the reminder mail for tomorrow's events (idempotent: nobody
    gets two; run from cron, e.g. hourly)."""
    from .services import jobs, reminders

    with jobs.recorded("send-reminders"), current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        queued = reminders.queue_reminders()
    click.echo(f"{queued} reminders queued")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True), required=False)
@with_appcontext
@migrated_database
def backup(path):
    """Write a consistent, restorable archive of the database and uploads."""
    from pathlib import Path

    from .models.types import utcnow
    from .services import backup as backups
    from .services import jobs

    target = Path(path or f"dialogplatform-backup-{utcnow():%Y%m%d-%H%M%S}.tar.gz")
    with jobs.recorded("backup"):
        manifest = backups.write_backup(target)
    click.echo(f"{target}: {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def restore(path):
    """Restore an archive of `dialogplatform backup` into an empty instance."""
    from pathlib import Path

    from .services import backup as backups

    try:
        manifest = backups.restore_backup(Path(path))
    except backups.RestoreError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"restored {sum(manifest['tables'].values())} rows")


@click.command("anonymise")
@with_appcontext
@migrated_database
def anonymise():
    """Anonymise personal data of events past their retention period, and
    of mails past theirs (idempotent; run daily from cron)."""
    from .services import jobs, privacy

    with jobs.recorded("anonymise"), current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        count = privacy.anonymise_past_events()
        mails = privacy.anonymise_mails()
    click.echo(f"{count} registrations anonymised, {mails} mails cleared")


def random_password() -> str:
    return secrets.token_urlsafe(12)
