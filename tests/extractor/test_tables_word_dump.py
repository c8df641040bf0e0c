"""Tables of Word "save as text" dumps, read through the real text converter: empty cells are null.

The dev seeds 000-004 are such dumps (see `extractor.convert.text`): each cell begins after a tab,
an empty line closes a row, so an empty cell is a tab followed by nothing. Here a second example is
written in that style from tables built like the official ones (a 2021 report: table 2 with blank
cells, the 2021 table 3 with blank, short and split rows, table 4 with a blank), and each expected
metric is written down from the values we put in, independently of the reader.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from extractor.catalog import catalog
from extractor.convert import convert_bytes
from extractor.document import Table
from extractor.tables import read_tables
sys.path.insert(0, str(Path(__file__).parent))  # the table builders (pytest runs with --import-mode=importlib)
from test_tables_layouts import T3_2021, t2_grid, t3_grid, t4_grid  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = catalog().t3_column_ids

T2 = {"regulations": ["2", "", "9"], "normative_docs": ["5", "1", "40"], "licensing": [""],
      "punishment": ["无"], "coercion": ["17"], "fees": [""]}
T2_EXPECTED = {"t2.regulations.made": 2, "t2.regulations.repealed": None, "t2.regulations.valid": 9,
               "t2.normative_docs.made": 5, "t2.normative_docs.repealed": 1, "t2.normative_docs.valid": 40,
               "t2.licensing.decisions": None, "t2.punishment.decisions": None, "t2.coercion.decisions": 17,
               "t2.fees.amount_yuan": None}
T3 = {**T3_2021,
      "new": [12, 3, "", 1, "", "", 16],           # blank cells inside the row
      "carried_over": [2, 0, 0, 0, 0, 0, ""],      # a blank total, the row's last cell
      "granted": [6, 1, 0, 0, 7],                  # merged cells: five for seven columns
      "partial": [1, 0, 0, 0, ""],                 # short, and its total blank
      "denied.state_secret": [0, 0, 0, 0, 0]}      # short with a total of 0
T4 = [3, 1, 0, 1, 5, 2, 0, 1, 0, 3, 0, 0, "", 1, 1]


def word_rows(table: Table) -> list[list[str]]:
    """The rows Word writes for a table: a vertically merged cell is an empty cell below its first row."""
    rows = []
    for r, row in enumerate(table.grid):
        cells = []
        for c, text in enumerate(row):
            origin_row, origin_col = table.origin[r][c]
            if (origin_row, origin_col) == (r, c):
                cells.append(text)
            elif origin_col == c:  # merged down from a row above (a cell merged across is written once)
                cells.append("")
        rows.append(cells)
    return rows


def word_dump(rows: list[list[str] | str]) -> str:
    """Rows in the dump style: a cell after its tab or on the next line, alternately; an empty line ends a row.

    A cell "" is a tab followed by nothing; a cell "\\n" an empty cell whose empty paragraph Word wrote
    on a line of its own. A row given as a string is a line without a tab (a page number).
    """
    text = ""
    for r, row in enumerate(rows):
        if isinstance(row, str):
            text += row + "\n\n"
            continue
        for c, cell in enumerate(row):
            text += ("\t" if not cell.strip() or (r + c) % 2 else "\t\n") + cell + "\n"
        text += "\n"
    return text


def dump_report(t3_rows: list[list[str] | str]) -> str:
    return ("青石镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n"
            "2022年，青石镇认真贯彻落实《条例》，全年主动公开政府信息312条。\n"
            "二、主动公开政府信息情况\n" + word_dump(word_rows(t2_grid("2021", T2))) +
            "三、收到和处理政府信息公开申请情况\n" + word_dump(t3_rows) +
            "四、政府信息公开行政复议、行政诉讼情况\n" + word_dump(word_rows(t4_grid(T4))) +
            "五、存在的主要问题及改进情况\n一是公开内容不够全面；二是更新不够及时。\n")


def t3_dump_rows() -> list[list[str] | str]:
    rows: list[list[str] | str] = list(word_rows(t3_grid(T3)))
    third = next(i for i, row in enumerate(rows) if "4.保护第三方合法权益" in row)
    rows.insert(third + 1, "5")  # a page number printed between two rows
    needs = next(row for row in rows if "2.没有现成信息需要另行制作" in row)
    needs[needs.index("2.没有现成信息需要另行制作")] = "2.没有现成信息需要另\n\n行制作"  # an empty paragraph inside
    return rows


def read(text: str):
    return read_tables(convert_bytes(text.encode("utf-8"), "qingshi.txt", "txt"))


def test_a_constructed_word_dump_keeps_empty_cells_as_null_and_short_rows_keep_their_total():
    reading = read(dump_report(t3_dump_rows()))
    assert reading.templates == {2: "2021", 3: "2021", 4: "2021"}
    assert {k: reading.metrics.get(k, "missing") for k in T2_EXPECTED} == T2_EXPECTED

    def t3_row(row: str) -> list:
        return [reading.metrics.get(f"t3.{row}.{column}", "missing") for column in COLUMNS]

    assert t3_row("new") == [12, 3, None, 1, None, None, 16]
    assert t3_row("carried_over") == [2, 0, 0, 0, 0, 0, None]
    assert t3_row("granted") == ["missing"] * 6 + [7]
    assert t3_row("partial") == ["missing"] * 6 + [None]
    assert t3_row("denied.state_secret") == [0] * 7
    for row in ("denied.third_party", "denied.internal_affairs", "unable.needs_creation", "other.no_correction",
                "total", "carried_forward"):
        assert t3_row(row) == T3_2021[row], row
    assert t3_row("other")[1] == 1  # 2021: the sum of the three （六） sub-rows
    assert [reading.metrics[i] for i in catalog().t4_ids] == [None if v == "" else v for v in T4]
    assert "table 3 rows 予以公开, 部分公开 have 5 cells for 7 columns: only 总计 kept" in reading.warnings
    assert any("lone number 5" in w and "page number" in w for w in reading.warnings), reading.warnings


def test_a_row_split_at_an_empty_cell_written_on_the_next_line_is_one_row():
    """`\\t` then an empty line is an empty cell whose paragraph sits on the next line, or a row's end.

    Here the row goes on after it: the two pieces make exactly seven cells, so they are one row.
    A row that ends in an empty cell and is followed by a labelled row stays as it is.
    """
    rows = t3_dump_rows()
    duplicate = next(row for row in rows if "2.重复申请" in row)
    duplicate[duplicate.index("2.重复申请") + 3] = "\n"  # 科研机构: 0 0 "" 0 0 0 0
    reading = read(dump_report(rows))
    assert [reading.metrics[f"t3.not_processed.duplicate.{c}"] for c in COLUMNS] == [0, 0, None, 0, 0, 0, 0]
    assert any("2.重复申请 continues after an empty cell" in w for w in reading.warnings), reading.warnings
    assert [reading.metrics[f"t3.carried_over.{c}"] for c in COLUMNS] == [2, 0, 0, 0, 0, 0, None]


def test_000_rows_with_empty_last_cells_match_the_gold():
    """000's 行政处罚 and 行政强制 rows end in an empty cell: `\\t` and the row's empty line."""
    path = ROOT / "samples" / "reports" / "000_740ca8d1fbe81e04.txt"
    gold = json.loads((ROOT / "samples" / "gold" / "000_740ca8d1fbe81e04.gold.json").read_text(encoding="utf-8"))
    reading = read_tables(convert_bytes(path.read_bytes(), path.name, "txt"))
    for item in ("punishment", "coercion"):
        ids = [f"t2.{item}.{column}" for column in ("prev_items", "change", "decisions")]
        assert [reading.metrics.get(i, "missing") for i in ids] == [gold["metrics"][i] for i in ids]


def test_a_last_value_glued_to_the_next_tables_first_header_cell_stays_in_its_row():
    """A dump that lost the break after table 3's last cell: "1\\n 行政复议" is the cell "1行政复议".

    Its row ends at the 1 and table 4 starts with 行政复议, so the row keeps all seven cells and its
    total 1 (read short, its sixth cell, 0, would be taken for the total).
    """
    t3_rows = word_rows(t3_grid(T3))
    t4_rows = word_rows(t4_grid(T4))
    assert T3["carried_forward"][-1] == 1 and t4_rows[0][0] == "行政复议"
    t3_rows[-1] = [*t3_rows[-1][:-1], t3_rows[-1][-1] + "\n 行政复议", *t4_rows[0][1:]]
    text = dump_report(t3_rows + t4_rows[1:]).replace(
        "四、政府信息公开行政复议、行政诉讼情况\n" + word_dump(word_rows(t4_grid(T4))), "")
    assert "\t\n1\n 行政复议\n" in text or "\t1\n 行政复议\n" in text
    reading = read(text)
    assert [reading.metrics.get(f"t3.carried_forward.{c}", "missing") for c in COLUMNS] == T3["carried_forward"]
    assert reading.cells["t3.carried_forward.total"]["raw"] == "1"
    assert [reading.metrics.get(i, "missing") for i in catalog().t4_ids] == [None if v == "" else v for v in T4]


def test_000_last_table_3_row_reads_its_seven_cells_from_the_source():
    """000 ends table 3 with "0" and " 行政复议" on the next line, in one cell of the dump."""
    path = ROOT / "samples" / "reports" / "000_740ca8d1fbe81e04.txt"
    assert "\t\n0\n 行政复议\n" in path.read_text(encoding="utf-8")
    reading = read_tables(convert_bytes(path.read_bytes(), path.name, "txt"))
    assert [reading.cells[f"t3.carried_forward.{c}"]["raw"] for c in COLUMNS] == ["0"] * 7
    assert not any("结转下年度继续办理" in w for w in reading.warnings), reading.warnings
