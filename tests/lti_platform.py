"""A small LTI 1.3 platform for the tests, served over real HTTP on loopback, as Moodle or Canvas would be.

It is built on PyJWT and jwcrypto (not on essaycheck or pylti1p3) and does what a platform does:

- ``/start/<hint>``: a course page's link to the tool: a redirect to the tool's OIDC login URL;
- ``/auth``: the OIDC authorisation endpoint: checks the tool's request (client id, redirect URI,
  state, nonce) and answers with a page whose form posts the signed id_token to the tool, as
  real platforms do (the form submits itself in a browser);
- ``/jwks``: its public key set;
- ``/token``: client_credentials with a JWT assertion: the assertion's signature is checked
  against the key the tool publishes at its own JWKS URL (fetched over HTTP), then a bearer
  token is issued for the scopes asked;
- ``/nrps/<context>``: the class list, for that bearer token only;
- ``/lineitems``, ``/lineitems/<id>``, ``/lineitems/<id>/scores``: the gradebook;
- ``/deep-link-return``: the tool's signed deep-linking answer, checked the same way; each
  ltiResourceLink it names becomes an activity (with its custom parameters and gradebook column).

Everything it receives is recorded for the tests to assert on.
"""
from __future__ import annotations

import html
import json
import secrets
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import jwt
import requests
from jwcrypto.jwk import JWK
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
AGS_SCOPES = ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
              "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
              "https://purl.imsglobal.org/spec/lti-ags/scope/score"]
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"


def _key() -> tuple[JWK, str, str]:
    k = JWK.generate(kty="RSA", size=2048)
    return k, k.export_to_pem(private_key=True, password=None).decode(), k.thumbprint()


class Platform:
    client_id = "essaycheck-tool"
    deployment_id = "deployment-1"
    context = {"id": "course-101", "title": "History 10A", "label": "HIS10A"}

    def __init__(self):
        self.key, self.private_pem, self.kid = _key()
        self.rogue_pem = _key()[1]  # a key the platform never published
        self.tool = ""  # the tool's base URL, set by the test
        self.users = {
            "t1": {"name": "Tess Teacher", "email": "tess@school.example", "roles": [INSTRUCTOR]},
            "s1": {"name": "Sam Student", "email": "sam@school.example", "roles": [LEARNER]},
            "s2": {"name": "Ria Reader", "email": "ria@school.example", "roles": [LEARNER]},
            "s3": {"name": "Noor Nosubmit", "email": "noor@school.example", "roles": [LEARNER]},
        }
        self.pending: dict[str, dict] = {}  # login hint -> the launch it stands for
        self.links: dict[str, dict] = {}  # resource link id -> title, custom, line item id
        self.lineitems: dict[str, dict] = {}
        self.tokens: dict[str, set[str]] = {}  # bearer token -> scopes
        self.scores: list[dict] = []  # {"lineitem", "body", "token", "content_type"}
        self.roster_reads: list[str] = []  # the bearer token each class-list read carried
        self.deep_link_items: list[dict] = []
        self.refusals: list[str] = []  # what the platform refused, and why
        self.assertions: set[str] = set()  # jti of client assertions seen (each once)
        self.last_form: dict | None = None  # the last id_token form sent to a browser
        self._lock = threading.Lock()

    # -- serving --------------------------------------------------------------------------------

    def start(self) -> "Platform":
        self._server = make_server("127.0.0.1", 0, self.wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self.issuer = self.url
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def wsgi(self, environ, start_response):
        req = Request(environ)
        path = req.path
        try:
            if path == "/jwks":
                resp = self._json({"keys": [self._public_jwk()]})
            elif path.startswith("/start/"):
                resp = self._start(path.rsplit("/", 1)[1])
            elif path == "/auth":
                resp = self._auth(req)
            elif path == "/token" and req.method == "POST":
                resp = self._token(req)
            elif path.startswith("/nrps/"):
                resp = self._nrps(req, path.rsplit("/", 1)[1])
            elif path == "/lineitems":
                resp = self._lineitems(req)
            elif path.startswith("/lineitems/") and path.endswith("/scores") and req.method == "POST":
                resp = self._score(req, path.split("/")[2])
            elif path.startswith("/lineitems/"):
                item = self.lineitems.get(path.split("/")[2])
                resp = self._json(item) if item else Response("no such line item", 404)
            elif path == "/deep-link-return" and req.method == "POST":
                resp = self._deep_link_return(req)
            else:
                resp = Response("not found", 404)
        except _Refuse as exc:
            self.refusals.append(f"{path}: {exc}")
            resp = Response(str(exc), exc.status)
        return resp(environ, start_response)

    # -- launches -------------------------------------------------------------------------------

    def prepare(self, user: str, kind: str = "resource", link: str | None = None, custom: dict | None = None,
                tamper: str | None = None, context: dict | None = None) -> str:
        """A launch for ``user`` to start at /start/<hint>: "resource" (an activity) or "deep" (add one).

        ``tamper``: "signature" (signed with a key the platform never published), "expired",
        "deployment" (a deployment id the tool was never given).
        """
        hint = secrets.token_urlsafe(8)
        self.pending[hint] = {"user": user, "kind": kind, "link": link, "custom": custom, "tamper": tamper,
                              "context": context or self.context}
        return hint

    def start_url(self, hint: str) -> str:
        return f"{self.url}/start/{hint}"

    def _start(self, hint: str) -> Response:
        launch = self.pending[hint]
        params = {"iss": self.issuer, "login_hint": launch["user"], "lti_message_hint": hint,
                  "target_link_uri": f"{self.tool}/lti/launch", "client_id": self.client_id,
                  "lti_deployment_id": self.deployment_id}
        return Response(status=302, headers={"Location": f"{self.tool}/lti/login?{urlencode(params)}"})

    def _auth(self, req: Request) -> Response:
        a = req.args
        expected = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post", "prompt": "none",
                    "client_id": self.client_id, "redirect_uri": f"{self.tool}/lti/launch"}
        for name, value in expected.items():
            if a.get(name) != value:
                raise _Refuse(400, f"bad {name}: {a.get(name)!r}")
        if not a.get("state") or not a.get("nonce"):
            raise _Refuse(400, "state and nonce are required")
        launch = self.pending.get(a.get("lti_message_hint", ""))
        if launch is None or launch["user"] != a.get("login_hint"):
            raise _Refuse(400, "unknown login hint")
        token = self.id_token(launch, a["nonce"])
        self.last_form = {"action": a["redirect_uri"], "id_token": token, "state": a["state"]}
        page = (f'<!doctype html><html lang="en"><head><title>Launching</title></head><body>'
                f'<form id="launch" method="post" action="{html.escape(a["redirect_uri"])}">'
                f'<input type="hidden" name="id_token" value="{html.escape(token)}">'
                f'<input type="hidden" name="state" value="{html.escape(a["state"])}">'
                f'<noscript><button type="submit">Continue</button></noscript></form>'
                f'<script>document.getElementById("launch").submit();</script></body></html>')
        return Response(page, content_type="text/html")

    def id_token(self, launch: dict, nonce: str) -> str:
        user = self.users[launch["user"]]
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": [self.client_id], "azp": self.client_id, "sub": launch["user"],
            "iat": now - 5, "exp": now + 300, "nonce": nonce, "name": user["name"], "email": user["email"],
            LTI + "deployment_id": self.deployment_id, LTI + "version": "1.3.0", LTI + "roles": user["roles"],
            LTI + "context": launch["context"],
            LTI + "target_link_uri": f"{self.tool}/lti/launch",
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
                "context_memberships_url": f"{self.url}/nrps/{launch['context']['id']}",
                "service_versions": ["2.0"]},
        }
        if launch["kind"] == "deep":
            claims[LTI + "message_type"] = "LtiDeepLinkingRequest"
            claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": f"{self.url}/deep-link-return", "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"], "accept_multiple": False,
                "data": "platform-opaque-data"}
        else:
            link = self.links.get(launch["link"] or "", {"title": "Essay", "custom": {}, "lineitem": None})
            claims[LTI + "message_type"] = "LtiResourceLinkRequest"
            claims[LTI + "resource_link"] = {"id": launch["link"] or "link-without-tool-data",
                                             "title": link["title"]}
            claims[LTI + "custom"] = launch["custom"] if launch["custom"] is not None else link["custom"]
            ags = {"scope": AGS_SCOPES, "lineitems": f"{self.url}/lineitems"}
            if link.get("lineitem"):
                ags["lineitem"] = f"{self.url}/lineitems/{link['lineitem']}"
            claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = ags
        key = self.private_pem
        if launch["tamper"] == "signature":
            key = self.rogue_pem
        elif launch["tamper"] == "expired":
            claims["iat"], claims["exp"] = now - 900, now - 600
        elif launch["tamper"] == "deployment":
            claims[LTI + "deployment_id"] = "a-deployment-nobody-registered"
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    # -- what the tool calls ----------------------------------------------------------------------

    def _public_jwk(self) -> dict:
        jwk = json.loads(self.key.export_public())
        jwk.update(kid=self.kid, alg="RS256", use="sig")
        return jwk

    def _tool_claims(self, token: str, audience: str) -> dict:
        """A JWT the tool signed, checked against the key set the tool publishes (fetched over HTTP)."""
        header = jwt.get_unverified_header(token)
        keys = requests.get(f"{self.tool}/lti/jwks", timeout=10).json()["keys"]
        match = [k for k in keys if k.get("kid") == header.get("kid")]
        if not match:
            raise _Refuse(401, "no tool key has that kid")
        public = JWK(**match[0]).export_to_pem()
        try:
            return jwt.decode(token, public, algorithms=["RS256"], audience=audience, issuer=self.client_id)
        except jwt.InvalidTokenError as exc:
            raise _Refuse(401, f"the tool's JWT does not verify: {exc}") from None

    def _token(self, req: Request) -> Response:
        f = req.form
        if f.get("grant_type") != "client_credentials" or \
                f.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
            raise _Refuse(400, "unsupported grant")
        claims = self._tool_claims(f.get("client_assertion", ""), f"{self.url}/token")
        if claims.get("sub") != self.client_id or not claims.get("jti"):
            raise _Refuse(401, "bad assertion subject or jti")
        with self._lock:
            if claims["jti"] in self.assertions:
                raise _Refuse(401, "assertion replayed")
            self.assertions.add(claims["jti"])
            token = secrets.token_urlsafe(24)
            self.tokens[token] = set((f.get("scope") or "").split())
        return self._json({"access_token": token, "token_type": "Bearer", "expires_in": 3600,
                           "scope": " ".join(sorted(self.tokens[token]))})

    def _bearer(self, req: Request, scope: str) -> str:
        auth = req.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if token not in self.tokens:
            raise _Refuse(401, "no valid bearer token")
        if scope not in self.tokens[token]:
            raise _Refuse(403, f"the token lacks {scope}")
        return token

    def _nrps(self, req: Request, context_id: str) -> Response:
        token = self._bearer(req, NRPS_SCOPE)
        self.roster_reads.append(token)
        members = [{"status": "Active", "user_id": sub, "name": u["name"], "email": u["email"], "roles": u["roles"]}
                   for sub, u in self.users.items()]
        body = {"id": f"{self.url}/nrps/{context_id}", "context": dict(self.context), "members": members}
        return Response(json.dumps(body), content_type="application/vnd.ims.lti-nrps.v2.membershipcontainer+json")

    def _lineitems(self, req: Request) -> Response:
        if req.method == "POST":
            self._bearer(req, AGS_SCOPES[0])
            item = json.loads(req.get_data(as_text=True))
            return self._json(self._new_lineitem(item), 201)
        self._bearer(req, AGS_SCOPES[0])
        return Response(json.dumps(list(self.lineitems.values())),
                        content_type="application/vnd.ims.lis.v2.lineitemcontainer+json")

    def _new_lineitem(self, item: dict) -> dict:
        ident = uuid.uuid4().hex[:8]
        self.lineitems[ident] = dict(item, id=f"{self.url}/lineitems/{ident}")
        return self.lineitems[ident]

    def _score(self, req: Request, ident: str) -> Response:
        token = self._bearer(req, AGS_SCOPES[2])
        if ident not in self.lineitems:
            raise _Refuse(404, "no such line item")
        self.scores.append({"lineitem": ident, "body": json.loads(req.get_data(as_text=True)), "token": token,
                            "content_type": req.headers.get("Content-Type")})
        return Response("", 204)

    def _deep_link_return(self, req: Request) -> Response:
        claims = self._tool_claims(req.form.get("JWT", ""), self.issuer)
        if claims.get(LTI + "message_type") != "LtiDeepLinkingResponse":
            raise _Refuse(400, "not a deep-linking response")
        if claims.get(LTI + "deployment_id") != self.deployment_id or not claims.get("nonce"):
            raise _Refuse(400, "wrong deployment or no nonce")
        items = claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/content_items") or []
        for item in items:
            self.deep_link_items.append(item)
            if item.get("type") == "ltiResourceLink":
                link_id = f"link-{uuid.uuid4().hex[:6]}"
                lineitem = None
                if item.get("lineItem"):
                    made = self._new_lineitem(dict(item["lineItem"], resourceLinkId=link_id))
                    lineitem = made["id"].rsplit("/", 1)[1]
                self.links[link_id] = {"title": item.get("title"), "custom": item.get("custom") or {},
                                       "lineitem": lineitem}
        return Response(f"<!doctype html><title>Added</title><p>{len(items)} activity added.</p>",
                        content_type="text/html")

    @staticmethod
    def _json(body, status: int = 200) -> Response:
        return Response(json.dumps(body), status=status, content_type="application/json")


class _Refuse(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@contextmanager
def serve_tool(platform: Platform, **config):
    """essaycheck under a real WSGI server, on its own SQLite database, with the platform registered by the
    admin command; the app, whose ``TOOL_URL`` is where the platform reaches it."""
    from support import served
    from webapp import create_app

    db_file = Path(tempfile.mkdtemp(prefix="essaycheck-lti-")) / "db.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}", **config})
    with served(app) as url:
        app.config["TOOL_URL"] = platform.tool = url
        register(app, platform)
        yield app


def register(app, platform: Platform) -> None:
    """Register the platform with the tool the way an administrator does: the `flask lti add-platform` command."""
    result = app.test_cli_runner().invoke(args=[
        "lti", "add-platform", "--name", "Test platform", "--issuer", platform.issuer,
        "--client-id", platform.client_id, "--deployment-id", platform.deployment_id,
        "--auth-url", f"{platform.url}/auth", "--token-url", f"{platform.url}/token",
        "--jwks-url", f"{platform.url}/jwks"])
    assert result.exit_code == 0, result.output


def form_of(page: str) -> tuple[str, dict]:
    """The action and hidden fields of the page's first form (past the log-out button): what a browser posts."""
    from html.parser import HTMLParser

    class Parse(HTMLParser):
        action, fields, inside = None, {}, False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form" and self.action is None and not (a.get("action") or "").endswith("/logout"):
                self.action, self.inside = a.get("action"), True
            elif tag == "input" and self.inside and a.get("type") == "hidden" and a.get("name"):
                self.fields[a["name"]] = a.get("value", "")

        def handle_endtag(self, tag):
            if tag == "form":
                self.inside = False

    p = Parse()
    p.fields = {}
    p.feed(page)
    return p.action, p.fields
