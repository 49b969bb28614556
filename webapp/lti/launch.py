"""Checking a launch: pylti1p3 does each step of LTI 1.3's checks; this says which step refused it,
in words a teacher can pass on to the school's administrator, and with the right HTTP status."""
from __future__ import annotations

from flask import request
from pylti1p3.contrib.flask import FlaskMessageLaunch, FlaskOIDCLogin, FlaskRequest
from pylti1p3.exception import LtiException, OIDCException

from .config import DatabaseToolConf
from .storage import DatabaseStorage

LAUNCH_LIFETIME = 2 * 3600  # how long a launch's data serves the pages it leads to (deep linking)


class Refused(Exception):
    """A login or launch the tool will not accept: the status and a message for the error page."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _refuse(status: int, message: str):
    def wrap(step):
        def checked(self):
            try:
                return step(self)
            except Refused:
                raise
            except (LtiException, AssertionError) as exc:
                raise Refused(status, f"{message} ({exc})") from exc
        return checked
    return wrap


class Launch(FlaskMessageLaunch):
    """A message launch whose refusals say what was wrong; an accepted one uses up its nonce."""

    validate_state = _refuse(401, "This launch did not start from a log-in here, or it took too long. "
                                  "Open the activity from your course again")(FlaskMessageLaunch.validate_state)
    validate_jwt_format = _refuse(400, "The platform's launch message could not be read")(
        FlaskMessageLaunch.validate_jwt_format)
    validate_nonce = _refuse(401, "This launch has already been used, or its log-in has expired. "
                                  "Open the activity from your course again")(FlaskMessageLaunch.validate_nonce)
    validate_registration = _refuse(403, "essaycheck is not registered with this platform. Ask the school's "
                                         "administrator to register it")(FlaskMessageLaunch.validate_registration)
    validate_jwt_signature = _refuse(401, "The launch message's signature is not valid or it has expired. "
                                          "Open the activity from your course again")(
        FlaskMessageLaunch.validate_jwt_signature)
    validate_deployment = _refuse(403, "This deployment of essaycheck is not registered. Ask the school's "
                                       "administrator to add its deployment id")(FlaskMessageLaunch.validate_deployment)
    validate_message = _refuse(400, "The platform's launch message is missing something essaycheck needs")(
        FlaskMessageLaunch.validate_message)

    def save_launch_data(self):
        nonce = self._get_jwt_body().get("nonce")
        if not self._session_service.data_storage.consume(self._session_service._get_key("nonce", nonce)):
            raise Refused(401, "This launch has already been used. Open the activity from your course again.")
        return super().save_launch_data()


def storage() -> DatabaseStorage:
    return DatabaseStorage()


def message_launch() -> Launch:
    """The launch posted to this request, not yet checked."""
    tool_request = FlaskRequest(request_data=request.form if request.method == "POST" else request.args)
    launch = Launch(tool_request, DatabaseToolConf(), launch_data_storage=storage())
    launch.set_launch_data_lifetime(LAUNCH_LIFETIME)
    return launch


def restored(launch_id: str) -> Launch:
    """A launch accepted earlier (its data kept for the pages it leads to), or Refused."""
    try:
        return Launch.from_cache(launch_id, FlaskRequest(), DatabaseToolConf(), launch_data_storage=storage())
    except LtiException as exc:
        raise Refused(400, "This launch has expired: open the activity from your course again.") from exc


def oidc_redirect(target_link_uri: str):
    """The redirect to the platform's authorisation page for a third-party-initiated login."""
    params = request.form if request.method == "POST" else request.args
    login = FlaskOIDCLogin(FlaskRequest(request_data=params), DatabaseToolConf(), launch_data_storage=storage())
    try:
        return login.redirect(target_link_uri)
    except OIDCException as exc:
        text = str(exc)
        status = 403 if "registration" in text.lower() else 400
        raise Refused(status, "essaycheck cannot start this log-in: "
                              + ("this platform is not registered here. Ask the school's administrator to "
                                 "register it." if status == 403 else text.rstrip(".") + "."))
