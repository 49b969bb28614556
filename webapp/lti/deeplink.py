"""Deep linking: the teacher chose an assignment in the platform's "add an activity" dialog; the tool
answers with a signed LtiDeepLinkingResponse naming an activity that opens it, with a gradebook column."""
from __future__ import annotations

from flask import url_for
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from ..models import Assignment
from ..workspace import rubric_for
from .people import CUSTOM_KEY, custom_value


def response(launch, a: Assignment) -> tuple[str, str]:
    """(the platform's return URL, the signed response JWT) for an activity opening ``a``."""
    dl = launch.get_deep_link()
    rubric = rubric_for(a)
    maximum = sum(c.max * c.weight for c in rubric.criteria)
    resource = (DeepLinkResource().set_url(url_for("lti.launch", _external=True)).set_title(a.title)
                .set_custom_params({CUSTOM_KEY: custom_value(a)}).set_target("window")
                .set_lineitem(LineItem().set_label(a.title).set_score_maximum(maximum)
                              .set_resource_id(f"essaycheck-assignment-{a.id}")))
    settings = dl._deep_link_settings
    return settings["deep_link_return_url"], dl.get_response_jwt([resource])
