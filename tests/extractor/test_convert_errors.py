"""Format detection and bad input: every failure is a ConversionError naming the file, never a crash."""
from __future__ import annotations

import random

import pytest

from extractor.convert import MAX_SOURCE_BYTES, convert_bytes, detect_format
from extractor.document import ConversionError

GARBAGE = random.Random(20240101).randbytes(64 * 1024)


@pytest.mark.parametrize("data, name, expected", [
    (b"%PDF-1.7\n...", "report.doc", "pdf"),  # the bytes win over the name
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512, "2020年报.wps", "wps"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512, "2020年报.doc", "doc"),
    (b"{\\rtf1\\ansi\\ansicpg936 ...}", "saved-as.doc", "doc"),
    ("<html><body><p>某镇年度报告</p></body></html>".encode("gbk"), "word-html.doc", "html"),
    (" <p style='text-align:center'>2019年报告</p>".encode("utf-8"), "page", "html"),
    ("一、总体情况\n全年主动公开信息12条。".encode("gb18030"), "report.pdf", "txt"),
    ("一、总体情况".encode("utf-8"), "https://www.example.gov.cn/art/2024/1/30/art_1_2.html", "html"),
    ("| a | b |\n|---|---|\n".encode("utf-8"), "kewei.md", "txt"),
])
def test_detect_format_from_bytes_then_name(data, name, expected):
    assert detect_format(data, name) == expected


@pytest.mark.parametrize("data, name, message", [
    (b"", "empty.pdf", r"empty\.pdf: the file is empty"),
    (GARBAGE, "noise.pdf", r"noise\.pdf: unrecognised binary content.*\.pdf extension"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512, "stats.xls", r"stats\.xls: .*spreadsheet"),
])
def test_undetectable_input(data, name, message):
    with pytest.raises(ConversionError, match=message):
        detect_format(data, name)


def test_oversized_source_is_refused_before_parsing():
    oversized = b"<html><body>" + b"x" * (50 * 1024 * 1024) + b"</body></html>"
    with pytest.raises(ConversionError, match=rf"huge\.html: {len(oversized)} bytes is over the {MAX_SOURCE_BYTES}"):
        convert_bytes(oversized, "huge.html", "html")


def test_a_page_without_text(convert):
    with pytest.raises(ConversionError, match=r"blank\.html: no text found"):
        convert(b"<html><head><title>x</title></head><body><script>var a=1;</script></body></html>", "blank.html")


def test_unknown_format_name():
    with pytest.raises(ConversionError, match=r"x\.bin: unknown format 'xls'"):
        convert_bytes(b"abc", "x.bin", "xls")


def test_rtf_saved_as_doc_goes_through_libreoffice(convert):
    rtf = (rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil SimSun;}}\f0 "
           rb"\u19968?\u12289?\u24635?\u20307?\u24773?\u20917?\par "
           rb"\u20840?\u24180?\u20027?\u21160?\u20844?\u24320?\u20449?\u24687? 88 \u26465?\u12290?\par}")
    document = convert(rtf, "rtf-report.doc")
    assert [p.text for p in document.iter_paragraphs()] == ["一、总体情况", "全年主动公开信息 88 条。"]


def test_bad_files_become_error_records(tmp_path, samples):
    """The pipeline's contract: one bad file is a record with `error`, and the batch goes on."""
    pipeline = pytest.importorskip("extractor.pipeline", reason="the other extraction stages are not written yet")
    truncated = (samples / "reports" / "huaian_2024.pdf").read_bytes()[:100_000]
    files = {"empty.txt": b"", "noise.bin": GARBAGE, "cut.pdf": truncated,
             "huge.txt": b"x" * (MAX_SOURCE_BYTES + 1)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        record = pipeline.extract_file(tmp_path / name, tagger="off")
        assert name in record["error"], record["error"]
        assert record["text"] == "" and record["metrics"] == {}
