"""The staff's publishing path (主动公开): the list, a draft's form, one item and its actions.

Thin views over gongkai.publications: which items a person sees is `items_visible_to` (an
item outside it is 404); which buttons, `workflow.allowed_actions` for the roles held in the
item's agency; every write is one service call with the version the person saw.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.publications.models import ItemAttachment, ItemRevision, PublishedItem
from gongkai.publications.queues import last_return
from gongkai.publications.scan import attachment_source
from gongkai.publications.selectors import (
    item_history,
    item_revisions,
    items_visible_to,
    latest_attachments,
    public_attachments,
)
from gongkai.publications.services import (
    ConcurrentChange,
    WorkflowError,
    item_attach,
    item_create_draft,
    item_detach,
    item_findings,
    item_update_draft,
)
from gongkai.publications.services.base import agency_roles
from gongkai.publications.workflow import (
    AUTHOR_ROLES,
    TRANSITIONS,
    Action,
    State,
    allowed_actions,
)
from gongkai.workspace.publications.forms import ActionForm, ItemDraftForm, action_form
from gongkai.workspace.signed_in import SignedInRequest

PAGE_SIZE = 50
CONFLICT = "该信息已被他人更新，请刷新后重试。"
# Roles that work on or oversee publishing (an administrator administers accounts only).
PUBLICATION_ROLES = frozenset(Role) - {Role.ADMINISTRATOR}
VIEWS = {"todo": "待我办理", "mine": "我的草稿", "all": "全部信息"}


def may_work_on_publications(user: Any) -> bool:
    """Whether the user holds a role that sees the publishing path (or is a superuser)."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, role__in=list(PUBLICATION_ROLES)
    ).exists()


def _require_access(request: SignedInRequest) -> None:
    if not may_work_on_publications(request.user):
        raise PermissionDenied("无权查看主动公开信息。")


def authoring_memberships(user: Any) -> QuerySet[Membership]:
    """The user's memberships in which it drafts items (handler, disclosure office)."""
    return Membership.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, role__in=list(AUTHOR_ROLES)
    )


def _authoring_agencies(request: SignedInRequest) -> QuerySet[Agency]:
    ids = authoring_memberships(request.user).values_list("agency_id", flat=True)
    return Agency.objects.filter(id__in=ids).order_by("name")


def _todo_filter(request: SignedInRequest) -> Q:
    """Items waiting for an action one of the user's roles takes (not editing one's drafts)."""
    condition = Q(pk__in=[])
    memberships = Membership.objects.filter(user_id=request.user.pk, revoked_at__isnull=True)
    for agency_id, role in memberships.values_list("agency_id", "role"):
        states = {
            source.value
            for row in TRANSITIONS
            if role in row.roles
            and not row.public_only
            and row.action not in (Action.UPDATE, Action.REVISE, Action.SUBMIT, Action.REJECT)
            for source in row.sources
        }
        if states:
            condition |= Q(agency_id=agency_id, state__in=states)
    return condition


@require_safe
@login_required
def publication_list(request: SignedInRequest) -> HttpResponse:
    """The items the user may see: waiting for them, their drafts, or all."""
    _require_access(request)
    view = request.GET.get("view", "todo")
    view = view if view in VIEWS else "todo"
    items = items_visible_to(user=request.user)
    if view == "todo":
        items = items.filter(_todo_filter(request))
    elif view == "mine":
        items = items.filter(created_by=request.user, state=State.DRAFT.value)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "view": view,
        "views": VIEWS,
        "may_draft": _authoring_agencies(request).exists(),
    }
    return render(request, "workspace/publications/list.html", context)


def _save_attachment(request: SignedInRequest, item: PublishedItem, form: ItemDraftForm) -> None:
    upload = form.cleaned_data.get("attachment")
    if upload is not None:
        item_attach(
            item=item,
            actor=request.user,
            seen_version=item.version,
            name=upload.name,
            data=upload.read(),
        )


def _drafting_agency(request: SignedInRequest) -> tuple[Agency | None, QuerySet[Agency]]:
    """The agency a new draft is for: `?agency=<code>`, or the only one the user may author
    in (None: several, to choose from). One where the user may not author is refused."""
    agencies = _authoring_agencies(request)
    code = request.GET.get("agency", "")
    if code:
        agency = agencies.filter(code=code).first()
        if agency is None:
            raise PermissionDenied("您在该机关没有起草主动公开信息的岗位。")
        return agency, agencies
    choices = list(agencies[:2])
    if not choices:
        raise PermissionDenied("只有承办人或公开办可以起草主动公开信息。")
    return (choices[0] if len(choices) == 1 else None), agencies


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def publication_new(request: SignedInRequest) -> HttpResponse:
    """A new draft in an agency where the user is a handler or the office (chosen first when
    there are several)."""
    agency, agencies = _drafting_agency(request)
    if agency is None:
        status = 400 if request.method == "POST" else 200
        chooser = "workspace/publications/choose_agency.html"
        return render(request, chooser, {"agencies": agencies}, status=status)
    form = ItemDraftForm(request.POST or None, request.FILES or None, agency_id=agency.pk)
    if request.method == "POST" and form.is_valid():
        try:
            item = item_create_draft(actor=request.user, agency=agency, content=form.content())
            _save_attachment(request, item, form)
        except (WorkflowError, ValidationError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, "草稿已保存。")
            return redirect("workspace:publication_detail", pk=item.pk)
    status = 400 if form.is_bound else 200
    context = {
        "form": form,
        "agency": agency,
        "item": None,
        "may_change_agency": "agency" in request.GET,
    }
    return render(request, "workspace/publications/form.html", context, status=status)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error)


def _visible_item(request: SignedInRequest, pk: int) -> PublishedItem:
    _require_access(request)
    return get_object_or_404(items_visible_to(user=request.user), pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def publication_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Edit a draft: every save is a new revision, refused if someone saved in between."""
    item = _visible_item(request, pk)
    roles = agency_roles(request.user, item.agency)
    if Action.UPDATE not in allowed_actions(item.state_enum, roles, public=item.is_public):
        raise PermissionDenied("该信息现在不能修改。")
    latest = _latest(item)
    initial = ItemDraftForm.initial_for(item, latest)
    form = ItemDraftForm(
        request.POST or None,
        request.FILES or None,
        agency_id=item.agency_id,
        item_id=item.pk,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        seen = form.cleaned_data["version"] or item.version
        try:
            item = item_update_draft(
                item=item, actor=request.user, seen_version=seen, content=form.content(latest)
            )
            _save_attachment(request, item, form)
        except ConcurrentChange:
            messages.error(request, CONFLICT)
            return redirect("workspace:publication_detail", pk=item.pk)
        except (WorkflowError, ValidationError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, "已保存新版本。")
            return redirect("workspace:publication_detail", pk=item.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "agency": item.agency, "item": item}
    return render(request, "workspace/publications/form.html", context, status=status)


def _latest(item: PublishedItem) -> ItemRevision:
    """The version being worked on (for a published item under revision: the new one)."""
    latest = item_revisions(item=item).filter(number=item.revision_number).first()
    if latest is None:  # every item is created with revision 1
        raise Http404("该信息没有版本记录")
    return latest


def _actions(request: SignedInRequest, item: PublishedItem) -> tuple[Action, ...]:
    roles = agency_roles(request.user, item.agency)
    return allowed_actions(item.state_enum, roles, public=item.is_public)


def _finding_place(source: str, attachments: list[ItemAttachment]) -> str:
    """Where in the item a scan finding is, in words: 标题, 正文, or the attachment's name."""
    if source == "title":
        return "标题"
    names = {attachment_source(a.pk): a.name for a in attachments}
    return f"附件“{names[source]}”" if source in names else "正文"


def _detail_context(
    request: SignedInRequest, item: PublishedItem, bound: ActionForm | None = None
) -> dict[str, Any]:
    actions = _actions(request, item)
    forms = []
    for action in actions:
        if bound is not None and bound.action is action:
            forms.append(bound)
        elif (form := action_form(action, item=item)) is not None:
            forms.append(form)
    reviewing = item.state == State.APPROVED.value
    attachments = list(latest_attachments(item))
    public = list(public_attachments(item))
    return {
        "item": item,
        "returned": last_return(item),
        "latest": _latest(item),
        "may_edit": Action.UPDATE in actions,
        "action_forms": forms,
        "findings": [
            {"finding": f, "where": _finding_place(f.source, attachments)}
            for f in (item_findings(item) if reviewing else ())
        ],
        "events": item_history(item=item),
        "attachments": attachments,
        "public_attachments": public,
        # Removed in the version being worked on, still on the portal until it is published.
        "leaving": [a for a in public if a not in attachments],
    }


@require_safe
@login_required
def publication_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    return render(request, "workspace/publications/detail.html", _detail_context(request, item))


@require_POST
@login_required
def publication_act(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    """Take one action on the item with the version the person saw."""
    item = _visible_item(request, pk)
    try:
        chosen = Action(action)
    except ValueError as error:
        raise Http404 from error
    if chosen not in _actions(request, item):
        raise PermissionDenied(f"您现在不能对该信息“{chosen.label}”。")
    form = action_form(chosen, item=item, data=request.POST)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            form.perform(actor=request.user)
        except ConcurrentChange:
            messages.error(request, CONFLICT)
            return redirect("workspace:publication_detail", pk=item.pk)
        except (WorkflowError, PermissionDenied, ValidationError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, f"已办理：{chosen.label}。")
            return redirect("workspace:publication_detail", pk=item.pk)
    context = _detail_context(request, item, bound=form)
    return render(request, "workspace/publications/detail.html", context, status=400)


@require_POST
@login_required
def publication_detach(request: SignedInRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Remove one attachment from the draft, with the version the person saw."""
    item = _visible_item(request, pk)
    if Action.UPDATE not in _actions(request, item):
        raise PermissionDenied("该信息现在不能修改。")
    attachment = get_object_or_404(ItemAttachment, pk=attachment_id, item=item)
    seen = request.POST.get("version", "")
    if not seen.isdigit():
        return HttpResponseBadRequest("缺少版本号。")
    try:
        item_detach(item=item, attachment=attachment, actor=request.user, seen_version=int(seen))
    except ConcurrentChange:
        messages.error(request, CONFLICT)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已移除附件“{attachment.name}”。")
    return redirect("workspace:publication_detail", pk=item.pk)
