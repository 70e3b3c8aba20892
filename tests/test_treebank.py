"""Treebank parsing on edge cases, and the Kaggle tables rebuilt from the real trees."""

import pytest

from lstm_helpers.treebank import Tree, kaggle_tables, load_trees, parse_tree


def test_parse_nested_tree_and_phrases_in_pre_order():
    tree = parse_tree("(3 (2 It) (4 (4 works) (2 .)))")
    assert tree.label == 3
    assert tree.tokens() == ["It", "works", "."]
    assert tree.phrases() == [("It works .", 3), ("It", 2), ("works .", 4), ("works", 4), (".", 2)]


def test_multi_token_leaf_and_escaped_brackets():
    tree = parse_tree(r"(2 (2 -LRB-) (3 (2 8 1\/2) (2 -RRB-)))")
    assert tree.children[1].children[0] == Tree(2, (), ("8", r"1\/2"))
    assert tree.phrases()[0] == (r"-LRB- 8 1\/2 -RRB-", 2)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("(2 (2 a)", "unbalanced"),
        ("(7 a)", "label '7' is not 0..4"),
        ("(x a)", "label 'x' is not 0..4"),
        ("(2 a) (2 b)", "text after the tree"),
        ("(2 a (2 b))", "mixes words and subtrees"),
        ("(2)", "empty node"),
        ("2 a", "expected '\\(' and a label"),
        ("", "expected '\\(' and a label"),
    ],
)
def test_malformed_trees_are_errors(line, message):
    with pytest.raises(ValueError, match=message):
        parse_tree(line)


def test_split_sizes():
    assert [len(load_trees(split)) for split in ("train", "dev", "test")] == [8_544, 1_101, 2_210]


def test_unknown_split():
    with pytest.raises(
        ValueError, match="unknown treebank split 'valid'; use one of train, dev, test"
    ):
        load_trees("valid")


def test_kaggle_tables():
    train, test = kaggle_tables()
    assert list(train.columns) == ["PhraseId", "SentenceId", "Phrase", "Sentiment"]
    assert (len(train), len(test)) == (159_274, 67_514)
    assert train["PhraseId"].tolist() == list(range(1, 159_275))
    assert test["PhraseId"].iloc[0] == 159_275 and test["PhraseId"].is_monotonic_increasing
    assert (train["SentenceId"].min(), train["SentenceId"].max()) == (1, 8_544)
    assert (test["SentenceId"].min(), test["SentenceId"].max()) == (8_545, 11_855)
    assert train["Phrase"].is_unique and test["Phrase"].is_unique
    assert train["Sentiment"].value_counts().sort_index().tolist() == [
        7_233,
        27_711,
        81_658,
        33_361,
        9_311,
    ]
    assert 0.5 < (train["Sentiment"] == 2).mean() < 0.53
    first = train.iloc[0]
    assert first["Phrase"].startswith(
        "The Rock is destined to be the 21st Century 's new `` Conan ''"
    )
    assert train.iloc[1]["Phrase"] == "The Rock"
