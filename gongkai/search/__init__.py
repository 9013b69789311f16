"""Chinese full-text search over the public items (主动公开): jieba segmentation into a shadow
column, indexed by SQLite FTS5 or PostgreSQL tsvector behind one `search()` (docs/decisions)."""
