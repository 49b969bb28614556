"""The web app's layout: no import circles between its modules, and the teacher workspace split by area."""
from __future__ import annotations

import ast
from pathlib import Path

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"


def _module(path: Path) -> str:
    parts = path.relative_to(WEBAPP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each webapp module -> the webapp modules it imports anywhere in it (inside functions too)."""
    modules = {_module(p): p for p in WEBAPP.rglob("*.py") if "migrations" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [f"{base}.{a.name}" for a in node.names] + [base]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, path + [nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_no_two_web_modules_import_each_other_even_inside_a_function():
    graph = _imports()
    assert "webapp.tasks" not in graph["webapp.jobs"] and "webapp.runner" not in graph["webapp.jobs"]
    # A package importing its own submodules is not a circle; a module importing its package's __init__ would be.
    submodule_edges = {k: {t for t in v if not k.startswith(t + ".") and not t.startswith(k + ".")}
                       for k, v in graph.items()}
    assert _cycle(submodule_edges) is None


def test_the_teacher_workspace_has_a_module_per_area():
    teacher = WEBAPP / "teacher"
    assert not (teacher / "routes.py").exists()
    for area in ("assignments", "factbase", "rubrics", "batches", "marks", "public"):
        assert (teacher / f"{area}.py").is_file(), area
    assert max(len(p.read_text().splitlines()) for p in teacher.glob("*.py")) < 250
