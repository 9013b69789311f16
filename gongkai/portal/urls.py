from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.portal import (
    annual_reports,
    applying,
    disclosure,
    feeds,
    page_views,
    searching,
    tracking,
    views,
)

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", page_views.guide, name="guide"),
    path("policies/", page_views.policies, name="policies"),
    # 主动公开: categories, items, 法定主动公开内容, search, feeds (disclosure.py, searching.py)
    path("statutory/", disclosure.statutory, name="statutory"),
    path("categories/<slug:slug>/", disclosure.category_list, name="category"),
    path("categories/<slug:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path("items/<int:pk>/", disclosure.item_detail, name="item"),
    path(
        "items/<int:pk>/attachments/<int:attachment_id>/",
        disclosure.attachment_download,
        name="item_attachment",
    ),
    path("search/", searching.search_page, name="search"),
    path("opensearch.xml", searching.opensearch, name="opensearch"),
    path("sitemap.xml", sitemap, {"sitemaps": feeds.SITEMAPS}, name="sitemap"),
    # 年度报告 (条例第四十九条): the column, a year's report, its downloads and JSON
    path("annual-reports/", annual_reports.report_list, name="annual_reports"),
    path("annual-reports/<int:year>/", annual_reports.report_detail, name="annual_report"),
    path(
        "annual-reports/<int:year>/v<int:number>/",
        annual_reports.report_detail,
        name="annual_report_version",
    ),
    path(
        "annual-reports/<int:year>/report.<str:fmt>",
        annual_reports.report_download,
        name="annual_report_download",
    ),
    path(
        "annual-reports/<int:year>/v<int:number>/report.<str:fmt>",
        annual_reports.report_download,
        name="annual_report_version_download",
    ),
    # 依申请公开: the application form, its receipt, the status page (applying.py, tracking.py)
    path("apply/", applying.apply, name="apply"),
    path("apply/receipt/", applying.receipt, name="apply_receipt"),
    path("track/", tracking.track, name="track"),
    path("track/<str:tracking_code>/", tracking.track_status, name="track_status"),
    path("track/<str:tracking_code>/clarify/", tracking.track_clarify, name="track_clarify"),
    path(
        "track/<str:tracking_code>/letters/<int:letter_id>/<str:fmt>/",
        tracking.track_letter,
        name="track_letter",
    ),
]
