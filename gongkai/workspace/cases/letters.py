"""A case's letters: issue one through gongkai.letters, download it, download attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.applications.access import applicant_shown, case_actions, may_see_personal_data
from gongkai.applications.action_forms import action_form
from gongkai.applications.models import Attachment
from gongkai.applications.procedure.workflow import Action
from gongkai.letters.case_facts import reply_draft
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.models import IssuedLetter
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue
from gongkai.operations.files import stored_file_response
from gongkai.workspace.cases.forms import LetterIssueForm, letter_kinds
from gongkai.workspace.cases.views import detail_context, visible_case
from gongkai.workspace.signed_in import SignedInRequest

LETTERS_PERSONAL = "文书载有申请人的个人信息，仅本申请的承办人和公开办可以查看。"
ATTACHMENTS_PERSONAL = "附件可能含有申请人的个人信息，仅本申请的承办人和公开办可以查看。"
FORMATS = {
    "pdf": ("application/pdf", "pdf_file"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx_file",
    ),
}


@require_POST
@login_required
def letter_new(request: SignedInRequest, tracking_code: str, kind: str) -> HttpResponse:
    """Issue a letter of `kind` on the case (DOCX and PDF), numbered and recorded."""
    case = visible_case(request, tracking_code)
    try:
        chosen = LetterKind(kind)
    except ValueError as error:
        raise Http404 from error
    # A letter prints the applicant's name and request: only those who read the unmasked case
    # compose it (issue 11, item 3).
    if not may_see_personal_data(request.user, case) or chosen not in letter_kinds(
        case, request.user
    ):
        raise PermissionDenied(f"您现在不能为该申请制发{chosen.label}。")
    tracking_url = request.build_absolute_uri(reverse("portal:track"))
    form = LetterIssueForm(request.POST, kind=chosen, case=case, tracking_url=tracking_url)
    if form.is_valid():
        try:
            letter = application_context(
                case, kind=chosen, letter_date=form.cleaned_data["letter_date"], **form.facts()
            )
            issued = letter_issue(
                agency=case.agency, context=letter, actor=request.user, application=case
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        except (ValueError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已制发{chosen.label}（{issued.number}）。")
            return redirect("workspace:case_detail", tracking_code=case.tracking_code)
    context = detail_context(request, case, letter_form=form)
    return render(request, "workspace/cases/detail.html", context, status=400)


@require_POST
@login_required
def reply_preview(request: SignedInRequest, tracking_code: str) -> HttpResponse:
    """The case page with the reply the decision form's outcome would give, as it would be
    issued (the handler's free text still open): the approver reads it before deciding.

    Changes nothing. A reader who sees the case masked sees the applicant's name masked.
    """
    case = visible_case(request, tracking_code)
    if Action.DECIDE not in case_actions(request.user, case):
        raise PermissionDenied(f"您现在不能对该申请“{Action.DECIDE.label}”。")
    form = action_form(Action.DECIDE, application=case, data=request.POST)
    draft = None
    if form.is_valid():
        data = form.cleaned_data
        full = may_see_personal_data(request.user, case)
        draft = reply_draft(
            case,
            outcome=data["outcome"],
            ground=data.get("ground", ""),
            letter_date=data.get("on") or timezone.localdate(),
            applicant_name=None if full else applicant_shown(case, full=False).name,
        )
    # The handler's free text is still open (printed 【未填写：…】); other problems (no
    # reviewing body in the letter settings) are shown: the reply could not be issued.
    problems = [p for p in draft.problems if "${" not in p] if draft is not None else []
    context = detail_context(request, case, bound=form)
    context |= {"reply_draft": draft, "reply_draft_problems": problems}
    status = 200 if draft is not None else 400
    return render(request, "workspace/cases/detail.html", context, status=status)


@require_safe
@login_required
def letter_download(
    request: SignedInRequest, tracking_code: str, letter_id: int, fmt: str
) -> HttpResponseBase:
    """A letter of a case, as PDF or DOCX, for those who read the unmasked case.

    A letter prints the applicant's name and request in full: whoever sees the case masked
    (approver, leader, confidentiality reviewer, supervising office) may not read it either.
    """
    case = visible_case(request, tracking_code)
    if not may_see_personal_data(request.user, case):
        raise PermissionDenied(LETTERS_PERSONAL)
    letter = get_object_or_404(IssuedLetter, pk=letter_id, application=case)
    if fmt not in FORMATS:
        raise Http404
    content_type, field_name = FORMATS[fmt]
    stored = getattr(letter, field_name)
    if not stored:
        raise Http404
    return stored_file_response(
        request,
        stored,
        filename=letter.download_name(fmt),
        content_type=content_type,
    )


@require_safe
@login_required
def attachment_download(
    request: SignedInRequest, tracking_code: str, attachment_id: int
) -> HttpResponseBase:
    """An attachment: personal data, so only for the staff working on the case."""
    case = visible_case(request, tracking_code)
    if not may_see_personal_data(request.user, case):
        raise PermissionDenied(ATTACHMENTS_PERSONAL)
    attachment = get_object_or_404(Attachment, pk=attachment_id, application=case)
    return stored_file_response(
        request,
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
