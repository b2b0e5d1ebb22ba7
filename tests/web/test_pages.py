"""Dashboard pages through the TestClient: source links, the shared filter form, downloads, what the
charts leave out, the map's provinces and place pages, actor pages, HTML error pages and /docs."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.store.test_actors import make_store
from warta.web.app import create_app
from warta.web.links import external_url, filter_query, inline_code, source_link

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    return TestClient(create_app(db=make_store(tmp_path_factory.mktemp("pages") / "p.db")),
                      raise_server_exceptions=False)


def _page(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == status, (path, response.text[:300])
    assert response.headers["content-type"].startswith("text/html"), path
    return response.text


def _hrefs(html: str, pattern: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html) if re.search(pattern, unescape(h))]


def test_source_links_are_external_and_safe(client: TestClient) -> None:
    for path in ("/events", "/events/1", "/articles", "/articles/1", "/quotes", "/actors/Lestari%20Purba"):
        html = _page(client, path)
        links = re.findall(r'<a class="source-link" href="([^"]+)" rel="([^"]+)" target="([^"]+)"', html)
        assert ("https://contoh.id/gubernur", "noopener noreferrer nofollow", "_blank") in links, path
        assert "javascript:" not in html, path  # article 2's URL is never a link (nor text)


def test_external_url_accepts_only_http() -> None:
    assert external_url("https://a.id/x?y=1") == "https://a.id/x?y=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.id", "/local", "http://a b", "https:\\\\x", None, 3,
                "http:///nohost", "ftp://a.id/f"):
        assert external_url(bad) is None, bad
    assert source_link("javascript:alert(1)") == ""
    assert 'href="https://a.id/?a=1&amp;b=&lt;2&gt;"' in source_link("https://a.id/?a=1&b=<2>")


def test_filter_form_keeps_every_choice(client: TestClient) -> None:
    query = "type=CONSULT&type=ACCUSE&quad=material-conflict&sector=GOV&exclude=negated&min_confidence=0.5&actor=Lestari"
    html = _page(client, f"/events?{query}")
    for name, value in (("type", "CONSULT"), ("type", "ACCUSE"), ("quad", "material-conflict"), ("sector", "GOV"),
                        ("exclude", "negated")):
        assert re.search(rf'name="{name}" value="{value}" checked', html), (name, value)
    assert not re.search(r'name="type" value="ASSAULT" checked', html)
    assert 'name="min_confidence" min="0" max="1" step="0.05" value="0.5"' in html
    assert re.search(r'<label>Actor <input name="actor" id="actor" value="Lestari"', html)
    for page in ("/events", "/timeline", "/network", "/map"):  # the navigation carries the filter
        (nav,) = _hrefs(html.split("</nav>")[0], rf"^{page}(\?|$)")
        assert parse_qs(urlsplit(nav).query) == parse_qs(query), page


def test_filters_narrow_the_table(client: TestClient) -> None:
    assert "3 event(s)" in _page(client, "/events?type=CONSULT&type=ACCUSE&type=AGREE")
    assert "1 event(s)" in _page(client, "/events?min_confidence=0.5&type=COERCE&type=CONSULT")
    assert "3 event(s)" in _page(client, "/events?exclude=negated&exclude=future")
    assert "1 event(s)" in _page(client, "/events?sector=COP")


def test_download_links_follow_the_filter(client: TestClient) -> None:
    html = _page(client, "/map?type=PROTEST&since=2025-01-01&offset=50")
    links = _hrefs(html, r"^/api/export\?")
    assert {parse_qs(urlsplit(h).query)["format"][0] for h in links} == {"csv", "parquet", "plover", "gdelt-tsv"}
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert query["type"] == ["PROTEST"] and query["since"] == ["2025-01-01"] and "offset" not in query
    csv = next(h for h in _hrefs(_page(client, "/events?type=CONSULT&type=ACCUSE"), r"^/api/export\?format=csv"))
    rows = client.get(csv).text.strip().splitlines()
    assert len(rows) == 3 and rows[0].startswith("id,")  # the header and the 2 events the page shows


def test_timeline_period_control_and_left_out_count(client: TestClient) -> None:
    html = _page(client, "/timeline")
    assert re.search(r'<select name="granularity" id="granularity">.*<option value="week"', html, re.S)
    assert "2 events without a date are not on this timeline" in html
    weekly = _page(client, "/timeline?granularity=week")
    assert 'data-period="2025-W06"' in weekly and 'data-period="2025-W11"' in weekly
    assert 'data-period="2025-W08"' not in weekly or "seg" in weekly  # empty weeks are axis labels only
    assert '<option value="week" selected>' in weekly
    bar = _hrefs(weekly, r"since=2025-02-03")[0]
    assert parse_qs(urlsplit(bar).query)["until"] == ["2025-02-09"]
    assert "1 event without a date is not on this timeline" in _page(client, "/timeline?type=AGREE&type=CONSULT")


def test_map_shades_provinces_counts_unplaced_and_links_places(client: TestClient) -> None:
    html = _page(client, "/map")
    assert html.count('class="province') >= 30 and 'data-idn-box="' in html and 'id="map-controls"' in html
    assert re.search(r"events? without a place (is|are) not on this map", html)
    places = _hrefs(html, r"^/places\?")
    assert places, "places link to their events"
    medan = next(h for h in places if "Medan" in h)
    page = _page(client, medan)
    assert "Events at Medan" in page and "2 event(s)" in page
    assert "1 event(s)" in _page(client, medan + "&type=COERCE")
    assert _page(client, "/places", 400)


def test_actor_page(client: TestClient) -> None:
    html = _page(client, "/actors/org:kemendes")
    assert '<h1 id="actor-name">Menteri Desa</h1>' in html and 'id="partners"' in html
    assert 'href="/actors/Lestari%20Purba"' in html and "1 event without a date is not on this timeline" in html
    assert "<svg" in html
    person = _page(client, "/actors/lestari%20purba")
    assert "Kami siap bekerja sama" in person and "2 event(s)" in person
    assert "Polda Sumut" not in person.split('id="partners"')[1].split("</table>")[0]
    missing = _page(client, "/actors/Tidak%20Ada", 404)
    assert "Not found" in missing and "Tidak Ada" in missing


def test_actor_names_link_to_actor_pages(client: TestClient) -> None:
    for path in ("/events", "/events/1", "/entities", "/quotes", "/", "/network"):
        assert _hrefs(_page(client, path), r"^/actors/"), path


def test_error_pages_are_html_for_pages_and_json_for_the_api(client: TestClient) -> None:
    html = _page(client, "/no-such-page", 404)
    assert "<h1>Not found</h1>" in html and "/static/warta.css" in html
    bad = _page(client, "/events?since=kemarin", 400)
    assert "since" in bad and "Bad request" in bad
    invalid = _page(client, "/timeline?granularity=fortnight", 422)
    assert "<code>granularity</code>" in invalid
    assert client.get("/api/no-such", headers=HTML).json() == {"detail": "Not Found"}
    assert client.get("/api/timeline?granularity=fortnight", headers=HTML).status_code == 422
    assert client.get("/api/timeline?granularity=fortnight").headers["content-type"] == "application/json"


def test_server_and_store_errors_are_pages(client: TestClient, tmp_path) -> None:
    app = client.app

    @app.get("/boom-for-test", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("kaboom")

    response = client.get("/boom-for-test", headers=HTML)
    assert response.status_code == 500 and "Internal error" in response.text and "kaboom" not in response.text
    assert "Content-Security-Policy" in response.headers
    missing = TestClient(create_app(db=tmp_path / "none.db"))
    assert missing.get("/events", headers=HTML).status_code == 503
    assert "Store unavailable" in missing.get("/events", headers=HTML).text
    assert missing.get("/api/events").json()["detail"]


def test_docs_render_inline_code(client: TestClient) -> None:
    html = _page(client, "/docs")
    assert "<code>" in html and "`" not in re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    assert str(inline_code("a `<b>` c")) == "a <code>&lt;b&gt;</code> c"
    assert str(inline_code("as ``x=1`` or `y`")) == "as <code>x=1</code> or <code>y</code>"


def test_filter_query_drops_paging_and_blanks() -> None:
    items = [("type", "AID"), ("type", "AID"), ("offset", "50"), ("q", " "), ("granularity", "week"), ("actor", "x")]
    assert filter_query(items) == "type=AID&type=AID&actor=x"
    assert filter_query(items, type=["ASSAULT", "COERCE"], actor=None) == "type=ASSAULT&type=COERCE"
