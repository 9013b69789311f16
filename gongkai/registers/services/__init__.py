"""Writes on the registers behind table 二, one audited transaction each.

The publications app calls `register_normative_document_from_publication(item=…, actor=…)`
when a 行政规范性文件 is published, and `repeal_normative_document_of_publication` when it is
retired (失效/废止).
"""

from gongkai.registers.services.decisions import (
    TotalsFileError,
    TotalsImport,
    decision_record,
    monthly_total_set,
    monthly_totals_import,
)
from gongkai.registers.services.documents import (
    document_register,
    document_repeal,
    opening_balance_set,
    register_normative_document_from_publication,
    repeal_normative_document_of_publication,
)
from gongkai.registers.services.fees import fee_record

__all__ = [
    "TotalsFileError",
    "TotalsImport",
    "decision_record",
    "document_register",
    "document_repeal",
    "fee_record",
    "monthly_total_set",
    "monthly_totals_import",
    "opening_balance_set",
    "register_normative_document_from_publication",
    "repeal_normative_document_of_publication",
]
