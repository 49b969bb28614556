"""essaycheck as an LTI 1.3 tool (on pylti1p3), one module per job:

models     the tables: platforms and deployments, the tool's keys, login state, course links, class lists
keys       the tool's RSA keys and the key set published at /lti/jwks
storage    pylti1p3's nonces and launch data, in the database (shared by every process)
config     pylti1p3's tool configuration, read from the registered platforms
launch     checking a log-in and a launch, each refusal with its message and status
people     who a launch is: a teacher account, a course link to an assignment, a student on its list
deeplink   the signed answer to the platform's "add an activity" dialog
services   the class list (NRPS) and the gradebook (AGS)
routes     /lti/login, /lti/launch, /lti/jwks, /lti/pick, /lti/work?t=<token>
commands   `flask --app webapp lti add-platform | list | remove | urls | link-teacher`
headers    the deep-linking page's form may post to its platform
"""
from __future__ import annotations

from flask import Flask

from . import models  # noqa: F401  (the tables are part of the app's metadata)


def init_app(app: Flask) -> None:
    from ..extensions import csrf
    from . import commands, headers, routes

    # The platform posts the log-in and the launch from its own site: they carry a signed token, not
    # this site's CSRF token. The pages it frames (choosing an assignment, a student's work) are reached
    # by an unguessable address (the launch's id, a signed token): that address stands for the CSRF token,
    # since in a frame the browser may send none of this site's cookies.
    for view in (routes.login, routes.launch, routes.pick, routes.work):
        csrf.exempt(view)
    app.register_blueprint(routes.bp)
    commands.init_app(app)
    headers.init_app(app)
