"""Cell and phrase values as reports write them (examples from the dev reports and the design notes)."""
from __future__ import annotations

import pytest

from extractor.numbers import is_null_mark, parse_number, parse_quantity, split_numbers


@pytest.mark.parametrize("text, value", [
    ("177件", 177),                 # 001: 政府集中采购 采购项目数量
    ("145.6381万元", 1456381),      # 001: 采购总金额
    ("3739265元", 3739265),         # 004
    ("96171.6万元", 961716000),     # huaian 本年收费金额 with its unit written in
    ("+1036", 1036),                # 本年增/减
    ("-3", -3),
    ("－12", -12),                  # full-width minus
    ("减少2", -2),
    ("增加5", 5),
    ("１２３", 123),                # full-width digits
    ("　0", 0),                     # 003: an ideographic space before the digit
    ("1,234", 1234),
    ("12.5", 12.5),
    ("2.3亿元", 230000000),
])
def test_parse_number_reads_units_signs_and_full_width_digits(text, value):
    assert parse_number(text) == value
    assert type(parse_number(text)) is type(value)  # a whole count stays an int


@pytest.mark.parametrize("text", ["无", "/", "／", "—", "——", "-", "－", "", "   ", "暂无"])
def test_no_value_marks_are_null_not_zero(text):
    assert is_null_mark(text)
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["1.属于国家秘密", "5500余条", "第二十条", "2024 年", "0 0"])
def test_text_that_is_not_one_number_gives_none(text):
    assert parse_number(text) is None
    assert not is_null_mark(text)


def test_money_keeps_whether_the_cell_named_its_unit():
    assert parse_quantity("251000元")[1:] == (None, "元")
    assert parse_quantity("145.6381万元")[1:] == ("万", "元")
    assert parse_quantity("96171.6")[1:] == (None, None)  # the header's unit applies


def test_split_numbers_separates_two_columns_written_in_one_cell():
    assert split_numbers("1个246900元") == ["1个", "246900元"]
    assert split_numbers("0 0 0") == ["0", "0", "0"]
    assert split_numbers("３　４") == ["3", "4"]
    assert split_numbers("规章 1 0 11") is None
    assert split_numbers("") is None
