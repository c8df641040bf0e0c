"""Table 2 (二、主动公开政府信息情况): the items of 第二十条 and their columns.

The 2019 table has three columns for documents (新制作 / 新公开 / 对外公开总数), three for the
licensing-type items (上一年项目数量 / 本年增减 / 处理决定数量) and a procurement row; the 2021 table
has 制发 / 废止 / 现行有效 for documents, one 本年处理决定数量 per item and the fees amount in 万元.
The version is told from the table's own headers, since 2021 reports sometimes keep the 2019 table.
"""
from __future__ import annotations

import re
from decimal import Decimal

from extractor.catalog import catalog
from extractor.numbers import as_number, parse_quantity
from extractor.tables.cells import Cell, Kind
from extractor.tables.fitting import fit_row
from extractor.tables.labels import find_labels, item_name
from extractor.tables.reading import TableReading
from extractor.tables.regions import Region
from extractor.tables.rows import labelled_rows

TABLE = 2
_HEADER_MARKS = {
    "2021": re.compile(r"本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量"),
    "2019": re.compile(r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/?减|采购项目数量|"
                       r"采购总金额|其他对外管理服务|集中采购"),
}
# Money written without a unit takes the unit its header states, else the template's: the 2021
# template prints 本年收费金额（单位：万元）; the 2019 one leaves 采购总金额 to the report.
_TEN_THOUSAND_HEADER = re.compile(r"万元")
_YUAN_HEADER = re.compile(r"[（(](?:单位[:：])?元[)）]")
_TEMPLATE_MONEY_MULTIPLIER = {"2021": Decimal(10000), "2019": Decimal(1)}
_MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}


def read_table2(region: Region, reading: TableReading) -> None:
    template = _template(region.text)
    every_item = list(dict.fromkeys([*catalog().t2_items("2019"), *catalog().t2_items("2021")]))
    items = catalog().t2_items(template) if template else {item: [] for item in every_item}
    order = list(items)

    def labels(text: str) -> list[str]:
        return find_labels(text, TABLE, order)

    stream = region.stream(lambda text: bool(labels(text)))
    if template is None:
        if any(isinstance(cell, Cell) and cell.kind is Kind.VALUE for cell in stream):
            reading.warnings.append("table 2: neither the 2019 nor the 2021 column headers were found: not read")
        return
    placed = labelled_rows(stream, labels, order, lambda item: len(items[item]), item_name, reading.warnings, TABLE)
    if placed is None:
        return
    reading.templates[TABLE] = template
    header_text = "".join(cell.text for cell in stream if isinstance(cell, Cell) and cell.kind is Kind.TEXT)
    money_multiplier = _money_multiplier(header_text, template)
    for index, item in enumerate(order):
        segment = placed.get(item)
        if segment is None or not segment.cells:
            continue
        columns = items[item]
        amounts = frozenset(i for i, column in enumerate(columns) if column.endswith("amount_yuan"))
        fitted = fit_row(segment, len(columns), None, decimal_columns=amounts)
        reading.warnings += [f"table {TABLE} row {item_name(item)} {note}" for note in fitted.notes]
        if fitted.short:
            reading.warnings.append(f"table {TABLE} row {item_name(item)} has {len(fitted.short)} cells for "
                                    f"{len(columns)} columns: left out")
        for col, (column, cell) in enumerate(zip(columns, fitted.cells or fitted.leading), start=1):
            metric_id = f"t2.{item}.{column}"
            value = _money(cell, money_multiplier) if column.endswith("amount_yuan") else cell.number
            reading.put(metric_id, value, cell, TABLE, index, col)


def _template(text: str) -> str | None:
    hits = {template: len(pattern.findall(text)) for template, pattern in _HEADER_MARKS.items()}
    if hits["2021"] == hits["2019"]:
        return None
    return max(hits, key=hits.__getitem__)


def _money_multiplier(header_text: str, template: str) -> Decimal:
    if _TEN_THOUSAND_HEADER.search(header_text):
        return Decimal(10000)
    if _YUAN_HEADER.search(header_text):
        return Decimal(1)
    return _TEMPLATE_MONEY_MULTIPLIER[template]


def _money(cell: Cell, header_multiplier: Decimal) -> int | float | None:
    """An amount in yuan: the cell's own unit wins ("3739265元", "145.6381万元"), else the header's."""
    quantity = parse_quantity(cell.raw) if cell.kind is Kind.VALUE else None
    if quantity is None:
        return None
    value, multiplier, unit = quantity
    if multiplier is None and unit is None:
        return as_number(value * header_multiplier)
    return as_number(value * _MULTIPLIERS[multiplier])
