"""Portals files: the issue's example loads; every mistake is refused with the file, portal and key named."""
from __future__ import annotations

from pathlib import Path

import pytest

from crawler.portals import DEFAULT_REPORT_TITLE_PATTERN, PortalConfigError, load_portals

EXAMPLE = """
- name: pingtan
  region: {province: 福建省, city: 福州市, county: 平潭县}
  start_urls: ["https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"]
  allowed_domains: ["www.pingtan.gov.cn"]
- name: huaian
  region: {province: 江苏省}
  start_urls: "http://www.huaian.gov.cn/col/col2310/index.html"
  list_link_pattern: "/col/col\\\\d+/"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "portals.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_loads_with_defaults(tmp_path: Path) -> None:
    pingtan, huaian = load_portals(write(tmp_path, EXAMPLE))
    assert pingtan.region == {"province": "福建省", "city": "福州市", "county": "平潭县"}
    assert pingtan.report_title_pattern == DEFAULT_REPORT_TITLE_PATTERN and pingtan.list_link_pattern is None
    assert huaian.allowed_domains == ("www.huaian.gov.cn",)  # from the start URL when not given
    assert huaian.start_urls == ("http://www.huaian.gov.cn/col/col2310/index.html",)
    assert [p.name for p in load_portals(write(tmp_path, EXAMPLE), only="huaian")] == ["huaian"]


@pytest.mark.parametrize("text, message", [
    ("- name: a\n  start_urls: []\n", "portal #1 (a): start_urls"),
    ("- name: a\n  start_urls: [ftp://x.gov.cn/]\n", "is not an http(s) URL"),
    ("- name: a\n  start_urls: [http://x.gov.cn/]\n  report_title_pattern: '(年报'\n", "report_title_pattern: invalid"),
    ("- name: a\n  start_urls: [http://x.gov.cn/]\n  start_url: [http://x.gov.cn/]\n", "unknown key(s) start_url"),
    ("- name: a\n  start_urls: [http://x.gov.cn/]\n  allowed_domains: [http://x.gov.cn]\n", "must be a host name"),
    ("- name: a\n  start_urls: [http://x.gov.cn/]\n  region: {town: 某镇}\n", "unknown level(s) town"),
    ("- name: a b\n  start_urls: [http://x.gov.cn/]\n", "name must be"),
    ("- name: a\n  start_urls: [http://x.gov.cn/]\n- name: a\n  start_urls: [http://y.gov.cn/]\n", "a repeated"),
    ("name: a\n", "expected a non-empty list"),
    ("- [unclosed\n", "not valid YAML"),
])
def test_mistakes_are_refused_by_name(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PortalConfigError) as error:
        load_portals(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_unknown_only_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PortalConfigError, match="no portal named 'nowhere'.*have: pingtan, huaian"):
        load_portals(write(tmp_path, EXAMPLE), only="nowhere")
    with pytest.raises(PortalConfigError, match="missing.yaml: cannot read"):
        load_portals(tmp_path / "missing.yaml")
