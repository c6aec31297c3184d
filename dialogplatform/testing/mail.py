"""An SMTP sink (aiosmtpd) that keeps every message the app sends."""
import re
import socket
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MessageCollector:
    """aiosmtpd handler storing each received message (subclass it to
    refuse recipients, e.g. with ``handle_RCPT``)."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


@dataclass
class MailServer:
    """What the ``smtp_server`` fixture gives a test: the address the app
    sends to, and the messages received so far (emptied before each test)."""

    host: str
    port: int
    collector: MessageCollector

    @property
    def messages(self):
        return list(self.collector.messages)

    def clear(self):
        self.collector.messages.clear()

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def wait_for(self, address, count=1, timeout=15):
        """The messages to ``address`` once there are ``count`` of them (or
        what arrived within ``timeout`` seconds): for mails a live server
        sends after its response."""
        deadline = time.monotonic() + timeout
        while len(self.to(address)) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.to(address)

    @staticmethod
    def text_of(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def links_in(self, message) -> list[str]:
        return re.findall(r"https?://\S+", self.text_of(message))


def start_mail_server() -> tuple[MailServer, object]:
    """A running sink on a free port and its aiosmtpd controller (to stop)."""
    from aiosmtpd.controller import Controller  # a test dependency only

    collector = MessageCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    return MailServer("127.0.0.1", controller.port, collector), controller
