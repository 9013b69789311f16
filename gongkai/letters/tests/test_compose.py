"""Composition: templates checked in Chinese, placeholders filled, basis and remedies kept."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from gongkai.applications.procedure.remedies import remedies_paragraph
from gongkai.letters.composition.compose import LetterError, TemplateText, compose_letter
from gongkai.letters.composition.defaults import DEFAULT_TEMPLATES, default_template
from gongkai.letters.composition.kinds import REPLY_GROUPS, LetterKind
from gongkai.letters.composition.placeholders import template_problems
from gongkai.letters.tests.factories import APPLICANT, BODIES, THIRD_PARTY, make_context
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, application_row


@pytest.mark.parametrize(("kind", "key"), list(DEFAULT_TEMPLATES))
def test_every_shipped_template_passes_its_own_check(kind, key):
    text = DEFAULT_TEMPLATES[(kind, key)]
    assert template_problems(text.title + "\n" + text.body, kind) == []


def test_shipped_templates_cover_every_notice_and_every_reply_group():
    assert {kind for kind, _ in DEFAULT_TEMPLATES} == set(LetterKind)
    assert {(LetterKind.REPLY, group) for group in REPLY_GROUPS} <= set(DEFAULT_TEMPLATES)


@pytest.mark.parametrize("outcome", OUTCOME_KEYS)
def test_every_outcome_composes_with_its_catalogue_basis_and_no_problems(outcome):
    context = make_context(LetterKind.REPLY, outcome=outcome)
    letter = compose_letter(context, default_template(LetterKind.REPLY, outcome))
    assert letter.problems == ()
    basis = application_row(outcome).legal_basis
    assert letter.legal_basis == basis
    assert basis in "".join(letter.paragraphs)
    assert letter.remedies in letter.paragraphs


def test_an_unknown_placeholder_is_reported_in_chinese_with_the_names_that_fit():
    problems = template_problems("请于${answer_deadline}前补正。", LetterKind.CLARIFICATION)
    assert len(problems) == 1
    assert "未知的占位符 ${answer_deadline}" in problems[0]
    assert "${clarification_deadline}（补正期限）" in problems[0]


def test_a_placeholder_of_another_kind_and_a_stray_dollar_are_reported():
    problems = template_problems("应缴${fee_amount}，另收 $5。", LetterKind.CLARIFICATION)
    assert any("${fee_amount}（收费金额）不适用于补正告知书" in p for p in problems)
    assert any("如需印出“$”本身，请写作“$$”" in p for p in problems)


def test_a_bad_stored_template_renders_visibly_and_lists_its_problems_instead_of_failing():
    # given a template that bypassed the check (e.g. edited in the database)
    template = TemplateText("补正告知书", "请于${answer_deadline}前补正。联系人：${contact}")
    context = make_context(LetterKind.CLARIFICATION, contact="")
    # when
    letter = compose_letter(context, template)
    # then: nothing raised; the unknown name stays as written, the missing one is marked
    missing = "【未填写：本机关联系人及电话】"
    assert letter.paragraphs[0] == f"请于${{answer_deadline}}前补正。联系人：{missing}"
    assert any("${answer_deadline}" in p for p in letter.problems)
    assert any("缺少“本机关联系人及电话”" in p for p in letter.problems)


def test_an_optional_line_without_its_facts_is_left_out():
    context = make_context(LetterKind.CLARIFICATION, contact="")
    letter = compose_letter(context, default_template(LetterKind.CLARIFICATION))
    assert letter.problems == ()
    assert not any("联系人" in p for p in letter.paragraphs)


def test_the_basis_and_the_remedies_are_added_when_a_template_leaves_them_out():
    template = TemplateText("答复书", "经审查，本机关决定不予公开。")
    context = make_context(LetterKind.REPLY, outcome=Outcome.WITHHELD_STATE_SECRET)
    letter = compose_letter(context, template)
    assert letter.paragraphs == (
        "经审查，本机关决定不予公开。",
        "依据：《条例》第十四条。",
        remedies_paragraph(letter_date=context.letter_date, outcome=context.outcome, bodies=BODIES),
    )


def test_a_reply_without_review_bodies_has_a_problem_not_a_crash():
    context = make_context(LetterKind.REPLY, outcome="granted", review_bodies=None)
    letter = compose_letter(context, default_template(LetterKind.REPLY, "granted"))
    assert "未配置行政复议机关，无法写明救济途径。" in letter.problems


def test_a_reply_needs_an_outcome_of_table_three():
    with pytest.raises(LetterError, match="答复书须写明办理结果"):
        compose_letter(
            make_context(LetterKind.REPLY, outcome="approved"),
            default_template(LetterKind.CLARIFICATION),
        )


def test_clarification_items_are_numbered_one_paragraph_each():
    letter = compose_letter(
        make_context(LetterKind.CLARIFICATION), default_template(LetterKind.CLARIFICATION)
    )
    assert "1. 请写明所需信息的名称或文号" in letter.paragraphs
    assert "2. 请说明所需信息的时间范围" in letter.paragraphs


def test_a_consultation_letter_goes_to_the_third_party_and_does_not_name_the_applicant():
    kind = LetterKind.CONSULTATION_THIRD_PARTY
    letter = compose_letter(make_context(kind), default_template(kind))
    assert letter.recipient == THIRD_PARTY
    assert APPLICANT not in letter.plain_text()


def test_the_fee_notice_states_method_standard_amount_and_deadline():
    letter = compose_letter(
        make_context(LetterKind.FEE_NOTICE), default_template(LetterKind.FEE_NOTICE)
    )
    text = "\n".join(letter.paragraphs)
    # 28 pieces earlier this month: pieces 29–30 at 100 元, 31–33 at 200 元 (109号第四条)
    assert "计收方式：按件计收" in text
    assert "本月累计第29至30件每件100元，计2件200元；本月累计第31至33件每件200元" in text
    assert "应缴金额：人民币800.00元" in text
    assert "请您于2024年2月1日前（含当日；即自收到本通知书次日起20个工作日内）缴纳" in text


def test_an_unserved_fee_notice_states_the_period_without_a_date():
    # 109号: 20 working days from the day after receipt; until service is recorded no date
    context = dataclasses.replace(make_context(LetterKind.FEE_NOTICE), fee_payment_deadline=None)
    letter = compose_letter(context, default_template(LetterKind.FEE_NOTICE))
    text = "\n".join(letter.paragraphs)
    assert "请您自收到本通知书次日起20个工作日内缴纳上述费用" in text
    assert "年" not in text.split("请您")[1].split("缴纳")[0]
    assert letter.problems == ()


def test_a_consultation_letter_before_service_states_the_rule():
    kind = LetterKind.CONSULTATION_THIRD_PARTY
    context = dataclasses.replace(make_context(kind), consultation_reply_due=None)
    letter = compose_letter(context, default_template(kind))
    assert "请贵方自收到本意见书之日起15个工作日内书面提出" in "\n".join(letter.paragraphs)
    assert letter.problems == ()


def test_a_provisional_date_is_marked_and_explained():
    context = dataclasses.replace(
        make_context(LetterKind.FEE_NOTICE), provisional=frozenset({"fee_payment_deadline"})
    )
    letter = compose_letter(context, default_template(LetterKind.FEE_NOTICE))
    text = "\n".join(letter.paragraphs)
    assert "请您于2024年2月1日前（含当日，暂定；" in text
    assert "放假调休安排尚未公布" in text
    # a letter with only certain dates carries no such note
    plain = compose_letter(
        make_context(LetterKind.FEE_NOTICE), default_template(LetterKind.FEE_NOTICE)
    )
    assert "暂定" not in "\n".join(plain.paragraphs)


def test_the_letter_date_decides_the_remedies():
    refusal = make_context(LetterKind.REPLY, outcome=Outcome.WITHHELD_STATE_SECRET)
    before = dataclasses.replace(refusal, letter_date=dt.date(2023, 12, 29))
    template = default_template(LetterKind.REPLY, "withheld")
    assert "应当先申请行政复议" in compose_letter(refusal, template).remedies
    assert "应当先申请行政复议" not in compose_letter(before, template).remedies


def test_wording_of_the_statutory_review():
    # X2: "X日前（含当日）" — the last day itself is included
    clarification = compose_letter(
        make_context(LetterKind.CLARIFICATION), default_template(LetterKind.CLARIFICATION)
    )
    assert "前（含当日）通过以下方式之一向本机关提交补正后的申请" in "\n".join(
        clarification.paragraphs
    )
    extension = compose_letter(
        make_context(LetterKind.EXTENSION), default_template(LetterKind.EXTENSION)
    )
    assert "\n".join(extension.paragraphs).count("前（含当日）") == 2
    # X4: the publication letter leads with where to obtain it (条例第三十九条第二款)
    outcome = Outcome.NOT_PROCESSED_PUBLICATION_REQUESTED
    context = dataclasses.replace(
        make_context(LetterKind.REPLY, outcome=outcome), provision="本市新华书店有售"
    )
    publication = compose_letter(context, default_template(LetterKind.REPLY, outcome))
    body = "\n".join(publication.paragraphs)
    assert "可以通过以下途径获取：本市新华书店有售" in body
    assert body.index("获取") < body.index("不再另行提供") and "不予处理" not in body
    # X5: a reply without a contact is a problem, not a silent omission
    silent = dataclasses.replace(context, contact="")
    assert any(
        "联系人" in p
        for p in compose_letter(silent, default_template(LetterKind.REPLY, outcome)).problems
    )


def test_the_fee_unpaid_reply_cites_article_42_and_109号():
    # X3: the basis of （六）2 names the 条例's article as well as 109号
    outcome = Outcome.OTHER_HANDLING_FEE_UNPAID
    letter = compose_letter(
        make_context(LetterKind.REPLY, outcome=outcome), default_template(LetterKind.REPLY, outcome)
    )
    assert letter.legal_basis.startswith("《条例》第四十二条、")
    assert "国办函〔2020〕109号" in letter.legal_basis


@pytest.mark.parametrize(
    ("outcome", "ground", "basis", "says"),
    [
        (
            Outcome.UNAVAILABLE_NOT_HELD,
            "not_exist",
            "《条例》第三十六条第（四）项",
            "政府信息不存在",
        ),
        (
            Outcome.UNAVAILABLE_NOT_HELD,
            "not_ours",
            "《条例》第三十六条第（五）项",
            "不属于本机关负责公开",
        ),
        ("granted", "already_public", "《条例》第三十六条第（一）项", "已经主动公开"),
        ("granted", "disclosed", "《条例》第三十六条第（二）项", "予以公开"),
        (
            Outcome.PARTIALLY_GRANTED,
            Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
            "《条例》第三十七条；不予公开部分依据《条例》第十五条、第三十二条",
            "部分内容不予公开",
        ),
    ],
)
def test_a_reply_cites_the_one_article_of_its_ground(
    outcome: str, ground: str, basis: str, says: str
) -> None:
    # M2, M9: one citation each; 36(四) and 36(五) are two letters
    context = dataclasses.replace(
        make_context(LetterKind.REPLY, outcome=outcome),
        ground=ground,
        reasons="经核查",
        provision="本机关门户网站",
    )
    letter = compose_letter(context, default_template(LetterKind.REPLY, outcome, ground))
    text = "\n".join(letter.paragraphs)
    assert letter.legal_basis == basis and basis in text and says in text
    assert "第（四）项、第（五）项" not in text and "第（一）项、第（二）项" not in text
    assert letter.problems == ()


def test_a_not_ours_reply_requires_its_reasons():
    # 条例第三十六条第（五）项: 说明理由
    outcome = Outcome.UNAVAILABLE_NOT_HELD
    context = dataclasses.replace(
        make_context(LetterKind.REPLY, outcome=outcome), ground="not_ours", reasons=""
    )
    letter = compose_letter(context, default_template(LetterKind.REPLY, outcome, "not_ours"))
    assert any("理由" in problem for problem in letter.problems)


def test_only_a_co_maker_s_silence_counts_as_consent():
    # M6: 条例第三十四条 for jointly made information; 第三十三条第三款 otherwise
    kind = LetterKind.CONSULTATION_AGENCY
    co_maker = compose_letter(
        dataclasses.replace(make_context(kind), ground="co_maker"), default_template(kind)
    )
    assert "视为同意公开" in "\n".join(co_maker.paragraphs)
    assert co_maker.legal_basis == "《条例》第三十四条"
    other = compose_letter(
        dataclasses.replace(make_context(kind), ground="other_agency"), default_template(kind)
    )
    assert "视为同意" not in "\n".join(other.paragraphs)
    assert other.legal_basis == "《条例》第三十三条第三款"
    assert other.problems == ()


def test_a_clarification_for_missing_identity_proof_says_so():
    # X6: 补正 is also used for the identity proof of 条例第二十九条第二款第（一）项
    kind = LetterKind.CLARIFICATION
    identity = compose_letter(
        dataclasses.replace(make_context(kind), ground="identity"), default_template(kind)
    )
    text = "\n".join(identity.paragraphs)
    assert "您的申请未提供申请人的身份证明" in text and "不够明确" not in text
    both = compose_letter(
        dataclasses.replace(make_context(kind), ground="content,identity"), default_template(kind)
    )
    assert "不够明确" in "\n".join(both.paragraphs) and "身份证明" in "\n".join(both.paragraphs)


def test_the_article_35_notices():
    # M5: the request for reasons and the delayed deadline (条例第三十五条)
    asked = compose_letter(
        make_context(LetterKind.REASONS_REQUEST), default_template(LetterKind.REASONS_REQUEST)
    )
    assert asked.legal_basis == "《条例》第三十五条"
    assert "请您向本机关书面说明理由" in "\n".join(asked.paragraphs)
    delayed = compose_letter(
        dataclasses.replace(
            make_context(LetterKind.DELAYED_DEADLINE), delayed_due=dt.date(2026, 6, 30)
        ),
        default_template(LetterKind.DELAYED_DEADLINE),
    )
    assert "延迟答复的期限为2026年6月30日前（含当日）" in "\n".join(delayed.paragraphs)
    assert delayed.problems == () and delayed.remedies == ""


def test_free_text_drops_its_own_stop_inside_a_sentence_and_gets_one_at_the_end():
    # issue 11 (minor): 「因仍需核对。，」, and user fields without a final 。
    extension = compose_letter(
        make_context(LetterKind.EXTENSION, reasons="仍需核对。"),
        default_template(LetterKind.EXTENSION),
    )
    text = "\n".join(extension.paragraphs)
    assert "因仍需核对，本机关不能" in text and "。，" not in text
    reply = compose_letter(
        make_context(
            LetterKind.REPLY, outcome=Outcome.WITHHELD_THIRD_PARTY_RIGHTS, reasons="涉及商业秘密"
        ),
        default_template(LetterKind.REPLY, Outcome.WITHHELD_THIRD_PARTY_RIGHTS),
    )
    assert "具体理由：涉及商业秘密。" in reply.paragraphs
    asked = compose_letter(
        make_context(
            LetterKind.REPLY, outcome=Outcome.WITHHELD_THIRD_PARTY_RIGHTS, reasons="见附件？"
        ),
        default_template(LetterKind.REPLY, Outcome.WITHHELD_THIRD_PARTY_RIGHTS),
    )
    assert "具体理由：见附件？" in asked.paragraphs


@pytest.mark.parametrize("kind", [k for k in LetterKind if not k.is_reply])
def test_every_letter_puts_the_contact_after_its_closing_words(kind):
    # the 答复书 has 特此告知 then 联系人; the notices had it the other way round
    letter = compose_letter(make_context(kind), default_template(kind))
    closing = next(i for i, p in enumerate(letter.paragraphs) if p.startswith("特此"))
    contact = next(i for i, p in enumerate(letter.paragraphs) if p.startswith("联系人"))
    assert contact == closing + 1 == len(letter.paragraphs) - 1
