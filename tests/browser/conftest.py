"""Headless Chromium (Debian's package, driven by Playwright) on the real review page.

The browser is never downloaded by Playwright: `make browser` installs Debian's chromium,
and these tests skip, saying so, only when it is missing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
REVIEW_RULES = Path(__file__).with_name("review_rules.yaml")
CLEANUP = Path(sys.executable).with_name("cleanup")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (make browser) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def run_cleanup(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The installed `cleanup` command; fails the test on a non-zero exit."""
    result = subprocess.run([str(CLEANUP), *args], capture_output=True, timeout=600, cwd=cwd)
    assert result.returncode == 0, result.stderr.decode()
    return result


@dataclass
class Cleaned:
    source: Path
    report_path: Path
    html: Path
    clean: Path

    @property
    def report(self) -> dict:
        return json.loads(self.report_path.read_text("utf-8"))

    def apply(self, decisions: Path) -> bytes:
        return run_cleanup("apply", str(self.report_path), "--decisions", str(decisions), cwd=self.source.parent).stdout


@pytest.fixture(scope="session")
def clean_file():
    """Clean a file with the built-in rules and the review test rules (no LanguageTool), from
    its folder, so that the report and the page name it by its file name."""

    def clean(source: Path, out: Path) -> Cleaned:
        args = ("-o", str(out), "--no-languagetool", "--rules", str(REVIEW_RULES))
        run_cleanup("clean", source.name, *args, cwd=source.parent)
        stem = source.stem
        return Cleaned(source, out / f"{stem}.report.json", out / f"{stem}.diff.html", out / f"{stem}.clean.txt")

    return clean


@dataclass
class Review:
    """One open review page, with what it asked the network for and the errors it raised."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, html: Path) -> None:
        self.page.goto(html.as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=120_000)

    def select(self, index: int) -> None:
        self.page.click(f"#doc .chg[data-i='{index}']")

    def count(self, which: str) -> int:
        return int(self.page.text_content(f"#n-{which}"))

    def download(self, button: str) -> bytes:
        with self.page.expect_download() as info:
            self.page.click(button)
        return Path(info.value.path()).read_bytes()

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file://", "blob:"))]


@pytest.fixture
def review(browser) -> Iterator[Review]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    state = Review(page)
    page.on("request", lambda request: state.requests.append(request.url))
    page.on("pageerror", lambda error: state.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and state.errors.append(message.text))
    page.on("dialog", lambda dialog: (state.dialogs.append(dialog.message), dialog.dismiss()))
    yield state
    context.close()
