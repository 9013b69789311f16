"""The mapper: a read document (`gongkai.report.parse.document`) onto the annual report.

It knows the report and nothing about file formats: `mapper.map_document` finds the title, the
layout, tables 二/三/四 (`table2`, `table3` with `rows`, `placement` and `glued`, `table4`) and
the narrative (`narrative`) by their official labels, after `normalise`.
"""
