"""The client's address, taken in this one place for every use: rate limits, the login lockout, allauth's own
limits, the admin's staff network.

A forwarded header is only as honest as whoever wrote it: X-Forwarded-For is read only behind the number of reverse
proxies the deployment declares (TRUSTED_PROXY_COUNT, default 0: no forwarded header is trusted), and, when
TRUSTED_PROXY_NETWORKS is set, only on connections that come from one of those networks. Each trusted proxy appends
the address it was reached from, so the client's address is the one the outermost trusted proxy appended; whatever
a client wrote further left is ignored (django-ipware parses the header).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def in_networks(address: str, networks: list[str]) -> bool:
    """Whether ``address`` lies in one of ``networks`` (CIDR); an unreadable address lies in none."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address of the person's device as far as the deployment's trusted proxies vouch for it."""
    peer = str(request.META.get("REMOTE_ADDR") or "")
    proxies: int = settings.TRUSTED_PROXY_COUNT
    networks: list[str] = settings.TRUSTED_PROXY_NETWORKS
    if proxies <= 0 or (networks and not in_networks(peer, networks)):
        return peer
    # The nearest proxy is the peer itself and appears in no header: ipware counts only the proxies listed in it.
    forwarded, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return forwarded or peer
