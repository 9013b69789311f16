"""A file name too long for its column keeps its extension when cut."""

from __future__ import annotations

from gongkai.applications.procedure.attachments import fit_file_name


def test_a_long_name_keeps_its_extension():
    name = "关于" + "统计" * 200 + "的通知.pdf"
    fitted = fit_file_name(name)
    assert len(fitted) == 255 and fitted.endswith(".pdf") and fitted.startswith("关于统计")


def test_short_names_and_odd_extensions():
    assert fit_file_name("  通知.docx ") == "通知.docx"
    assert fit_file_name("   ") == "附件"
    no_extension = "名" * 300
    assert fit_file_name(no_extension) == "名" * 255
    not_an_extension = "a." + "b" * 300  # the "extension" is most of the name
    assert fit_file_name(not_an_extension) == not_an_extension[:255]
    assert fit_file_name("x" * 10 + ".pdf", limit=8) == "xxxx.pdf"
