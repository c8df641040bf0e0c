"""Each fact rule on phrasings it must read and on near misses it must leave alone (annotation.md)."""
from __future__ import annotations

import pytest

from extractor.catalog import catalog
from extractor.findings import Fact
from extractor.prose import prose_reader
from extractor.prose.numbers import parse_count
from extractor.sections import split_sections


def facts_of(text: str) -> list[Fact]:
    facts = prose_reader("off", []).read(text, split_sections(text)).facts
    for fact in facts:
        assert text[fact.start:fact.end] == fact.text
    return facts


def readings(text: str) -> list[tuple[str, int | float, str | None]]:
    return [(fact.type, fact.value, fact.label) for fact in facts_of(text)]


def test_facts_carry_their_span_catalog_unit_and_rule_source():
    text = "一、总体情况\n2021年，我局共主动公开政府信息1256条。"
    (fact,) = facts_of(text)
    units = {fact_type.type: fact_type.unit for fact_type in catalog().fact_types}
    assert (fact.type, fact.value, fact.text) == ("info_published_total", 1256, "我局共主动公开政府信息1256条")
    assert (fact.unit, fact.source, fact.score, fact.label) == (units["info_published_total"], "rule", 1.0, None)


@pytest.mark.parametrize("text,value", [
    ("2021年，我局共主动公开政府信息1256条。", 1256),
    ("2018年全区主动公开政府信息2069条。", 2069),
    ("通过各种传媒工具累计发布了各类政府信息达850条。", 850),
    ("通过门户网站及微信公众号等渠道累计主动公开信息203条。", 203),
    ("2021年主动公开政府信息256条，其中政策文件15条。", 256),
    ("全年共主动公开政府信息1.2万条。", 12000),
])
def test_info_published_total(text, value):
    assert readings(text) == [("info_published_total", value, None)]


@pytest.mark.parametrize("text", [
    "其中，区直各部门主动公开政府信息1592条。",    # a part of the body after 其中
    "各乡镇主动公开政府信息477条。",               # said of some of the body's units
    "围绕重点领域，公开财政预决算信息15条。",       # one category
    "其中包括政策文件37条，工作动态22条，财政信息1条。",
    "共收集网络信息近1000条，处置网络舆情70多件。",
    "公开立项审批信息和备案信息共123件。",
])
def test_info_published_total_near_misses(text):
    assert readings(text) == []


@pytest.mark.parametrize("text,value,label", [
    ("其中微信公众号公开43条，", 43, "微信公众号"),
    ("其他方式公开28条。", 28, "其他"),
    ("全年在政府网站上共公开信息68条，其中包括政策文件37条。", 68, "政府网站"),
    ("2024 年，市政府网站主动公开各类政\n府信息 5500 余条，", 5500, "政府网站"),
    ("“上海科技”网站全年累计发布信息 2139 条。", 2139, "政府网站"),
    ("“上海科技”微信公众号共编发文章 1640 篇。", 1640, "微信公众号"),
    ("“上海科技”视频\n号共制作并发布短视频 584 条。", 584, "政务新媒体"),
    ("其中微博29个，共发布信息1992条；", 1992, "微博"),
    ("我镇通过镇政府公示栏公示信息48条。", 48, "公开栏"),
    ("通过县融媒体中心抖音号推送信息96条。", 96, "政务新媒体"),
    ("在《某市人民政府公报》上刊登信息12条。", 12, "政府公报"),
    ("通过报刊发布信息7条。", 7, "新闻媒体"),
])
def test_info_published_channel(text, value, label):
    assert readings(text) == [("info_published_channel", value, label)]


@pytest.mark.parametrize("text,value,label", [
    ("通过镇政府公示栏公开党务、村务信息 56 条。", 56, "公开栏"),
    ("在区政府门户网站发布教育信息310条。", 310, "政府网站"),
    ("通过“青峰发布”微信公众号推送惠民政策信息 88 条。", 88, "微信公众号"),
    ("通过县政府门户网站公开规划计划、人事任免、财政预算等信息共计 1200 条。", 1200, "政府网站"),
])
def test_a_channel_whose_information_is_qualified(text, value, label):
    assert readings(text) == [("info_published_channel", value, label)]


def test_a_phrase_never_takes_its_count_from_the_next_clause():
    """The 40 belongs to the 公告栏; the 95 after the comma is the total, not the 公告栏's."""
    text = "在社区公告栏公开财务、党务信息 40 条，全年累计主动公开政府信息 95 条。"
    assert readings(text) == [("info_published_channel", 40, "公开栏"), ("info_published_total", 95, None)]


def test_channels_joined_by_a_dun_comma():
    text = "全年共公开信息165条，其中在市政府网站发布政务信息120条、在乡镇公开栏公开45条。"
    assert readings(text) == [("info_published_total", 165, None), ("info_published_channel", 120, "政府网站"),
                              ("info_published_channel", 45, "公开栏")]


@pytest.mark.parametrize("cue", ["合计", "总计", "共计", "累计", "全年", "全年度"])
def test_a_total_after_its_channels(cue):
    text = f"通过网站发布信息60条，通过微信公众号发布信息40条，{cue}主动公开政府信息100条。"
    assert readings(text) == [("info_published_channel", 60, "政府网站"), ("info_published_channel", 40, "微信公众号"),
                              ("info_published_total", 100, None)]


@pytest.mark.parametrize("text", [
    "全年主动公开财政预算信息58条。",          # one category, no channel: no total
    "其中公开环评审批信息215条。",
])
def test_a_qualified_count_without_a_channel_is_no_fact(text):
    assert readings(text) == []


def test_a_total_and_its_channels_listed_after_qizhong():
    text = "累计发布信息1500条，其中门户网站1000条、微信公众号500条。"
    assert readings(text) == [("info_published_total", 1500, None),
                              ("info_published_channel", 1000, "政府网站"),
                              ("info_published_channel", 500, "微信公众号")]


@pytest.mark.parametrize("text", [
    "设置信息公开、依申请公开等公开栏目，发布信息30条。",   # 公开栏目 is a column, not 公开栏
    "运用抖音号报道进博会，41条短视频播放量超2300万。",     # views of videos, not publishing
    "微信公众号用户已突破550万，微博粉丝突破770万。",
    "截至目前，全市在运维政务新媒体共计 95 个。",           # accounts, not items
    "通过“中国上海”门户网站、《上海市人民政府公报》等平台主动公开规章13件。",  # a category
])
def test_info_published_channel_near_misses(text):
    assert readings(text) == []


@pytest.mark.parametrize("text,value", [
    ("通过“中国上海”门户网站发布政策解读共132件。", 132),
    ("刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。", 83),
    ("通过文字、图片等形式制作政策解读\n21 个，", 21),
    ("其中动态类信息发布 1744 条，解读类信息发布 21 条。", 21),
    ("全年发布了十二篇政策解读。", 12),
])
def test_policy_interpretations(text, value):
    assert readings(text) == [("policy_interpretations", value, None)]


@pytest.mark.parametrize("text,value", [
    ("召开了2场新闻发布会。", 2), ("全年召开两场新闻发布会。", 2), ("举办新闻发布会三次。", 3),
    ("组织召开了“春节稳就业”“优化营商环境”等新闻发布会 12 场，努力传递政府声音。", 12),
])
def test_press_conferences(text, value):
    assert readings(text) == [("press_conferences", value, None)]


@pytest.mark.parametrize("text,value", [
    ("开展各类信息公开培训2场。", 2), ("组织开展政务公开业务培训3次，参训人员120余人次。", 3),
    ("举办培训班两期。", 2), ("组织开展3期政务公开专题培训。", 3),
])
def test_trainings(text, value):
    assert readings(text) == [("trainings", value, None)]


@pytest.mark.parametrize("text", [
    "培训政务公开工作人员200人次。",                 # people, not sessions
    "全年组织 4 次政府信息公开栏目全覆盖检查。",     # checks, not trainings
    "召开政务公开工作推进会3次。",                   # a meeting that is no training
    "参加新闻发布会带头解读，直播 118 场。",
    "区长出席新闻发布会2场。",                       # attending is not holding
    "受邀参加市政府新闻发布会3次。",
    "全年新闻发布会5场。",                           # nobody held them: no holding verb, no body
])
def test_trainings_and_press_conferences_near_misses(text):
    assert readings(text) == []


@pytest.mark.parametrize("text,value", [
    ("2020年我镇共受理政府信息公开申请1件，已经答复1件。", 1),
    ("全市共受理政府信息公开申请 3119 件，答复 3050 件。", 3119),
    ("全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。", 34),
    ("本年度新收政府信息公开申请五件。", 5),
    ("2018年未收到有关政府信息公开申请。", 0),
    ("全年我乡收到依申请公开政府信息3件。", 3),   # 依申请公开 is disclosure on request, not publishing
])
def test_applications_received(text, value):
    assert readings(text) == [("applications_received", value, None)]


@pytest.mark.parametrize("text", [
    "上年结转政府信息公开申请 2 件。",
    "答复政府信息公开申请805件（含上年度结转申请18件）。",
    "2018年未收到有关政府信息公开行政复议、提起行政诉讼的申请。",
    "截至目前共收到15564件咨询投诉件，已办结15042件。",
    "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",   # a table row
    "| 一、本年新收政府信息公开申请 | 32件 | 2件 |",             # a markdown table row
    "一、本年新收政府信息公开申请   32件   2件",                  # a PDF table row set apart by spaces
])
def test_applications_received_near_misses(text):
    assert readings(text) == []


@pytest.mark.parametrize("text,expected", [
    ("2020全年共办理人大建议11件，提出的看法和意见共54件。", [(11, "人大建议")]),
    ("及主合办人大代表建议 50 件，主合\n办政协提案 85 件的办理复文。", [(50, "人大建议"), (85, "政协提案")]),
    ("全年共办理市人大代表建议18件、市政协提案22件。", [(18, "人大建议"), (22, "政协提案")]),
])
def test_npc_cppcc_handled(text, expected):
    assert readings(text) == [("npc_cppcc_handled", value, label) for value, label in expected]


@pytest.mark.parametrize("text", [
    "办理人大代表建议和政协提案65件。",          # both together: the label cannot be told
    "收到人大代表建议5件。",                    # received, not handled
])
def test_npc_cppcc_handled_near_misses(text):
    assert readings(text) == []


@pytest.mark.parametrize("written,value", [
    ("3119", 3119), ("5,500", 5500), ("１２", 12), ("1.2万", 12000), ("两", 2), ("二十三", 23),
    ("一百零五", 105), ("三万五千", 35000), ("二三", None)])
def test_counts_in_digits_and_chinese_numerals(written, value):
    assert parse_count(written) == value


# --- phrasings first met on real published reports (samples/realworld), here on constructed texts ---

# Paragraphs of the usual width: with only short lines, the reading view would take a heading for a
# line wrapped at the page width.
OVERVIEW = "一、概述\n" + "\n".join(
    ["本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》，进一步加强组织领导，完善工作制度。",
     "本局不断拓展公开内容，创新公开形式，强化监督检查，政府信息公开工作有序推进，取得了较好成效。",
     "本局坚持以公开为常态、不公开为例外，及时准确公开各类政府信息，切实保障公众的知情权和监督权。"])



@pytest.mark.parametrize("text", [
    "2019年，我办没有依申请公开政府信息办理事项。",
    "本年度，我委未收到和处理政府信息公开申请件，也没有发生行政复议。",
    "全年未收到政府信息公开申请、未发生行政复议和行政诉讼。",
    "2023年度我街道无依法申请公开件。",
    "本机关全年未受理到依申请公开件。",
    "2016年，我乡政府未收到信息公开的申请，也无不予公开的信息。",
])
def test_a_statement_of_no_applications_is_a_count_of_zero(text):
    assert readings(text) == [("applications_received", 0, None)]


def test_applications_counted_in_tiao():
    assert readings("2、依申请公开情况。全年收到依申请公开信息5条，均已按时答复。") == [("applications_received", 5, None)]


def test_a_bare_no_applications_counts_only_under_the_heading_of_requests():
    """The legacy layout repeats "无申请" under the fees and the appeals headings: those say nothing
    of disclosure requests received."""
    text = (f"{OVERVIEW}\n三、依申请公开政府信息和不予公开政府信息情况\n本局2017年度无申请。\n"
            "四、依申请公开政府信息收费及减免情况\n本局2017年度无申请。\n"
            "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n本局2017年度无申请。\n")
    facts = facts_of(text)
    assert [(fact.type, fact.value) for fact in facts] == [("applications_received", 0)]
    assert facts[0].start < text.index("四、")


@pytest.mark.parametrize("text", [
    "我镇没有依申请公开政府信息收费及减免的情况。",        # fees, not applications
    "一、概述\n全年工作顺利，无申请。",                      # a bare 申请 under no heading of requests
    f"{OVERVIEW}\n四、政府信息公开的收费及减免情况\n全年没有依申请公开信息。",
])
def test_statements_of_none_about_other_matters_are_no_facts(text):
    assert readings(text) == []


@pytest.mark.parametrize("text,value,label", [
    ("其中，网上公开信息12条，占比40%。", 12, "政府网站"),
    ("城关村村务公开揭示板上公开信息30条。", 30, "公开栏"),
    ("在县医保局基金监管信息平台发布了120余条医保信息。", 120, "其他"),
    ("本年度，我委通过政府信息公开平台公开信息57条。", 57, "政府网站"),
    ("通过新媒体平台发布信息30条。", 30, "政务新媒体"),    # a platform of a named kind is that kind
])
def test_channels_named_by_other_words(text, value, label):
    assert readings(text) == [("info_published_channel", value, label)]


@pytest.mark.parametrize("text,value", [
    ("截至年底累计主动公开的政府信息约80条。", 80),
    ("全年通过政府网站、政务微博等平台，依法、及时向社会公开人事任免、财政资金、重大项目、民生保障等政府信息共计2310条。", 2310),
])
def test_totals_with_an_approximate_count_or_a_survey_of_kinds(text, value):
    assert readings(text) == [("info_published_total", value, None)]


def test_two_kinds_closed_by_deng_are_still_a_category():
    assert readings("全年公开财政预算、决算等信息58条。") == []


def test_category_counts_listed_under_a_channel_are_not_its_total():
    text = "在区政府网上主动公开机构职能信息5条、规划计划信息9条、其他信息20条。"
    assert readings(text) == []


def test_a_count_that_lost_its_unit_at_the_end_of_its_paragraph():
    """A page conversion dropped "条" before the next heading; without the information published
    a bare number at a line's end is no count."""
    assert readings("通过门户网站主动公开政府信息180余\n二、主动公开政府信息情况\n") == [
        ("info_published_channel", 180, "政府网站")]
    assert readings("通过门户网站主动公开180\n二、主动公开政府信息情况\n") == []


@pytest.mark.parametrize("text,fact_type,value", [
    ("其中公文9条，政策解读数量为12篇。", "policy_interpretations", 12),
    ("全年共举办36场区政府新闻发布活动。", "press_conferences", 36),
])
def test_event_counts_with_a_count_word_or_after_the_count(text, fact_type, value):
    assert readings(text) == [(fact_type, value, None)]


# --- phrasings first met on a blind set of real reports, here on constructed second examples ---

@pytest.mark.parametrize("text,value", [
    ("2015年度，全区共收到申请政府信息公开8件（次），均已答复。", 8),     # the words swapped, "件（次）"
    ("2022年，我办受理政府信息依申请公开办理事项3件。", 3),              # 办理事项 between
    ("全年受理依申请公开件12件，办结12件。", 12),                         # 依申请公开件 as the noun
])
def test_applications_received_in_other_word_orders(text, value):
    assert readings(text) == [("applications_received", value, None)]


@pytest.mark.parametrize("text,value,label", [
    ("其中，抖音等新媒体发布45条。", 45, "政务新媒体"),
    ("通过微博、视频号、快手等政务新媒体发布信息320条。", 320, "政务新媒体"),
    ("“平安青峰”今日头条信息发布量356条。", 356, "政务新媒体"),
    ("编印《青峰政报》24期，刊登政府信息310条。", 310, "政府公报"),
    ("其中，通过政务新媒体（微信公众号、视频号等）公开信息229条。", 229, "政务新媒体"),
])
def test_channels_named_by_a_list_a_platform_or_a_gazette(text, value, label):
    assert readings(text) == [("info_published_channel", value, label)]


def test_a_list_of_channels_closed_by_a_channel_kind_is_that_channel_not_the_total():
    text = "全年公开政府信息5200条，其中通过门户网站公开3100条，通过微信、微博、抖音等政务新媒体公开政府信息2100条。"
    assert readings(text) == [("info_published_total", 5200, None), ("info_published_channel", 3100, "政府网站"),
                              ("info_published_channel", 2100, "政务新媒体")]


def test_a_publishing_noun_counts_like_its_verb():
    assert readings("全年信息发布量1200条。") == [("info_published_total", 1200, None)]
    assert readings("快手号信息发布量48条，累计播放量9万次。") == [("info_published_channel", 48, "政务新媒体")]


def test_channels_without_a_verb_in_a_list_of_channels():
    text = "2022年县政府门户网站128条，“青峰发布”微信公众号推送信息64篇。"
    assert readings(text) == [("info_published_channel", 128, "政府网站"), ("info_published_channel", 64, "微信公众号")]


def test_a_channel_and_a_count_alone_are_no_fact():
    """Without a verb or a list of channels, a website's count may count anything it holds."""
    assert readings("完成门户网站46条错误链接的整改。") == []


@pytest.mark.parametrize("whole", ["全旗", "全盟", "全州", "全自治区", "全街道", "全厅", "全苏木"])
def test_the_whole_of_any_administrative_unit_speaks_of_the_total(whole):
    text = f"2023年，{whole}各级行政机关主动公开政府信息5321条。"
    assert readings(text) == [("info_published_total", 5321, None)]


def test_a_number_that_ends_a_cut_off_text_is_no_fact():
    """The page stopped inside the number: "4521" may be the start of "45210条"."""
    assert readings("2022年，我区主动公开政府信息4521") == []
    assert readings("2022年，我区主动公开政府信息4521\n二、主动公开政府信息情况\n") == [
        ("info_published_total", 4521, None)]


@pytest.mark.parametrize("text,value", [
    ("全年解读惠企政策12条。", 12),
    ("围绕群众关切，解读相关政策文件8余件。", 8),
])
def test_policy_interpretations_with_interpret_as_the_verb(text, value):
    assert readings(text) == [("policy_interpretations", value, None)]
