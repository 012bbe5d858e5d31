"""Fetching pages and feeds from the web without becoming a tool against private networks.

Every URL is checked before each request, including each redirect target: http(s) only, and
the host must resolve only to public addresses (no loopback, private, link-local, multicast,
reserved, unspecified or cloud-metadata address, however it is spelled) unless the host is
listed in COUNTERCLAIM_FETCH_ALLOW_HOSTS. The request then goes to the very address that was
checked (the original host name travels in the Host header and TLS SNI), so a DNS answer that
changes between the check and the connection cannot reach a private address.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from app.config import Settings
from app.errors import Invalid

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# NAT64 (RFC 6052) embeds an IPv4 address in its last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Invalid):
    """A URL that could not be fetched, with the reason."""


class Refused(FetchError):
    """A URL that Counterclaim will not fetch (scheme, private address)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP answer after redirects: the final URL, status, headers and body."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: httpx.Headers
    content: bytes
    redirects: tuple[str, ...] = field(default=())

    @property
    def not_modified(self) -> bool:
        """True when a conditional GET answered 304."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ("" when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset named by the Content-Type header, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    # IPv4-compatible (deprecated) ::a.b.c.d, e.g. ::127.0.0.1
    if int(ip) >> 32 == 0 and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip))
    return None


def is_public(ip: IPAddress) -> bool:
    """True when `ip` is a global unicast address (no private, loopback, metadata or special range)."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return False
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return is_public(inner)
    special = (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved
               or ip.is_unspecified)
    if isinstance(ip, ipaddress.IPv6Address):
        special = special or ip.is_site_local
    return ip.is_global and not special


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (IP literals in any spelling the C resolver accepts, too)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"The host {host!r} could not be found ({exc}).") from None
    out: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    if not out:
        raise FetchError(f"The host {host!r} has no address.")
    return out


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL: where to connect and what to send as Host."""

    url: str
    host: str
    port: int
    address: IPAddress

    @property
    def connect_url(self) -> str:
        """The URL with the checked address in place of the host name."""
        parts = urlsplit(self.url)
        literal = f"[{self.address}]" if self.address.version == 6 else str(self.address)
        path = parts.path or "/"
        return f"{parts.scheme}://{literal}:{self.port}{path}" + (f"?{parts.query}" if parts.query else "")

    @property
    def host_header(self) -> str:
        """The Host header: the name as written in the URL, with the port when it is not the default."""
        parts = urlsplit(self.url)
        default = 443 if parts.scheme == "https" else 80
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == default else f"{name}:{self.port}"


def check_url(url: str, *, settings: Settings) -> Target:
    """The checked target of `url`, or Refused when it is not http(s) or reaches a non-public address."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused(f"{url!r} is not a valid URL ({exc}).") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise Refused(f"Only http and https URLs can be fetched, not {parts.scheme or 'a relative address'!r}.")
    if parts.username or parts.password:
        raise Refused("URLs with a user name or password are not fetched.")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise Refused(f"{url!r} has no host.")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")  # the DNS and Host header form of a Unicode name
        except UnicodeError:
            raise Refused(f"{parts.hostname!r} is not a valid host name.") from None
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    addresses = resolve(host, port)
    if host not in settings.allowed_fetch_hosts:
        bad = [ip for ip in addresses if not is_public(ip)]
        if bad:
            raise Refused(
                f"{host} resolves to {bad[0]}, a private, loopback, link-local or reserved address; "
                "Counterclaim does not fetch from such addresses."
            )
    return Target(url=url, host=host, port=port, address=addresses[0])


def fetch(
    url: str,
    *,
    settings: Settings,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    verify: ssl.SSLContext | bool = True,
) -> Fetched:
    """The answer to a GET of `url`, redirects followed (each checked again), body size and time limited."""
    headers = {"User-Agent": settings.fetch_user_agent, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + settings.fetch_timeout_seconds
    redirects: list[str] = []
    current = url.strip()
    while True:
        target = check_url(current, settings=settings)
        # A new client (and connection) per request: a pooled connection is keyed by the address
        # connected to, and must never carry a request for another host name than it was opened for.
        with httpx.Client(timeout=httpx.Timeout(settings.fetch_timeout_seconds), follow_redirects=False,
                          trust_env=False, verify=verify) as http:
            status, answer_headers, body = _get(http, target, headers, settings=settings, deadline=deadline)
        if status in REDIRECTS and "location" in answer_headers:
            if len(redirects) >= settings.fetch_max_redirects:
                raise FetchError(f"{url} redirects more than {settings.fetch_max_redirects} times.")
            current = urljoin(current, answer_headers["location"])
            redirects.append(current)
            continue
        return Fetched(url=url, final_url=current, status=status, headers=answer_headers, content=body,
                       redirects=tuple(redirects))


def _get(
    http: httpx.Client, target: Target, headers: dict[str, str], *, settings: Settings, deadline: float
) -> tuple[int, httpx.Headers, bytes]:
    request_headers = {**headers, "Host": target.host_header}
    extensions = {"sni_hostname": target.host} if target.url.lower().startswith("https") else {}
    try:
        with http.stream("GET", target.connect_url, headers=request_headers, extensions=extensions) as answer:
            declared = answer.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > settings.fetch_max_bytes:
                raise FetchError(f"{target.url} is {int(declared):,} bytes; the limit is "
                                 f"{settings.fetch_max_bytes:,}.")
            chunks: list[bytes] = []
            size = 0
            for chunk in answer.iter_bytes():
                size += len(chunk)
                if size > settings.fetch_max_bytes:
                    raise FetchError(f"{target.url} is over the {settings.fetch_max_bytes:,}-byte limit.")
                if time.monotonic() > deadline:
                    raise FetchError(f"{target.url} took longer than {settings.fetch_timeout_seconds:g} s.")
                chunks.append(chunk)
            return answer.status_code, answer.headers, b"".join(chunks)
    except httpx.TimeoutException:
        raise FetchError(f"{target.url} did not answer within {settings.fetch_timeout_seconds:g} s.") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{target.url} could not be fetched: {exc.__class__.__name__}: {exc}.") from None
