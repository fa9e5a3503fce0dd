"""The service worker's VERSION and PRECACHE, made from the app's files each time /sw.js is served.

Nothing is kept by hand: PRECACHE is every file the app can load (the shell, its manifest, every
script, stylesheet and icon under pwa/, and the vendored npm files), and VERSION is a hash of
sw.js and of every one of those files' bytes. Any change to the app is therefore a new sw.js, which
is what makes an installed phone fetch the new release (and offer the update banner); the cache
names carry VERSION, so the old release's caches go once the new one is in charge.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Folders of pwa/ whose files the app loads, and the kinds of file it loads from them.
APP_FOLDERS = ("css", "icons", "js")
APP_SUFFIXES = (".css", ".js", ".png", ".svg")
#: Served from pwa/ but not part of the app: the API's documentation page (/api/docs).
NOT_THE_APP = frozenset({"css/docs.css", "js/docs.js"})

#: What sw.js says in the repository, and what the server writes in its place.
VERSION_PLACEHOLDER = "const VERSION = 'unversioned';"
PRECACHE_PLACEHOLDER = "const PRECACHE = [];"


@dataclass(frozen=True)
class ServiceWorker:
    version: str
    precache: tuple[str, ...]
    body: bytes


def precache_files(root: Path, vendor_files: Mapping[str, str]) -> dict[str, Path]:
    """URL → the file served there, for every file the app loads, in a stable order."""
    files = {"/": root / "index.html", "/manifest.webmanifest": root / "manifest.webmanifest"}
    found = sorted(
        path.relative_to(root).as_posix()
        for folder in APP_FOLDERS
        for path in (root / folder).rglob("*")
        if path.is_file() and path.suffix in APP_SUFFIXES
    )
    files.update({f"/{relative}": root / relative for relative in found
                  if relative not in NOT_THE_APP})
    files.update({f"/vendor/{name}": root / relative
                  for name, relative in sorted(vendor_files.items())})
    return files


def _fingerprint(paths) -> tuple:
    """Cheap to take on every request: a file edited in place changes its mtime or size."""
    stats = []
    for path in paths:
        stat = path.stat()
        stats.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stats)


_lock = threading.Lock()
_last: tuple[tuple, ServiceWorker] | None = None


def service_worker(root: Path, vendor_files: Mapping[str, str]) -> ServiceWorker:
    """sw.js with its VERSION and PRECACHE written in; rebuilt only when a file changed."""
    global _last
    source = root / "sw.js"
    files = precache_files(root, vendor_files)
    key = (tuple(files), _fingerprint([source, *files.values()]))
    with _lock:
        if _last is not None and _last[0] == key:
            return _last[1]
        built = build_service_worker(source.read_text(), files)
        _last = (key, built)
        return built


def build_service_worker(source: str, files: Mapping[str, Path]) -> ServiceWorker:
    """The served sw.js: the placeholders replaced by the release's hash and file list."""
    digest = hashlib.sha256(source.encode())
    for url, path in files.items():
        content = path.read_bytes()
        # Each entry framed by its URL and length, so moving bytes between files changes it too.
        digest.update(f"\0{url}\0{len(content)}\0".encode())
        digest.update(content)
    version = digest.hexdigest()[:16]
    for placeholder in (VERSION_PLACEHOLDER, PRECACHE_PLACEHOLDER):
        if source.count(placeholder) != 1:
            raise RuntimeError(f"pwa/sw.js must say {placeholder!r} exactly once")
    listing = "\n".join(f"  {json.dumps(url)}," for url in files)
    body = source.replace(VERSION_PLACEHOLDER, f"const VERSION = '{version}';").replace(
        PRECACHE_PLACEHOLDER, f"const PRECACHE = [\n{listing}\n];")
    return ServiceWorker(version=version, precache=tuple(files), body=body.encode())
