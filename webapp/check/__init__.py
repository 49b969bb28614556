"""The student pages: choose an assignment, paste or upload an essay, read the feedback."""
from .routes import bp

__all__ = ["bp"]
