"""The HTML report in a real browser: headless Chromium shows every row, loads every chart, runs no script.

Chromium is driven through its DevTools protocol over a pipe (``--remote-debugging-pipe``),
so nothing listens on a port and the page's own Content-Security-Policy stays in force. The
set-up installs the distribution's ``chromium`` package where it is missing and the tests run
as root; elsewhere they are skipped, saying why. Screenshots are written to
``build/screenshots/`` (or ``$TAJIMI_SCREENSHOTS``) for people to look at.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules.report._charts import has_category_chart
from tajimi_rules.report._report import write_report

from .test_report import HOSTILE, hostile_evaluation

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = Path(os.environ.get("TAJIMI_SCREENSHOTS", ROOT / "build" / "screenshots"))
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
# Bounds on waiting for the browser, so a broken browser fails the test instead of hanging it.
PATIENCE = 120.0


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def install_chromium() -> str:
    """Install the distribution's chromium package if it is missing; say why not where it cannot be."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return "not running as root, so apt-get cannot install it"
    if shutil.which("apt-get") is None:
        return "apt-get is not available on this system"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "chromium"]
    result = subprocess.run(install, capture_output=True, text=True, env=env, timeout=1800, check=False)
    if result.returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=env, timeout=900, check=False)
        result = subprocess.run(install, capture_output=True, text=True, env=env, timeout=1800, check=False)
    if result.returncode != 0:
        return "apt-get install chromium failed: " + (result.stderr.strip().splitlines() or ["no output"])[-1]
    return ""


@pytest.fixture(scope="module")
def chromium() -> str:
    """The path of a headless-capable Chromium, installed from the distribution's packages if missing."""
    found = find_chromium()
    if found is None:
        reason = install_chromium()
        found = find_chromium()
        if found is None:
            pytest.skip(f"headless Chromium is not installed and could not be installed: {reason}")
    return found


def _above_four(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Browser:
    """A headless Chromium driven through the DevTools protocol over a pipe (JSON messages ended by NUL)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # Move the browser's ends above 4, so that placing them at 3 and 4 cannot overwrite one another.
        to_browser_read, from_browser_write = (_above_four(to_browser_read), _above_four(from_browser_write))
        # The browser reads commands on its fd 3 and writes replies on its fd 4 (bash, unlike dash, takes any fd).
        shell = f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write}'
        self.process = subprocess.Popen(
            ["bash", "-c", shell, binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(to_browser_read, from_browser_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if not os.environ.get("TAJIMI_BROWSER_LOG") else None,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the browser did not answer")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise ConnectionError("the browser closed its DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        value: dict[str, Any] = json.loads(message)
        return value

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = False) -> dict[str, Any]:
        """Send one command and return its result (events that arrive meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + PATIENCE
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, event: str) -> dict[str, Any]:
        """Wait for the page's event ``event`` (one already received counts)."""
        deadline = time.monotonic() + PATIENCE
        while True:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    return self.events.pop(index)
            self.events.append(self._read(deadline))

    def open(self, path: Path) -> None:
        """Load a file and wait until it and its images have loaded."""
        self.events.clear()
        self.call("Page.navigate", {"url": path.resolve().as_uri()}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=True,
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(reply["exceptionDetails"])
        return reply["result"].get("value")

    def screenshot(self, path: Path, *, width: int, height: int | None = None) -> Path:
        """Write a PNG of the page at ``width`` CSS pixels: its top ``height`` pixels, or the whole page."""
        metrics = {"width": width, "height": height or 1000, "deviceScaleFactor": 1, "mobile": False}
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=True)
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": height is None}
        if height is not None:
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        shot = self.call("Page.captureScreenshot", params, session=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def close(self) -> None:
        """Close the browser and its pipes."""
        with contextlib.suppress(ConnectionError, TimeoutError, RuntimeError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the module's tests."""
    started = Browser(chromium, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield started
    finally:
        started.close()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


PAGE_FACTS = """
document.fonts.ready.then(() => ({
  rows: [...document.querySelectorAll('#summary tbody tr')].map(
    (row) => [...row.cells].map((cell) => cell.textContent.trim())),
  images: [...document.images].map((image) => ({
    complete: image.complete, width: image.naturalWidth, height: image.naturalHeight})),
  fonts: [...document.fonts].map((font) => [font.family, font.status]),
  scripts: document.scripts.length,
  reasons: [...document.querySelectorAll("section.category .reasons")].map(
    (block) => block.querySelectorAll("p").length),
}))
"""


def test_report_opens_in_chromium_with_every_row_and_chart(browser, example_path, tmp_path):
    """In Chromium the summary shows the 16 categories, every chart loads, and each category gives prose reasons."""
    path = tmp_path / "tajimi-r4.ja.html"
    report = write_report(example_path, path, lang="ja")
    browser.open(path)
    facts = browser.evaluate(PAGE_FACTS)
    rows = facts["rows"]
    assert [row[1] for row in rows] == [c.category.name.ja for c in report.check.categories]
    assert [row[4] for row in rows] == [c.rating.ja if c.rating else "" for c in report.check.categories]
    assert [row[1] for row in rows if row[6].startswith("✗")] == [
        c.category.name.ja for c in report.check.disagreements
    ]
    # The overview and the categories with an item of known rate: a chart never only restates counts.
    charted = [c for c in report.categories if has_category_chart(c.check, report.rules)]
    assert len(facts["images"]) == 1 + len(charted) == 8
    assert facts["reasons"] == [len(c.reasons) for c in report.categories]
    assert all("%" in "".join(c.reasons[1:]) for c in report.categories)
    assert all(image["complete"] and image["width"] > 0 and image["height"] > 0 for image in facts["images"])
    assert ["IPAexGothic", "loaded"] in facts["fonts"]
    assert facts["scripts"] == 0
    top = browser.screenshot(SCREENSHOTS / "report-ja-top.png", width=1200, height=2200)
    whole = browser.screenshot(SCREENSHOTS / "report-ja.png", width=1200)
    assert png_size(top) == (1200, 2200)
    width, height = png_size(whole)
    assert width == 1200 and height > 2200


def test_english_report_in_chromium(browser, example_path, tmp_path):
    """The English report shows English ratings for the same 16 rows."""
    path = tmp_path / "tajimi-r4.en.html"
    write_report(example_path, path, lang="en")
    browser.open(path)
    facts = browser.evaluate(PAGE_FACTS)
    assert len(facts["rows"]) == 16
    assert {row[4] for row in facts["rows"]} == {"good", "partly deficient", "advanced", "deficient"}
    browser.screenshot(SCREENSHOTS / "report-en-top.png", width=1200, height=1600)


def test_hostile_names_run_nothing_in_chromium(browser, example_path, tmp_path):
    """A report of names holding <script> and markup runs no script and opens no dialog; the name shows as text."""
    path = tmp_path / "hostile.html"
    write_report(hostile_evaluation(example_path), path, tr.load_rules("tajimi-r4"), lang="en")
    browser.open(path)
    facts = browser.evaluate(PAGE_FACTS)
    assert facts["scripts"] == 0
    assert facts["rows"][0][1] == HOSTILE
    assert browser.evaluate("document.querySelectorAll('[onerror], a[href^=http]').length") == 0
    assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
