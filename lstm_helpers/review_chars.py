"""The character sets of chapter 5's review models (chapter 5), for a ``Vocabulary``.

Reviews are lower-cased; every other character outside the set becomes ``<unk>``.
"""

# The article's valid characters: lower-case letters, the digits 1-9 (0 is missing),
# eight punctuation marks and the space.
ARTICLE_VALID = "abcdefghijklmnopqrstuvwxyz123456789\"'?!.,:; "
VALID = "abcdefghijklmnopqrstuvwxyz0123456789\"'?!.,:; "
