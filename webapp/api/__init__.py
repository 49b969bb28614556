"""The JSON API, version 1, as ../shared/CONTRACT.md describes it."""
from .routes import bp

__all__ = ["bp"]
