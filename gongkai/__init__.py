"""gongkai (公开): government information disclosure for an agency and its supervising office."""
