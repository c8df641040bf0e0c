"""The committed model in `models/tagger` tags sentences it never saw the way annotation.md says."""
from pathlib import Path

import pytest

from extractor.sections import Sections
from extractor.tagger import TaggerReader, load_tagger
from extractor.tagger.inference import tag_text

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "tagger"

# Written for this test (not in any training text): a 2022 sub-district report in the 2021 style.
OVERVIEW = ("一、总体情况\n2022年，城西街道办事处认真贯彻落实《条例》要求，全年共主动公开政府信息356条，"
            "其中通过微信公众号公开120条。全年共受理政府信息公开申请7件，均已按时答复。\n")
SECTION5 = ("五、存在的主要问题及改进情况\n一是政策解读形式较为单一；二是依申请公开答复质量有待提高。\n"
            "下一步，城西街道将加强业务培训，提升政务公开工作人员的业务能力。\n")


@pytest.fixture(scope="module")
def model():
    return load_tagger(MODEL_DIR)


def test_the_committed_model_is_small_and_complete(model):
    assert (MODEL_DIR / "model.safetensors").stat().st_size < 30_000_000
    assert (MODEL_DIR / "README.md").is_file()


def test_facts_of_an_overview_paragraph(model):
    facts = TaggerReader(model).read(OVERVIEW, Sections()).facts
    got = {(f.type, f.value, f.label) for f in facts}
    assert ("info_published_total", 356, None) in got
    assert ("info_published_channel", 120, "微信公众号") in got
    assert ("applications_received", 7, None) in got
    for fact in facts:
        assert OVERVIEW[fact.start:fact.end] == fact.text and fact.source == "model" and 0 < fact.score <= 1


def test_item_labels_of_section_five(model):
    spans = tag_text(model, SECTION5)
    problems = [SECTION5[s.start:s.end] for s in spans if s.label == "PROBLEM"]
    measures = [SECTION5[s.start:s.end] for s in spans if s.label == "MEASURE"]
    assert problems == ["政策解读形式较为单一", "依申请公开答复质量有待提高"]
    assert len(measures) == 1 and "加强业务培训" in measures[0]
