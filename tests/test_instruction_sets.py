"""The instruction-set probe behind chapter 4's 'another processor' section."""

import pytest

from book_tools.instruction_sets import differences, product


def test_differences_counts_changed_entries_and_scales_by_the_largest_entry():
    assert differences([1.0, 2.0], [1.0, 2.0]) == (0, 0.0)
    changed, largest = differences([1e-6, -4.0, 0.5], [2e-6, -4.000002, 0.5])
    assert changed == 2
    assert largest == pytest.approx(5e-7, rel=1e-3), "2e-6 of the largest entry, 4"


def test_differences_refuses_products_of_other_sizes():
    with pytest.raises(ValueError, match="products of 2 and 3 entries"):
        differences([1.0, 2.0], [1.0, 2.0, 3.0])


def test_the_same_cap_gives_the_same_bits():
    small = (4, 8, 3)
    first = product("AVX2", small)
    assert len(first) == 12
    assert product("AVX2", small) == first


def test_a_failed_product_says_which_cap():
    with pytest.raises(RuntimeError, match="ONEDNN_MAX_CPU_ISA=AVX2 failed"):
        product("AVX2", (2, -1, 2))
