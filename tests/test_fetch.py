"""Safe fetching: schemes, private addresses in every spelling, redirects, limits, the checked address."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

from app.config import Settings
from app.fetch import FetchError, Refused, check_url, fetch, is_public
from tests.conftest import SECRET
from tests.webserver import Page, Site


def settings(allow: str = "", **changes: Any) -> Settings:
    return Settings(env="test", secret_key=SECRET, fetch_allow_hosts=allow, **changes)


PRIVATE_URLS = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8000/admin",
    "http://[::1]/",
    "http://10.0.0.5/",
    "http://10.255.255.255/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://100.100.100.200/",  # shared address space (a cloud metadata address)
    "http://0.0.0.0/",
    "http://0/",
    "http://2130706433/",  # decimal 127.0.0.1
    "http://0x7f000001/",  # hex
    "http://0x7f.0x0.0x0.0x1/",  # dotted hex
    "http://0177.0.0.1/",  # octal
    "http://127.1/",  # short form
    "http://017700000001/",  # octal, one number
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::]/",
    "http://[fe80::1]/",  # link-local
    "http://[fc00::1]/",  # unique local
    "http://[fd00:ec2::254]/",  # AWS metadata over IPv6
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://255.255.255.255/",
    "http://localhost/",  # a name resolving to loopback
    "http://LOCALHOST./",
    "http://localhost:22/",
]


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_private_and_loopback_addresses_are_refused_in_every_spelling(url: str) -> None:
    with pytest.raises(Refused, match="private, loopback"):
        check_url(url, settings=settings())


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://127.0.0.1/",
                                 "javascript:alert(1)", "data:text/html,<b>x</b>", "//example.org/a", "/relative"])
def test_schemes_other_than_http_and_https_are_refused(url: str) -> None:
    with pytest.raises(Refused, match="Only http and https"):
        check_url(url, settings=settings())


def test_urls_with_credentials_are_refused() -> None:
    with pytest.raises(Refused, match="user name or password"):
        check_url("http://user:pw@example.org/", settings=settings())


@pytest.mark.parametrize("ip", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "93.184.215.14"])
def test_public_addresses_are_public(ip: str) -> None:
    assert is_public(ipaddress.ip_address(ip))


def test_an_unknown_host_is_a_clear_error() -> None:
    with pytest.raises(FetchError, match="could not be found"):
        check_url("http://no-such-host.invalid/", settings=settings())


def test_an_allowed_host_may_be_fetched_on_loopback(site: Site) -> None:
    site.pages["/a"] = Page("<p>hello</p>")
    got = fetch(site.url("/a"), settings=settings("127.0.0.1"))
    assert got.status == 200 and got.content == b"<p>hello</p>"
    assert site.seen[0].headers["user-agent"].startswith("Counterclaim/")


def test_the_allow_list_names_hosts_exactly_as_written(site: Site) -> None:
    site.pages["/a"] = Page("x")
    with pytest.raises(Refused):
        fetch(site.url("/a", host="2130706433"), settings=settings("127.0.0.1"))
    with pytest.raises(Refused):
        fetch(site.url("/a", host="localhost"), settings=settings("127.0.0.1"))
    assert site.seen == []


def test_a_redirect_from_an_allowed_host_to_a_private_one_is_refused(site: Site) -> None:
    site.pages["/jump"] = Page(status=302, headers={"Location": f"http://localhost:{site.port}/secret"})
    site.pages["/jump-metadata"] = Page(status=301, headers={"Location": "http://169.254.169.254/latest/"})
    site.pages["/secret"] = Page("secret")
    with pytest.raises(Refused, match=r"localhost resolves to 127\.0\.0\.1"):
        fetch(site.url("/jump"), settings=settings("127.0.0.1"))
    with pytest.raises(Refused, match=r"169\.254\.169\.254"):
        fetch(site.url("/jump-metadata"), settings=settings("127.0.0.1"))
    assert site.hits("/secret") == 0


def test_a_redirect_to_another_scheme_is_refused(site: Site) -> None:
    site.pages["/jump"] = Page(status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(Refused, match="Only http and https"):
        fetch(site.url("/jump"), settings=settings("127.0.0.1"))


def test_a_redirect_chain_is_followed_and_reported(site: Site) -> None:
    site.pages["/1"] = Page(status=301, headers={"Location": "/2"})
    site.pages["/2"] = Page(status=302, headers={"Location": site.url("/3")})
    site.pages["/3"] = Page(status=307, headers={"Location": "/final?x=1"})
    site.pages["/final?x=1"] = Page("done")
    got = fetch(site.url("/1"), settings=settings("127.0.0.1"))
    assert got.content == b"done"
    assert got.final_url == site.url("/final?x=1")
    assert len(got.redirects) == 3


def test_too_many_redirects_are_refused(site: Site) -> None:
    for i in range(10):
        site.pages[f"/{i}"] = Page(status=302, headers={"Location": f"/{i + 1}"})
    with pytest.raises(FetchError, match="redirects more than 3 times"):
        fetch(site.url("/0"), settings=settings("127.0.0.1", fetch_max_redirects=3))
    assert site.hits("/4") == 0


def test_a_huge_page_is_cut_off_at_the_size_limit(site: Site) -> None:
    site.pages["/huge"] = Page("<p>" + "x" * 3_000_000 + "</p>")
    with pytest.raises(FetchError, match="limit is 1,000,000"):
        fetch(site.url("/huge"), settings=settings("127.0.0.1", fetch_max_bytes=1_000_000))


def test_a_page_streamed_without_length_is_cut_off_at_the_size_limit(site: Site) -> None:
    site.pages["/huge"] = Page("y" * 20_000, drip=0.0005)
    with pytest.raises(FetchError, match="over the 5,000-byte limit"):
        fetch(site.url("/huge"), settings=settings("127.0.0.1", fetch_max_bytes=5_000))


def test_a_slow_page_times_out(site: Site) -> None:
    site.pages["/slow"] = Page("late", delay=3)
    with pytest.raises(FetchError, match=r"did not answer within 0\.5 s"):
        fetch(site.url("/slow"), settings=settings("127.0.0.1", fetch_timeout_seconds=0.5))


def test_a_page_dripping_slowly_stops_at_the_overall_time_limit(site: Site) -> None:
    site.pages["/drip"] = Page("z" * 6400, drip=0.1)  # 100 chunks, 10 s in all; each chunk well within the timeout
    with pytest.raises(FetchError, match=r"took longer than 0\.8 s"):
        fetch(site.url("/drip"), settings=settings("127.0.0.1", fetch_timeout_seconds=0.8))


def test_conditional_get_sends_etag_and_last_modified(site: Site) -> None:
    site.pages["/feed"] = Page("<rss/>", etag='"v1"', last_modified="Wed, 01 Oct 2025 10:00:00 GMT")
    first = fetch(site.url("/feed"), settings=settings("127.0.0.1"))
    assert first.headers["etag"] == '"v1"'
    again = fetch(site.url("/feed"), settings=settings("127.0.0.1"), etag='"v1"')
    assert again.not_modified and again.content == b""
    by_date = fetch(site.url("/feed"), settings=settings("127.0.0.1"),
                    last_modified="Wed, 01 Oct 2025 10:00:00 GMT")
    assert by_date.not_modified


def test_the_request_goes_to_the_checked_address_not_a_second_dns_answer(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the first answer is checked; a later, different answer is never used."""
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"] + ["10.255.255.1"] * 10)
    calls: list[str] = []

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "news.rebind.test":
            calls.append(host)
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    site.pages["/a"] = Page("fine")
    got = fetch(f"http://news.rebind.test:{site.port}/a", settings=settings("news.rebind.test",
                                                                             fetch_timeout_seconds=2))
    assert got.content == b"fine"
    assert calls == ["news.rebind.test"]
    assert site.seen[0].headers["host"] == f"news.rebind.test:{site.port}"


def test_a_rebinding_name_is_refused_when_its_checked_answer_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "evil.test":
            return real("8.8.8.8", port, *args, **kwargs) + real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(Refused, match=r"127\.0\.0\.1"):
        check_url("http://evil.test/", settings=settings())


def test_a_unicode_host_name_is_resolved_in_its_idna_form(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(host)
        return real("127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(Refused, match="private, loopback"):
        check_url("http://bücher.example/", settings=settings())
    assert seen == ["xn--bcher-kva.example"]


@pytest.fixture
def tls_site(tmp_path: Any) -> Any:
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    s = Site(tls=context)
    s.thread.start()
    yield s, cert
    s.server.shutdown()
    s.server.server_close()


def test_https_connects_to_the_checked_address_and_verifies_the_host_name(
    tls_site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl

    site, cert = tls_site
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: real(
        "127.0.0.1" if host in ("news.test", "other.test") else host, port, *a, **k))
    site.pages["/a"] = Page("secure")
    trust = ssl.create_default_context(cafile=str(cert))
    allow = settings("news.test,other.test")
    got = fetch(f"https://news.test:{site.port}/a", settings=allow, verify=trust)
    assert got.content == b"secure"
    assert site.seen[-1].headers["host"] == f"news.test:{site.port}"
    # The certificate is checked against the name in the URL, not the address connected to,
    # also after a redirect to another name on the same address.
    with pytest.raises(FetchError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        fetch(f"https://other.test:{site.port}/a", settings=allow, verify=trust)
    site.pages["/jump"] = Page(status=302, headers={"Location": f"https://other.test:{site.port}/a"})
    with pytest.raises(FetchError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        fetch(f"https://news.test:{site.port}/jump", settings=allow, verify=trust)
