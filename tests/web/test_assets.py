"""Static files: fingerprinted URLs, gzip, a year of caching, partial Plotly bundles only."""

from __future__ import annotations

import gzip
import re

from fastapi.testclient import TestClient

from app import assets


def _script_urls(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def test_pages_load_partial_plotly_bundles_under_fingerprinted_urls(client: TestClient) -> None:
    home = _script_urls(client.get("/").text)
    provinces = _script_urls(client.get("/provinces").text)
    assert any(re.fullmatch(r"/assets/[0-9a-f]{12}/vendor/plotly-basic\.min\.js", u) for u in home)
    assert any(re.fullmatch(r"/assets/[0-9a-f]{12}/vendor/plotly-geo\.min\.js", u) for u in provinces)
    assert not any("plotly.min.js" in u for u in home + provinces)  # the 4.8 MB full bundle is gone
    assert all(u.startswith("/assets/") for u in home + provinces)


def test_assets_are_gzipped_and_cached_for_a_year(client: TestClient) -> None:
    url = next(u for u in _script_urls(client.get("/").text) if "plotly-basic" in u)
    r = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert r.headers["vary"] == "Accept-Encoding"
    assert int(r.headers["content-length"]) < 450_000  # 1.19 MB of JavaScript, sent as ~395 kB
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.content == (assets.STATIC_DIR / "vendor/plotly-basic.min.js").read_bytes()
    again = client.get(url, headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


def test_a_stale_or_unknown_asset_is_not_found(client: TestClient) -> None:
    good = assets.asset_url("css/app.css")
    stale = re.sub(r"/assets/[0-9a-f]{12}/", "/assets/000000000000/", good)
    assert client.get(stale).status_code == 404
    assert client.get("/assets/000000000000/../app/config.py").status_code == 404
    assert client.get("/assets/000000000000/nothing.js").status_code == 404


def test_gzip_of_an_asset_is_the_same_file() -> None:
    a = assets.load("js/app.js")
    assert a is not None and a.gzipped is not None
    assert gzip.decompress(a.gzipped) == a.body
