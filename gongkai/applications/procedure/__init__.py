"""The procedure of 依申请公开 as plain Python: pure, no Django, no database.

The case's states and actions (`workflow`), its statutory clock (`deadlines`, the
`clock_*` modules, `history`), fees, identities, grounds, remedies, the receipt, the
similarity of requests, attachment sniffing and the register file. The Django app around
it (models, services, selectors, forms) builds on it; nothing here imports Django or
another app (import-linter contract in pyproject.toml, tests/test_layering.py).
"""
