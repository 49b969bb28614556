"""Places and organisations: an event the sources place in one town, told in another.

See ``swaps`` for the mechanism and its guards; a place the sources never name counts
only where it stands after the same preposition as the sources' place of that event.
"""
from __future__ import annotations

from ..claims import Claim
from ..findings import Finding
from . import comparator
from .context import Context
from .swaps import swaps


@comparator("place")
def check_places(claim: Claim, ctx: Context) -> list[Finding]:
    return swaps(claim, ctx, ("PLACE",))
