"""The command line over the embedded index: `nianbao index`, `search`, `metrics`, `facts`, `coverage`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import SAMPLES, by_stem, dev_records

from api.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dev_records()), encoding="utf-8")
    return path


def test_index_then_search_metrics_facts_and_coverage_as_json(tmp_path: Path, jsonl: Path, capsys) -> None:
    data = str(tmp_path / "data")
    code, out, _ = run(capsys, "index", str(jsonl), "--data", data)
    assert code == 0 and out.strip() == "9 added, 0 updated, 0 unchanged, 0 older than the stored copy, 0 failed"

    code, out, _ = run(capsys, "search", "公示栏", "--data", data, "--json")
    result = json.loads(out)
    assert code == 0 and set(result) == {"total", "hits", "facets"}
    assert result["hits"][0]["id"] == by_stem(dev_records(), "001_713aac75e110bc97")["id"]
    assert set(result["hits"][0]) == {"id", "title", "organization", "year", "region", "admin_level", "score",
                                      "highlights", "failed_checks"}
    assert "<em>公示栏</em>" in " ".join(result["hits"][0]["highlights"])

    code, out, _ = run(capsys, "search", "--data", data, "--json", "--year-from", "2019", "--year-to", "2020",
                       "--admin-level", "township", "--size", "0")
    expected = [r for r in dev_records() if 2019 <= r["year"] <= 2020 and r["admin_level"] == "township"]
    assert json.loads(out)["total"] == len(expected) == json.loads(out)["facets"]["year"]["2020"]

    code, out, _ = run(capsys, "metrics", "t3.new.total", "t4.review.total", "--group-by", "year", "--data", data,
                       "--json")
    groups = {g["key"]: g["values"] for g in json.loads(out)["groups"]}
    assert groups[2024]["t3.new.total"]["sum"] == sum(r["metrics"]["t3.new.total"] for r in dev_records()
                                                      if r["year"] == 2024)

    code, out, _ = run(capsys, "metrics", "t3.new.total", "--agg", "sum", "--agg", "count", "--csv", "--data", data)
    assert out.splitlines() == ["group,metric,sum,count",
                                f",t3.new.total,{sum(r['metrics'].get('t3.new.total') or 0 for r in dev_records())},"
                                f"{sum('t3.new.total' in r['metrics'] for r in dev_records())}"]

    code, out, _ = run(capsys, "facts", "policy_interpretations", "--data", data, "--json")
    values = json.loads(out)["groups"][0]["values"]["policy_interpretations"]
    facts = [f["value"] for r in dev_records() for f in r["facts"] if f["type"] == "policy_interpretations"]
    assert (values["count"], values["sum"]) == (len(facts), sum(facts))

    code, out, _ = run(capsys, "search", "--failed-checks", "true", "--data", data)
    shanghai = by_stem(dev_records(), "shanghai_office_2019")  # its table 3 leaves 总计 blank: two checks fail
    assert code == 0 and out.startswith("1 reports") and f" · 2 failed checks · {shanghai['id']}" in out

    code, out, _ = run(capsys, "coverage", "--province", "上海市", "--data", data)
    assert out.splitlines()[0] == "organization\tregion\t2019\t2024"
    assert "上海市人民政府办公厅\t上海市 上海市\tx\t." in out.splitlines()


def test_bad_input_is_reported_naming_the_parameter_or_line(tmp_path: Path, jsonl: Path, capsys) -> None:
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "search", "公开", "--data", data)
    assert code == 1 and "no index here yet" in err

    broken = tmp_path / "broken.jsonl"
    broken.write_text(jsonl.read_text(encoding="utf-8").splitlines()[0] + "\n{not json\n[1, 2]\n", encoding="utf-8")
    code, out, err = run(capsys, "index", str(broken), str(tmp_path / "missing.jsonl"), "--data", data)
    assert code == 1 and out.startswith("1 added")
    assert f"{broken}:2: not a JSON record" in err and "missing.jsonl: cannot read" in err
    assert "record 1: a record is a JSON object, not list" in err

    code, _, err = run(capsys, "search", "公开", "--year", "twenty", "--data", data)
    assert code == 2 and "year: 'twenty' is not a whole number" in err
    code, _, err = run(capsys, "metrics", "t3.bogus", "--data", data)
    assert code == 2 and "metric: unknown metric 't3.bogus'" in err
    code, _, err = run(capsys, "search", "x" * 2000, "--data", data)
    assert code == 2 and "q: 2000 characters" in err


def test_indexing_report_documents_extracts_them(tmp_path: Path, capsys) -> None:
    """Real `nianbao extract` output, indexed from the documents and from its JSON Lines alike."""
    data, reports = str(tmp_path / "data"), SAMPLES / "reports"
    files = [str(reports / "004_9405448751938849.txt"), str(reports / "shanghai_office_2019.html")]
    code, extracted, _ = run(capsys, "extract", *files, "--json", "--tagger", "off")
    records = [json.loads(line) for line in extracted.splitlines()]
    assert code == 0 and all(not r.get("error") for r in records)

    code, out, err = run(capsys, "index", *files, "--tagger", "off", "--data", data)
    assert code == 0 and out.startswith("2 added"), err
    code, out, _ = run(capsys, "search", "岑港", "--data", data, "--json")
    hits = json.loads(out)["hits"]
    assert [h["id"] for h in hits] == [records[0]["id"]] and hits[0]["organization"] == records[0]["organization"]
    code, out, _ = run(capsys, "metrics", "t3.new.total", "--data", data, "--json")
    assert json.loads(out)["groups"][0]["values"]["t3.new.total"]["sum"] == sum(
        r["metrics"]["t3.new.total"] or 0 for r in records)

    saved = tmp_path / "extracted.jsonl"
    saved.write_text(extracted, encoding="utf-8")
    code, out, _ = run(capsys, "index", str(saved), "--data", str(tmp_path / "second"))
    assert code == 0 and out.startswith("2 added")
