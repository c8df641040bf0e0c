"""A missing or damaged model folder is a clear error, and extraction falls back to the rules."""
import json
import shutil

import pytest

from extractor.findings import Findings
from extractor.tagger import HybridReader, TaggerModelError, hybrid_reader, load_tagger


class RulesStandIn:
    """Any ProseReader: `hybrid_reader` only decides whether to wrap it."""

    def read(self, text, sections):
        return Findings()


@pytest.fixture
def damaged(tmp_path, tiny_model_dir):
    folder = tmp_path / "tagger"
    shutil.copytree(tiny_model_dir, folder)
    return folder


def test_a_missing_folder_falls_back_to_the_rules_with_a_warning(tmp_path):
    rules, warnings = RulesStandIn(), []
    assert hybrid_reader(rules, "on", warnings, model_dir=tmp_path / "nowhere") is rules
    assert len(warnings) == 1 and "tagger off" in warnings[0] and str(tmp_path / "nowhere") in warnings[0]


def test_off_never_loads_a_model(tmp_path):
    rules, warnings = RulesStandIn(), []
    assert hybrid_reader(rules, "off", warnings, model_dir=tmp_path / "nowhere") is rules
    assert warnings == []


def test_a_usable_folder_gives_the_hybrid(tiny_model_dir):
    warnings = []
    assert isinstance(hybrid_reader(RulesStandIn(), "on", warnings, model_dir=tiny_model_dir), HybridReader)
    assert warnings == []


def test_truncated_weights(damaged):
    weights = damaged / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(TaggerModelError, match="damaged tagger model") as error:
        load_tagger(damaged)
    assert str(damaged) in str(error.value)
    warnings = []
    rules = RulesStandIn()
    assert hybrid_reader(rules, "on", warnings, model_dir=damaged) is rules and "damaged" in warnings[0]


def test_a_missing_file_is_named(damaged):
    (damaged / "vocab.txt").unlink()
    with pytest.raises(TaggerModelError, match="missing vocab.txt"):
        load_tagger(damaged)


def test_a_vocabulary_that_does_not_fit_the_network(damaged):
    vocab = damaged / "vocab.txt"
    vocab.write_text("\n".join(vocab.read_text(encoding="utf-8").split("\n")[:-20]) + "\n", encoding="utf-8")
    with pytest.raises(TaggerModelError, match="vocab.txt has"):
        load_tagger(damaged)


def test_tags_that_do_not_fit_the_network(damaged):
    labels = damaged / "labels.json"
    content = json.loads(labels.read_text(encoding="utf-8"))
    content["tags"] = content["tags"][::-1]
    labels.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(TaggerModelError, match="differ from the network"):
        load_tagger(damaged)


def test_unreadable_settings(damaged):
    (damaged / "tagger.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(TaggerModelError, match="tagger.json|JSON"):
        load_tagger(damaged)


def test_a_bad_tagger_switch_is_refused():
    with pytest.raises(ValueError, match="'maybe'"):
        hybrid_reader(RulesStandIn(), "maybe", [])
