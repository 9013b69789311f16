"""The annual report (政府信息公开工作年度报告) as data: schema, rules, readers and writers.

Pure Python: nothing here imports Django or another gongkai package (an import-linter contract
keeps it so), so it runs in a supervising office's script, in the CLI over ten thousand files,
and inside the web application alike.
"""
