"""The audit log: who did what to which object, when, before → after. Never deleted."""
