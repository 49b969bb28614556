"""Build src/essaycheck/data/wordnet_links.tsv.gz: which common English words share a meaning.

The checker matches an essay's words with the sources' words; a student who writes
"shut down" where a source says "closed", or "speech" where it says "spoke", means the
same event. WordNet (Princeton WordNet 3.0, through NLTK's reader) knows these links.
The whole database is 30 MB and is not on PyPI, so this script extracts what the
checker needs, once, into a small file that ships inside the package (no download at
run time): for each common noun and verb, the meanings (synsets) of its most frequent
senses, the meanings of the words WordNet derives it from or to, and, marked with "^",
the broader meanings its commonest senses are kinds of ("behead" is a kind of
"execute"), so that a student's general word finds the source's exact one.

Run it where WordNet 3.0 is installed (Debian: apt install wordnet-base
wordnet-sense-index; then copy /usr/share/wordnet into NLTK's data path as
corpora/wordnet with a lexnames file, see DEVELOPERS.md), with nltk in the venv:

    .venv/bin/python tools/build_wordnet_links.py
"""
from __future__ import annotations

import gzip
from pathlib import Path

from nltk.corpus import wordnet as wn

OUT = Path(__file__).resolve().parents[1] / "src" / "essaycheck" / "data" / "wordnet_links.tsv.gz"
#: How many of a word's senses count: the rarer ones link words no reader would take as one.
SENSES = {"v": 4, "n": 2}
#: How many senses give their broader meaning (hypernym): only the commonest, and only for verbs,
#: whose hierarchy is shallow ("behead" -> "execute"); a noun's runs up to "entity" in a few steps.
BROADER = {"v": 2, "n": 0}


def _id(synset) -> str:
    return f"{synset.pos()}{synset.offset():x}"


def main() -> None:
    rows = []
    for pos, top in SENSES.items():
        for lemma in sorted({l.name() for s in wn.all_synsets(pos) for l in s.lemmas()}):
            if "_" in lemma or not lemma.isalpha() or not lemma.islower():
                continue
            synsets = wn.synsets(lemma, pos)[:top]
            if not synsets or sum(l.count() for s in synsets for l in s.lemmas() if l.name() == lemma) == 0:
                continue  # never seen in the sense-tagged corpus: too rare to be worth a link
            ids = {_id(s) for s in synsets}
            for s in synsets:
                for l in s.lemmas():
                    if l.name() != lemma:
                        continue
                    for d in l.derivationally_related_forms():
                        ids.add(_id(d.synset()))
            broader = {"^" + _id(h) for s in synsets[:BROADER[pos]] for h in s.hypernyms()}
            rows.append(f"{lemma}\t{pos}\t{' '.join(sorted(ids) + sorted(broader))}")
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(rows)} words -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
