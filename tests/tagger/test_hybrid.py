"""How the rules' findings and the model's are merged."""
from extractor.findings import Fact, Findings
from extractor.tagger.hybrid import merge
from extractor.tagger.reader import ModelItem, ModelReading, clean_item

TEXT = ("2020年，我镇共主动公开政府信息83条，全年累计发布政策解读12篇，召开新闻发布会2场。\n"
        "五、存在的主要问题及改进情况\n一是公开形式较为单一；二是信息更新不够及时。\n")


def fact(phrase, fact_type, value, source="rule", score=1.0):
    start = TEXT.index(phrase)
    return Fact(fact_type, value, "条", phrase, start, start + len(phrase), source=source, score=score)


def test_agreement_keeps_one_rule_fact_with_the_higher_score():
    rules = Findings(facts=[fact("共主动公开政府信息83条", "info_published_total", 83, score=0.9)])
    model = ModelReading(facts=[fact("我镇共主动公开政府信息83条", "info_published_total", 83, "model", 0.97)])
    merged = merge(TEXT, rules, model, 0.5, 0.5)
    assert [(f.source, f.value, f.score) for f in merged.facts] == [("rule", 83, 0.97)]
    assert merged.warnings == []


def test_a_conflicting_value_keeps_the_rules_number_and_warns():
    rules = Findings(facts=[fact("共主动公开政府信息83条", "info_published_total", 83)])
    model = ModelReading(facts=[fact("共主动公开政府信息83条", "info_published_total", 2020, "model", 0.9)])
    merged = merge(TEXT, rules, model, 0.5, 0.5)
    assert [f.value for f in merged.facts] == [83]
    assert len(merged.warnings) == 1 and "2020" in merged.warnings[0] and "83" in merged.warnings[0]


def test_a_model_only_fact_is_kept_only_above_the_threshold():
    model = ModelReading(facts=[fact("全年累计发布政策解读12篇", "policy_interpretations", 12, "model", 0.8),
                                fact("召开新闻发布会2场", "press_conferences", 2, "model", 0.4)])
    merged = merge(TEXT, Findings(), model, 0.5, 0.5)
    assert [(f.type, f.source) for f in merged.facts] == [("policy_interpretations", "model")]


def test_no_model_only_part_count_beside_the_rules_count_of_its_type():
    text = "全年发布政策解读31篇，其中图解类解读6篇。召开新闻发布会2场。共主动公开政府信息83条；各乡镇主动公开政府信息40条。"

    def at(phrase, fact_type, value, source):
        start = text.index(phrase)
        return Fact(fact_type, value, "篇", phrase, start, start + len(phrase), source=source, score=0.99)

    rules = Findings(facts=[at("发布政策解读31篇", "policy_interpretations", 31, "rule"),
                            at("共主动公开政府信息83条", "info_published_total", 83, "rule")])
    model = ModelReading(facts=[at("图解类解读6篇", "policy_interpretations", 6, "model"),
                                at("召开新闻发布会2场", "press_conferences", 2, "model"),
                                at("各乡镇主动公开政府信息40条", "info_published_total", 40, "model")])
    merged = merge(text, rules, model, 0.5, 0.5)
    assert [(f.type, f.value) for f in merged.facts] == [
        ("policy_interpretations", 31), ("press_conferences", 2), ("info_published_total", 83)]


def test_a_model_span_over_two_rule_facts_agreeing_with_one_is_no_conflict():
    text = "微信公众号公开43条，其他方式公开28条。"
    first, second = text.index("微信"), text.index("其他")
    rules = Findings(facts=[Fact("info_published_channel", 43, "条", text[first:first + 10], first, first + 10,
                                 label="微信公众号"),
                            Fact("info_published_channel", 28, "条", text[second:second + 8], second, second + 8,
                                 label="其他")])
    model = ModelReading(facts=[Fact("info_published_channel", 28, "条", text[:18], 0, 18, label="其他",
                                     source="model", score=0.9)])
    merged = merge(text, rules, model, 0.5, 0.5)
    assert [f.value for f in merged.facts] == [43, 28] and merged.warnings == []


def test_model_items_add_only_what_the_rules_missed():
    start = TEXT.index("信息更新不够及时")
    first = TEXT.index("公开形式较为单一")
    model = ModelReading(items=[ModelItem("PROBLEM", "公开形式较为单一", first, first + 8, 0.99),
                                ModelItem("PROBLEM", "信息更新不够及时", start, start + 8, 0.9),
                                ModelItem("MEASURE", "加强培训", 0, 2, 0.3)])
    merged = merge(TEXT, Findings(problems=["公开形式较为单一"]), model, 0.5, 0.5)
    assert merged.problems == ["公开形式较为单一", "信息更新不够及时"]
    assert merged.measures == []


def test_item_text_loses_enumerator_line_breaks_and_closing_punctuation():
    assert clean_item("二是信息更新\n不够及时；") == "信息更新不够及时"
    assert clean_item("（三）加强队伍建设。定期组织培训。") == "加强队伍建设。定期组织培训"
