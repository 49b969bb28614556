"""Assignment packs: a folder of sources, an optional overrides file and an optional rubric."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from .config import Settings
from .dates import TimeValue
from .entities import Entity
from .errors import PackError
from .factbase import FactBase, Source
from .findings import MODES, mode_name
from .reading import read_file

SOURCE_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


@dataclass
class PackInfo:
    """What a pack folder holds, before the fact base is built."""

    id: str
    title: str
    sources: list[Source]
    overrides: dict = field(default_factory=dict)
    rubric_path: Path | None = None
    mode: str | None = None
    day_first: bool = True
    modes: tuple[str, ...] = ("flag", "point", "reveal")


def read_sources(paths: list[str | Path], settings: Settings) -> list[Source]:
    """Read source documents; any bad one stops with a one-line error naming it."""
    sources, seen = [], set()
    for p in paths:
        text = read_file(p, settings.max_source_bytes, "source")
        name = Path(p).name
        if name in seen:
            raise PackError(f"{p}: two sources share the name {name!r}")
        seen.add(name)
        sources.append(Source(name, text))
    if not sources:
        raise PackError("no source documents given")
    return sources


def load_pack(folder: str | Path, settings: Settings) -> PackInfo:
    """Read a pack folder: pack.toml (optional), sources/, overrides.toml, rubric.toml."""
    d = Path(folder)
    if not d.is_dir():
        raise PackError(f"{d}: no such pack folder")
    meta = _toml(d / "pack.toml") if (d / "pack.toml").is_file() else {}
    src_dir = d / "sources" if (d / "sources").is_dir() else d
    paths = sorted(p for p in src_dir.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file()
                   and p.name.lower() not in ("readme.md",))
    if not paths:
        raise PackError(f"{d}: no source documents (.txt, .docx, .pdf) in {src_dir}")
    overrides = _toml(d / "overrides.toml") if (d / "overrides.toml").is_file() else {}
    rubric = d / "rubric.toml" if (d / "rubric.toml").is_file() else None
    mode = meta.get("mode")
    if mode not in (None, "flag", "point", "reveal", "hint"):
        raise PackError(f"{d / 'pack.toml'}: mode must be flag, point or reveal (hint means point)")
    mode = mode_name(mode) if mode else None
    order = meta.get("date_order", "day-first")
    if order not in ("day-first", "month-first"):
        raise PackError(f"{d / 'pack.toml'}: date_order must be day-first or month-first")
    modes = tuple(dict.fromkeys(mode_name(m) for m in meta.get("modes", MODES)))
    if not set(modes) <= set(MODES):
        raise PackError(f"{d / 'pack.toml'}: modes must be chosen from {', '.join(MODES)}")
    sources = read_sources(paths, settings)
    _describe_sources(sources, meta.get("sources", {}), d / "pack.toml")
    return PackInfo(meta.get("id", d.resolve().name), meta.get("title", d.resolve().name.replace("-", " ").title()),
                    sources, overrides, rubric, mode, order == "day-first", modes)


def _describe_sources(sources: list[Source], described: dict, where: Path) -> None:
    """Titles and dates a pack gives its sources: ``[sources."000_notes.txt"] title = "..."``."""
    if not isinstance(described, dict):
        raise PackError(f"{where}: [sources] must be a table of file names")
    by_name = {s.name: s for s in sources}
    for name, info in described.items():
        if name not in by_name:
            raise PackError(f"{where}: [sources] names {name!r}, which is not in the pack's sources")
        if not isinstance(info, dict):
            raise PackError(f"{where}: [sources.{name!r}] must be a table with a title (and a date)")
        if "title" in info:
            by_name[name].given_title = str(info["title"]).strip() or None
        if "date" in info:
            try:
                TimeValue.from_value(str(info["date"]))
            except ValueError:
                raise PackError(f"{where}: [sources.{name!r}] date must be YYYY-MM-DD") from None
            by_name[name].date = str(info["date"])


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML ({exc})") from None


def override_entities(overrides: dict) -> tuple[list[Entity], dict[str, list[str]]]:
    """New entities and extra aliases named by an overrides file."""
    entities = []
    for e in overrides.get("entity", []):
        if "name" not in e:
            raise PackError("overrides: an [[entity]] needs a name")
        label = e.get("label", "OTHER").upper()
        eid = e.get("id") or f"{label.lower()}:{re.sub(r'[^a-z0-9]+', '-', e['name'].lower()).strip('-')}"
        entities.append(Entity(eid, label, e["name"], list(e.get("aliases", [])), origin="pack"))
    aliases = {k: list(v) if isinstance(v, list) else [v] for k, v in overrides.get("aliases", {}).items()}
    return entities, aliases


def apply_fact_overrides(fb: FactBase, overrides: dict) -> None:
    """Correct dates, mark key facts, drop facts and settle conflicts as a teacher asked."""
    if not overrides.get("fact"):
        return  # nothing asked: the facts, their weights and their events stand as built
    by_id = {f.id: f for f in fb.facts}
    drop = set()
    for o in overrides.get("fact", []):
        f = by_id.get(o.get("id", ""))
        if f is None:
            raise PackError(f"overrides: no fact with id {o.get('id')!r} (run `essaycheck facts` to list them)")
        if o.get("drop"):
            drop.add(f.id)
        if "key" in o:
            f.key_override = bool(o["key"])
        if o.get("summary"):
            f.summary = str(o["summary"])
        if o.get("date"):
            try:
                f.date_override = TimeValue.from_value(str(o["date"]))
            except ValueError as exc:
                raise PackError(f"overrides: fact {f.id}: {exc}") from None
        if o.get("prefer"):
            preferred = [r for r in f.readings if r.source == o["prefer"]]
            if not preferred:
                raise PackError(f"overrides: fact {f.id} has no reading from {o['prefer']!r}")
            f.readings = preferred + [r for r in f.readings if r.source != o["prefer"]]
            for c in f.conflicts:
                c["resolved"] = f"teacher prefers {o['prefer']}"
    fb.facts = [f for f in fb.facts if f.id not in drop]
    fb.reweigh()
    fb.regroup()


def overrides_template(fb: FactBase, title: str = "") -> str:
    """A starting overrides file listing every fact, for a teacher to edit."""
    facts = []
    for f in fb.facts:
        entry = {"id": f.id, "text": f.text, "key": f.key}
        if f.date is not None:
            entry["date"] = f.date.value
        if f.conflicts:
            entry["conflicts"] = "; ".join(
                " vs ".join(f"{r['source']}: {r['text']}" for r in c["readings"]) for c in f.conflicts)
        facts.append(entry)
    aliases = {e.name: sorted(set(e.aliases) - {e.name}) for e in fb.registry.entities.values()
               if e.origin != "gazetteer"}
    header = (f"# Fact-base overrides{' for ' + title if title else ''}.\n"
              "# Edit and save as overrides.toml in the pack folder. For each fact you can:\n"
              "#   date = \"1871-03-14\"   correct its date (YYYY-MM-DD, YYYY-MM or YYYY)\n"
              "#   key = true/false      mark or unmark it as a key fact\n"
              "#   drop = true           remove it from the fact base\n"
              "#   prefer = \"file.txt\"   settle a conflict in favour of one source\n"
              "#   summary = \"...\"       a short description shown to students\n"
              "# 'text' and 'conflicts' are for reading only. Under [aliases], add forms of a name.\n\n")
    return header + tomli_w.dumps({"aliases": aliases, "fact": facts})
