"""Two changes to the strict Content-Security-Policy, for the LTI pages only: the deep-linking answer's
form posts to the platform's return address, and the pages a platform shows in a frame of its own
(choosing an assignment, a student's work) may be framed by that platform's sites, and no other."""
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
        frames = [o for o in (getattr(g, "lti_frame_origins", None) or []) if _origin(o) == o]
        policy = response.headers.get("Content-Security-Policy")
        if not policy or not (origin or frames):
            return response
        parts = [p.strip() for p in policy.split(";")]
        if origin:
            parts = [f"{p} {origin}" if p.startswith("form-action") else p for p in parts]
        if frames:
            parts = [f"frame-ancestors 'self' {' '.join(frames)}" if p.startswith("frame-ancestors") else p
                     for p in parts]
            response.headers.pop("X-Frame-Options", None)  # the policy's frame-ancestors says who may frame
        response.headers["Content-Security-Policy"] = "; ".join(parts)
        return response

    # Flask calls the app's after_request functions last-registered first: put this one first in the
    # list, so it runs after Talisman's, which sets the policy.
    app.after_request_funcs.setdefault(None, []).insert(0, widen_form_action)
