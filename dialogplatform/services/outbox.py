"""The mail outbox: queue in the caller's transaction, send in a worker step.

A mail is never sent before the change that caused it is committed, never
lost when the SMTP server is down (retries with backoff, marked failed after
``MAX_ATTEMPTS``), and sent once however many senders run at once (cron on
several servers, the after-request sender in every worker): a sender claims
a few due mails with one UPDATE that it commits before the SMTP
conversation (PostgreSQL picks the rows with FOR UPDATE SKIP LOCKED; SQLite
runs the statement under its write lock), and stores each outcome under its
claim token. A sender that dies leaves its claims to run out after
``MAIL_CLAIM_SECONDS``; then another one sends them. A mail that cannot be
built or sent is marked failed with the reason and holds up no other mail.

Mails about a sign-up are queued as a reference (``queue_reference``) and
rendered by the sender right after its claim, as the sign-up is then; one
whose sign-up was erased in the meantime is withdrawn, never sent.
"""
import logging
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app, g, render_template
from flask_babel import force_locale
from sqlalchemy.exc import SQLAlchemyError

from .. import audience
from ..extensions import db
from ..inputs import one_line
from ..models import MailState, OutboxMessage
from ..models.types import utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
# Mails claimed at a time: few, so that a claim's lease covers the batch's
# SMTP conversation even with a slow server.
BATCH = 10
# The after-request sender takes at most this many, so no request waits long.
AFTER_REQUEST_LIMIT = 100
SUBJECT_LENGTH = 300


def queue(to: str, template: str, language: str, attachment=None, **context) -> OutboxMessage:
    """Render ``mail/<template>.{subject,txt,html}`` in ``language`` and add
    the mail to the session; the caller commits it with its own change."""
    subject, text, html = _render(template, language, **context)
    event = context.get("event")
    message = OutboxMessage(to_address=to, subject=subject, body_text=text, body_html=html,
                            event_id=getattr(event, "id", None), municipality_id=_municipality_id(context))
    if attachment:
        message.attachment_name, message.attachment_type, message.attachment = attachment
    db.session.add(message)
    g._mail_queued = True
    return message


def queue_reference(to: str, template: str, language: str, *, event, registration, **params) -> OutboxMessage:
    """Add a mail about ``registration`` to the session without rendering it:
    the sender renders it when it claims it (``signups.mail_context``), so
    the sign-up's transaction writes one short row. ``params`` are ids and
    flags (JSON), never personal data; the address is the only personal field."""
    message = OutboxMessage(to_address=to, subject="", body_text="", template=template, language=language,
                            event_id=event.id, municipality_id=event.municipality_id, registration=registration,
                            params=params)
    db.session.add(message)
    g._mail_queued = True
    return message


def _render(template: str, language: str, **context) -> tuple[str, str, str]:
    """Subject, text and HTML of ``template`` in ``language``, worded for the
    event's audience."""
    with force_locale(language), audience.for_event(context.get("event")):
        subject = _subject(template, context)
        text = render_template(f"mail/{template}.txt", **context)
        html = render_template(f"mail/{template}.html", subject=subject, **context)
    return subject, text, html


def _subject(template: str, context: dict) -> str:
    return one_line(render_template(f"mail/{template}.subject.txt", **context))[:SUBJECT_LENGTH]


def subject_of(message: OutboxMessage) -> str:
    """The subject shown on the outbox screen: a referenced mail waiting for
    the sender gets it from its template and event (loaded with the list);
    the sender stores it with the outcome."""
    if message.subject or not message.template or message.event is None or message.state not in UNSENT:
        return message.subject
    with force_locale(message.language), audience.for_event(message.event):
        return _subject(message.template, {"event": message.event})


def _municipality_id(context: dict) -> int | None:
    """On whose behalf the mail goes out: the municipality of the event it
    is about, the one it names (an invitation), or the page's."""
    event, municipality = context.get("event"), context.get("municipality") or g.get("municipality")
    return getattr(event, "municipality_id", None) or getattr(municipality, "id", None)


@dataclass
class _Content:
    subject: str
    text: str
    html: str
    attachment: tuple | None = None  # (name, MIME type, content)


def _content(message: OutboxMessage) -> _Content | None:
    """What the mail says: as queued, or rendered now from its reference
    (None: the sign-up it is about was erased, the mail is withdrawn)."""
    if not message.template:
        attachment = (message.attachment_name, message.attachment_type, message.attachment) \
            if message.attachment else None
        return _Content(message.subject, message.body_text, message.body_html, attachment)
    from . import signups  # signups queues its mails through this module

    found = signups.mail_context(message.registration_id, message.params or {})
    if found is None:
        return None
    context, attachment = found
    return _Content(*_render(message.template, message.language, **context), attachment=attachment)


def _build(message: OutboxMessage, content: _Content) -> EmailMessage:
    email = EmailMessage()
    email["Subject"] = content.subject
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.to_address
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    email.set_content(content.text)
    if content.html:
        email.add_alternative(content.html, subtype="html")
    if content.attachment:
        name, mime_type, data = content.attachment
        maintype, _, subtype = mime_type.partition("/")
        if maintype == "text":  # e.g. the ICS file: text, charset=utf-8
            email.add_attachment(data, subtype=subtype, filename=name)
        else:
            email.add_attachment(data.encode("utf-8"), maintype=maintype, subtype=subtype, filename=name)
    return email


def _prepare(message: OutboxMessage) -> tuple[EmailMessage | None, dict]:
    """The mail to send and what to store with its outcome (a referenced
    mail's subject, for the outbox screen); no mail but the outcome when it
    is withdrawn or cannot be built (it never will: e.g. a line break in a header)."""
    try:
        content = _content(message)
        if content is None:
            return None, _withdrawn()
        return _build(message, content), {"subject": content.subject} if message.template else {}
    except SQLAlchemyError:
        raise  # the database, not the mail: the claims run out and another run sends them
    except Exception as exc:
        return None, _failed(message, exc)


def connect() -> smtplib.SMTP:
    """A connection to ``MAIL_SERVER`` that said EHLO, switched to TLS
    (``MAIL_USE_TLS``) and logged in (``MAIL_USERNAME``) as configured;
    ``dialogplatform doctor`` opens one the same way to check the server."""
    config = current_app.config
    host, port, timeout = config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_TIMEOUT"]
    if config["MAIL_USE_SSL"]:
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    smtp.ehlo()
    if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
        smtp.starttls(context=ssl.create_default_context())
        smtp.ehlo()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return smtp


def _due(now):
    """Waiting mails whose time has come, and claims whose lease ran out."""
    return (((OutboxMessage.state == MailState.PENDING) & (OutboxMessage.next_attempt_at <= now))
            | ((OutboxMessage.state == MailState.SENDING) & (OutboxMessage.claimed_until < now)))


def _claim(size: int) -> list[OutboxMessage]:
    """Claim up to ``size`` due mails for this sender, committed at once.

    PostgreSQL: the rows are locked first (FOR UPDATE SKIP LOCKED: other
    senders pass over them), then exactly those are claimed; a LIMIT inside
    the UPDATE's subquery would not hold there. SQLite: one UPDATE, which
    runs under the database's write lock (the session's transaction starts
    with it, so the lock is waited for, not refused). Either way the UPDATE
    repeats the due condition, so a row claimed in the meantime stays out.
    """
    now = utcnow()
    due = db.select(OutboxMessage.id).where(_due(now)).order_by(OutboxMessage.id).limit(size)
    if db.engine.dialect.name == "postgresql":
        chosen = OutboxMessage.id.in_(db.session.scalars(due.with_for_update(skip_locked=True)).all())
    else:
        chosen = OutboxMessage.id.in_(due.scalar_subquery())
    lease = timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])
    claimed = _write(
        db.update(OutboxMessage).where(chosen, _due(now))
        .values(state=MailState.SENDING, claim_token=secrets.token_hex(16), claimed_until=now + lease)
        .returning(OutboxMessage.id)).scalars().all()
    db.session.commit()
    if not claimed:
        return []
    messages = db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.id.in_(claimed)).order_by(OutboxMessage.id)
        .execution_options(populate_existing=True)).all()
    db.session.commit()  # end the read, so that the outcomes' transaction starts with its write
    return messages


def _store(outcomes: list[tuple[OutboxMessage, dict]]) -> None:
    """Store the outcomes of a batch in one short transaction (written after
    the SMTP conversation, so SQLite's write lock is never held while
    talking to the server), each only while the claim is still ours."""
    for message, values in outcomes:
        result = _write(
            db.update(OutboxMessage)
            .where(OutboxMessage.id == message.id, OutboxMessage.claim_token == message.claim_token,
                   OutboxMessage.state == MailState.SENDING)
            .values(claim_token=None, claimed_until=None, **values))
        if result.rowcount != 1:
            log.warning("mail %s: the claim ran out before its outcome was stored", message.id)
    db.session.commit()
    for message, _values in outcomes:
        db.session.expire(message)  # read again when asked


def _write(statement):
    """Run an UPDATE of outbox rows in the session's transaction, past the
    ORM: mails are on no page, so a sender (every minute, on every server)
    leaves the page cache alone."""
    return db.session.connection().execute(statement)


def _withdrawn() -> dict:
    """A referenced mail whose sign-up was erased before it went out: never
    sent, no recipient kept."""
    return {"state": MailState.DISCARDED, "failed_at": utcnow(), "to_address": ""}


def _sent() -> dict:
    return {"state": MailState.SENT, "sent_at": utcnow()}


def _failed(message: OutboxMessage, exc: Exception) -> dict:
    """The outcome of a failed attempt. A mail that can never go out (it
    cannot be built, the server refuses it for good) fails at once; other
    failures (server down, 4xx) are retried with backoff up to ``MAX_ATTEMPTS``."""
    attempts = message.attempts + 1
    reason = f"{type(exc).__name__}: {exc}"[:500]
    if _permanent(exc) or attempts >= MAX_ATTEMPTS:
        log.error("mail %s not sent, given up after %s attempt(s): %s", message.id, attempts, type(exc).__name__)
        return {"state": MailState.FAILED, "failed_at": utcnow(), "attempts": attempts, "last_error": reason}
    log.warning("mail %s not sent (attempt %s): %s", message.id, attempts, type(exc).__name__)
    return {"state": MailState.PENDING, "attempts": attempts, "last_error": reason,
            "next_attempt_at": utcnow() + timedelta(minutes=2 ** attempts)}


def _permanent(exc: Exception) -> bool:
    """Whether a failure holds for good: a mail that cannot be built or
    encoded, a refusal with 5xx (not 4xx: greylisting, a full mailbox)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return not isinstance(exc, (OSError, smtplib.SMTPException))


class _Run:
    """One run of the sender: an SMTP connection opened when the first mail
    needs it (again after the server dropped it), and the counts."""

    def __init__(self):
        self.smtp = None
        self.sent = self.failed = 0
        self.server_unreachable = False

    def deliver(self, messages: list[OutboxMessage]) -> None:
        """Render and send claimed mails, then store their outcomes in one
        commit (not one per mail: a sender that dies mid-batch leaves at
        most a batch to go out again after the lease). When the server
        cannot be reached, the rest wait for a later run."""
        prepared = [(message, *_prepare(message)) for message in messages]
        db.session.commit()  # end the reads before the SMTP conversation (SQLite: the outcomes' write starts fresh)
        outcomes = []
        try:
            for position, (message, email, values) in enumerate(prepared):
                if utcnow() >= message.claimed_until:
                    continue  # too slow: the claim ran out, the mail is up for grabs again
                try:
                    outcomes.append((message, values if email is None else {**values, **self._send(message, email)}))
                except _Unreachable as unreachable:
                    cause = unreachable.cause
                    outcomes += [(waiting, values if email is None else {**values, **_failed(waiting, cause)})
                                 for waiting, email, values in prepared[position:]]
                    self.server_unreachable = True
                    break
        finally:
            _store(outcomes)
        for _message, values in outcomes:
            if values["state"] == MailState.SENT:
                self.sent += 1
            elif values["state"] != MailState.DISCARDED:
                self.failed += 1

    def _send(self, message: OutboxMessage, email: EmailMessage) -> dict:
        if not current_app.config["MAIL_SERVER"]:
            # Development only: no server configured, the mail goes to the log.
            log.info("mail (no MAIL_SERVER set)\nSubject: %s\n\n%s", email["Subject"],
                     email.get_body(("plain",)).get_content())
            return _sent()
        try:
            self.smtp = self.smtp or connect()
        except (OSError, smtplib.SMTPException) as exc:
            raise _Unreachable(exc) from exc
        try:
            self.smtp.send_message(email)
        except (OSError, smtplib.SMTPServerDisconnected) as exc:  # the connection broke
            self.close()
            return _failed(message, exc)
        except Exception as exc:  # refused, or not sendable (e.g. no SMTPUTF8 for the address)
            return _failed(message, exc)
        return _sent()

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self.smtp = None


class _Unreachable(Exception):
    def __init__(self, cause: Exception):
        super().__init__(str(cause))
        self.cause = cause


def send_pending(limit: int | None = None) -> tuple[int, int]:
    """Send due mails until none is left (or ``limit`` were taken).
    Returns (sent, not sent)."""
    db.session.commit()  # the claim below must start a transaction of its own
    run = _Run()
    taken = 0
    try:
        while not run.server_unreachable and (limit is None or taken < limit):
            messages = _claim(BATCH if limit is None else min(BATCH, limit - taken))
            if not messages:
                break
            taken += len(messages)
            run.deliver(messages)
    finally:
        run.close()
    return run.sent, run.failed


def send_after_request(response):
    """In development and small installs, send what this request queued
    right away (and a little more that is due)."""
    if g.pop("_mail_queued", False) and current_app.config["MAIL_SEND_AFTER_REQUEST"]:
        try:
            send_pending(limit=AFTER_REQUEST_LIMIT)
        except Exception:  # the outbox keeps the mail for the worker
            log.exception("sending queued mail after the request failed")
            db.session.rollback()
    return response


UNSENT = (MailState.PENDING, MailState.SENDING)


def oldest_unsent_age(now=None) -> int:
    """Seconds the oldest mail not yet sent has waited (0: none waits)."""
    oldest = db.session.scalar(db.select(db.func.min(OutboxMessage.created_at))
                               .where(OutboxMessage.state.in_(UNSENT)))
    return max(0, int(((now or utcnow()) - oldest).total_seconds())) if oldest else 0


def can_retry(message: OutboxMessage) -> bool:
    """A failed mail, or one waiting for its next attempt, that still has
    its recipient (not cleared after the retention period)."""
    return message.state in (MailState.FAILED, MailState.PENDING) and bool(message.to_address)


def retry(message: OutboxMessage) -> None:
    """Send it again at the next run (right after the request where mail is
    sent after requests), with all attempts ahead of it."""
    message.state, message.attempts, message.failed_at = MailState.PENDING, 0, None
    message.next_attempt_at = utcnow()
    g._mail_queued = True


def can_discard(message: OutboxMessage) -> bool:
    return message.state in (MailState.FAILED, MailState.PENDING)


def discard(message: OutboxMessage) -> None:
    """Never send it; keep the row as a record without recipient or text."""
    message.state, message.failed_at = MailState.DISCARDED, utcnow()
    message.to_address = message.subject = message.body_text = message.body_html = ""
    message.attachment = message.attachment_name = message.last_error = ""
