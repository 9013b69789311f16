"""The staff's cases (依申请公开) in the workspace: the list, one case, its actions, letters,
registration of applications that came in person or by post, the home page's due panel.
"""
