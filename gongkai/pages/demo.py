"""The demo agency's guide and policies (`make demo`): short texts marked as a demo.

The texts are in templates/pages/demo/, written for this demo (no real contact details).

Idempotent: a page already written (by the demo or by a person) is left as it is.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from gongkai.agencies.models import Agency
from gongkai.pages.markup import markup_from_html
from gongkai.pages.models import AgencyPage, PageKind
from gongkai.pages.services import page_save

GUIDE_TITLE = "驻马店经济开发区统计局政府信息公开指南"
GUIDE_TEMPLATE = "pages/demo/guide.html"

POLICIES_TITLE = "驻马店经济开发区统计局政府信息公开制度"
POLICIES_TEMPLATE = "pages/demo/policies.html"


def load_demo_pages(*, agency: Agency) -> int:
    """Write the demo guide and policies for `agency` where none exists; return how many."""
    created = 0
    for kind, title, template in (
        (PageKind.GUIDE, GUIDE_TITLE, GUIDE_TEMPLATE),
        (PageKind.POLICIES, POLICIES_TITLE, POLICIES_TEMPLATE),
    ):
        if not AgencyPage.objects.filter(agency=agency, kind=kind).exists():
            # The demo texts are kept as HTML; the office's editor takes markup.
            body = markup_from_html(render_to_string(template))
            page_save(actor=None, agency=agency, kind=kind, title=title, body=body)
            created += 1
    return created
