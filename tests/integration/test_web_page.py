"""The web page in headless Chromium (Playwright driving Debian's chromium) against a real
`marsad serve` process: markers for Mosul and Sirte, a type filter, an event opened with its
highlighted evidence.  A screenshot is kept in artifacts/web-page.png.

Skips with a reason when chromium, the playwright package or the built page (`make web`) is
missing; `scripts/ci-browser.sh` provides all three.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.integration import store_records as R

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "marsad" / "api" / "static"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def _chromium() -> str:
    exe = os.environ.get("MARSAD_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("chromium is not installed (scripts/ci-browser.sh installs Debian's chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install "
                                                      "'marsad[browser]')")
    if not (STATIC / "vendor" / "leaflet.js").exists():
        pytest.skip("the web page is not built: run `make web`")
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    db = tmp_path / "web.db"
    recs = tmp_path / "coded.jsonl"
    recs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in R.all_records()), encoding="utf-8")
    marsad = [sys.executable, "-m", "marsad.cli.main"]
    subprocess.run([*marsad, "ingest", str(recs), "--db", str(db), "-q"], check=True, timeout=120)
    port = _free_port()
    env = {**os.environ, "MARSAD_TOKEN": "", "MARSAD_TILE_URL": ""}
    proc = subprocess.Popen([*marsad, "serve", "--db", str(db), "--port", str(port)], env=env,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/health", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("marsad serve exited: " + proc.stderr.read())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_map_filter_event_evidence(server):
    exe = _chromium()
    from playwright.sync_api import sync_playwright

    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server + "/", wait_until="load")
            page.wait_for_selector("body[data-ready='1']", timeout=20000)
            assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
            # markers for Mosul and Sirte on the map (country borders drawn under them)
            assert page.locator("path.country").count() > 100
            places = page.eval_on_selector_all("path.ev-marker", "els => els.map(e => e.dataset.place)")
            assert "الموصل" in places and "سرت" in places and "بغداد" in places
            # the timeline: months on a real axis (2016-08 lies left of 2017-03, with a gap between),
            # labels that do not overlap
            bars = page.eval_on_selector_all("#timeline rect", "els => els.map(e => [e.dataset.month, "
                                             "e.getBBox().x, e.getBBox().width])")
            xs = {m: (x, wd) for m, x, wd in bars}
            assert {"2016-08", "2017-03"} <= set(xs)
            assert xs["2017-03"][0] + xs["2017-03"][1] < xs["2016-08"][0] - xs["2016-08"][1]
            boxes = page.eval_on_selector_all("#timeline text", "els => els.map(e => { const b = e.getBBox(); "
                                              "return [b.x, b.x + b.width]; })")
            assert boxes and all(a1 <= b0 or b1 <= a0 for i, (a0, a1) in enumerate(boxes) for b0, b1 in boxes[i + 1:])
            # filter by type: only the protest remains
            page.select_option("#f-type", "PROTEST")
            page.wait_for_function("document.querySelectorAll('path.ev-marker').length === 1")
            assert page.eval_on_selector_all("path.ev-marker", "els => els.map(e => e.dataset.place)") == ["بغداد"]
            assert page.locator("#events li").count() == 1
            # back to assaults, open the Sirte battle
            page.select_option("#f-type", "ASSAULT")
            page.wait_for_function("document.querySelectorAll('path.ev-marker').length === 3")
            # the map is fitted to them: every marker lies in the visible area
            assert page.evaluate("markers.getLayers().every(m => map.getBounds().contains(m.getLatLng()))")
            page.locator("#events li", has_text="سرت").click()
            page.wait_for_selector("#article:not([hidden]) #art-text .evidence.current")
            evidence = "".join(page.locator("#art-text .evidence.current").all_inner_texts())
            assert evidence.startswith("اندلعت اشتباكات عنيفة") and "سرت" in evidence
            assert page.locator("#art-text .trigger").first.inner_text() == "اشتباكات"
            # hovering a coded span explains it
            page.locator("#art-text .ent-STATE_FORCE").first.hover()
            assert "STATE_FORCE" in page.inner_text("#hoverinfo")
            page.screenshot(path=str(artifacts / "web-page.png"), full_page=True)
            assert not errors, errors
        finally:
            browser.close()
