"""Legacy Word (.doc, and RTF saved as .doc) and WPS reports, through LibreOffice into DOCX.

LibreOffice headless converts both faithfully, merged cells included, and the DOCX converter then
reads the result like any other Word file. Each call gets a profile directory of its own
(`-env:UserInstallation`): LibreOffice locks its profile, so parallel conversions sharing one fail
or hang. A conversion that runs past its time limit is killed with its whole process group.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from extractor.convert import docx, external
from extractor.document import ConversionError, Document

TIMEOUT_S = 120


def convert_doc(data: bytes, name: str) -> Document:
    return _convert(data, name, "doc")


def convert_wps(data: bytes, name: str) -> Document:
    return _convert(data, name, "wps")


def _convert(data: bytes, name: str, fmt: str) -> Document:
    soffice = external.require("soffice", name, f"reading a .{fmt} file", "libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="nianbao-office-") as folder:
        work = Path(folder)
        source = work / f"source.{fmt}"
        source.write_bytes(data)
        out = work / "out"
        external.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                      "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
                     name, TIMEOUT_S, env=_environment(work))
        converted = out / "source.docx"
        if not converted.is_file():
            raise ConversionError(f"{name}: LibreOffice could not read the .{fmt} file (no DOCX came out)")
        docx_bytes = converted.read_bytes()
    document = docx.convert(docx_bytes, name)
    document.source_format = fmt
    return document


def _environment(work: Path) -> dict[str, str]:
    """The caller's environment with HOME in the work folder: soffice writes there even with a profile."""
    return {**os.environ, "HOME": str(work)}
