"""The service worker as served: its VERSION changes whenever any precached file does, and its
PRECACHE names every file the app loads (found here by reading the app's own references)."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from server.pwa import PWA_ROOT, VENDOR_FILES
from server.pwa_precache import (
    PRECACHE_PLACEHOLDER,
    VERSION_PLACEHOLDER,
    build_service_worker,
    precache_files,
    service_worker,
)

SERVED_VERSION = re.compile(r"^const VERSION = '([0-9a-f]{16})';$", re.M)
SERVED_PRECACHE = re.compile(r"^const PRECACHE = \[\n(.*?)\n\];$", re.M | re.S)


def served(http) -> tuple[str, list[str], str]:
    response = http.get("/sw.js")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    [version] = SERVED_VERSION.findall(text)
    listing = SERVED_PRECACHE.search(text).group(1)
    return version, re.findall(r'^  "([^"]+)",$', listing, re.M), text


@pytest.fixture
def pwa_copy(tmp_path) -> Path:
    """The app's files (and the vendored ones) copied where a test may change them."""
    root = tmp_path / "pwa"
    for path in [PWA_ROOT / "sw.js", *precache_files(PWA_ROOT, VENDOR_FILES).values()]:
        target = root / path.relative_to(PWA_ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return root


def test_the_served_service_worker_has_a_hashed_version_and_the_file_list(anonymous):
    version, precache, text = served(anonymous)
    assert VERSION_PLACEHOLDER not in text and PRECACHE_PLACEHOLDER not in text
    assert precache[:2] == ["/", "/manifest.webmanifest"]
    assert {"/js/app.js", "/js/views/history.js", "/vendor/idb.js", "/css/app.css"} <= set(precache)
    assert len(precache) == len(set(precache))
    assert served(anonymous)[0] == version  # the same files, the same version


def test_the_served_service_worker_is_valid_javascript(anonymous, tmp_path):
    script = tmp_path / "sw.js"
    script.write_text(served(anonymous)[2])
    done = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_changing_any_precached_file_or_the_worker_itself_changes_the_version(pwa_copy):
    files = precache_files(pwa_copy, VENDOR_FILES)
    source = (pwa_copy / "sw.js").read_text()
    before = build_service_worker(source, files).version
    assert build_service_worker(source, files).version == before
    unchanged = []
    for url, path in files.items():
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        if build_service_worker(source, files).version == before:
            unchanged.append(url)
        path.write_bytes(original)
    assert unchanged == []
    assert build_service_worker(source + "\n", files).version != before


def test_an_edited_file_is_a_new_version_at_the_next_request_for_the_worker(pwa_copy):
    first = service_worker(pwa_copy, VENDOR_FILES)
    assert service_worker(pwa_copy, VENDOR_FILES) is first  # nothing changed: not rebuilt
    (pwa_copy / "js" / "app.js").write_text("// the next release\n")
    assert service_worker(pwa_copy, VENDOR_FILES).version != first.version
    (pwa_copy / "js" / "views" / "a-new-screen.js").write_text("export {};\n")
    newer = service_worker(pwa_copy, VENDOR_FILES)
    assert "/js/views/a-new-screen.js" in newer.precache


def test_a_service_worker_without_its_placeholders_is_refused(pwa_copy):
    files = precache_files(pwa_copy, VENDOR_FILES)
    with pytest.raises(RuntimeError, match="PRECACHE"):
        build_service_worker(f"{VERSION_PLACEHOLDER}\nconst PRECACHE = ['/'];\n", files)


def test_every_precached_file_is_served(anonymous):
    missing = [url for url in served(anonymous)[1] if anonymous.get(url).status_code != 200]
    assert missing == []


# What the app loads, read from its own files: the shell's links, the manifest's icons, every
# import (static, dynamic, or a path handed to import() later) and every asset path a script or
# stylesheet names, followed from index.html to the end.
HTML_REFERENCE = re.compile(r'(?:href|src)="([^"#?]+)"')
MANIFEST_REFERENCE = re.compile(r'"src":\s*"([^"]+)"')
SCRIPT_REFERENCE = re.compile(r"""['"`]((?:\.{1,2}/|/)[\w./-]+\.(?:m?js|css|png|svg))['"`]""")
STYLE_REFERENCE = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def _file_for(url: str) -> Path:
    if url == "/":
        return PWA_ROOT / "index.html"
    if url.startswith("/vendor/"):
        return PWA_ROOT / VENDOR_FILES[url.removeprefix("/vendor/")]
    return PWA_ROOT / url.lstrip("/")


def _references(url: str) -> list[str]:
    if url.startswith("/vendor/") or url.endswith((".png", ".svg")):
        return []  # images name nothing; the npm files' own imports would be in node_modules
    text = _file_for(url).read_text()
    if url == "/" or url.endswith(".html"):
        found = HTML_REFERENCE.findall(text)
    elif url.endswith(".webmanifest"):
        found = MANIFEST_REFERENCE.findall(text)
    elif url.endswith((".js", ".mjs")):
        found = SCRIPT_REFERENCE.findall(text)
    elif url.endswith(".css"):
        found = [ref for pair in STYLE_REFERENCE.findall(text) for ref in pair
                 if ref and not ref.startswith("data:")]
    else:
        raise AssertionError(f"the crawl does not read {url}")
    base = posixpath.dirname(url) if url != "/" else "/"
    return [posixpath.normpath(posixpath.join(base, ref)) if not ref.startswith("/") else ref
            for ref in found if not ref.startswith(("/api/", "http:", "https:"))]


def app_loads() -> set[str]:
    seen, queue = set(), ["/", "/sw.js"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        queue.extend(_references(url))
    return seen - {"/sw.js"}


def test_the_precache_covers_every_file_the_app_loads(anonymous):
    loads = app_loads()
    assert {"/js/therapist/caseload-view.js", "/css/workspace.css", "/vendor/uplot.js",
            "/icons/icon-maskable-512.png", "/js/charts/pain-trend.js"} <= loads  # the crawl works
    assert sorted(loads - set(served(anonymous)[1])) == []


def test_the_precache_holds_nothing_the_app_never_loads(anonymous):
    assert sorted(set(served(anonymous)[1]) - app_loads()) == []
