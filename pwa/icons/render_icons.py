"""Render the app icons (PNG) from icons/icon.svg in the headless Chromium, via Playwright.

Run from the repository root: .venv/bin/python pwa/icons/render_icons.py
The PNGs are committed; run this again only after changing the SVG.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
SIZES = {"icon-192.png": 192, "icon-512.png": 512, "icon-maskable-512.png": 512}


def main() -> None:
    svg = (HERE / "icon.svg").read_text()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for name, size in SIZES.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                "<style>html,body{margin:0}svg{display:block;width:100vw;height:100vh}</style>"
                + svg)
            page.screenshot(path=str(HERE / name), omit_background=False)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
