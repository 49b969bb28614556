"""essaycheck: check a history essay's claims against the class's source documents."""
from __future__ import annotations

__version__ = "0.1.0"
