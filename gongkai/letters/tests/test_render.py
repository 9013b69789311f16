"""The files: every notice and every reply group written as DOCX and PDF and read back.

Read with the real readers (python-docx, pdfplumber). Line breaks are taken out of the PDF's
text before comparing, since a long paragraph wraps anywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import zipfile
from io import BytesIO
from typing import Any

import docx
import pdfplumber
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from gongkai.applications.procedure.correction import CORRECTION_DECISIONS, CorrectionOutcome
from gongkai.applications.procedure.remedies import remedies_paragraph
from gongkai.letters.composition.compose import Letter, compose_letter
from gongkai.letters.composition.defaults import default_template
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.render import page, render_letter
from gongkai.letters.tests.factories import (
    APPLICANT,
    BODIES,
    GROUP_OUTCOMES,
    RECEIPT_TEXT,
    THIRD_PARTY,
    make_context,
)
from gongkai.report.catalogue import Outcome, application_row

NOTICES = [kind for kind in LetterKind if not kind.is_reply]
BEFORE_2024, SINCE_2024 = dt.date(2023, 12, 29), dt.date(2024, 1, 2)
# One case per notice kind and per reply group; reply dates alternate across 1 January 2024.
CASES = (
    [(kind, "", SINCE_2024) for kind in NOTICES]
    + [
        (LetterKind.REPLY, outcome, SINCE_2024 if i % 2 else BEFORE_2024)
        for i, outcome in enumerate(GROUP_OUTCOMES.values())
    ]
    + [
        # 条例第四十一条: the four answers to a 更正申请.
        (LetterKind.CORRECTION_REPLY, outcome.value, SINCE_2024)
        for outcome in CORRECTION_DECISIONS
    ]
)
IDS = [f"{kind.value}-{outcome or 'notice'}-{day:%Y%m%d}" for kind, outcome, day in CASES]


def letter_for(kind: LetterKind, outcome: str = "", day: dt.date = SINCE_2024) -> Letter:
    context = make_context(kind, outcome=outcome, letter_date=day)
    letter = compose_letter(context, default_template(kind, outcome))
    assert letter.problems == ()
    return letter


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(BytesIO(data)) as pdf:
        return "".join((page.extract_text() or "").replace("\n", "") for page in pdf.pages)


def expected_basis(kind: LetterKind, outcome: str) -> str:
    if kind is LetterKind.REPLY:
        return application_row(outcome).legal_basis
    return kind.legal_basis


def assert_letter_reads_back(text: str, kind: LetterKind, outcome: str, day: dt.date) -> None:
    assert kind.default_title in text
    # The applicant's name on every letter to the applicant; a consultation letter goes to
    # the consulted party and keeps the applicant's name to itself (decision in compose).
    if kind.to_applicant:
        assert f"{APPLICANT}：" in text
    else:
        assert f"{THIRD_PARTY}：" in text
        assert APPLICANT not in text
    assert f"本机关于{RECEIPT_TEXT}收到" in text
    assert expected_basis(kind, outcome) in text
    assert f"{day.year}年{day.month}月{day.day}日" in text
    if kind.has_remedies:
        assert remedies_paragraph(letter_date=day, outcome=outcome, bodies=BODIES) in text
    elif kind is LetterKind.DISCLOSURE_NOTICE:
        # the decision to disclose over its objection is the third party's to challenge
        assert "可以依法申请行政复议或者提起行政诉讼" in text
    else:
        assert "行政复议" not in text


@pytest.mark.parametrize(("kind", "outcome", "day"), CASES, ids=IDS)
def test_docx_reads_back_title_applicant_receipt_basis_and_remedies(kind, outcome, day):
    data = render_letter(letter_for(kind, outcome, day), "docx")
    assert_letter_reads_back(docx_text(data), kind, outcome, day)


@pytest.mark.parametrize(("kind", "outcome", "day"), CASES, ids=IDS)
def test_pdf_reads_back_title_applicant_receipt_basis_and_remedies(kind, outcome, day):
    data = render_letter(letter_for(kind, outcome, day), "pdf")
    assert data.startswith(b"%PDF")
    assert_letter_reads_back(pdf_text(data), kind, outcome, day)


@pytest.mark.parametrize(
    ("day", "first"), [(BEFORE_2024, False), (SINCE_2024, True)], ids=["2023-12-29", "2024-01-02"]
)
def test_a_refusal_sends_the_applicant_to_reconsideration_first_only_from_2024(day, first):
    # given a 不予公开 reply dated just before or just after the revised 行政复议法
    letter = letter_for(LetterKind.REPLY, Outcome.WITHHELD_STATE_SECRET, day)
    text = docx_text(render_letter(letter, "docx"))
    # then
    assert ("应当先申请行政复议" in text) is first
    assert ("也可以自收到本答复之日起6个月内" in text) is not first


def test_a_granted_reply_keeps_the_choice_of_remedy_in_2024():
    text = docx_text(render_letter(letter_for(LetterKind.REPLY, "granted"), "docx"))
    assert "也可以自收到本答复之日起6个月内依法向驻马店市驿城区人民法院提起行政诉讼" in text
    assert "应当先申请行政复议" not in text


def test_a_not_held_reply_requires_reconsideration_first_in_2024():
    # decision 0013: 无法提供 is read as 不予公开 by default (行政复议法第二十三条第一款第（四）项)
    text = docx_text(
        render_letter(letter_for(LetterKind.REPLY, Outcome.UNAVAILABLE_NOT_HELD), "docx")
    )
    assert "应当先申请行政复议" in text


def test_docx_page_is_a4_with_official_margins_and_fonts():
    document: Any = docx.Document(BytesIO(render_letter(letter_for(LetterKind.EXTENSION), "docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    body = document.paragraphs[4]
    run = body.runs[0]
    assert run.font.size.pt == 16
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert run.font.name == "Noto Serif CJK SC"
    # 落款: agency name and date right-aligned at the end
    name, date = document.paragraphs[-2], document.paragraphs[-1]
    assert (name.text, date.text) == ("驻马店经济开发区统计局", "2024年1月2日")
    assert name.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT


@pytest.mark.pdf
def test_a_long_letter_does_not_leave_the_signature_alone_on_a_page():
    kind = LetterKind.REPLY
    context = make_context(kind, outcome=Outcome.WITHHELD_STATE_SECRET, reasons="理由" * 400)
    letter = compose_letter(context, default_template(kind, context.outcome))
    with pdfplumber.open(BytesIO(render_letter(letter, "pdf"))) as pdf:
        last = (pdf.pages[-1].extract_text() or "").replace("\n", "")
    assert last.endswith("驻马店经济开发区统计局2024年1月2日")
    assert len(last) > len("驻马店经济开发区统计局2024年1月2日")


def test_a_letter_number_and_heading_are_printed():
    letter = dataclasses.replace(letter_for(LetterKind.CLARIFICATION), number="驻经开统〔2024〕9号")
    text = docx_text(render_letter(letter, "docx"))
    heading = ("驻马店经济开发区统计局", "驻经开统〔2024〕9号", "政府信息公开申请补正告知书")
    assert text.split("\n")[:3] == list(heading)


def test_docx_properties_are_the_letters_own_not_the_templates():
    # issue 11 (minor): python-docx's template said author python-docx, 2013 and
    # 「Microsoft Macintosh Word」, and carried its thumbnail
    letter = compose_letter(
        make_context(LetterKind.EXTENSION), default_template(LetterKind.EXTENSION)
    )
    body = render_letter(letter, "docx")
    props = docx.Document(BytesIO(body)).core_properties
    assert props.author == props.last_modified_by == "驻马店经济开发区统计局"
    assert props.title == "延期答复告知书" and props.comments == ""
    assert props.created is not None and props.created.year > 2013
    with zipfile.ZipFile(BytesIO(body)) as package:
        app = package.read("docProps/app.xml").decode()
        assert "<Application>gongkai</Application>" in app and "Macintosh" not in app
        assert "Normal.dotm" not in app
        assert not [name for name in package.namelist() if "thumbnail" in name]
        assert b"python-docx" not in package.read("docProps/core.xml")


def correction_letter(outcome: CorrectionOutcome, **overrides: Any) -> Letter:
    context = make_context(
        LetterKind.CORRECTION_REPLY,
        outcome=outcome.value,
        information_requested="2024年度最低生活保障对象名单中申请人的家庭人口数",
        correction_requested="记载为3人，实为4人",
        **overrides,
    )
    return compose_letter(context, default_template(LetterKind.CORRECTION_REPLY, outcome.value))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_correction_reply_reads_back_with_its_article_request_and_contact(fmt):
    # 条例第四十一条: 审核属实的，应当予以更正并告知申请人
    letter = correction_letter(CorrectionOutcome.CORRECTED, reasons="已将家庭人口数更正为4人")
    assert letter.problems == ()
    data = render_letter(letter, fmt)
    text = docx_text(data) if fmt == "docx" else pdf_text(data)
    assert "政府信息更正申请答复书" in text
    assert "收到您提出的政府信息更正申请" in text
    assert (
        "与您自身相关的政府信息记录“2024年度最低生活保障对象名单中申请人的家庭人口数”不准确" in text
    )
    assert "要求更正：记载为3人，实为4人。" in text
    assert "根据《条例》第四十一条的规定，本机关已予以更正" in text
    assert "更正情况：已将家庭人口数更正为4人。" in text
    # 不予更正 is no 不予公开: the applicant keeps the choice of reconsideration or suit.
    assert "可以自收到本答复之日起60日内向驻马店市人民政府申请行政复议" in text
    assert "也可以自收到本答复之日起6个月内依法向驻马店市驿城区人民法院提起行政诉讼" in text
    assert "联系人及电话：王科员，0396-1234567" in text
    assert "政府信息公开申请" not in text


def test_a_refusal_to_correct_keeps_the_choice_of_remedy_and_needs_its_reasons():
    refused = correction_letter(CorrectionOutcome.REFUSED, reasons="所附证明不能证明记录不准确")
    text = docx_text(render_letter(refused, "docx"))
    assert "本机关决定不予更正" in text
    assert "理由：所附证明不能证明记录不准确。" in text
    assert "应当先申请行政复议" not in text
    silent = correction_letter(CorrectionOutcome.REFUSED, reasons="")
    assert any("理由" in problem for problem in silent.problems)


def test_forwarding_and_referring_name_the_competent_agency():
    forwarded = correction_letter(CorrectionOutcome.FORWARDED)
    assert "已将您的更正申请转送有权更正的行政机关（驻马店市统计局，电话0396-7654321）处理" in (
        "\n".join(forwarded.paragraphs)
    )
    referred = correction_letter(CorrectionOutcome.REFERRED)
    assert "请您向有权更正的行政机关提出更正申请：驻马店市统计局，电话0396-7654321。" in (
        "\n".join(referred.paragraphs)
    )
    nameless = correction_letter(CorrectionOutcome.REFERRED, responsible_agency="")
    assert nameless.problems != ()


# --- One page, kept together, tagged -----------------------------------------------------------


def pdf_pages(data: bytes) -> int:
    with pdfplumber.open(BytesIO(data)) as pdf:
        return len(pdf.pages)


@pytest.mark.pdf
@pytest.mark.parametrize(("kind", "outcome", "day"), CASES, ids=IDS)
def test_every_notice_and_reply_of_the_demo_facts_fits_on_one_pdf_page(kind, outcome, day):
    # given a letter with realistic facts (each of them took two pages before: the signature
    # and 特此告知 spilled over)
    data = render_letter(letter_for(kind, outcome, day), "pdf")
    # then it is one A4 page, its signature on it
    assert pdf_pages(data) == 1
    assert pdf_text(data).endswith(f"驻马店经济开发区统计局{day.year}年{day.month}月{day.day}日")


@pytest.mark.pdf
def test_a_letter_that_fits_keeps_the_standard_page_of_three_hao_on_28_pt_lines():
    data = render_letter(letter_for(LetterKind.EXTENSION), "pdf")
    with pdfplumber.open(BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    sizes = {round(c["size"]) for c in chars if c["text"] == "本"}
    assert sizes == {16}
    tops = sorted({round(c["top"]) for c in chars if round(c["size"]) == 16})
    assert 28 in {b - a for a, b in itertools.pairwise(tops)}


def test_a_long_reply_keeps_the_standard_layout_over_several_pages():
    context = make_context(
        LetterKind.REPLY, outcome=Outcome.WITHHELD_STATE_SECRET, reasons="理由" * 400
    )
    letter = compose_letter(context, default_template(LetterKind.REPLY, context.outcome))
    assert page.estimated_layout(letter) == page.STANDARD
    assert page.estimated_layout(letter_for(LetterKind.EXTENSION)) == page.STANDARD


def test_docx_keeps_the_closing_formula_contact_and_signature_with_each_other():
    # given a notice ending 特此告知。 联系人及电话 … then the signature
    data = render_letter(letter_for(LetterKind.FEE_NOTICE), "docx")
    paragraphs = docx.Document(BytesIO(data)).paragraphs
    closing = next(i for i, p in enumerate(paragraphs) if p.text == "特此通知。")
    # then every line from the closing to the agency's name is kept with the next one
    kept = [p.paragraph_format.keep_with_next for p in paragraphs[closing:-1]]
    assert kept == [True] * len(kept) and len(kept) == 3
    assert paragraphs[-1].text == "2024年1月2日"
    # and the paragraphs before the closing may break where Word likes
    assert not paragraphs[closing - 1].paragraph_format.keep_with_next


@pytest.mark.pdf
def test_the_pdf_is_tagged_for_screen_readers():
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    data = render_letter(letter_for(LetterKind.CLARIFICATION), "pdf")
    catalog = PDFDocument(PDFParser(BytesIO(data))).catalog
    assert "StructTreeRoot" in catalog
    assert resolve1(catalog["MarkInfo"]) == {"Marked": True}
    assert resolve1(catalog["Lang"]) == b"zh-CN"
    tree = resolve1(catalog["StructTreeRoot"])
    assert resolve1(tree["K"])  # the structure has content
