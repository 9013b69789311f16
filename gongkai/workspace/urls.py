from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.accounts.throttling import lockout_terms
from gongkai.workspace import views
from gongkai.workspace.administration import agencies as administration
from gongkai.workspace.administration import api_tokens as api_token_pages
from gongkai.workspace.administration import official_calendar as calendar_editing
from gongkai.workspace.administration import own_account as account_pages
from gongkai.workspace.administration import page_editing
from gongkai.workspace.administration import staff_accounts as account_administration
from gongkai.workspace.administration.account_forms import SignInForm
from gongkai.workspace.annual_reports import views as annual_reports
from gongkai.workspace.cases import intake as case_intake
from gongkai.workspace.cases import letters as case_letters
from gongkai.workspace.cases import views as cases
from gongkai.workspace.publications import catalogue as publication_catalogue
from gongkai.workspace.publications import catalogue_entries
from gongkai.workspace.publications import views as publications
from gongkai.workspace.registers import entries as register_entries
from gongkai.workspace.registers import views as register_pages
from gongkai.workspace.reviews import views as review_pages

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="workspace/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
            extra_context=lockout_terms(),
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_timeline, name="audit"),
    # One's own account: e-mail, password (administration/own_account.py)
    path("account/", account_pages.my_account, name="my_account"),
    path("account/password/", account_pages.my_password, name="my_password"),
    # Agency, section and staff administration (administration/agencies.py)
    path("agencies/", administration.agency_list, name="agency_list"),
    path("agencies/<str:code>/", administration.agency_detail, name="agency_detail"),
    path("agencies/<str:code>/edit/", administration.agency_edit, name="agency_edit"),
    path("agencies/<str:code>/sections/", administration.section_list, name="section_list"),
    path("agencies/<str:code>/sections/new/", administration.section_new, name="section_new"),
    path(
        "agencies/<str:code>/sections/<int:section_id>/edit/",
        administration.section_edit,
        name="section_edit",
    ),
    path("agencies/<str:code>/staff/", administration.staff_list, name="staff_list"),
    path("agencies/<str:code>/staff/new/", administration.staff_new, name="staff_new"),
    path(
        "agencies/<str:code>/staff/<int:user_id>/",
        administration.staff_detail,
        name="staff_detail",
    ),
    path(
        "agencies/<str:code>/staff/<int:user_id>/password/",
        account_administration.account_password,
        name="account_password",
    ),
    path(
        "agencies/<str:code>/staff/<int:user_id>/unlock/",
        account_administration.account_unlock_view,
        name="account_unlock",
    ),
    path(
        "agencies/<str:code>/staff/<int:user_id>/deactivate/",
        account_administration.account_deactivate_view,
        name="account_deactivate",
    ),
    path(
        "agencies/<str:code>/staff/<int:user_id>/reactivate/",
        account_administration.account_reactivate_view,
        name="account_reactivate",
    ),
    path(
        "agencies/<str:code>/memberships/<int:membership_id>/revoke/",
        administration.staff_revoke,
        name="staff_revoke",
    ),
    # The agency's API tokens for other systems (administration/api_tokens.py)
    path("agencies/<str:code>/api-tokens/", api_token_pages.api_token_list, name="api_token_list"),
    path(
        "agencies/<str:code>/api-tokens/new/", api_token_pages.api_token_new, name="api_token_new"
    ),
    path(
        "agencies/<str:code>/api-tokens/<int:token_id>/revoke/",
        api_token_pages.api_token_revoke_view,
        name="api_token_revoke",
    ),
    # The official calendar (administration/official_calendar.py): all read it, administrators
    # change it
    path("calendar/", calendar_editing.calendar, name="calendar"),
    path("calendar/day/", calendar_editing.calendar_day, name="calendar_day"),
    path("calendar/notice/", calendar_editing.calendar_notice, name="calendar_notice"),
    path(
        "calendar/notice/enter/",
        calendar_editing.calendar_notice_entry,
        name="calendar_notice_entry",
    ),
    # The agency's public pages: 指南, 制度 (administration/page_editing.py)
    path("pages/", page_editing.page_list, name="page_list"),
    path("pages/<str:code>/<str:kind>/", page_editing.page_edit, name="page_edit"),
    path(
        "pages/<str:code>/<str:kind>/revisions/<int:number>/",
        page_editing.page_revision,
        name="page_revision",
    ),
    path(
        "pages/<str:code>/<str:kind>/revisions/<int:number>/publish/",
        page_editing.page_publish_view,
        name="page_publish",
    ),
    # 主动公开: the publishing path and the catalogue (publications/views.py,
    # publications/catalogue.py)
    path("publications/", publications.publication_list, name="publication_list"),
    path("publications/new/", publications.publication_new, name="publication_new"),
    path(
        "publications/catalogue/",
        publication_catalogue.catalogue,
        name="publication_catalogue",
    ),
    path(
        "publications/catalogue/<str:code>/entries/",
        catalogue_entries.entry_list,
        name="catalogue_entries",
    ),
    path(
        "publications/catalogue/<str:code>/entries/new/",
        catalogue_entries.entry_new,
        name="catalogue_entry_new",
    ),
    path(
        "publications/catalogue/<str:code>/entries/import/",
        catalogue_entries.entry_import,
        name="catalogue_import",
    ),
    path(
        "publications/catalogue/<str:code>/entries/<int:entry_id>/edit/",
        catalogue_entries.entry_edit,
        name="catalogue_entry_edit",
    ),
    path(
        "publications/catalogue/<str:code>/entries/<int:entry_id>/<str:act>/",
        catalogue_entries.entry_set_active,
        name="catalogue_entry_active",
    ),
    path("publications/<int:pk>/", publications.publication_detail, name="publication_detail"),
    path("publications/<int:pk>/edit/", publications.publication_edit, name="publication_edit"),
    path(
        "publications/<int:pk>/attachments/<int:attachment_id>/remove/",
        publications.publication_detach,
        name="publication_detach",
    ),
    path(
        "publications/<int:pk>/act/<str:action>/",
        publications.publication_act,
        name="publication_act",
    ),
    # Applications for disclosure (cases/views.py, cases/intake.py, cases/letters.py)
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", case_intake.case_register, name="case_register"),
    path("cases/new/receipt/", case_intake.case_register_receipt, name="case_register_receipt"),
    path("cases/<str:tracking_code>/", cases.case_detail, name="case_detail"),
    path("cases/<str:tracking_code>/act/<str:action>/", cases.case_act, name="case_act"),
    path(
        "cases/<str:tracking_code>/reply-preview/",
        case_letters.reply_preview,
        name="case_reply_preview",
    ),
    path(
        "cases/<str:tracking_code>/letters/new/<str:kind>/",
        case_letters.letter_new,
        name="case_letter_new",
    ),
    path(
        "cases/<str:tracking_code>/letters/<int:letter_id>/<str:fmt>/",
        case_letters.letter_download,
        name="case_letter",
    ),
    path(
        "cases/<str:tracking_code>/attachments/<int:attachment_id>/",
        case_letters.attachment_download,
        name="case_attachment",
    ),
    # Complaints and review cases (table 四), letter settings (reviews/views.py)
    path("reports/", annual_reports.report_index, name="report_index"),
    path("reports/<str:code>/", annual_reports.report_agency, name="report_agency"),
    path("reports/<str:code>/new/", annual_reports.report_new, name="report_new"),
    path("reports/<str:code>/import/", annual_reports.report_import, name="report_import"),
    path("reports/<str:code>/templates/", annual_reports.report_templates, name="report_templates"),
    path("reports/<str:code>/<int:year>/", annual_reports.report_detail, name="report_detail"),
    path(
        "reports/<str:code>/<int:year>/refresh/",
        annual_reports.report_refresh,
        name="report_refresh",
    ),
    path("reports/<str:code>/<int:year>/text/", annual_reports.report_text, name="report_text"),
    path(
        "reports/<str:code>/<int:year>/explain/",
        annual_reports.report_explain,
        name="report_explain",
    ),
    path(
        "reports/<str:code>/<int:year>/act/<str:action>/",
        annual_reports.report_act,
        name="report_act",
    ),
    path("reports/<str:code>/<int:year>/cell/", annual_reports.report_cell, name="report_cell"),
    path("reviews/", review_pages.review_index, name="review_index"),
    path("reviews/<str:code>/", review_pages.review_list, name="review_list"),
    path("reviews/<str:code>/complaints/new/", review_pages.complaint_new, name="complaint_new"),
    path(
        "reviews/<str:code>/complaints/<int:complaint_id>/close/",
        review_pages.complaint_done,
        name="complaint_close",
    ),
    path("reviews/<str:code>/cases/new/", review_pages.review_case_new, name="review_case_new"),
    path(
        "reviews/<str:code>/cases/<int:case_id>/decide/",
        review_pages.review_case_done,
        name="review_case_decide",
    ),
    # The registers behind table 二 (registers/views.py, registers/entries.py)
    path("registers/", register_pages.register_index, name="register_index"),
    path("registers/<str:code>/", register_pages.register_table, name="register_table"),
    path(
        "registers/<str:code>/documents/",
        register_pages.document_list,
        name="register_documents",
    ),
    path(
        "registers/<str:code>/documents/new/",
        register_pages.document_new,
        name="register_document_new",
    ),
    path(
        "registers/<str:code>/documents/<int:document_id>/repeal/",
        register_pages.document_repeal_page,
        name="register_document_repeal",
    ),
    path(
        "registers/<str:code>/balances/new/",
        register_pages.opening_balance_new,
        name="register_balance_new",
    ),
    path(
        "registers/<str:code>/decisions/",
        register_entries.decision_list,
        name="register_decisions",
    ),
    path(
        "registers/<str:code>/decisions/new/",
        register_entries.decision_new,
        name="register_decision_new",
    ),
    path(
        "registers/<str:code>/decisions/month/",
        register_entries.monthly_total_new,
        name="register_total_new",
    ),
    path(
        "registers/<str:code>/decisions/import/",
        register_entries.totals_import,
        name="register_totals_import",
    ),
    path("registers/<str:code>/fees/", register_entries.fee_list, name="register_fees"),
    path("registers/<str:code>/fees/new/", register_entries.fee_new, name="register_fee_new"),
    path(
        "letter-settings/<str:code>/",
        review_pages.letter_settings,
        name="letter_settings",
    ),
]
