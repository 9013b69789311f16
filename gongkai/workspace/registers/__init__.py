"""The registers behind table 二 in the workspace: documents, opening balances, decisions
and fees.
"""
