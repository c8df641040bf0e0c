"""Row labels of tables 2 and 3, recognised by the phrase that names each row in every variant seen.

Reports retype the official labels: "信访举报投诉类申请" becomes "信访投诉举报类申请", "只计" becomes
"只记", a label is cut short ("其他法律行政法规禁止公"), wrapped over several cells, or printed one
character per line. Each pattern is the shortest phrase that names its row and no other, matched on
the label text with all whitespace removed; each row also has a phrase from the start of its label,
so that the first line of a wrapped label names the row before its values. The keys are the row
names of the catalog (table 2 items, table 3 rows); `_checked` makes sure they stay the catalog's.

`opens_a_label` tells, from its first characters, a text that starts a header cell or a row label of
any of the tables: what a dump that lost a row's last break writes right after the row's last value.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.catalog import catalog

T2_PATTERNS = {
    "regulations": r"规章",
    "normative_docs": r"规范性文件",
    "licensing": r"行政许可",
    "other_services": r"其他对外管理服务",
    "punishment": r"行政处罚",
    "coercion": r"行政强制",
    "fees": r"行政事业性收费",
    "procurement": r"集中采购",
}

T3_PATTERNS = {
    "new": r"本年新收",
    "carried_over": r"上年结转",
    "granted": r"予以公开",
    "partial": r"部分公开",
    "denied.state_secret": r"国家秘密",
    "denied.law_prohibited": r"其他法律行政法规|法律行政法规禁止",
    "denied.three_safety": r"三安全一稳定|危及",
    "denied.third_party": r"第三方合法权益|保护第三方",
    "denied.internal_affairs": r"内部事务|三类内部",
    "denied.process_info": r"过程性信息|四类过程",
    "denied.enforcement_file": r"执法案卷|属于行政执法",
    "denied.query_matter": r"查询事项|属于行政查询",
    "unable.not_held": r"不掌握",
    "unable.needs_creation": r"另行制作|没有现成",
    "unable.unclear": r"仍不明确|补正后申请",
    "not_processed.petition": r"信访|举报投诉|投诉举报",
    "not_processed.duplicate": r"重复申请",
    "not_processed.publication": r"公开出版",
    "not_processed.excessive": r"大量反复",
    "not_processed.confirmation": r"行政机关确认|重新出具",
    # 2019: the one （六） row. In a 2021 table 其他处理 is the group label of the three rows below.
    "other": r"其他处理",
    "other.no_correction": r"逾期不补",
    "other.no_fee": r"逾期未按|收费通知|缴纳费用",
    # "3.其他" only: a bare 其他 is the header of the sixth column.
    "other.other": r"3[、.．]其他(?![\u4e00-\u9fff])",
    # "（七）总计" or a label cell that is only 总计; 总计 inside a header run is the last column.
    "total": r"(?:[（(]七[）)]|七、|^)总计",
    "carried_forward": r"结转下一?年度|转下一?年度",
}

# Phrases of the 2021 table 3 that the 2019 table does not have: its three （六） sub-rows.
T3_2021_MARKS = re.compile(r"逾期不补正|收费通知|缴纳费用|3[、.．]其他(?![\u4e00-\u9fff])")


# Header cells of tables 2 and 3 that the catalog does not name; its column and group names of
# tables 3 and 4 count from three characters: 其他 and 总计 alone also end retyped row labels
# ("3其他" for "3.其他", "7总计"), where a digit before them is no value.
_HEADER_OPENINGS = ("第二十条", "信息内容", "本列数据", "申请人情况", "法人或其他组织")
MIN_OPENING_CHARS = 3
# A label numbered with Chinese numerals ("四、结转…", "（七）总计"); digit-numbered sub-rows
# ("1.属于国家秘密") are left out, since their digit can be the value run into them.
_NUMBERED_LABEL = r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[\u4e00-\u9fff]"


def _checked(patterns: dict[str, str], names: list[str], table: int) -> dict[str, re.Pattern[str]]:
    if set(patterns) != set(names):
        raise RuntimeError(f"table {table} label patterns and the catalog disagree: "
                           f"{sorted(set(patterns) ^ set(names))}")
    return {name: re.compile(pattern) for name, pattern in patterns.items()}


@lru_cache(maxsize=1)
def _compiled() -> dict[int, dict[str, re.Pattern[str]]]:
    t2_items = list(catalog().t2_items("2019")) + list(catalog().t2_items("2021"))
    return {2: _checked(T2_PATTERNS, list(dict.fromkeys(t2_items)), 2),
            3: _checked(T3_PATTERNS, list(catalog().t3_row_labels), 3)}


def find_labels(text: str, table: int, rows: list[str]) -> list[str]:
    """The rows among `rows` that `text` names, in the order it names them.

    `text` may hold several labels (a wrapped label run, a header followed by the first row's label):
    each is found at its position. The same row named twice in a row ("信访举报投诉" matching two of
    its phrases) counts once.
    """
    patterns = _compiled()[table]
    found: list[tuple[int, str]] = []
    for row in rows:
        found += [(match.start(), row) for match in patterns[row].finditer(text)]
    ordered: list[str] = []
    for _, row in sorted(found):
        if not ordered or ordered[-1] != row:
            ordered.append(row)
    return ordered


@lru_cache(maxsize=1)
def _label_opening() -> re.Pattern[str]:
    names = [*catalog().t3_columns.values(), *catalog().t4_groups.values(), *catalog().t4_results.values()]
    words = [word for name in names for word in name.split(" · ") if len(word) >= MIN_OPENING_CHARS]
    headers = "|".join(map(re.escape, dict.fromkeys([*words, *_HEADER_OPENINGS])))
    items = "|".join(T2_PATTERNS.values())  # "行政规范性文件", "政府集中采购": items the patterns end
    return re.compile(rf"^(?:{_NUMBERED_LABEL}|[（(]?(?:{headers})|(?:行政|政府)?(?:{items}))")


def opens_a_label(text: str) -> bool:
    """Whether `text` (whitespace removed) begins the way a header cell or a row label of tables 2-4 begins."""
    return _label_opening().match(text) is not None


def row_name(row: str) -> str:
    """A table 3 row in its own words, from the catalog label: "予以公开", "1.属于国家秘密", "总计"."""
    label = re.sub(r"\s*\(20\d\d\)$", "", catalog().t3_row_labels[row].split(" — ")[0])
    own = re.sub(r"^(?:[一二三四五六七八九十]+、|三?[（(][一二三四五六七][）)])", "", label.split()[-1])
    return re.sub(r"[（(][^）)]*[）)]$", "", own)


def item_name(item: str) -> str:
    """A table 2 item as the catalog labels it ("规章"), without the per-template notes."""
    metric = next(m for m in catalog().t2_metrics if m.id.split(".")[1] == item)
    return re.sub(r"\s*\(20\d\d\)", "", metric.label.split(" · ")[0])
