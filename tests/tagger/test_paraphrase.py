"""The synthetic reports are labelled the way annotation.md labels real ones."""
import re

from extractor.tagger.labels import entity_labels
from extractor.tagger.training.corpus import LabelledText
from extractor.tagger.training.paraphrase import ReportGenerator, wrap_lines
from extractor.tagger.values import count_in

ENUMERATOR_START = re.compile(r"^(?:[一二三四五六]是|（[一二三四五六]）|\d[.、]|[①-⑥])")


def test_same_seed_same_reports_and_every_label_appears():
    first, second = ReportGenerator(7).reports(60), ReportGenerator(7).reports(60)
    assert [d.text for d in first] == [d.text for d in second]
    assert {span.label for d in first for span in d.spans} == set(entity_labels())


def test_fact_spans_state_their_number_and_items_carry_no_enumerator():
    for document in ReportGenerator(3).reports(80):
        for span in document.spans:
            phrase = document.text[span.start:span.end]
            assert phrase.strip() == phrase and phrase
            if span.label in ("PROBLEM", "MEASURE"):
                assert not ENUMERATOR_START.match(phrase), phrase
                assert not phrase.endswith(("。", "；")), phrase
            else:
                assert count_in(phrase) is not None, phrase


def test_wrapping_keeps_each_span_on_the_same_characters():
    document = LabelledText("五、存在的主要问题\n一是公开形式较为单一；二是信息更新不够及时。", [], "constructed")
    start = document.text.index("公开形式")
    from extractor.tagger.labels import LabelledSpan
    document.spans.append(LabelledSpan(start, start + 8, "PROBLEM"))
    wrapped = wrap_lines(document, 6)
    span = wrapped.spans[0]
    assert "\n" in wrapped.text[span.start:span.end]
    assert wrapped.text[span.start:span.end].replace("\n", "") == "公开形式较为单一"
