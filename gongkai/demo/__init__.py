"""The demo (`make demo`, `gongkai demo_data`): orchestrates each app's own demo data.

It stands above the domain apps: it calls `gongkai.agencies.demo` and `gongkai.pages.demo`,
and nothing below imports it (an import-linter contract holds that).
"""
