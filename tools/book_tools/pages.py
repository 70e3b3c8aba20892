"""Check the built book in a real browser: ``python -m book_tools.pages _build/html``.

Every chapter page is opened in headless Chromium (Debian's ``chromium``) at 1280 px
and its rendered DOM checked: the page has content, every math element was typeset by
MathJax (no raw TeX left), every image it shows exists, is not empty and has alt text
that describes it (not a file name), no Python traceback, warning, TensorFlow log line
or raw pandas footer (``dtype: float64``) is visible, and no code cell or output is
wider than its box (a reader would have to scroll it sideways). Exits 1 and lists the
problems if there are any.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
    "--virtual-time-budget=10000",
    "--dump-dom",
)
LOG_PATTERNS = (
    "Traceback (most recent call last)",
    "UserWarning:",
    "DeprecationWarning:",
    "FutureWarning:",
    "tensorflow/core",
    "oneDNN custom operations",
    "I0000 00:00",
    "W0000 00:00",
    "E0000 00:00",
    "Could not find cuda drivers",
    "WARNING: All log messages",
)
RAW_OUTPUT = re.compile(r"\bdtype: (?:float|u?int|object|bool|category|datetime|string)\w*")
# Run in the page once it has loaded: lists every code cell and output whose content is
# wider than its box, in a hidden element that --dump-dom then carries out.
OVERFLOW_ID = "page-check-overflow"
OVERFLOW_SCRIPT = f"""<script>
window.addEventListener("load", () => setTimeout(() => {{
  const wide = [];
  const boxes = ".cell_input pre, .cell_output pre, .cell_output .output.text_html";
  for (const box of document.querySelectorAll(boxes)) {{
    if (box.scrollWidth > box.clientWidth + 1) {{
      const kind = box.closest(".cell_input") ? "code" : "output";
      wide.push([kind, box.scrollWidth, box.clientWidth, box.textContent.trim().slice(0, 60)]);
    }}
  }}
  const marker = document.createElement("div");
  marker.id = "{OVERFLOW_ID}";
  marker.hidden = true;
  marker.dataset.wide = JSON.stringify(wide);
  document.body.appendChild(marker);
}}, 500));
</script>"""
FILE_NAME = re.compile(r"[\\/]|\.(png|svg|jpe?g|gif|pdf)$", re.IGNORECASE)


class _Page(HTMLParser):
    """Collects the visible text, image sources and untypeset math of a rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[tuple[str, str]] = []
        self.raw_math: list[str] = []
        self.wide: list[list] | None = None  # None: the overflow script did not report
        self._skip = 0
        self._math_depth = 0
        self._math_text: list[str] = []
        self._math_typeset = False
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if attributes.get("id") == OVERFLOW_ID:
            self.wide = json.loads(attributes.get("data-wide") or "[]")
        if tag == "img" and attributes.get("src"):
            self.images.append((attributes["src"], (attributes.get("alt") or "").strip()))
        if tag in ("img", "br", "meta", "link", "input", "hr"):
            return
        self._depth += 1
        if self._math_depth:
            self._math_typeset |= tag == "mjx-container"
        elif "math" in (attributes.get("class") or "").split() and tag in ("span", "div"):
            self._math_depth, self._math_text, self._math_typeset = self._depth, [], False

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if tag in ("img", "br", "meta", "link", "input", "hr"):
            return
        if self._math_depth and self._depth == self._math_depth:
            if not self._math_typeset:
                self.raw_math.append("".join(self._math_text).strip()[:60])
            self._math_depth = 0
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._math_depth:
            self._math_text.append(data)
        if not self._skip:
            self.text.append(data)


def problems_in(dom: str, page: Path) -> list[str]:
    """What is wrong with the rendered ``dom`` of the built file ``page``."""
    parsed = _Page()
    parsed.feed(dom)
    text = " ".join(parsed.text)
    found = []
    if len(text.split()) < 50:
        found.append("the page has almost no text: did it load?")
    found += [f"math not typeset: {math!r}" for math in parsed.raw_math]
    for source, alt in parsed.images:
        theme_asset = "_static/" in source  # the theme's logo, not a figure of the book
        if not theme_asset and (len(alt.split()) < 3 or FILE_NAME.search(alt)):
            found.append(f"image without a describing alt text: {source} (alt {alt!r})")
        url = urlparse(source)
        if url.scheme == "data":
            continue
        target = (page.parent / unquote(url.path)).resolve() if url.scheme in ("", "file") else None
        if target is None or not target.is_file() or target.stat().st_size == 0:
            found.append(f"image does not load: {source}")
    found += [f"log text visible: {pattern!r}" for pattern in LOG_PATTERNS if pattern in text]
    if footer := RAW_OUTPUT.search(text):
        found.append(f"raw pandas output visible: {footer.group()!r}")
    if parsed.wide is None:
        found.append("the overflow check did not run in the page")
    for kind, content, box, start in parsed.wide or []:
        found.append(f"{kind} wider than its box ({content} > {box} px): {start!r}")
    return found


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        if path := shutil.which(name):
            return path
    raise SystemExit("no Chromium found: install Debian's `chromium` (apt-get install chromium)")


def rendered_dom(page: Path, browser: str) -> str:
    """The DOM of ``page`` once loaded, with the overflow script's report in it.

    The script goes into a copy beside the page, so that relative links still resolve.
    """
    html = page.read_text(encoding="utf-8")
    if "</body>" not in html:
        raise ValueError(f"{page} has no </body>: is it a built page?")
    checked = page.with_name(f".checked-{page.name}")
    checked.write_text(html.replace("</body>", OVERFLOW_SCRIPT + "</body>", 1), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [
                    browser,
                    *CHROMIUM_FLAGS,
                    f"--user-data-dir={profile}",
                    checked.resolve().as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
    finally:
        checked.unlink()
    if result.returncode != 0:
        raise RuntimeError(f"Chromium failed on {page}: {result.stderr[-500:]}")
    return result.stdout


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m book_tools.pages BUILD_HTML_DIR", file=sys.stderr)
        return 2
    pages = sorted(Path(argv[0]).glob("chapters/*.html"))
    if not pages:
        print(f"no chapter pages under {argv[0]}/chapters: build the book first", file=sys.stderr)
        return 1
    browser, failed = chromium(), 0
    for page in pages:
        found = problems_in(rendered_dom(page, browser), page)
        failed += bool(found)
        print(f"{page.name}: {'ok' if not found else '; '.join(found)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
