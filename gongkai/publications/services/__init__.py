"""Writes on published items, categories and the disclosure catalogue.

Callers (views, the API, commands, tests) import from here:

    from gongkai.publications.services import item_publish, ConcurrentChange

Errors: `WorkflowError` (an action the workflow does not allow, or bad input; Chinese
message), `UnresolvedFindings` (a WorkflowError: the scan found personal data not overridden),
`PermissionDenied` (no role in the agency), `ConcurrentChange` (changed since loaded).
"""

from gongkai.publications.services.attachments import item_attach, item_detach
from gongkai.publications.services.base import ConcurrentChange
from gongkai.publications.services.catalogue import (
    can_keep_catalogue,
    catalogue_entry_create,
    catalogue_entry_update,
    category_create,
    category_move,
    category_update,
)
from gongkai.publications.services.catalogue_import import (
    catalogue_entry_set_active,
    catalogue_import,
)
from gongkai.publications.services.content import ItemContent, plain_text
from gongkai.publications.services.items import (
    item_approve,
    item_create_draft,
    item_import_published,
    item_publish,
    item_reject,
    item_retire,
    item_revise,
    item_submit,
    item_update_draft,
    item_withdraw,
    publish_due_scheduled,
)
from gongkai.publications.services.review import (
    ReviewChecklist,
    UnresolvedFindings,
    item_findings,
    item_review_clear,
    item_review_reject,
)
from gongkai.publications.workflow import WorkflowError

__all__ = [
    "ConcurrentChange",
    "ItemContent",
    "ReviewChecklist",
    "UnresolvedFindings",
    "WorkflowError",
    "can_keep_catalogue",
    "catalogue_entry_create",
    "catalogue_entry_set_active",
    "catalogue_entry_update",
    "catalogue_import",
    "category_create",
    "category_move",
    "category_update",
    "item_approve",
    "item_attach",
    "item_create_draft",
    "item_detach",
    "item_findings",
    "item_import_published",
    "item_publish",
    "item_reject",
    "item_retire",
    "item_review_clear",
    "item_review_reject",
    "item_revise",
    "item_submit",
    "item_update_draft",
    "item_withdraw",
    "plain_text",
    "publish_due_scheduled",
]
