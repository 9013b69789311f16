"""Letter composition as plain Python: pure, no Django, no database.

`kinds` (LetterKind, LetterFormat), `placeholders` (the names a template may use and the
check run on saving), `compose` (LetterContext -> Letter) and `defaults` (the shipped
templates). The writers are `gongkai.letters.render`; the Django side (models, services,
selectors, case_facts) stays in `gongkai.letters` (import-linter contract in
pyproject.toml).
"""
