"""People who sign in: the custom user model, sign-in throttling, account services."""
