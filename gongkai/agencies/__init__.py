"""Agencies (with their supervising office), their sections, and who holds which role where."""
