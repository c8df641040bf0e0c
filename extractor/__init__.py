"""Turns one report (HTML, PDF, DOCX, DOC/WPS, text) into the record of `record.md`."""
