"""The staff workspace (工作平台): sign-in, a home page per role, the audit timeline."""
