"""``dialogplatform doctor``: one line per check (OK, WARN or FAIL) of what
an instance needs to run, for the administrator and for monitoring (exit
code 1 when a check failed, else 0). Runs with the same settings as cron's
jobs, so it also shows what they see (database, secret key, mail server).
"""
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import click
from flask import current_app
from flask.cli import with_appcontext

OK, WARN, FAIL = "OK", "WARN", "FAIL"
# The mail queue: a mail waiting longer than this is late (WARN), stuck (FAIL).
MAIL_LATE_SECONDS, MAIL_STUCK_SECONDS = 15 * 60, 60 * 60
# Failed mails of these last days are reported (the outbox screen lists them).
FAILED_MAIL_DAYS = 7
# Free space below these limits: WARN, FAIL (bytes, share of the disk).
DISK_LOW, DISK_LOW_SHARE = 1024 ** 3, 0.10
DISK_FULL, DISK_FULL_SHARE = 256 * 1024 ** 2, 0.02


@dataclass
class Finding:
    status: str
    check: str
    text: str

    def line(self) -> str:
        return f"{self.status:<4}  {self.check:<22} {self.text}"


@click.command("doctor")
@click.option("--backup-dir", type=click.Path(file_okay=False, path_type=Path),
              help="The folder the backup job writes to (its free space is checked); default: BACKUP_DIR.")
@with_appcontext
def doctor(backup_dir):
    """Check database, settings, mail server, Redis, mail queue, cron jobs
    and disk space; exit code 1 when a check failed (for monitoring)."""
    configured = current_app.config.get("BACKUP_DIR")
    findings = run_checks(backup_dir or (Path(configured) if configured else None))
    for finding in findings:
        click.echo(finding.line())
    if any(finding.status == FAIL for finding in findings):
        raise click.exceptions.Exit(1)


def run_checks(backup_dir: Path | None) -> list[Finding]:
    database, answers = check_database()
    findings = [database, check_plugins(), check_secret_key(), check_base_url(), check_mail_server(), *check_redis()]
    if answers:
        findings += [*check_mail_queue(), *check_jobs()]
    else:
        findings.append(Finding(FAIL, "mail queue, cron jobs", "not checked: the database is not ready"))
    findings.append(check_disk("disk instance", Path(current_app.instance_path)))
    findings.append(check_disk("disk backups", backup_dir) if backup_dir else Finding(
        WARN, "disk backups", "not checked: set BACKUP_DIR or give --backup-dir (the backup job's folder)"))
    return findings


def masked(url: str) -> str:
    """``url`` with its password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def check_database() -> tuple[Finding, bool]:
    """The database's name (password masked), whether it answers, whether
    the core's and every plugin's migrations are applied."""
    from sqlalchemy.exc import SQLAlchemyError

    from .app_setup import MIGRATIONS_DIR
    from .extensions import db
    from .plugin_system.migrations import missing_revisions

    name = db.engine.url.render_as_string(hide_password=True)
    sqlite_file = db.engine.url.database if db.engine.url.get_backend_name() == "sqlite" else None
    if sqlite_file and sqlite_file != ":memory:" and not Path(sqlite_file).is_file():
        # Connecting would create an empty file (and hide the mistake).
        return Finding(FAIL, "database", f"{name}: no such file (settings of the wrong instance?)"), False
    try:
        missing = missing_revisions(current_app.extensions["dialogplatform.plugins"], MIGRATIONS_DIR / "versions")
    except SQLAlchemyError as error:
        return Finding(FAIL, "database", f"{name}: does not answer ({type(error).__name__})"), False
    if missing is None:
        return Finding(FAIL, "database", f"{name}: empty, no migration applied: run “dialogplatform init”"), False
    behind = [f"{key or 'core'} {', '.join(revisions)}" for key, revisions in missing.items() if revisions]
    if behind:
        return Finding(FAIL, "database", f"{name}: migrations missing ({'; '.join(behind)}): "
                                         "run “dialogplatform init”"), True
    return Finding(OK, "database", f"{name}: answers, migrations up to date"), True


def check_plugins() -> Finding:
    from flask_babel import force_locale

    broken = current_app.extensions["dialogplatform.plugins"].broken
    if not broken:
        return Finding(OK, "plugins", "none broken")
    with force_locale("en"):
        return Finding(WARN, "plugins", "; ".join(f"{name} skipped: {reason}" for name, reason in broken.items()))


def check_secret_key() -> Finding:
    key = current_app.config.get("SECRET_KEY")
    if not key:
        return Finding(FAIL, "secret key", "SECRET_KEY is not set")
    key_file = Path(current_app.instance_path) / "secret_key"
    source = (f"from {key_file}" if key_file.is_file() and key_file.read_text().strip() == key
              else "from the settings")
    if len(key) < 32:
        return Finding(WARN, "secret key", f"{source}, only {len(key)} characters (use 32 or more)")
    return Finding(OK, "secret key", source)


def check_base_url() -> Finding:
    url = current_app.config.get("BASE_URL")
    if not url:
        return Finding(FAIL, "BASE_URL", "not set: links in mails cannot be built")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Finding(FAIL, "BASE_URL", f"{url}: not an http(s) address")
    if parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1", "::1"):
        return Finding(WARN, "BASE_URL", f"{url}: not https")
    return Finding(OK, "BASE_URL", url)


def check_mail_server() -> Finding:
    import smtplib

    from .services import outbox

    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return Finding(WARN, "mail server", "MAIL_SERVER is not set: mails are written to the log, not sent")
    where = f"{config['MAIL_SERVER']}:{config['MAIL_PORT']}"
    try:
        smtp = outbox.connect()
    except (OSError, smtplib.SMTPException) as error:
        return Finding(FAIL, "mail server", f"{where}: {type(error).__name__}: {error}")
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        pass
    steps = ["EHLO"] + (["STARTTLS"] if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"] else []) \
        + (["SSL"] if config["MAIL_USE_SSL"] else []) + (["login"] if config["MAIL_USERNAME"] else [])
    return Finding(OK, "mail server", f"{where}: {', '.join(steps)} accepted")


def check_redis() -> list[Finding]:
    """Each Redis the settings name (rate limits, page cache)."""
    import redis

    from .redis_options import REDIS_SCHEMES, client_options

    config = current_app.config
    urls = {"rate limits": config.get("RATELIMIT_STORAGE_URI") or "", "page cache": config.get("PAGE_CACHE_URL") or ""}
    used = {purpose: url for purpose, url in urls.items() if url.split("://", 1)[0] in REDIS_SCHEMES}
    if not used:
        return [Finding(OK, "redis", "not configured (rate limits in memory, no page cache)")]
    findings = []
    for purpose, url in used.items():
        try:
            redis.Redis.from_url(url, **client_options(config)).ping()
        except redis.RedisError as error:
            findings.append(Finding(FAIL, f"redis ({purpose})", f"{masked(url)}: {type(error).__name__}: {error}"))
        else:
            findings.append(Finding(OK, f"redis ({purpose})", f"{masked(url)}: answers"))
    return findings


def check_mail_queue() -> list[Finding]:
    from datetime import timedelta

    from .extensions import db
    from .models import MailState, OutboxMessage
    from .models.types import utcnow
    from .services import outbox

    age = outbox.oldest_unsent_age()
    status = FAIL if age > MAIL_STUCK_SECONDS else WARN if age > MAIL_LATE_SECONDS else OK
    waiting = (f"the oldest unsent mail waits for {_duration(age)}" if age
               else "no mail waits")
    failed = db.session.scalar(db.select(db.func.count(OutboxMessage.id)).where(
        OutboxMessage.state == MailState.FAILED,
        OutboxMessage.failed_at >= utcnow() - timedelta(days=FAILED_MAIL_DAYS)))
    return [Finding(status, "mail queue", waiting),
            Finding(WARN if failed else OK, "failed mails",
                    f"{failed} in the last {FAILED_MAIL_DAYS} days: see /admin/outbox/" if failed
                    else f"none in the last {FAILED_MAIL_DAYS} days")]


def check_jobs() -> list[Finding]:
    from .models.types import utcnow
    from .services import jobs

    runs, now = jobs.last_runs(), utcnow()
    findings = []
    for job in jobs.JOBS:
        run, check = runs.get(job.name), f"job {job.name}"
        if run is None:
            findings.append(Finding(FAIL, check, "never ran: is the cron line in place?"))
            continue
        ago = now - run.finished_at
        when = f"last run {_duration(int(ago.total_seconds()))} ago"
        if not run.ok:
            findings.append(Finding(FAIL, check, f"{when} failed: {run.error}"))
        elif ago > job.fail_after:
            findings.append(Finding(FAIL, check, f"{when}: stopped? (expected within {_duration(job.fail_after)})"))
        elif ago > job.warn_after:
            findings.append(Finding(WARN, check, f"{when}: overdue (expected within {_duration(job.warn_after)})"))
        else:
            findings.append(Finding(OK, check, when))
    return findings


def check_disk(check: str, folder: Path) -> Finding:
    if not folder.is_dir():
        return Finding(FAIL, check, f"{folder}: no such folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        return Finding(FAIL, check, f"{folder}: not writable for this user")
    usage = shutil.disk_usage(folder)
    share = usage.free / usage.total if usage.total else 0
    text = f"{folder}: {usage.free / 1024 ** 3:.1f} GB free ({share:.0%})"
    if usage.free < DISK_FULL or share < DISK_FULL_SHARE:
        return Finding(FAIL, check, text)
    if usage.free < DISK_LOW or share < DISK_LOW_SHARE:
        return Finding(WARN, check, text)
    return Finding(OK, check, text)


def _duration(value) -> str:
    """``value`` (seconds or a timedelta) as minutes, hours or days."""
    seconds = int(value.total_seconds()) if hasattr(value, "total_seconds") else int(value)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 2 * 86400:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} days"
