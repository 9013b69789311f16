"""主动公开 (proactive disclosure): items, categories, the path to publication, the catalogue.

Pure core (no Django): `workflow` (the transition table), `scan` (personal-data scan).
Writes go through `services`, reads through `selectors`.
"""
