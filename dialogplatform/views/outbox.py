"""The outbox screen: mails waiting, failed (with the reason) and sent in
the last days, with buttons to send a mail again or discard it. The
instance admin sees every mail (``/admin/outbox/``), a municipality's admin
those sent on behalf of their municipality (``/<slug>/admin/outbox/``).
Texts are never shown; recipient and subject only until the retention
period clears them (``dialogplatform anonymise``)."""
from datetime import timedelta

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import true
from sqlalchemy.orm import selectinload

from ..confirmation import confirm_page
from ..extensions import db
from ..forms import ConfirmForm
from ..models import MailState, OutboxMessage, Role
from ..models.types import utcnow
from ..services import audit, outbox
from ..tenancy import instance_admin_required, role_required

# Sent mails of these last days are listed; each list shows at most LIMIT.
SENT_DAYS = 7
LIMIT = 100

instance_bp = Blueprint("admin_outbox", __name__)
municipality_bp = Blueprint("municipality_outbox", __name__)


def _scope():
    """The mails the current page may show: the municipality's own, or all."""
    municipality = g.get("municipality")
    return OutboxMessage.municipality_id == municipality.id if municipality else true()


def _screen():
    scope, since = _scope(), utcnow() - timedelta(days=SENT_DAYS)
    shown = ((OutboxMessage.state != MailState.SENT) | (OutboxMessage.sent_at >= since))
    counts = dict(db.session.execute(
        db.select(OutboxMessage.state, db.func.count(OutboxMessage.id)).where(scope, shown)
        .group_by(OutboxMessage.state)).all())
    lists = {
        "queued": (OutboxMessage.state.in_(outbox.UNSENT), OutboxMessage.next_attempt_at),
        "failed": (OutboxMessage.state == MailState.FAILED, OutboxMessage.failed_at.desc()),
        "sent": ((OutboxMessage.state == MailState.SENT) & (OutboxMessage.sent_at >= since),
                 OutboxMessage.sent_at.desc()),
    }
    mails = {name: db.session.scalars(
        db.select(OutboxMessage).where(scope, criterion).order_by(order, OutboxMessage.id.desc()).limit(LIMIT)
        .options(selectinload(OutboxMessage.municipality), selectinload(OutboxMessage.event))).all()
        for name, (criterion, order) in lists.items()}
    totals = {"queued": sum(counts.get(state, 0) for state in outbox.UNSENT),
              "failed": counts.get(MailState.FAILED, 0), "sent": counts.get(MailState.SENT, 0)}
    return render_template("staff/outbox.html", mails=mails, totals=totals, limit=LIMIT, sent_days=SENT_DAYS,
                           form=ConfirmForm(), can_retry=outbox.can_retry, can_discard=outbox.can_discard,
                           subject_of=outbox.subject_of,
                           blueprint=_blueprint(), all_municipalities=not g.get("municipality"))


def _blueprint() -> str:
    """The blueprint whose URLs the page links to."""
    return "municipality_outbox" if g.get("municipality") else "admin_outbox"


def _mail_or_404(mail_id: int) -> OutboxMessage:
    message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.id == mail_id, _scope()))
    if message is None:
        abort(404)
    return message


def _retry(mail_id: int):
    message = _mail_or_404(mail_id)
    if ConfirmForm().validate_on_submit():
        if outbox.can_retry(message):
            outbox.retry(message)
            audit.record("mail.retried", message.municipality, message)
            db.session.commit()
            flash(_("The mail is sent again."), "success")
        else:
            flash(_("This mail cannot be sent again."), "error")
    return redirect(url_for(f"{_blueprint()}.index"))


def _discard(mail_id: int):
    """Asks first; the POST discards the mail."""
    message = _mail_or_404(mail_id)
    back = url_for(f"{_blueprint()}.index")
    if not outbox.can_discard(message):
        flash(_("This mail cannot be discarded."), "error")
        return redirect(back)

    def discard():
        audit.record("mail.discarded", message.municipality, message)
        outbox.discard(message)
        db.session.commit()
        flash(_("The mail is discarded."), "success")

    return confirm_page(title=_("Discard this mail?"),
                        consequences=[_("It will not be sent. Its recipient and text are deleted."),
                                      _("Nobody gets a mail.")],
                        button=_("Yes, discard"), back=back, action=discard)


@instance_bp.get("/")
@instance_admin_required
def index():
    return _screen()


@instance_bp.post("/<int:mail_id>/retry")
@instance_admin_required
def retry(mail_id):
    return _retry(mail_id)


@instance_bp.route("/<int:mail_id>/discard", methods=["GET", "POST"])
@instance_admin_required
def discard(mail_id):
    return _discard(mail_id)


@municipality_bp.get("/", endpoint="index")
@role_required(Role.ADMIN)
def municipality_index():
    return _screen()


@municipality_bp.post("/<int:mail_id>/retry", endpoint="retry")
@role_required(Role.ADMIN)
def municipality_retry(mail_id):
    return _retry(mail_id)


@municipality_bp.route("/<int:mail_id>/discard", methods=["GET", "POST"], endpoint="discard")
@role_required(Role.ADMIN)
def municipality_discard(mail_id):
    return _discard(mail_id)
