"""PDF reports: the HTML report printed by Debian's headless Chromium.

Chromium is used rather than WeasyPrint because it prints the very page a reader opens in a
browser (same layout engine, the embedded Japanese font, CSS ``@page`` margin boxes for page
numbers), it is a distribution package kept up to date by the system (``apt-get install
chromium``), and it adds no Python dependency with native libraries (WeasyPrint needs Pango).

Chromium runs with a fresh profile in a temporary directory, no network services, and is
stopped after :data:`PRINT_TIMEOUT` seconds. The PDF is checked (it must start with ``%PDF-``)
before anything is written; the caller writes it atomically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .._texts import text

__all__ = ["CHROMIUM_ENV", "PRINT_TIMEOUT", "PdfError", "find_chromium", "print_pdf"]

CHROMIUM_ENV = "TAJIMI_RULES_CHROMIUM"
"""An environment variable naming the Chromium binary to print with (else ``chromium`` on ``PATH``)."""

PRINT_TIMEOUT = 180
"""Seconds Chromium may take to print a report before it is stopped."""

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
)


class PdfError(RuntimeError):
    """A PDF could not be printed: no Chromium, or Chromium failed. The message says which and what to do."""


def find_chromium() -> str | None:
    """The Chromium binary: ``$TAJIMI_RULES_CHROMIUM`` where set, else the first of the usual names on ``PATH``."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html: str, *, lang: str = "en") -> bytes:
    """``html`` printed to PDF by headless Chromium; :class:`PdfError` (in ``lang``) when it cannot be."""
    binary = find_chromium()
    if binary is None:
        raise PdfError(text("report.pdf.missing", lang, variable=CHROMIUM_ENV))
    with tempfile.TemporaryDirectory(prefix="tajimi-rules-pdf-") as work:
        folder = Path(work)
        page, output = folder / "report.html", folder / "report.pdf"
        page.write_text(html, "utf-8")
        command = [
            binary,
            *_FLAGS,
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={output}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(  # noqa: S603 - a fixed command line, no shell
                command,
                capture_output=True,
                timeout=PRINT_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(text("report.pdf.timeout", lang, seconds=PRINT_TIMEOUT)) from None
        except OSError as error:
            raise PdfError(text("report.pdf.failed", lang, binary=binary, reason=str(error))) from error
        data = output.read_bytes() if output.is_file() else b""
        if not data.startswith(b"%PDF-"):
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {done.returncode}"
            raise PdfError(text("report.pdf.failed", lang, binary=binary, reason=reason))
        return data
