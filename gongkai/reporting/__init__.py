"""Reporting: one annual report per agency and year, its tables computed from the database."""
