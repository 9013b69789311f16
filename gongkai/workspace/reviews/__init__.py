"""Complaints and review cases (table 四) and the agency's letter settings in the workspace."""
