"""One change to the strict Content-Security-Policy: the deep-linking answer's form posts to the
platform's return address, so that page (and only it) lets forms go to the platform's origin."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, g


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def init_app(app: Flask) -> None:
    def widen_form_action(response):
        origin = _origin(getattr(g, "lti_form_action", "") or "")
        policy = response.headers.get("Content-Security-Policy")
        if origin and policy:
            parts = [p.strip() for p in policy.split(";")]
            parts = [f"{p} {origin}" if p.startswith("form-action") else p for p in parts]
            response.headers["Content-Security-Policy"] = "; ".join(parts)
        return response

    # Flask calls the app's after_request functions last-registered first: put this one first in the
    # list, so it runs after Talisman's, which sets the policy.
    app.after_request_funcs.setdefault(None, []).insert(0, widen_form_action)
