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


DEMO_SUPERVISING_OFFICE_SETTINGS = {
    # 开发区管委会（市人民政府的派出机关）：复议机关为设立它的市人民政府（第二十四条）。
    "reconsideration_organ": "驻马店市人民政府",
    "court": "驻马店市驿城区人民法院",
    "number_prefix": "驻开管公开",
    "fee_payment_method": "持本通知书到驻马店经济开发区管理委员会办公室缴纳",
}


def load_demo_letter_settings(*, agency: Agency, supervising_office: Agency | None = None) -> int:
    """Give the demo agencies their letter settings unless they have some; return how many
    were made. Each names its reconsideration organ: no reply is issued without one."""
    made = 0
    pairs = [(agency, DEMO_LETTER_SETTINGS)]
    if supervising_office is not None:
        pairs.append((supervising_office, DEMO_SUPERVISING_OFFICE_SETTINGS))
    for each, settings in pairs:
        if not LetterSettings.objects.filter(agency=each).exists():
            letter_settings_save(actor=None, agency=each, **settings)
            made += 1
    return made
