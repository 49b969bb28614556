"""A batch upload read safely: essay files, a .zip of them, or a CSV with one essay per row.

Nothing is written to disk: every file, and every member of a zip, is read into memory
under size and count limits. A zip that tries to escape (``../``, absolute paths,
symlinks), expands too far (a zip bomb) or nests other zips is refused whole, so nothing
of it is stored; a single unreadable essay is listed with its reason and the rest go on.
"""
from __future__ import annotations

import csv
import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from essaycheck.errors import InputError
from essaycheck.reading import clean_line, decode_text, extract_text

ESSAY_TYPES = (".txt", ".docx", ".pdf")
STUDENT_COLUMNS = ("student", "name", "student_name", "pupil")
ESSAY_COLUMNS = ("essay", "text", "answer")
MAX_STUDENT = 200  # the lengths the database keeps
MAX_FILENAME = 255
# zipfile expands a 4 KB read of an LZMA or bzip2 member into all the output it holds, so only
# the methods every zip tool uses by default are opened.
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 2_000_000
    max_files: int = 500
    max_total_bytes: int = 50_000_000  # all essays of one upload, unpacked
    max_ratio: int = 100  # a member may not expand more than this
    max_empty_rows: int = 1_000  # blank rows a CSV may have (skipped); more is not a class list


@dataclass
class Incoming:
    student: str
    filename: str | None
    text: str


@dataclass
class Problem:
    filename: str
    reason: str


class UploadRefused(Exception):
    """The whole upload is refused; nothing of it is stored."""


def student_from_filename(filename: str) -> str:
    """"anna_smith.txt" -> "Anna Smith"; "Smith, Anna - essay 1.docx" keeps its words."""
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    words = clean_line(re.sub(r"[_\-.]+", " ", stem), MAX_STUDENT)
    return words.title() if words.islower() else (words or "Unnamed")


def read_upload(files: list[tuple[str, bytes]], limits: Limits = Limits()) -> tuple[list[Incoming], list[Problem]]:
    """Essays and problems from uploaded (filename, bytes) pairs."""
    essays: list[Incoming] = []
    problems: list[Problem] = []
    total = 0
    for name, data in files:
        name = clean_line(name, MAX_FILENAME)
        suffix = PurePosixPath(name).suffix.lower()
        total += len(data)
        if suffix == ".zip":
            e, p = _read_zip(name, data, limits)
        elif suffix == ".csv":
            e, p = _read_csv(name, data, limits)
        else:
            e, p = _read_essay(name, data, limits)
        essays += e
        problems += p
        if len(essays) > limits.max_files:
            raise UploadRefused(f"more than {limits.max_files} essays in one upload; split it into smaller ones")
        if total > limits.max_total_bytes:
            raise UploadRefused(f"the upload is over {limits.max_total_bytes // 1_000_000} MB; split it")
    if not essays and not problems:
        raise UploadRefused("no files were uploaded")
    return essays, problems


def read_essay_file(name: str, data: bytes, max_bytes: int) -> str:
    """The text of one essay file (.txt, .docx or .pdf), or an InputError that starts with its name."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in ESSAY_TYPES:
        raise InputError(f"{name}: files of type {suffix or '(none)'} cannot be checked; use .txt, .docx or .pdf",
                         "unsupported_type")
    text = extract_text(data, name, max_bytes)
    if not text.strip():
        raise InputError(f"{name}: the file has no text in it", "essay_empty")
    return text


def _read_essay(name: str, data: bytes, limits: Limits) -> tuple[list[Incoming], list[Problem]]:
    name = clean_line(name, MAX_FILENAME)
    try:
        text = read_essay_file(name, data, limits.max_file_bytes)
    except InputError as exc:
        return [], [Problem(name, str(exc).removeprefix(f"{name}: "))]
    return [Incoming(student_from_filename(name), PurePosixPath(name).name, text)], []


def _read_zip(name: str, data: bytes, limits: Limits) -> tuple[list[Incoming], list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise UploadRefused(f"{name}: is not a readable .zip file") from None
    files = [m for m in members if not m.is_dir()]
    if len(files) > limits.max_files:
        raise UploadRefused(f"{name}: holds {len(files)} files; the limit is {limits.max_files}")
    declared = 0
    for m in files:
        path, shown = m.filename.replace("\\", "/"), clean_line(m.filename, 120)
        if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in PurePosixPath(path).parts:
            raise UploadRefused(f"{name}: refused, it has a file outside its own folder ({shown})")
        if stat.S_ISLNK(m.external_attr >> 16):
            raise UploadRefused(f"{name}: refused, it holds a symbolic link ({shown})")
        if m.compress_type not in ZIP_METHODS:
            raise UploadRefused(f"{name}: refused, {shown} is compressed with a method other than the usual "
                                f"one (deflate); make the zip again with your computer's own zip tool")
        declared += m.file_size
        if m.file_size > limits.max_file_bytes or (m.compress_size and m.file_size / m.compress_size > limits.max_ratio
                                                   and m.file_size > 1_000_000):
            raise UploadRefused(f"{name}: refused, {shown} expands to {m.file_size // 1_000_000} MB")
    if declared > limits.max_total_bytes:
        raise UploadRefused(f"{name}: refused, it expands to over {limits.max_total_bytes // 1_000_000} MB")
    essays, problems = [], []
    for m in files:
        base = PurePosixPath(m.filename.replace("\\", "/")).name
        if base.startswith(".") or m.filename.startswith("__MACOSX/"):
            continue  # hidden files and macOS resource forks are not essays
        if base.lower().endswith(".zip"):
            problems.append(Problem(clean_line(m.filename, MAX_FILENAME),
                                    "a zip inside a zip is not opened; upload it on its own"))
            continue
        shown = clean_line(m.filename, 120)
        try:
            with archive.open(m) as fh:
                content = fh.read(limits.max_file_bytes + 1)  # never trust the declared size
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError) as exc:
            # A bad checksum, a damaged stream, a password: this file is listed, the others go on.
            problems.append(Problem(clean_line(m.filename, MAX_FILENAME),
                                    f"could not be unpacked from the zip ({type(exc).__name__})"))
            continue
        if len(content) > limits.max_file_bytes:
            raise UploadRefused(f"{name}: refused, {shown} is larger than it says")
        e, p = _read_essay(m.filename, content, limits)
        essays += e
        problems += p
    return essays, problems


def _lines(text: str):
    """The text's lines one at a time (an io.StringIO would hold a copy four times its size)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _read_csv(name: str, data: bytes, limits: Limits) -> tuple[list[Incoming], list[Problem]]:
    """One essay per row, read row by row: refused at the first row past the limits, not after."""
    try:
        text = decode_text(data, name)
    except InputError as exc:
        raise UploadRefused(f"{exc}") from None
    reader = csv.reader(_lines(text))
    try:
        header = next(reader, [])
        columns = {c.strip().lower(): i for i, c in enumerate(header) if c}
        student_col = next((columns[c] for c in STUDENT_COLUMNS if c in columns), None)
        essay_col = next((columns[c] for c in ESSAY_COLUMNS if c in columns), None)
        if student_col is None or essay_col is None:
            need = []
            if student_col is None:
                need.append("a student column (" + " or ".join(STUDENT_COLUMNS) + ")")
            if essay_col is None:
                need.append("an essay column (" + " or ".join(ESSAY_COLUMNS) + ")")
            found = clean_line(", ".join(header), 300) or "none"
            raise UploadRefused(f"{name}: needs {' and '.join(need)}; its columns are: {found}")
        essays, problems, empty = [], [], 0
        for row in reader:
            cell = lambda i: row[i].strip() if i < len(row) else ""  # noqa: E731
            if not any(c.strip() for c in row):
                empty += 1
                if empty > limits.max_empty_rows:
                    raise UploadRefused(f"{name}: refused, it has over {limits.max_empty_rows:,} empty rows")
                continue
            line = reader.line_num
            if len(essays) + len(problems) >= limits.max_files:
                raise UploadRefused(f"{name}: refused, it has over {limits.max_files} rows of essays; "
                                    f"split it into smaller files")
            student = clean_line(cell(student_col), MAX_STUDENT) or f"Row {line}"
            essay = cell(essay_col)
            if not essay:
                problems.append(Problem(f"{name} row {line}", f"no essay for {student}"))
            elif len(essay.encode()) > limits.max_file_bytes:
                problems.append(Problem(f"{name} row {line}", "the essay is too long"))
            else:
                essays.append(Incoming(student, f"{name}#{line}"[:MAX_FILENAME], essay))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UploadRefused(f"{name}: refused, row {reader.line_num} has a cell over "
                                f"{csv.field_size_limit():,} characters, longer than any essay") from None
        raise UploadRefused(f"{name}: is not a readable CSV file (row {reader.line_num}: {exc})") from None
    return essays, problems
