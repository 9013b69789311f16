"""The agency's public pages (政府信息公开指南, 政府信息公开制度), every revision kept."""
