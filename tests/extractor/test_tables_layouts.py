"""Tables 2-4 read from every layout a converter can hand over, on tables built like the official ones.

The grids are built as the converters build them (row and column spans resolved by
`extractor.convert.grid.resolve_spans`, with the merged cells of the official template), then
handed over as a real grid, as a flattened one-cell-per-line dump, as pdftotext-like layout lines
and as markdown rows. The values are a second example of our own (not a dev report), consistent
under every rule of metrics.yaml, so each expected metric is written down independently of the
reader: the id from the catalog, the value from the table we built.
"""
from __future__ import annotations

import pytest

from extractor.catalog import catalog
from extractor.convert.grid import SpanCell, resolve_spans
from extractor.document import Document, Paragraph, Table
from extractor.tables import read_tables

# --- a second example, consistent under every rule -------------------------------------------------
T2_2019 = {"regulations": ["2", "2", "15"], "normative_docs": ["9", "9", "120"],
           "licensing": ["45", "+3", "1204"], "other_services": ["12", "-1", "88"],
           "punishment": ["30", "0", "517"], "coercion": ["6", "0", "21"],
           "fees": ["4", "-1"], "procurement": ["23", "512.37万元"]}
T2_2019_VALUES = {"regulations": [2, 2, 15], "normative_docs": [9, 9, 120], "licensing": [45, 3, 1204],
                  "other_services": [12, -1, 88], "punishment": [30, 0, 517], "coercion": [6, 0, 21],
                  "fees": [4, -1], "procurement": [23, 5123700]}
T2_2021 = {"regulations": ["1", "0", "8"], "normative_docs": ["12", "3", "96"], "licensing": ["8812"],
           "punishment": ["1377"], "coercion": ["45"], "fees": ["12.5"]}
T2_2021_VALUES = {"regulations": [1, 0, 8], "normative_docs": [12, 3, 96], "licensing": [8812],
                  "punishment": [1377], "coercion": [45], "fees": [125000]}  # 12.5 万元
ZERO = [0] * 7
T3_HEAD = {"new": [12, 3, 0, 1, 0, 0, 16], "carried_over": [2, 0, 0, 0, 0, 0, 2],
           "granted": [6, 1, 0, 0, 0, 0, 7], "partial": [1, 0, 0, 0, 0, 0, 1],
           "denied.state_secret": ZERO, "denied.law_prohibited": ZERO, "denied.three_safety": ZERO,
           "denied.third_party": [1, 0, 0, 0, 0, 0, 1], "denied.internal_affairs": ZERO,
           "denied.process_info": ZERO, "denied.enforcement_file": ZERO, "denied.query_matter": ZERO,
           "unable.not_held": [3, 1, 0, 1, 0, 0, 5], "unable.needs_creation": ZERO,
           "unable.unclear": [1, 0, 0, 0, 0, 0, 1], "not_processed.petition": [1, 0, 0, 0, 0, 0, 1],
           "not_processed.duplicate": ZERO, "not_processed.publication": ZERO,
           "not_processed.excessive": ZERO, "not_processed.confirmation": ZERO}
T3_TAIL = {"total": [13, 3, 0, 1, 0, 0, 17], "carried_forward": [1, 0, 0, 0, 0, 0, 1]}
T3_2019 = {**T3_HEAD, "other": [0, 1, 0, 0, 0, 0, 1], **T3_TAIL}
T3_2021 = {**T3_HEAD, "other.no_correction": [0, 1, 0, 0, 0, 0, 1], "other.no_fee": ZERO,
           "other.other": ZERO, **T3_TAIL}
T4 = [3, 1, 0, 1, 5, 2, 0, 1, 0, 3, 0, 0, 0, 1, 1]

T3_LABELS = {
    "denied": ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                                "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                                "7.属于行政执法案卷", "8.属于行政查询事项"]),
    "unable": ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
                                "3.补正后申请内容仍不明确"]),
    "not_processed": ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                                      "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"]),
    "other.": ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                               "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
}


# --- builders ------------------------------------------------------------------------------------
def cells(*texts: str) -> list[SpanCell]:
    return [SpanCell(text) for text in texts]


def t2_grid(template: str, raw: dict[str, list[str]]) -> Table:
    headers = {"2019": {"document": ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                        "service": ["上一年项目数量", "本年增/减", "处理决定数量"]},
               "2021": {"document": ["本年制发件数", "本年废止件数", "现行有效件数"],
                        "service": ["本年处理决定数量"]}}[template]
    names = {"regulations": "规章", "normative_docs": "规范性文件" if template == "2019" else "行政规范性文件",
             "licensing": "行政许可", "other_services": "其他对外管理服务事项", "punishment": "行政处罚",
             "coercion": "行政强制", "fees": "行政事业性收费", "procurement": "政府集中采购"}
    blocks = [("（一）", headers["document"], ["regulations", "normative_docs"]),
              ("（五）", headers["service"], ["licensing", "other_services"]),
              ("（六）", headers["service"], ["punishment", "coercion"]),
              ("（八）", ["上一年项目数量", "本年增/减"] if template == "2019" else ["本年收费金额（单位：万元）"], ["fees"]),
              ("（九）", ["采购项目数量", "采购总金额"], ["procurement"])]
    rows: list[list[SpanCell]] = []
    for number, header, items in blocks:
        items = [item for item in items if item in raw]
        if items:
            rows.append([SpanCell(f"第二十条第{number}项", colspan=4)])
            rows.append(cells("信息内容", *header))
            rows += [cells(names[item], *raw[item]) for item in items]
    return resolve_spans(rows)


def t3_grid(rows_values: dict[str, list], labels: dict[str, str] | None = None) -> Table:
    """Table 3 with the template's merged cells; `labels` overrides a row's label text."""
    labels = labels or {}
    template = "2021" if "other.other" in rows_values else "2019"
    order = catalog().t3_rows(template)
    values = {row: [str(v) for v in rows_values[row]] for row in order if row in rows_values}
    outcome_rows = order[order.index("granted"):order.index("total") + 1]
    rows = [[SpanCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
             SpanCell("申请人情况", colspan=7)],
            [SpanCell("自然人", rowspan=2), SpanCell("法人或其他组织", colspan=5), SpanCell("总计", rowspan=2)],
            cells("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]
    rows.append([SpanCell(labels.get("new", "一、本年新收政府信息公开申请数量"), colspan=3), *cells(*values["new"])])
    rows.append([SpanCell(labels.get("carried_over", "二、上年结转政府信息公开申请数量"), colspan=3),
                 *cells(*values["carried_over"])])
    group_rows: list[list[SpanCell]] = []
    for row in outcome_rows:
        prefix = next((p for p in T3_LABELS if row.startswith(p) and (p != "other." or template == "2021")), None)
        if prefix is None:
            own = {"granted": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                   "other": "（六）其他处理", "total": "（七）总计"}[row]
            group_rows.append([SpanCell(labels.get(row, own), colspan=2), *cells(*values[row])])
            continue
        group, names = T3_LABELS[prefix]
        members = [r for r in order if r.startswith(prefix)]
        index = members.index(row)
        lead = [SpanCell(group, rowspan=len(members))] if index == 0 else []
        group_rows.append([*lead, SpanCell(labels.get(row, names[index])), *cells(*values[row])])
    group_rows[0].insert(0, SpanCell("三、本年度办理结果", rowspan=len(group_rows)))
    rows += group_rows
    rows.append([SpanCell(labels.get("carried_forward", "四、结转下年度继续办理"), colspan=3),
                 *cells(*values["carried_forward"])])
    return resolve_spans(rows)


def t4_grid(values: list) -> Table:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[SpanCell("行政复议", colspan=5), SpanCell("行政诉讼", colspan=10)],
            [*(SpanCell(r, rowspan=2) for r in results), SpanCell("未经复议直接起诉", colspan=5),
             SpanCell("复议后起诉", colspan=5)],
            cells(*results, *results),
            cells(*(str(v) for v in values))]
    return resolve_spans(rows)


def report(t2: Table | list | None, t3: Table | list | None, t4: Table | list | None) -> Document:
    """A report around the tables; a list stands for paragraphs (a table whose grid was lost)."""
    blocks: list = [Paragraph("一、总体情况"), Paragraph("2023年，本机关认真贯彻落实《条例》，共主动公开政府信息203条。")]
    for heading, table in (("二、主动公开政府信息情况", t2), ("三、收到和处理政府信息公开申请情况", t3),
                           ("四、政府信息公开行政复议、行政诉讼情况", t4)):
        if table is None:
            continue
        blocks.append(Paragraph(heading))
        blocks += [Paragraph(line) for line in table] if isinstance(table, list) else [table]
    blocks += [Paragraph("五、存在的主要问题及改进情况"), Paragraph("一是队伍建设有待加强；二是解读质量待提升。")]
    return Document(blocks=blocks, source_format="html")


def flattened(table: Table, keep_blank: bool = True) -> Table:
    """What a Word-to-text dump leaves: one cell per line, row boundaries gone."""
    return Table(grid=[[text] for text in table.cell_stream() if keep_blank or text.strip()], flattened=True)


def layout_lines(table: Table) -> list[str]:
    """What pdftotext -layout leaves when no converter saw a table: columns as runs of spaces."""
    return ["    ".join(row) for row in table.physical_rows()]


def markdown_lines(table: Table) -> list[str]:
    return ["| " + " | ".join(row) + " |" for row in table.physical_rows()]


def expected_metrics(t2: dict | None, t2_template: str | None, t3: dict | None, t4: list | None) -> dict:
    expected: dict = {}
    for item, values in (t2 or {}).items():
        columns = catalog().t2_items(t2_template)[item]
        expected.update({f"t2.{item}.{column}": v for column, v in zip(columns, values)})
    for row, values in (t3 or {}).items():
        expected.update({f"t3.{row}.{column}": v for column, v in zip(catalog().t3_column_ids, values)})
    if t3 and "other.other" in t3:  # 2021: other is the sum of its three sub-rows
        subs = [t3["other.no_correction"], t3["other.no_fee"], t3["other.other"]]
        expected.update({f"t3.other.{c}": sum(v) for c, v in zip(catalog().t3_column_ids, zip(*subs))})
    expected.update(dict(zip(catalog().t4_ids, t4 or [])))
    return expected


def assert_metrics(reading, expected: dict) -> None:
    got = {k: reading.metrics.get(k, "missing") for k in expected}
    wrong = {k: (got[k], v) for k, v in expected.items() if got[k] != v}
    assert not wrong, wrong
    assert set(reading.metrics) <= catalog().metric_ids


# --- templates and layouts -----------------------------------------------------------------------
def test_2019_tables_as_real_grids():
    reading = read_tables(report(t2_grid("2019", T2_2019), t3_grid(T3_2019), t4_grid(T4)))
    assert reading.templates == {2: "2019", 3: "2019", 4: "2019"}
    assert_metrics(reading, expected_metrics(T2_2019_VALUES, "2019", T3_2019, T4))
    assert reading.warnings == []
    assert reading.cells["t2.procurement.amount_yuan"] == {"raw": "512.37万元", "table": 2, "row": 7, "col": 2}
    assert reading.cells["t3.granted.total"] == {"raw": "7", "table": 3, "row": 2, "col": 7}
    assert reading.cells["t4.litigation_after_review.total"]["col"] == 14


def test_2021_tables_as_real_grids():
    reading = read_tables(report(t2_grid("2021", T2_2021), t3_grid(T3_2021), t4_grid(T4)))
    assert reading.templates == {2: "2021", 3: "2021", 4: "2021"}
    assert_metrics(reading, expected_metrics(T2_2021_VALUES, "2021", T3_2021, T4))
    assert reading.metrics["t3.other.business"] == 1  # derived from the three （六） sub-rows


def test_a_2021_report_keeping_the_2019_table_3_is_read_per_table():
    reading = read_tables(report(t2_grid("2021", T2_2021), t3_grid(T3_2019), t4_grid(T4)))
    assert reading.templates[2] == "2021" and reading.templates[3] == "2019"
    assert_metrics(reading, expected_metrics(T2_2021_VALUES, "2021", T3_2019, T4))
    assert not any(k.startswith("t3.other.no_") for k in reading.metrics)


@pytest.mark.parametrize("template, t2, t2_values, t3", [
    ("2019", T2_2019, T2_2019_VALUES, T3_2019), ("2021", T2_2021, T2_2021_VALUES, T3_2021)])
@pytest.mark.parametrize("keep_blank", [True, False])
def test_flattened_dumps_with_one_cell_per_line(template, t2, t2_values, t3, keep_blank):
    document = report(flattened(t2_grid(template, t2), keep_blank), flattened(t3_grid(t3), keep_blank),
                      flattened(t4_grid(T4), keep_blank))
    reading = read_tables(document)
    assert reading.templates == {2: template, 3: template, 4: template}
    assert_metrics(reading, expected_metrics(t2_values, template, t3, T4))


@pytest.mark.parametrize("as_lines", [layout_lines, markdown_lines])
def test_tables_whose_grid_was_lost_are_read_from_the_text_lines(as_lines):
    document = report(as_lines(t2_grid("2021", T2_2021)), as_lines(t3_grid(T3_2021)), as_lines(t4_grid(T4)))
    reading = read_tables(document)
    assert_metrics(reading, expected_metrics(T2_2021_VALUES, "2021", T3_2021, T4))


def test_a_report_without_tables_gives_an_empty_reading():
    prose = Document([Paragraph("平潭综合实验区2018年度政府信息公开工作年度报告 二、主动公开政府信息情况2018年全区主动"
                                "公开政府信息2069条。行政许可类信息13条，重大建设项目129条。六、政府信息公开情况统计表"
                                "指标名称计量单位2018年度历年累计主动公开文件数条206912106")], "txt")
    for document in (prose, Document([], "txt"), report(None, None, None)):
        reading = read_tables(document)
        assert (reading.metrics, reading.cells, reading.templates) == ({}, {}, {})


def test_headings_with_other_numbers_and_markdown_marks_still_open_the_regions():
    blocks = [Paragraph("三、主动公开工作情况"), Paragraph("市科委通过部门网站当年发布政府信息 393 件。"),
              Paragraph("一、主动公开政府信息情况"), Paragraph("行政许可 97"),
              Paragraph("## 表二：主动公开政府信息情况"), t2_grid("2021", {"regulations": ["0", "0", "3"]}),
              Paragraph("（一）主要问题"), Paragraph("行政处罚 5")]
    reading = read_tables(Document(blocks, "txt"))
    assert reading.metrics["t2.licensing.decisions"] == 97
    assert reading.metrics["t2.regulations.valid"] == 3
    assert "t2.punishment.decisions" not in reading.metrics  # after the region ended


def test_older_names_of_the_table_3_and_4_headings_open_their_regions():
    lines = [" ".join(row) for row in t3_grid(T3_2019).physical_rows()]
    blocks = [Paragraph("三、政府信息依申请公开情况"), Paragraph("\n".join(lines)),
              Paragraph("四、因政府信息公开申请提起行政复议、行政诉讼的情况"),
              Paragraph("\n".join(" ".join(row) for row in t4_grid(T4).physical_rows())),
              Paragraph("五、存在的主要问题及改进情况")]
    reading = read_tables(Document(blocks, "txt"))
    assert_metrics(reading, expected_metrics(None, None, T3_2019, T4))
