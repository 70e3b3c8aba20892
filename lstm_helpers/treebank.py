"""The Stanford Sentiment Treebank and the Kaggle tables built from it (introduced in chapter 6).

The treebank (Socher et al., 2013) labels every node of 11,855 parsed movie-review
sentences from 0 (negative) to 4 (positive). Kaggle's "Sentiment Analysis on Movie
Reviews" competition used its phrases: ``train.tsv`` holds the phrases of the 8,544
train sentences, each distinct phrase once, and ``test.tsv`` those of the 3,311 dev
and test sentences, without labels. :func:`kaggle_tables` rebuilds both from the
trees and keeps the test labels, so a model can be scored as the leaderboard did.

How the rebuilt counts compare with Kaggle's: the trees give 159,274 distinct
train phrases (Kaggle: 156,060, 2.0% fewer) and 67,514 test phrases (Kaggle:
66,292, 1.8% fewer), from the same 8,544 and 3,311 (1,101 + 2,210) sentences, with the
same class balance (about half neutral). Kaggle did not document the normalisation that
removed the rest; lower-casing alone would leave 156,817 train phrases. Phrases
keep the treebank's tokens (``-LRB-``, ``\\/``) unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lstm_helpers.data import DataError, RawFile, read_text

TREEBANK_URL = "https://nlp.stanford.edu/sentiment/trainDevTestTrees_PTB.zip"
SPLIT_SHA256 = {
    "train": "e2f3f41b0b1e6d4dddc0effe3bfc2d27ed8928079aa9a03d652311614fc5feb7",
    "dev": "0e9336aed6e4730e19f58d00a77b3f0297efdb755f7b5e598c98a05e3f97ea40",
    "test": "6e54806dee95cf80cd918e7dfb3f6770f6df24bf826f289a4d1f709e1c8f6761",
}
SPLIT_SENTENCES = {"train": 8_544, "dev": 1_101, "test": 2_210}
SENTIMENTS = ("negative", "somewhat negative", "neutral", "somewhat positive", "positive")
_TOKEN = re.compile(r"\(|\)|[^\s()]+")


@dataclass(frozen=True)
class Tree:
    """A treebank node: its sentiment label and either children or leaf words."""

    label: int
    children: tuple[Tree, ...] = ()
    words: tuple[str, ...] = ()

    def tokens(self) -> list[str]:
        """The words under this node, left to right."""
        if not self.children:
            return list(self.words)
        return [token for child in self.children for token in child.tokens()]

    def phrases(self) -> list[tuple[str, int]]:
        """``(phrase, label)`` for this node and every node below it, in pre-order."""
        found = [(" ".join(self.tokens()), self.label)]
        for child in self.children:
            found.extend(child.phrases())
        return found


def parse_tree(line: str) -> Tree:
    """Parse one PTB-style line such as ``(3 (2 It) (4 (4 works) (2 .)))``.

    A leaf may hold several whitespace-separated tokens (``(2 8 1\\/2)``); brackets
    inside words are written ``-LRB-``/``-RRB-`` and are kept as they are.
    """
    tokens = _TOKEN.findall(line)
    position = 0

    def node() -> Tree:
        nonlocal position
        if position + 1 >= len(tokens) or tokens[position] != "(":
            raise ValueError(f"expected '(' and a label at token {position} of {line[:60]!r}")
        label_text = tokens[position + 1]
        if not label_text.isdigit() or not 0 <= int(label_text) <= 4:
            raise ValueError(f"label {label_text!r} is not 0..4 in {line[:60]!r}")
        position += 2
        children, words = [], []
        while position < len(tokens) and tokens[position] != ")":
            if tokens[position] == "(":
                children.append(node())
            else:
                words.append(tokens[position])
                position += 1
        if position >= len(tokens):
            raise ValueError(f"unbalanced brackets in {line[:60]!r}")
        if children and words:
            raise ValueError(f"node mixes words and subtrees in {line[:60]!r}")
        if not children and not words:
            raise ValueError(f"empty node in {line[:60]!r}")
        position += 1
        return Tree(int(label_text), tuple(children), tuple(words))

    tree = node()
    if position != len(tokens):
        raise ValueError(f"text after the tree in {line[:60]!r}")
    return tree


def load_trees(split: str) -> list[Tree]:
    """The parsed sentences of ``train``, ``dev`` or ``test`` (8,544 / 1,101 / 2,210)."""
    if split not in SPLIT_SHA256:
        raise ValueError(f"unknown treebank split {split!r}; use one of {', '.join(SPLIT_SHA256)}")
    raw = RawFile(
        name=f"sst/{split}.txt",
        sha256=SPLIT_SHA256[split],
        url=TREEBANK_URL,
        member=f"trees/{split}.txt",
    )
    trees = [parse_tree(line) for line in read_text(raw).splitlines() if line.strip()]
    if len(trees) != SPLIT_SENTENCES[split]:
        raise DataError(
            f"{split}.txt has {len(trees)} sentences, expected {SPLIT_SENTENCES[split]}"
        )
    return trees


def phrase_table(trees: list[Tree], first_sentence_id: int, first_phrase_id: int) -> pd.DataFrame:
    """Kaggle's layout: one row per distinct phrase, in sentence order, then pre-order."""
    rows, seen = [], set()
    for offset, tree in enumerate(trees):
        for phrase, label in tree.phrases():
            if phrase not in seen:
                seen.add(phrase)
                rows.append(
                    (first_phrase_id + len(rows), first_sentence_id + offset, phrase, label)
                )
    return pd.DataFrame(rows, columns=["PhraseId", "SentenceId", "Phrase", "Sentiment"])


def kaggle_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The competition's ``train`` and (labelled) ``test`` tables, rebuilt from the trees.

    Columns: ``PhraseId``, ``SentenceId``, ``Phrase``, ``Sentiment`` (0-4). Train
    comes from the train sentences; test from the dev and then the test sentences,
    numbered on from train as Kaggle did.
    """
    train = phrase_table(load_trees("train"), first_sentence_id=1, first_phrase_id=1)
    test = phrase_table(
        load_trees("dev") + load_trees("test"),
        first_sentence_id=SPLIT_SENTENCES["train"] + 1,
        first_phrase_id=len(train) + 1,
    )
    return train, test
