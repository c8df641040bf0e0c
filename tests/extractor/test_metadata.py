"""Title, reporting body, level, year, date and region of a report, on the dev reports and built texts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from extractor.document import Document, Paragraph
from extractor.metadata import Metadata, admin_level, read_metadata
from extractor.sections import split_sections

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DEV_REPORTS = ["000_740ca8d1fbe81e04.txt", "001_713aac75e110bc97.txt", "002_f592ee913005bca5.txt",
               "003_b2d8a9a71ffdf943.txt", "004_9405448751938849.txt", "huaian_2024.pdf", "kewei_2024.md",
               "pingtan_2018.txt", "shanghai_office_2019.html"]


def metadata_of(text: str, *, title_hint: str | None = None, source_title: str | None = None,
                published_hint: str | None = None) -> Metadata:
    document = Document([Paragraph(text)], "txt", title_hint=title_hint, published_hint=published_hint)
    return read_metadata(document, split_sections(document.text), source_title)


@pytest.fixture(scope="module")
def dev_metadata(request) -> dict[str, tuple[Metadata, dict]]:
    convert = request.getfixturevalue("convert")
    result = {}
    for name in DEV_REPORTS:
        document = convert((SAMPLES / "reports" / name).read_bytes(), name)
        gold = json.loads((SAMPLES / "gold" / f"{Path(name).stem}.gold.json").read_text(encoding="utf-8"))
        result[name] = (read_metadata(document, split_sections(document.text), None), gold)
    return result


@pytest.mark.parametrize("name", DEV_REPORTS)
def test_dev_report_metadata_matches_the_gold(dev_metadata, name):
    meta, gold = dev_metadata[name]
    assert meta.year == gold["year"]
    assert meta.organization == gold["organization"]
    assert meta.admin_level == gold["admin_level"]
    assert meta.title == gold.get("title")
    for level, place in meta.region.items():
        assert (gold["region"] or {}).get(level) == place, (level, place)


def test_region_from_the_address_of_a_township(dev_metadata):
    meta, _ = dev_metadata["001_713aac75e110bc97.txt"]
    assert meta.region == {"province": "江西省", "city": "宜春市", "county": "上高县"}


def test_a_township_that_names_itself_only_in_the_body():
    """No title, no 编制 statement: the place the text calls 我镇 by name, completed to its government."""
    meta = metadata_of("本报告所列数据的统计期限自2021年1月1日至2021年12月31日止。\n一、总体情况\n"
                       "2021年，青石镇认真贯彻《条例》，推进青石镇政务公开。我镇全年公开信息40条。")
    assert (meta.organization, meta.admin_level, meta.year, meta.title) == ("青石镇人民政府", "township", 2021, None)


def test_the_texts_own_full_name_wins_over_the_suffix_lexicon():
    meta = metadata_of("白沙街道2021年度政府信息公开工作年度报告\n由白沙街道办事处编制。\n一、总体情况\n无。")
    assert meta.organization == "白沙街道办事处"
    meta = metadata_of("红旗街道2021年度政府信息公开工作年度报告\n一、总体情况\n全年工作。")
    assert (meta.organization, meta.admin_level) == ("红旗街道办事处", "township")
    meta = metadata_of("沁源县郭道镇2021年政府信息公开工作年度报告\n发文机关：郭道镇人民政府\n一、总体情况\n工作。")
    assert meta.organization == "郭道镇人民政府"
    meta = metadata_of("桥头乡政府2021年政府信息公开工作年度报告\n一、总体情况\n推进桥头乡政府信息公开。")
    assert (meta.organization, meta.admin_level) == ("桥头乡人民政府", "township")


def test_a_county_government_and_a_county_department():
    county = metadata_of("永安县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n全年工作。")
    assert (county.organization, county.admin_level, county.year) == ("永安县人民政府", "county", 2022)
    department = metadata_of("永安县教育局2022年政府信息公开工作年度报告\n一、总体情况\n全年工作。")
    assert (department.organization, department.admin_level) == ("永安县教育局", "department")


def test_a_department_known_by_its_short_name():
    meta = metadata_of("2023年天津市发改委政府信息公开工作年度报告\n一、总体情况\n全年工作。")
    assert (meta.organization, meta.admin_level) == ("天津市发展和改革委员会", "department")
    assert meta.region == {"province": "天津市", "city": "天津市"}


def test_levels_of_cities_districts_and_provinces():
    assert admin_level("上海市人民政府") == "province"
    assert admin_level("上海市浦东新区人民政府") == "county"
    assert admin_level("广东省人民政府") == "province"
    assert admin_level("广西壮族自治区人民政府") == "province"
    assert admin_level("湖州市人民政府") == "city"
    assert admin_level("义乌市人民政府", {"city": "金华市"}) == "county"
    assert admin_level("北京市人民政府办公厅") == "department"
    assert admin_level("平潭综合实验区管委会") == "city"


def test_a_county_level_city_inside_its_city_and_a_department_named_after_a_county_town():
    meta = metadata_of("金华市义乌市人民政府2021年政府信息公开工作年度报告\n一、总体情况\n全年工作。")
    assert (meta.organization, meta.admin_level) == ("金华市义乌市人民政府", "county")
    assert meta.region == {"province": "浙江省", "city": "金华市", "county": "义乌市"}
    meta = metadata_of("宜丰县城市管理局2021年政府信息公开工作年度报告\n一、总体情况\n全年工作。")
    assert (meta.admin_level, meta.region) == ("department", {})


def test_a_label_before_the_title_and_a_notice_that_publishes_the_report():
    meta = metadata_of("正文\n2023 年某市统计局政府信息公开工作\n年度报告\n一、总体情况\n全年工作。")
    assert (meta.title, meta.organization) == ("2023年某市统计局政府信息公开工作年度报告", "某市统计局")
    meta = metadata_of("河口镇人民政府关于印发2021年政府信息公开工作年度报告的通知\n一、总体情况\n全年工作。")
    assert (meta.organization, meta.year) == ("河口镇人民政府", 2021)


def test_the_statistics_period_wins_over_the_title_year_even_when_garbled():
    meta = metadata_of("南坪乡2022年政府信息公开工作年度报告\n本年度报告中所列数据的统计期限自202111日起至20211230日止。\n"
                       "一、总体情况\n2022年1月发布。")
    assert meta.year == 2021
    assert any("2022" in warning and "2021" in warning for warning in meta.warnings)


def test_a_title_year_in_chinese_digits_and_a_title_over_three_lines():
    meta = metadata_of("东湖区人民政府\n二〇二〇年度政府信息公开工作\n年度报告\n一、总体情况\n工作。")
    assert meta.year == 2020
    assert meta.title == "东湖区人民政府二〇二〇年度政府信息公开工作年度报告"
    assert (meta.organization, meta.admin_level) == ("东湖区人民政府", "county")


def test_without_period_or_title_the_most_named_year_is_used_with_a_warning():
    meta = metadata_of("一、总体情况\n2019年全年工作。2019年公开信息。2018年相比。")
    assert meta.year == 2019
    assert meta.warnings


def test_the_title_from_the_source_when_the_text_has_none():
    meta = metadata_of("一、总体情况\n全年工作。", source_title="城关镇2021年政府信息公开工作年度报告_某县人民政府")
    assert meta.title == "城关镇2021年政府信息公开工作年度报告"
    assert meta.organization == "城关镇人民政府"


def test_published_dates_from_the_source_a_label_or_the_signature():
    assert metadata_of("一、总体情况\n无。", published_hint="2021-01-20 10:00").published == "2021-01-20"
    assert metadata_of("发布日期：2020-01-31\n一、总体情况\n无。").published == "2020-01-31"
    signed = metadata_of("一、总体情况\n无。\n六、其他需要报告的事项\n无。\n城关镇人民政府\n2021年1月20日")
    assert signed.published == "2021-01-20"
    assert metadata_of("一、总体情况\n无。\n2021年13月40日").published is None


def test_a_city_mentioned_in_passing_is_not_the_bodys_place():
    meta = metadata_of("城关镇2021年政府信息公开工作年度报告\n我镇位于青山市。\n一、总体情况\n无。")
    assert meta.region == {}
    meta = metadata_of("城关镇2021年政府信息公开工作年度报告\n一、总体情况\n我镇学习借鉴苏州市的经验，推进公开。")
    assert meta.region == {}


@pytest.mark.parametrize("title,region", [
    ("常州市人民政府2022年政府信息公开工作年度报告", {"province": "江苏省", "city": "常州市"}),
    ("绵阳市教育局2021年政府信息公开工作年度报告", {"province": "四川省", "city": "绵阳市"}),
    ("朝阳市人民政府2020年政府信息公开工作年度报告", {"province": "辽宁省", "city": "朝阳市"}),
    ("黔东南苗族侗族自治州人民政府2023年政府信息公开工作年度报告", {"province": "贵州省", "city": "黔东南苗族侗族自治州"}),
    ("青山市人民政府2022年政府信息公开工作年度报告", {"city": "青山市"}),  # no such prefecture: no province
])
def test_the_city_of_the_bodys_own_name_gives_its_province(title, region):
    assert metadata_of(f"{title}\n一、总体情况\n全年工作。").region == region


def test_the_bodys_address_places_it():
    meta = metadata_of("石门镇2021年政府信息公开工作年度报告\n如对本报告有疑问，请与石门镇党政办联系（地址：赣州市章贡区石门路1号）。"
                       "\n一、总体情况\n全年工作。")
    assert meta.region == {"province": "江西省", "city": "赣州市", "county": "章贡区"}
    street = metadata_of("石门镇2021年政府信息公开工作年度报告\n地址：中山路市民中心3楼。\n一、总体情况\n全年工作。")
    assert street.region == {}  # a street's name that ends in 市 is no city


def test_prefectures_data_lists_every_province_and_no_city_twice():
    raw = yaml.safe_load((Path(__file__).resolve().parents[2] / "extractor" / "data" / "prefectures.yaml")
                         .read_text(encoding="utf-8"))
    cities = [city for province_cities in raw.values() for city in province_cities]
    assert len(raw) == 27 and len(cities) == len(set(cities)) == 333
    assert {"江苏省": "淮安市", "广东省": "东莞市", "新疆维吾尔自治区": "喀什地区", "内蒙古自治区": "兴安盟"}.items() \
        <= {province: city for province, province_cities in raw.items() for city in province_cities
            if city in ("淮安市", "东莞市", "喀什地区", "兴安盟")}.items()


def test_a_document_name_in_quotes_is_never_the_title():
    """The page's own title (<title>, <h1>) is the title when the text opens with prose that cites
    the template's notice 《…关于印发〈…年度报告格式〉的通知》."""
    text = ("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
            "政府信息公开工作年度报告格式〉的通知》要求编制。统计期限自2022年1月1日起至2022年12月31日止。\n"
            "一、总体情况\n全年工作。")
    meta = metadata_of(text, title_hint="青峰区人民政府2022年政府信息公开工作年度报告")
    assert (meta.title, meta.organization, meta.admin_level) == (
        "青峰区人民政府2022年政府信息公开工作年度报告", "青峰区人民政府", "county")
    untitled = metadata_of(text)
    assert untitled.title is None and untitled.organization is None


def test_a_title_in_a_sentence_yields_to_the_sources_title():
    text = "现将2021年政府信息公开工作年度报告公布如下。\n一、总体情况\n全年工作。"
    assert metadata_of(text, title_hint="白河县林业局2021年政府信息公开工作年度报告").title == \
        "白河县林业局2021年政府信息公开工作年度报告"
    assert metadata_of(text).title == "2021年政府信息公开工作年度报告"


@pytest.mark.parametrize("head,title,organization", [
    ("青峰市交通运输局信息公开\n青峰市交通运输局2020年政府信息公开工作年度报告",   # a PDF's running header
     "青峰市交通运输局2020年政府信息公开工作年度报告", "青峰市交通运输局"),
    ("龙门乡人民政府\n龙门乡2022年政府信息公开工作年度报告",                      # a letterhead over the title
     "龙门乡2022年政府信息公开工作年度报告", "龙门乡人民政府"),
    ("永宁县人民政府\n2021年政府信息公开工作年度报告",                            # one title over two lines
     "永宁县人民政府2021年政府信息公开工作年度报告", "永宁县人民政府"),
])
def test_a_line_above_the_title_joins_it_only_when_the_title_lacks_the_name(head, title, organization):
    meta = metadata_of(f"{head}\n一、总体情况\n全年工作。")
    assert (meta.title, meta.organization) == (title, organization)


def test_a_name_written_twice_before_the_year_is_written_once():
    meta = metadata_of("一、总体情况\n全年工作。", title_hint="龙门乡人民政府龙门乡2022年政府信息公开工作年度报告")
    assert (meta.title, meta.organization) == ("龙门乡2022年政府信息公开工作年度报告", "龙门乡人民政府")


@pytest.mark.parametrize("line", [
    "## 青峰市统计局2021年政府信息公开工作年度报告", "**青峰市统计局2021年政府信息公开工作年度报告**",
    "__青峰市统计局2021年政府信息公开工作年度报告__", "`青峰市统计局2021年政府信息公开工作年度报告`",
])
def test_markup_is_no_part_of_a_title(line):
    meta = metadata_of(f"{line}\n一、总体情况\n全年工作。")
    assert (meta.title, meta.organization) == ("青峰市统计局2021年政府信息公开工作年度报告", "青峰市统计局")


def test_a_body_named_with_jiguan_is_that_body():
    """"X人民政府机关" (the government and its office reporting together) is X人民政府."""
    meta = metadata_of("青川县人民政府机关\n2021年政府信息公开工作年度报告\n一、总体情况\n全年工作。")
    assert (meta.title, meta.organization, meta.admin_level) == (
        "青川县人民政府机关2021年政府信息公开工作年度报告", "青川县人民政府", "county")


def test_a_title_that_lost_the_places_name_names_no_body():
    meta = metadata_of("2017年度镇政府信息公开年度报告\n一、基本情况\n全年工作。")
    assert (meta.organization, meta.admin_level) == (None, None)


def test_a_place_read_out_of_a_verb_phrase_is_no_body():
    """"充分发挥县政府网站" holds no county "充分发挥县": the county is the one the text writes with its
    government, and with no such name the body stays unknown (its level from 我县)."""
    body = ("一、总体情况\n2022年，我县深入推进政务公开。充分发挥县政府网站作用，我县全年公开信息120条。"
            "本报告电子版可在青峰县人民政府网站查阅。")
    meta = metadata_of(body)
    assert (meta.organization, meta.admin_level) == ("青峰县人民政府", "county")
    meta = metadata_of(body.replace("本报告电子版可在青峰县人民政府网站查阅。", ""))
    assert (meta.organization, meta.admin_level) == (None, "county")


def test_a_title_quoted_in_a_sentence_names_its_body_after_the_verb():
    meta = metadata_of("根据《条例》规定，现公布青峰市2022年政府信息公开工作年度报告。\n一、总体情况\n全年工作。")
    assert (meta.organization, meta.admin_level) == ("青峰市人民政府", "city")


def test_the_most_specific_body_of_a_compiling_statement():
    meta = metadata_of("本报告由淮阳市清河区人民政府城南街道党政办公室综合科编制。\n一、总体情况\n全年工作。")
    assert (meta.organization, meta.admin_level) == ("淮阳市清河区人民政府城南街道办事处", "township")
    assert meta.region == {"city": "淮阳市", "county": "清河区"}
    meta = metadata_of("本报告由青峰市人民政府办公室根据《条例》要求编制。\n一、总体情况\n全年工作。")
    assert (meta.organization, meta.admin_level) == ("青峰市人民政府", "city")


@pytest.mark.parametrize("text,level", [
    ("一、总体情况\n2021年，我局认真贯彻《条例》，本局全年公开信息30条。", "department"),
    ("一、总体情况\n2021年，我镇认真贯彻《条例》。", "township"),
    ("一、总体情况\n2021年，我街道认真贯彻《条例》。", "township"),
    ("一、总体情况\n2021年，我旗认真贯彻《条例》。", "county"),
    ("一、总体情况\n2021年，我局紧扣我县中心工作。", None),      # a county's department: both levels
    ("一、总体情况\n2021年，本区域内各单位认真贯彻《条例》。", None),  # 本区域 is no self-reference
])
def test_without_a_name_the_level_comes_from_how_the_body_speaks_of_itself(text, level):
    meta = metadata_of(text)
    assert (meta.organization, meta.admin_level) == (None, level)


def test_a_traditional_character_title_gives_the_simplified_names():
    meta = metadata_of("青峰縣水務局2010年政府信息公開工作年度報告\n一、概述\n全年工作。")
    assert (meta.title, meta.organization, meta.admin_level, meta.year) == (
        "青峰县水务局2010年政府信息公开工作年度报告", "青峰县水务局", "department", 2010)
