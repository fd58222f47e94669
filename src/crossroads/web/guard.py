"""What makes the server safe to expose: Host checks, a write token, HEAD.

Loopback is the default and needs none of this; `crossroads serve --host 0.0.0.0` does. The
Host header is checked with starlette's TrustedHostMiddleware (a page on another site that
points a name at this server, DNS rebinding, gets a 400) and request bodies are bounded by
FastAPI's own max_body_size (read as they stream in); the rest are small ASGI wrappers.
"""

from __future__ import annotations

import hmac
import json
import socket

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
WILDCARDS = ("0.0.0.0", "::", "")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES or host.startswith("127.")


def allowed_hosts(host: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Host header values to accept: loopback, the bound name (for a wildcard bind, this
    machine's own name), and any the operator adds (a proxy's public name, say)."""
    names = list(LOOPBACK_NAMES)
    if host in WILDCARDS:
        names += [socket.gethostname(), socket.getfqdn()]
        try:  # and this machine's addresses, as a browser on the network would write them
            names += socket.gethostbyname_ex(socket.gethostname())[2]
        except OSError:
            pass
    else:
        names.append(host if ":" not in host or host.startswith("[") else f"[{host}]")
    names += [h.strip() for h in extra if h.strip()]
    return list(dict.fromkeys(n for n in names if n))


def _error(status: int, error: str, headers: dict[str, str] | None = None) -> tuple[Message, bytes]:
    body = json.dumps({"status": status, "error": error, "param": None}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return {"type": "http.response.start", "status": status, "headers": raw}, body


class WriteToken:
    """Every request that may change the store (not GET/HEAD/OPTIONS) must carry
    ``Authorization: Bearer TOKEN`` when the server has a token."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.token = app, token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            given = dict(scope["headers"]).get(b"authorization", b"")
            scheme, _, value = given.partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(value.strip(), self.token):
                start, body = _error(
                    401,
                    "this server takes writes only with its token: send "
                    "'Authorization: Bearer TOKEN'",
                    {"WWW-Authenticate": "Bearer"},
                )
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """HEAD answers what GET would, without the body (FastAPI routes list GET only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
