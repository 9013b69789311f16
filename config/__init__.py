"""Django wiring for gongkai: settings, URLs, WSGI, the HTTP security headers."""
