"""Readers for published annual reports: one per source type, one label-driven mapper."""
