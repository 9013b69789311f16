"""The demo agency's letter settings: its reconsideration organ, court and 文号 prefix."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.letters.models import LetterSettings
from gongkai.letters.services import letter_settings_save

DEMO_LETTER_SETTINGS = {
    # 开发区的工作部门：复议机关为设立开发区的市人民政府（行政复议法（2023年修订）第二十四条）。
    "reconsideration_organ": "驻马店市人民政府",
    "court": "驻马店市驿城区人民法院",
    "number_prefix": "驻开统公开",
    "fee_payment_method": (
        "持本通知书到驻马店经济开发区统计局综合股缴纳，或扫描通知书所附非税收入缴款码缴纳"
    ),
    "office_address": "驻马店经济开发区统计局综合股（驻马店市开发区兴业大道1号，邮编463000）",
}


def load_demo_letter_settings(*, agency: Agency) -> int:
    """Give the demo agency its letter settings unless it has some; return how many were made."""
    if LetterSettings.objects.filter(agency=agency).exists():
        return 0
    letter_settings_save(actor=None, agency=agency, **DEMO_LETTER_SETTINGS)
    return 1
