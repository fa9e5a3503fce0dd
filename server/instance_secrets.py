"""Secrets generated on first run and kept in the instance folder, so a single-machine set-up
needs no configuration and keeps its keys across restarts."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def read_or_create(path: Path, make) -> str:
    """The file's content, creating it (mode 0600) with make() the first time."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = make()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, value.encode())
    finally:
        os.close(fd)
    return value


def secret_key(instance_path: Path) -> str:
    return read_or_create(instance_path / "secret_key", lambda: secrets.token_urlsafe(48))
