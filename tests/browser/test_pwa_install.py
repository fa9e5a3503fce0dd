"""The app can be installed: a valid manifest with our own icons, and a service worker whose
precache list names only files the server has (one 404 would break its install)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM_ARGS, PHONE
from tests.browser.helpers import sign_in, wait_for_service_worker

SW = Path(__file__).resolve().parents[2] / "pwa" / "sw.js"


@pytest.fixture
def persistent_phone(playwright, live_server, tmp_path):
    """A phone with a profile on disk: Chromium offers installs only outside incognito."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS,
        base_url=live_server, **PHONE)
    yield context
    context.close()


def test_chromium_finds_no_installability_errors_and_offers_the_install(
        persistent_phone, make_therapist, make_client):
    client = make_client(make_therapist())
    page = persistent_phone.new_page()
    sign_in(page, client)
    wait_for_service_worker(page)
    cdp = persistent_phone.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    expect(page.get_by_role("button", name="Install the app")).to_be_visible()
    manifest = page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    assert manifest["display"] == "standalone" and manifest["id"] and manifest["start_url"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_every_precached_file_exists(live_server):
    served = requests.get(live_server + "/sw.js", timeout=5).text
    precache = re.search(r"const PRECACHE = \[(.*?)\];", served, re.S).group(1)
    paths = re.findall(r'"([^"]+)"', precache)
    assert "/js/views/settings.js" in paths and "/js/app.js" in paths
    missing = [path for path in paths
               if requests.get(live_server + path, timeout=5).status_code != 200]
    assert missing == []


def test_the_service_worker_loads_the_push_handlers():
    assert "importScripts('/js/sw-push.js')" in SW.read_text()
