"""依申请公开 (application-based disclosure): the case, its clock, fees, identities and remedies.

The pure core — no Django, no database — is the sub-package `procedure/`: `workflow` (states and
allowed transitions as one table), `deadlines` (the statutory clock derived from the case's events
and the official calendar), `fees` (国办函〔2020〕109号), `identity` (check characters and masking)
and `remedies` (the remedies paragraph of a reply letter). The Django app built on top of it adds
models, services, selectors and views.
"""
