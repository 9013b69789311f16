"""Running an installation: stored files handed out with checks, backup and restore, and the
deployment checks that `gongkai check --deploy` adds."""
