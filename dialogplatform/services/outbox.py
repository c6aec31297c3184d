"""The mail outbox: queue in the caller's transaction, send in a worker step.

A mail is never sent before the change that caused it is committed, and never
lost when the SMTP server is down: ``send_pending`` retries with backoff and
marks a mail as failed after ``MAX_ATTEMPTS``.
"""
import logging
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, g, render_template
from flask_babel import force_locale

from ..extensions import db
from ..models import OutboxMessage
from ..models.types import utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def queue(to: str, template: str, language: str, attachment=None, **context) -> OutboxMessage:
    """Render ``mail/<template>.{subject,txt,html}`` in ``language`` and add
    the mail to the session; the caller commits it with its own change."""
    with force_locale(language):
        subject = render_template(f"mail/{template}.subject.txt", **context).strip()
        text = render_template(f"mail/{template}.txt", **context)
        html = render_template(f"mail/{template}.html", subject=subject, **context)
    message = OutboxMessage(to_address=to, subject=subject, body_text=text, body_html=html)
    if attachment:
        message.attachment_name, message.attachment_type, message.attachment = attachment
    db.session.add(message)
    g._mail_queued = True
    return message


def _build(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.to_address
    email["Message-ID"] = make_msgid(domain="dialogplattform")
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    if message.attachment:
        maintype, _, subtype = message.attachment_type.partition("/")
        email.add_attachment(
            message.attachment.encode("utf-8"), maintype=maintype, subtype=subtype,
            filename=message.attachment_name,
        )
    return email


def _connect():
    config = current_app.config
    host, port, timeout = config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_TIMEOUT"]
    if config["MAIL_USE_SSL"]:
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return smtp


def _due():
    query = (
        db.select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.next_attempt_at <= utcnow(),
        )
        .order_by(OutboxMessage.id)
        .limit(100)
    )
    if db.engine.dialect.name == "postgresql":
        # Several workers: each mail is taken by one of them only.
        query = query.with_for_update(skip_locked=True)
    return db.session.scalars(query).all()


def send_pending() -> tuple[int, int]:
    """Send due mails. Returns (sent, failed attempts)."""
    messages = _due()
    if not messages:
        db.session.commit()
        return 0, 0
    sent = failed = 0
    if not current_app.config["MAIL_SERVER"]:
        for message in messages:
            # Development only: no server configured, the mail goes to the log.
            log.info("mail (no MAIL_SERVER set)\nSubject: %s\n\n%s", message.subject, message.body_text)
            message.sent_at = utcnow()
            sent += 1
        db.session.commit()
        return sent, failed
    try:
        smtp = _connect()
    except (OSError, smtplib.SMTPException) as exc:
        for message in messages:
            _record_failure(message, exc)
        db.session.commit()
        return 0, len(messages)
    with smtp:
        for message in messages:
            try:
                smtp.send_message(_build(message))
            except (OSError, smtplib.SMTPException) as exc:
                _record_failure(message, exc)
                failed += 1
            else:
                message.sent_at = utcnow()
                sent += 1
            db.session.commit()
    return sent, failed


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    message.attempts += 1
    message.last_error = f"{type(exc).__name__}: {exc}"[:500]
    if message.attempts >= MAX_ATTEMPTS:
        message.failed_at = utcnow()
        log.error("mail %s given up after %s attempts", message.id, message.attempts)
    else:
        message.next_attempt_at = utcnow() + timedelta(minutes=2 ** message.attempts)
        log.warning("mail %s not sent (attempt %s): %s", message.id, message.attempts, type(exc).__name__)


def send_after_request(response):
    """In development and tests, send what this request queued right away."""
    if g.pop("_mail_queued", False) and current_app.config["MAIL_SEND_AFTER_REQUEST"]:
        try:
            send_pending()
        except Exception:  # the outbox keeps the mail for the worker
            log.exception("sending queued mail after the request failed")
            db.session.rollback()
    return response
