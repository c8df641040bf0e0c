"""`nianbao extract --tagger on|off` end to end, with the model missing or present."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "samples" / "reports" / "003_b2d8a9a71ffdf943.txt"
GOLD = json.loads((ROOT / "samples" / "gold" / "003_b2d8a9a71ffdf943.gold.json").read_text(encoding="utf-8"))


def extract(*options: str, model_dir: Path | None = None) -> tuple[int, dict]:
    env = dict(os.environ)
    if model_dir is not None:
        env["NIANBAO_TAGGER"] = str(model_dir)
    done = subprocess.run([sys.executable, "-m", "api.cli", "extract", str(REPORT), "--json", *options],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, json.loads(done.stdout)


def facts_of(record: dict) -> set[tuple]:
    return {(f["type"], f["value"], f["label"]) for f in record["facts"]}


def test_a_missing_model_means_rules_only_with_a_warning(tmp_path):
    status_on, on = extract("--tagger", "on", model_dir=tmp_path / "no-model")
    status_off, off = extract("--tagger", "off", model_dir=tmp_path / "no-model")
    assert status_on == status_off == 0
    assert [w for w in on["warnings"] if w.startswith("tagger off")]
    assert not [w for w in off["warnings"] if w.startswith("tagger")]
    assert facts_of(on) == facts_of(off)
    assert on["problems"] == off["problems"] and on["measures"] == off["measures"]


def test_the_committed_model_keeps_every_gold_fact_of_a_dev_report():
    status, record = extract("--tagger", "on")
    assert status == 0
    assert not [w for w in record["warnings"] if w.startswith("tagger off")]
    got = facts_of(record)
    for fact in GOLD["facts"]:
        assert (fact["type"], fact["value"], fact.get("label")) in got
    for fact in record["facts"]:
        assert record["text"][fact["start"]:fact["end"]] == fact["text"]
        assert fact["source"] in ("rule", "model")
