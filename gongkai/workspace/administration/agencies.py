"""Agency, section and staff administration (系统管理员): thin views over the agencies services.

Every page needs `can_administer` on the agency in its address: the agency's own administrator,
an administrator of an office above it, or the platform's superuser.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.accounts.administration import may_manage_account
from gongkai.accounts.models import User
from gongkai.accounts.throttling import lockouts_of
from gongkai.agencies.admin_services import agency_update, section_rename, staff_create
from gongkai.agencies.models import Agency, AgencyKind, Membership, Role, Section
from gongkai.agencies.permissions import can_administer
from gongkai.agencies.selectors import (
    agencies_administered_by,
    memberships_visible_to,
    sections_visible_to,
    subordinate_ids,
)
from gongkai.agencies.services import membership_grant, membership_revoke, section_create
from gongkai.form_errors import add_service_errors
from gongkai.workspace.forms import AgencyForm, MembershipGrantForm, SectionForm, StaffCreateForm
from gongkai.workspace.signed_in import SignedInRequest


def administered_agency(request: SignedInRequest, code: str) -> Agency:
    """The agency named in the address, if the user may administer it (else 404 or 403)."""
    agency = get_object_or_404(Agency.objects.select_related("parent"), code=code)
    if not can_administer(request.user, agency):
        raise PermissionDenied(f"无权管理{agency.name}。")
    return agency


@require_safe
@login_required
def agency_list(request: SignedInRequest) -> HttpResponse:
    agencies = agencies_administered_by(user=request.user).select_related("parent")
    if not agencies.exists():
        raise PermissionDenied("无权管理机关。")
    return render(request, "workspace/administration/agency_list.html", {"agencies": agencies})


@require_safe
@login_required
def agency_detail(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    context = {
        "agency": agency,
        "section_count": sections_visible_to(user=request.user, agency=agency).count(),
        "staff_count": memberships_visible_to(user=request.user, agency=agency)
        .values("user")
        .distinct()
        .count(),
        "subordinates": agency.subordinates.order_by("code"),
    }
    return render(request, "workspace/administration/agency_detail.html", context)


def _parent_choices(user: User, agency: Agency) -> QuerySet[Agency]:
    """Offices the agency may be put under: those the user administers, or its present one;
    never itself or one of its own subordinates (that would make a loop)."""
    excluded = {agency.pk} | subordinate_ids([agency.pk])
    administered = agencies_administered_by(user=user).values_list("id", flat=True)
    return Agency.objects.filter(Q(id__in=list(administered)) | Q(id=agency.parent_id)).exclude(
        id__in=excluded
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def agency_edit(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    parents = _parent_choices(request.user, agency)
    top_level_allowed = request.user.is_superuser or agency.parent_id is None
    if request.method == "POST":
        form = AgencyForm(request.POST, parents=parents, top_level_allowed=top_level_allowed)
        if form.is_valid():
            try:
                agency = agency_update(
                    actor=request.user,
                    agency=agency,
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                    kind=AgencyKind(form.cleaned_data["kind"]),
                    parent=form.cleaned_data["parent"],
                    index_prefix=form.cleaned_data["index_prefix"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"已保存{agency.name}的机关信息。")
                return redirect("workspace:agency_detail", code=agency.code)
    else:
        initial = {
            "code": agency.code,
            "name": agency.name,
            "kind": agency.kind,
            "parent": agency.parent,
            "index_prefix": agency.index_prefix,
        }
        form = AgencyForm(initial=initial, parents=parents, top_level_allowed=top_level_allowed)
    return render(
        request, "workspace/administration/agency_form.html", {"agency": agency, "form": form}
    )


@require_safe
@login_required
def section_list(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    sections = sections_visible_to(user=request.user, agency=agency).order_by("name")
    return render(
        request,
        "workspace/administration/section_list.html",
        {"agency": agency, "sections": sections},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def section_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            section = section_create(
                actor=request.user, agency=agency, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已新建股室“{section.name}”。")
            return redirect("workspace:section_list", code=agency.code)
    return render(
        request,
        "workspace/administration/section_form.html",
        {"agency": agency, "form": form, "section": None},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def section_edit(request: SignedInRequest, code: str, section_id: int) -> HttpResponse:
    agency = administered_agency(request, code)
    section = get_object_or_404(Section, pk=section_id, agency=agency)
    form = SectionForm(request.POST or None, initial={"name": section.name})
    if request.method == "POST" and form.is_valid():
        try:
            section = section_rename(
                actor=request.user, section=section, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已保存股室“{section.name}”。")
            return redirect("workspace:section_list", code=agency.code)
    return render(
        request,
        "workspace/administration/section_form.html",
        {"agency": agency, "form": form, "section": section},
    )


@require_safe
@login_required
def staff_list(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    memberships = memberships_visible_to(
        user=request.user, agency=agency, include_revoked=True
    ).order_by("revoked_at", "user__username", "role")
    return render(
        request,
        "workspace/administration/staff_list.html",
        {
            "agency": agency,
            "active": [m for m in memberships if m.revoked_at is None],
            "revoked": [m for m in memberships if m.revoked_at is not None],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def staff_new(request: SignedInRequest, code: str) -> HttpResponse:
    agency = administered_agency(request, code)
    form = StaffCreateForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = staff_create(
                actor=request.user,
                agency=agency,
                username=data["username"],
                full_name=data["full_name"],
                password=data["password1"],
                role=Role(data["role"]),
                section=data["section"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"已创建账号 {membership.user.username}（{membership.user.full_name}），"
                f"岗位：{membership.get_role_display()}。请把初始密码当面告知本人；"
                "本人首次登录后须先修改密码。",
            )
            return redirect("workspace:staff_detail", code=agency.code, user_id=membership.user_id)
    return render(
        request, "workspace/administration/staff_form.html", {"agency": agency, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def staff_detail(request: SignedInRequest, code: str, user_id: int) -> HttpResponse:
    """One person's roles in the agency, past and present; a form to grant another."""
    agency = administered_agency(request, code)
    memberships = memberships_visible_to(
        user=request.user, agency=agency, include_revoked=True
    ).filter(user_id=user_id)
    if not memberships.exists():
        raise Http404("该人员不在本机关。")
    person = memberships[0].user
    form = MembershipGrantForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            membership = membership_grant(
                actor=request.user,
                user=person,
                agency=agency,
                role=Role(form.cleaned_data["role"]),
                section=form.cleaned_data["section"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已为{person}分配岗位：{membership.get_role_display()}。")
            return redirect("workspace:staff_detail", code=agency.code, user_id=person.pk)
    return render(
        request,
        "workspace/administration/staff_detail.html",
        {
            "agency": agency,
            "person": person,
            "memberships": memberships.order_by("revoked_at", "role"),
            "form": form,
            "can_manage_account": may_manage_account(request.user, person, agency),
            "lockouts": lockouts_of(person.username),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def staff_revoke(request: SignedInRequest, code: str, membership_id: int) -> HttpResponse:
    """Ask first (GET: what is revoked, and whether it is the person's last role); revoke on
    POST."""
    agency = administered_agency(request, code)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "agency", "section"),
        pk=membership_id,
        agency=agency,
    )
    if request.method != "POST":
        if membership.revoked_at is not None:
            messages.info(request, "该岗位已撤销。")
            return redirect("workspace:staff_detail", code=agency.code, user_id=membership.user_id)
        last_role = (
            not membership.user.is_superuser
            and not Membership.objects.filter(user_id=membership.user_id, revoked_at__isnull=True)
            .exclude(pk=membership.pk)
            .exists()
        )
        context = {"agency": agency, "membership": membership, "last_role": last_role}
        return render(request, "workspace/administration/staff_revoke.html", context)
    try:
        membership_revoke(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(
            request, f"已撤销{membership.user}的岗位：{membership.get_role_display()}。"
        )
    return redirect("workspace:staff_detail", code=agency.code, user_id=membership.user_id)
