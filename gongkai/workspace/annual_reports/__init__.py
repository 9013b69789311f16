"""The annual report in the workspace: draft, check, explain, sign off, publish, correct."""
