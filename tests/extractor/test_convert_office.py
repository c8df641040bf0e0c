"""DOC and WPS reports through a real LibreOffice, including parallel calls and a missing install."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from crawler.sim.render import render_doc
from extractor.document import ConversionError


@pytest.fixture(scope="module")
def standard_doc(standard_report_content) -> bytes:
    """A Word 97 file written by LibreOffice from the rendered DOCX."""
    return render_doc(standard_report_content)


def test_doc_made_by_libreoffice_reads_back_with_merged_cells(standard_doc, standard_values, convert):
    assert standard_doc.startswith(bytes.fromhex("D0CF11E0A1B11AE1"))
    document = convert(standard_doc, "qingshan_2022.doc")
    assert document.source_format == "doc"
    table3_rows, table4_values = standard_values
    _, table3, table4 = document.tables
    assert [row[-7:] for row in table3.physical_rows()[3:]] == table3_rows
    # LibreOffice may split a grid column where borders do not line up (总计 then covers two grid
    # columns): physical cells, counted once at their origin, stay what the report says
    assert table4.physical_rows()[3] == table4_values
    assert {table3.origin[r][c] for r in range(3) for c in range(3)} == {(0, 0)}
    assert "累计主动公开政府信息1234条" in document.text


def test_parallel_conversions_each_get_their_own_profile(standard_doc, convert):
    """Two soffice processes at once: sharing one profile would make one of them fail."""
    names = ["a.wps", "b.doc"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        documents = list(pool.map(lambda name: convert(standard_doc, name), names))
    assert [document.source_format for document in documents] == ["wps", "doc"]
    assert documents[0].text == documents[1].text


def test_missing_libreoffice_is_a_clear_error(standard_doc, convert, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without soffice
    with pytest.raises(ConversionError, match=r"old\.doc: .*soffice.*not installed.*libreoffice-writer-nogui"):
        convert(standard_doc, "old.doc")


def test_a_file_libreoffice_cannot_read(convert):
    not_word = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 2048
    with pytest.raises(ConversionError, match=r"empty\.doc: "):
        convert(not_word, "empty.doc")
