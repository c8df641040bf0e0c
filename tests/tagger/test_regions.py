"""The tagger reads prose and skips flattened tables, whatever layout the converter left."""
from extractor.tagger.locate import CompactText
from extractor.tagger.regions import prose_regions, windows

REPORT = """一、总体情况
2021年，青山镇共主动公开政府信息120条，其中政府网站公开98条。
二、主动公开政府信息情况
信息内容
本年制发件数
本年废止件数
规章
0
0
五、存在的主要问题及改进情况
一是公开形式较为单一；二是信息更新不够及时。
"""


def test_a_flattened_table_is_skipped_and_the_heading_after_it_kept():
    regions = prose_regions(REPORT)
    read = "".join(REPORT[start:end] for start, end in regions)
    assert "共主动公开政府信息120条" in read
    assert "本年制发件数" not in read and "规章" not in read
    assert "五、存在的主要问题及改进情况\n一是公开形式较为单一" in read


def test_pdf_layout_rows_and_markdown_rows_are_tables_too():
    text = ("全年收到申请12件，均已办结。\n"
            "行政复议        0     0      1\n行政诉讼        0     0      0\n合计        0     0      1\n"
            "| 维持 | 纠正 |\n|---|---|\n| 1 | 0 |\n"
            "下一步，我局将加强培训。\n")
    read = "".join(text[s:e] for s, e in prose_regions(text))
    assert read == "全年收到申请12件，均已办结。\n下一步，我局将加强培训。\n"


def test_windows_cover_every_character_and_overlap():
    spans = windows([(0, 1000), (1200, 1250)], size=254, stride=190)
    covered = set()
    for start, end in spans:
        assert end - start <= 254
        covered.update(range(start, end))
    assert covered == set(range(0, 1000)) | set(range(1200, 1250))
    assert spans[-2][1] == 1000  # the last window of a region ends at its end


def test_compact_search_finds_an_item_across_a_wrapped_line():
    text = "（一）主要问题\n市科委根据机构改革安排，内设机构和职\n能发生较大调整。"
    start, end = CompactText(text).find("内设机构和职能发生较大调整")
    assert text[start:end] == "内设机构和职\n能发生较大调整"
