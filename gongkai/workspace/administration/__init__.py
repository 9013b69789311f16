"""Administration in the workspace: agencies, sections and staff, colleagues' accounts and
one's own, the official calendar, the agency's public pages (指南, 制度).
"""
