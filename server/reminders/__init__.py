"""Reminders: the scheduler, what is due, the delivery ledger and the push senders."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Nothing yet: the scheduler arrives with the reminders issue."""
