"""An SMTP server on 127.0.0.1 for tests (aiosmtpd): it keeps every message it accepts, parsed,
and can be told to answer the next messages with an SMTP error instead."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Delivered:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        return self.message.get_content()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalMailServer:
    def __init__(self):
        self.delivered: list[Delivered] = []
        self._answers: list[str] = []
        self._changed = threading.Condition()
        self.port = _free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def start(self) -> LocalMailServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def answer_next(self, *replies: str) -> None:
        """Answer the next messages' DATA with these replies (e.g. "451 Try later")."""
        self._answers += replies

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self._answers:
            return self._answers.pop(0)
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self._changed:
            self.delivered.append(Delivered(envelope.mail_from, list(envelope.rcpt_tos),
                                            parsed))
            self._changed.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 30) -> list[Delivered]:
        with self._changed:
            self._changed.wait_for(lambda: len(self.delivered) >= count, timeout)
            return list(self.delivered)
