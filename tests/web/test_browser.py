"""The dashboard in a real browser: headless Chromium driven by Selenium against uvicorn.

Checks what the TestClient tests cannot: that the pages render and work with the strict Content
Security Policy in force (``/static/warta.js`` runs, ``/static/warta.css`` applies, no CSP
violations), that the filter form and links navigate, that the charts draw, and that hostile
article text never runs as script. Skipped when Debian's ``chromium``/``chromium-driver`` are
missing (``make test`` installs them) or the browser cannot start.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import warta

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(f"{CHROMIUM} or {CHROMEDRIVER} is missing: install Debian's chromium and chromium-driver "
                "(`make test` does)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")

import uvicorn  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from warta.api import analyze  # noqa: E402
from warta.ingest import ingest  # noqa: E402
from warta.io.document_json import document_to_dict  # noqa: E402
from warta.model import Article  # noqa: E402
from warta.store import connect  # noqa: E402
from warta.store.write import save_documents  # noqa: E402
from warta.web.app import create_app  # noqa: E402

SAMPLES = Path(warta.__file__).parent / "samples"
ACTOR = "Bambang"  # part of "H. Bambang Sutrisno", an actor of several (not all) sample events
WAIT = 10  # seconds for any one explicit wait

HOSTILE_TITLE = '<script>window.__xss=1</script> Presiden bertemu <img src=x onerror="window.__xss=2">'
HOSTILE_BODY = (
    "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Anwar Ibrahim di Jakarta, Senin (4/3/2024). "
    "<script>window.__xss=3</script> Kedua pemimpin sepakat memperkuat kerja sama perdagangan.\n"
    "\"Kami sepakat memperluas kerja sama \"><svg onload=window.__xss=4>,\" kata Jokowi kepada wartawan.\n"
)
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000")


# -- fixtures -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile; the whole module is skipped if it cannot start."""
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach for the network
    profile = tempfile.mkdtemp(prefix="warta-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.unhandled_prompt_behavior = "ignore"  # an alert must stay visible to the checks, not be dismissed
    try:
        browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except (WebDriverException, OSError) as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"headless Chromium could not be started by Selenium: {str(exc).strip()}")
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> dict:
    """The bundled samples ingested into a fresh store, plus one hostile article."""
    db = tmp_path_factory.mktemp("browser") / "b.db"
    report = ingest([str(SAMPLES)], db=db)
    assert report.stored > 0 and not report.failures, report
    article = Article(text=HOSTILE_TITLE + "\n\n" + HOSTILE_BODY, title=HOSTILE_TITLE,
                      url="https://contoh.test/xss", published=date(2024, 3, 4))
    doc = document_to_dict(analyze(article))
    assert doc["events"] and doc["quotes"], "the hostile article should yield events and quotes to display"
    conn = connect(db)
    try:
        (hostile_id,) = save_documents(conn, [doc], fingerprint="test", run_id=None)
    finally:
        conn.close()
    return {"db": db, "hostile_id": hostile_id}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(store) -> Iterator[str]:
    """The dashboard served by uvicorn in a background thread."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db=store["db"]), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, name="warta-uvicorn", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            pytest.fail("the dashboard did not answer /healthz within 15 s")
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# -- helpers --------------------------------------------------------------------------------------

def wait(driver) -> WebDriverWait:
    return WebDriverWait(driver, WAIT)


def gone(element):
    """A wait condition: ``element`` has left the page.

    Selenium's ``staleness_of`` only knows StaleElementReferenceException; while a page is
    being replaced, Chrome can answer any other WebDriverException (``Node with given id does
    not belong to the document``), which means the same thing and must not fail the test.
    """
    def check(_driver) -> bool:
        try:
            element.is_enabled()
        except WebDriverException:
            return True
        return False
    return check


def console_problems(driver) -> list[str]:
    """SEVERE console messages since the last call (a missing favicon does not count)."""
    return [e["message"] for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]]


def csp_violations(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or "Refused to" in m]


def open_page(driver, url: str) -> list[str]:
    """Load ``url``, wait until the document is complete, return new SEVERE console messages."""
    driver.get(url)
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return console_problems(driver)


def first_number(text: str) -> int:
    match = re.search(r"\d+", text)
    assert match, f"no number in {text!r}"
    return int(match.group())


def assert_no_script_ran(driver) -> None:
    assert EC.alert_is_present()(driver) is False, "a JavaScript alert is open"
    assert driver.execute_script("return window.__xss") is None, "article text ran as script"


# -- tests ----------------------------------------------------------------------------------------

def test_overview_shows_counts(driver, base_url):
    problems = open_page(driver, base_url + "/")
    assert driver.title.startswith("Overview")
    counts = driver.find_elements(By.CSS_SELECTOR, "section.counts .count")
    assert counts and all(c.is_displayed() for c in counts)
    numbers = {c.text.split(None, 1)[1]: int(c.find_element(By.CSS_SELECTOR, ".n").text) for c in counts}
    assert any(n > 0 for n in numbers.values()), numbers
    assert driver.find_elements(By.CSS_SELECTOR, "#events-table tr.event-row")
    assert not csp_violations(problems), problems
    assert not problems, problems


def test_events_filter_by_actor(driver, base_url):
    assert not csp_violations(open_page(driver, base_url + "/events"))
    total_before = first_number(driver.find_element(By.ID, "events-total").text)
    assert total_before > 0
    actor = driver.find_element(By.ID, "actor")
    actor.clear()
    actor.send_keys(ACTOR)
    old_table = driver.find_element(By.ID, "events-table")
    driver.find_element(By.ID, "apply").click()
    wait(driver).until(gone(old_table))
    wait(driver).until(EC.url_contains(f"actor={ACTOR}"))
    wait(driver).until(EC.presence_of_element_located((By.ID, "events-table")))
    # warta.js leaves the empty fields out of the address
    assert "type=" not in driver.current_url and "since=" not in driver.current_url, driver.current_url
    assert driver.find_element(By.ID, "actor").get_attribute("value") == ACTOR
    total_after = first_number(driver.find_element(By.ID, "events-total").text)
    assert 0 < total_after < total_before
    rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "#events-table tr.event-row") if r.is_displayed()]
    assert len(rows) == min(total_after, 50)
    for row in rows:
        cells = row.find_elements(By.TAG_NAME, "td")
        source, target = cells[2].text, cells[3].text
        assert ACTOR.lower() in (source + " " + target).lower(), (source, target)
    assert not csp_violations(console_problems(driver))


def test_article_view_and_layers(driver, base_url):
    if f"actor={ACTOR}" not in driver.current_url:  # run on its own: start from the filtered list
        open_page(driver, f"{base_url}/events?actor={ACTOR}")
    link = driver.find_element(By.CSS_SELECTOR, "#events-table tr.event-row a.article-link")
    expected_title = link.text
    link.click()
    wait(driver).until(EC.url_matches(r"/articles/\d+$"))
    title = wait(driver).until(EC.visibility_of_element_located((By.ID, "article-title")))
    assert title.text and title.text == expected_title
    text = driver.find_element(By.ID, "article-text")
    assert text.is_displayed()
    ents = text.find_elements(By.CSS_SELECTOR, "span.ent")
    assert ents and text.find_elements(By.CSS_SELECTOR, "span.trigger")
    # the stylesheet applies (CSP allows /static): an entity has a background
    assert ents[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    box = driver.find_element(By.CSS_SELECTOR, "#layers input[data-layer='ent']")
    assert box.is_selected() and "hide-ent" not in (text.get_attribute("class") or "")
    box.click()
    # warta.js ran: the layer is hidden, and the stylesheet removes the highlight
    wait(driver).until(lambda d: "hide-ent" in d.find_element(By.ID, "article-text").get_attribute("class").split())
    assert ents[0].value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
    box.click()
    wait(driver).until(lambda d: "hide-ent" not in d.find_element(By.ID, "article-text").get_attribute("class"))
    problems = console_problems(driver)
    assert not csp_violations(problems), problems
    assert not problems, problems


@pytest.mark.parametrize(("path", "mark"), [("/timeline", "rect"), ("/network", "circle"), ("/map", "path")])
def test_charts_draw(driver, base_url, path, mark):
    problems = open_page(driver, base_url + path)
    svg = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "figure#chart > svg")))
    size = svg.size
    assert size["width"] > 100 and size["height"] > 50, size
    assert svg.find_elements(By.CSS_SELECTOR, mark), f"no <{mark}> in the {path} chart"
    assert not csp_violations(problems), problems
    assert not problems, problems


def test_hostile_article_is_shown_as_text(driver, base_url, store):
    hostile = store["hostile_id"]
    pages = {
        f"/articles/{hostile}": (By.ID, "article-title"),
        "/events?actor=Anwar": (By.CSS_SELECTOR, f"a.article-link[href='/articles/{hostile}']"),
        "/articles": (By.CSS_SELECTOR, f"a.article-link[href='/articles/{hostile}']"),
        "/articles?q=script": (By.CSS_SELECTOR, f"a.article-link[href='/articles/{hostile}']"),
    }
    for path, locator in pages.items():
        problems = open_page(driver, base_url + path)
        assert_no_script_ran(driver)
        title = wait(driver).until(EC.visibility_of_element_located(locator))
        assert title.text == HOSTILE_TITLE, (path, title.text)
        assert "<script>" in title.text
        # the hostile markup made no elements anywhere on the page
        assert not driver.find_elements(By.CSS_SELECTOR, "main script, main img, main svg[onload], [onerror]"), path
        assert not csp_violations(problems), (path, problems)
        assert not problems, (path, problems)
    # the article view itself: body, quote and browser title all show the markup as text
    open_page(driver, f"{base_url}/articles/{hostile}")
    assert "<script>window.__xss=1</script>" in driver.title
    body = driver.find_element(By.ID, "article-text")
    assert "<script>window.__xss=3</script>" in body.text
    assert "<svg onload=window.__xss=4>" in body.text
    assert body.find_elements(By.CSS_SELECTOR, "span.quote")
    cards = driver.find_elements(By.CSS_SELECTOR, "blockquote.quote-card")
    assert any("<svg onload=window.__xss=4>" in c.text for c in cards)
    assert_no_script_ran(driver)
    # the search snippet marks matches with <mark> but nothing else becomes markup
    open_page(driver, base_url + "/articles?q=script")
    snippets = driver.find_elements(By.CSS_SELECTOR, ".snippet")
    assert snippets and any(s.find_elements(By.TAG_NAME, "mark") for s in snippets)
    assert all(not s.find_elements(By.CSS_SELECTOR, ":not(mark)") for s in snippets)
    assert_no_script_ran(driver)


def _view_box(driver) -> list[float]:
    area = driver.find_element(By.CSS_SELECTOR, "figure#chart svg.map-area")
    return [float(v) for v in driver.execute_script("return arguments[0].getAttribute('viewBox')", area).split()]


def test_map_zooms_and_pans(driver, base_url):
    problems = open_page(driver, base_url + "/map")
    full = _view_box(driver)
    circle = driver.find_element(By.CSS_SELECTOR, "svg.map-area circle.place")
    def radius() -> float:
        return float(driver.execute_script("return arguments[0].getAttribute('r')", circle))

    r0 = radius()
    driver.find_element(By.CSS_SELECTOR, "#map-controls button[data-zoom='in']").click()
    zoomed = _view_box(driver)
    assert zoomed[2] == pytest.approx(full[2] / 2, rel=0.01) and radius() < r0
    driver.find_element(By.CSS_SELECTOR, "#map-controls button[data-zoom='idn']").click()
    idn = _view_box(driver)
    box = [float(v) for v in driver.execute_script(
        "return document.querySelector('svg.map-area').getAttribute('data-idn-box')").split()]
    assert idn[2] == pytest.approx(box[2], rel=0.01) and idn[0] == pytest.approx(box[0], abs=1)
    # the keyboard: the figure takes focus, '-' zooms out, arrows pan
    figure = driver.find_element(By.ID, "chart")
    driver.execute_script("arguments[0].focus()", figure)
    figure.send_keys("-")
    assert _view_box(driver)[2] == pytest.approx(idn[2] * 2, rel=0.01)
    before = _view_box(driver)
    figure.send_keys("\ue014")  # arrow right
    assert _view_box(driver)[0] > before[0]
    # the wheel zooms around the pointer
    driver.execute_script("const a = document.querySelector('svg.map-area'); const r = a.getBoundingClientRect();"
                          "a.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: r.left + r.width / 2,"
                          " clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));")
    assert _view_box(driver)[2] < before[2]
    driver.find_element(By.CSS_SELECTOR, "#map-controls button[data-zoom='reset']").click()
    assert _view_box(driver) == pytest.approx(full)
    assert driver.find_elements(By.CSS_SELECTOR, "svg.map-area path.province")
    problems += console_problems(driver)
    assert not csp_violations(problems), problems
    assert not problems, problems


def test_filter_form_multi_select_travels(driver, base_url):
    open_page(driver, base_url + "/events")
    driver.find_element(By.CSS_SELECTOR, "#type-picker summary").click()
    for value in ("CONSULT", "ACCUSE"):
        driver.find_element(By.CSS_SELECTOR, f"#type-picker input[name='type'][value='{value}']").click()
    driver.find_element(By.CSS_SELECTOR, "input[name='exclude'][value='negated']").click()
    old = driver.find_element(By.ID, "events-table")
    driver.find_element(By.ID, "apply").click()
    wait(driver).until(gone(old))
    url = driver.current_url
    assert "type=CONSULT" in url and "type=ACCUSE" in url and "exclude=negated" in url, url
    assert "min_confidence=" not in url and "actor=" not in url, url  # empty fields left out
    assert driver.find_element(By.CSS_SELECTOR, "input[name='type'][value='ACCUSE']").is_selected()
    types = {c.text for c in driver.find_elements(By.CSS_SELECTOR, "#events-table tr.event-row .badge")}
    assert types and types <= {"CONSULT", "ACCUSE"}, types
    assert "CSV" in driver.find_element(By.ID, "downloads").text
    csv = driver.find_element(By.CSS_SELECTOR, "#downloads a.download").get_attribute("href")
    assert "format=csv" in csv and "type=ACCUSE" in csv
    # the navigation keeps the filter; the period control applies at once
    driver.find_element(By.CSS_SELECTOR, "header nav a[href^='/timeline']").click()
    wait(driver).until(EC.url_contains("/timeline"))
    assert driver.find_element(By.CSS_SELECTOR, "input[name='type'][value='CONSULT']").is_selected()
    old = driver.find_element(By.ID, "chart")
    Select = __import__("selenium.webdriver.support.ui", fromlist=["Select"]).Select
    Select(driver.find_element(By.ID, "granularity")).select_by_value("month")
    wait(driver).until(gone(old))
    assert "granularity=month" in driver.current_url and "type=CONSULT" in driver.current_url
    assert not csp_violations(console_problems(driver))


def test_error_page_is_html(driver, base_url):
    problems = open_page(driver, base_url + "/no-such-page")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Not found"
    assert driver.find_element(By.CSS_SELECTOR, "header nav")  # the dashboard's frame, styled
    assert [p for p in problems if "404" not in p] == []
