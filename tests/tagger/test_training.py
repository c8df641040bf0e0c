"""`nianbao train --tiny` runs the whole training end to end, reproducibly, in seconds."""
import json
import time
from pathlib import Path

from safetensors.torch import load_file

from api.cli import main
from extractor.tagger import TaggerReader, load_tagger
from extractor.sections import Sections


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_tiny_training_writes_a_loadable_model_with_its_card(tmp_path):
    samples = SAMPLES
    began = time.monotonic()
    assert main(["train", "--tiny", "--seed", "5", "--out", str(tmp_path / "a"), "--samples", str(samples)]) == 0
    assert time.monotonic() - began < 60
    for name in ("config.json", "model.safetensors", "vocab.txt", "labels.json", "tagger.json", "README.md",
                 "training.json"):
        assert (tmp_path / "a" / name).is_file(), name
    result = json.loads((tmp_path / "a" / "training.json").read_text(encoding="utf-8"))
    assert result["held_out"] and not set(result["held_out"]) & set(result["trained_on"])
    card = (tmp_path / "a" / "README.md").read_text(encoding="utf-8")
    assert "seqeval" in card and "| hybrid |" in card and "PROBLEM" in card

    model = load_tagger(tmp_path / "a")
    findings = TaggerReader(model).read("全年共主动公开政府信息83条。", Sections())
    assert isinstance(findings.facts, list)  # a tiny model tags nothing useful, but it runs

    assert main(["train", "--tiny", "--seed", "5", "--out", str(tmp_path / "b"), "--samples", str(samples)]) == 0
    first, second = load_file(tmp_path / "a" / "model.safetensors"), load_file(tmp_path / "b" / "model.safetensors")
    assert first.keys() == second.keys()
    assert all((first[k] == second[k]).all() for k in first)


def test_train_names_a_samples_folder_without_gold(tmp_path, capsys):
    assert main(["train", "--tiny", "--out", str(tmp_path / "m"), "--samples", str(tmp_path)]) == 2
    assert str(tmp_path) in capsys.readouterr().err
