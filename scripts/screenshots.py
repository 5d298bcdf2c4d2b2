"""Pictures of the served views, for a person to look at (``make screenshots``).

Builds the founding release (data/releases/) with the real pipeline and the offline link
stage into a memory store, serves it on 127.0.0.1 and photographs each view in headless
Chromium (Debian's chromium, as the browser tests use): the charts of the figures, the
release text with its facts highlighted, the timeline, the market map and a sorted result
table. Usage: python scripts/screenshots.py [--out out/views]
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from _pictures import RELEASE, build_founding, chromium, out_folder

from kgraph.config import Settings
from kgraph.pipeline import link_offline
from kgraph.server import ServeOptions, create_app
from kgraph.store import open_store

SHOTS = [
    # (file, path, element to photograph)
    ("chart-world-export-share.png", "/queries/world-export-share", "#chart"),
    ("chart-release-figures.png", f"/queries/release-figures?run=1&release={RELEASE}", "#chart"),
    ("chart-indicator-series.png", "/queries/indicator-series?run=1&indicator=world_export_share", "#chart"),
    ("release-text.png", f"/id/release/{RELEASE}", ".release-text"),
    ("timeline.png", "/views/timeline", "#chart"),
    ("market-map.png", "/views/market-map", "#chart"),
    ("table-release-figures.png", f"/queries/release-figures?run=1&release={RELEASE}", "table.results"),
]


def main() -> None:
    out = out_folder(__doc__, "out/views")
    chrome_path = chromium()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as cache, open_store("memory:") as store:
        build_founding(store)
        link_offline(store, Settings(cache_dir=Path(cache)))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        server = uvicorn.Server(uvicorn.Config(create_app(store, options=ServeOptions()), host="127.0.0.1",
                                               port=port, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chrome_path, headless=True,
                                             args=["--headless=new", "--no-sandbox", "--disable-gpu"])
                context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
                # nothing but the local server: a view that asked another host would show it here
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page = context.new_page()
                for name, path, selector in SHOTS:
                    page.goto(base + path)
                    box = page.locator(selector).first.bounding_box()
                    assert box is not None, f"{selector} is not on {path}"
                    # a long element (the release text) is cut to its top: a picture, not a copy
                    clip = {**box, "height": min(box["height"], 760)}
                    page.screenshot(path=str(out / name), clip=clip, full_page=True)
                    print(f"wrote {out / name}")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
