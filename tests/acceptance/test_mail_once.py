"""Every mail goes out once: senders racing on the same outbox (two
`dialogplatform send-mail` processes, as cron on two servers, and the
after-request sender of a gunicorn server) deliver each mail exactly once;
a mail that cannot be built is marked failed and the others still go out."""
import asyncio
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import make_user
from live_http import Visitor, server_environment

from dialogplatform.models import MailState, OutboxMessage
from dialogplatform.services import outbox

DIALOGPLATFORM = Path(sys.executable).parent / "dialogplatform"


def _queue(db, addresses):
    """Plain one-part mails (cheap to build and parse: 500 of them must go
    through in seconds), each with its own recipient and Message-ID."""
    db.session.add_all([OutboxMessage(to_address=address, subject="Ihr Link", body_text=f"Hallo {address}")
                        for address in addresses])
    db.session.commit()


def _send_mail(app, instance_path) -> subprocess.Popen:
    """`dialogplatform send-mail` as cron starts it on a server of its own
    (patient with an SMTP server that holds it at the starting gate)."""
    env = server_environment(app, instance_path, MAIL_TIMEOUT=120)
    return subprocess.Popen([str(DIALOGPLATFORM), "send-mail"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class StartingGate:
    """Holds each SMTP conversation at its EHLO until ``senders`` are
    connected. A sender claims its first mails before it connects, so when
    the gate opens all of them hold claims and send at once, however long
    each took to start."""

    def __init__(self, senders, timeout=90):
        self.senders, self.arrived, self.timeout = senders, 0, timeout

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.arrived += 1
        deadline = time.monotonic() + self.timeout
        while self.arrived < self.senders and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        session.host_name = hostname
        return responses


@pytest.fixture
def starting_gate(smtp_server, monkeypatch):
    """``starting_gate(n)``: the suite's SMTP server lets the first ``n``
    senders start together."""

    def install(senders):
        gate = StartingGate(senders)
        monkeypatch.setattr(smtp_server.collector, "handle_EHLO", gate.handle_EHLO, raising=False)
        return gate

    return install


def _finished(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-3000:]
    return out


def _deliveries(smtp_server, expected, timeout=10):
    """The messages received, once ``expected`` arrived (or time is up)."""
    deadline = time.monotonic() + timeout
    while len(smtp_server.messages) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # a duplicate would arrive now
    return smtp_server.messages


def _assert_each_delivered_once(db, messages, addresses):
    per_recipient = Counter(message["To"] for message in messages)
    assert per_recipient == Counter(addresses)
    per_message_id = Counter(message["Message-ID"] for message in messages)
    assert len(per_message_id) == len(addresses) and set(per_message_id.values()) == {1}
    assert all(message["Date"] for message in messages)
    db.session.expire_all()
    assert Counter(db.session.scalars(db.select(OutboxMessage.state))) == {MailState.SENT: len(addresses)}


def test_two_cron_runs_at_once_deliver_each_of_500_mails_once(app, db, smtp_server, starting_gate, tmp_path):
    addresses = [f"person-{n}@example.org" for n in range(500)]
    _queue(db, addresses)
    starting_gate(2)

    runs = [_send_mail(app, tmp_path / f"server-{n}") for n in range(2)]
    sent = [int(_finished(run).split()[0]) for run in runs]

    _assert_each_delivered_once(db, _deliveries(smtp_server, 500), addresses)
    assert sum(sent) == 500 and min(sent) >= outbox.BATCH, sent  # both took part: they really raced


def test_the_after_request_sender_races_a_cron_run_and_each_mail_goes_out_once(
        app, db, smtp_server, starting_gate, start_server, tmp_path):
    make_user("racer@example.org")
    db.session.commit()
    addresses = [f"person-{n}@example.org" for n in range(200)]
    _queue(db, addresses)
    server = start_server(MAIL_SEND_AFTER_REQUEST=True, MAIL_TIMEOUT=120)
    racer = Visitor(server.url)

    starting_gate(2)  # the cron run and the first request's worker
    run = _send_mail(app, tmp_path / "cron")
    asked = 0
    while run.poll() is None or asked < 3:
        # Each request queues a reset mail; its worker then sends what is due.
        answer = racer.submit("/auth/forgot", {"email": "racer@example.org"})
        assert answer.status == 302, answer.text[:500]
        asked += 1
    sent_by_cron = int(_finished(run).split()[0])

    expected = addresses + ["racer@example.org"] * asked
    _assert_each_delivered_once(db, _deliveries(smtp_server, len(expected)), expected)
    assert sent_by_cron >= outbox.BATCH and len(expected) - sent_by_cron >= outbox.BATCH


def test_a_mail_with_a_line_break_in_its_subject_is_failed_and_the_others_go_out(app, db, smtp_server, tmp_path):
    _queue(db, ["first@example.org", "broken@example.org", "last@example.org"])
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.to_address == "broken@example.org")
                       .values(subject="Neues Passwort\r\nBcc: everyone@example.org"))
    db.session.commit()

    assert _finished(_send_mail(app, tmp_path / "cron")).strip() == "2 sent, 1 failed"
    assert sorted(message["To"] for message in _deliveries(smtp_server, 2)) == [
        "first@example.org", "last@example.org"]
    db.session.expire_all()
    broken = db.session.scalars(db.select(OutboxMessage).filter_by(to_address="broken@example.org")).one()
    assert broken.state == MailState.FAILED and "linefeed" in broken.last_error
