"""The publishing path (主动公开) in the workspace, and the 政务公开事项目录: its entries,
its file import and its dashboard.
"""
