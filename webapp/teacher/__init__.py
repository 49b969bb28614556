"""The teacher workspace."""
from .routes import bp, init_public

__all__ = ["bp", "init_public"]
