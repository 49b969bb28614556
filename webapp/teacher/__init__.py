"""The teacher workspace, one module per area on one blueprint (``common.bp``):

assignments   the dashboard, new assignments, settings, publishing to a class
factbase      an assignment's page: its fact base reviewed in one form, names
rubrics       the rubric form, TOML import and export
batches       uploads, the results table, re-marking, release, exports, the class report
marks         one essay: scores, dismissed flags, comments on sentences, next and previous
public        students' links to released feedback
"""
from . import assignments, batches, factbase, marks, rubrics  # noqa: F401  (each adds its routes to bp)
from .common import bp
from .public import init_public

__all__ = ["bp", "init_public"]
