"""Security headers on every response, set by Flask-Talisman.

The pages work without JavaScript and load their one script and their style sheets from
this server, so the policy allows nothing inline and nothing from elsewhere. HTTPS is left
to the proxy in front (see docs/deploy.md): Talisman does not redirect, and marks cookies
Secure only when ESSAYCHECK_SECURE_COOKIES says the site is served over HTTPS.
"""
from __future__ import annotations

from flask import Flask
from flask_talisman import Talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # the empty favicon is a data: address
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_app(app: Flask) -> None:
    # One Talisman per app: it keeps the app and its options on itself.
    app.extensions["talisman"] = Talisman(
        app,
        force_https=False,
        session_cookie_secure=bool(app.config.get("SESSION_COOKIE_SECURE")),
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="same-origin",  # a released-feedback link is a secret: never sent to another site
        x_content_type_options=True,
    )
