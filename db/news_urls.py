"""One spelling per article link, so that the same story reached through another feed, a
newsletter's tracking link or a pasted copy is known as already read."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "_hs", "pk_", "mtm_", "at_")
"""Query parameters that say where the reader came from, not what they read."""
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "twclid",
        "ocid",
        "cmpid",
        "smid",
        "ito",
        "taid",
        "_ga",
        "_gl",
        "mkt_tok",
        "oly_enc_id",
        "oly_anon_id",
        "vero_id",
        "ref_src",
        "ref_url",
        "__twitter_impression",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """The link as a comparable key: scheme and host in lower case, no default port, no
    fragment, no tracking parameters (the rest sorted), no trailing slash. A text that is
    not a web address comes back stripped and otherwise as it was."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _tracking(name)
    ]
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)
