"""The JSON face (django-ninja) at `/api/`: applications and their actions, for signed-in staff.

Session authentication with CSRF (the workspace's sign-in); the same selectors, the same
access rules and the same services as the workspace. The OpenAPI document is at
`/api/openapi.json`; there is no interactive documentation page (it would load a CDN's script).
"""
