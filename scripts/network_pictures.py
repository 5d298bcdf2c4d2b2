"""Pictures of the network page, for a person to look at and for the README
(``make screenshots`` writes them to out/network/; docs/network/ holds the README's).

Builds the founding release (data/releases/) with the real pipeline into a memory store,
writes the network pages with :func:`kgraph.viz.write_html` and photographs them in
headless Chromium (Debian's chromium): the whole graph coloured by class, the same graph
coloured by community with its legend, and the neighbourhood of Assomac with the figures
linked to their release (``--link-figures``). Usage:
python scripts/network_pictures.py [--out out/network]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from _pictures import build_founding, chromium, out_folder

from kgraph import viz
from kgraph.store import open_store


def main() -> None:
    out = out_folder(__doc__, "out/network")
    chrome_path = chromium()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, open_store("memory:") as store:
        build_founding(store)
        g = viz.project(store)
        linked = viz.project(store, link_figures=True)
        focus = viz.find_node(linked, "Assomac")
        pages = [
            ("network-classes.png", viz.write_html(g, Path(tmp) / "a.html", title="Founding release"), None),
            ("network-communities.png", Path(tmp) / "a.html", "community"),
            ("network-figures.png", viz.write_html(viz.ego_network(linked, focus, depth=2), Path(tmp) / "b.html",
                                                   title="Around Assomac, figures linked", focus=focus), None),
        ]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chrome_path, headless=True,
                                         args=["--headless=new", "--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1200, "height": 800}, locale="en-GB")
            # a file page and nothing else: a request to any host would be a fault of the page
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page = context.new_page()
            for name, path, colour in pages:
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
                if colour:
                    page.locator(f"#kg-colour-{colour}").check()
                page.screenshot(path=str(out / name))
                print(f"wrote {out / name}")
            browser.close()


if __name__ == "__main__":
    main()
