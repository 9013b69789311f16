"""The official holiday calendar in the database: seeded, loaded from notices, edited by staff.

The arithmetic lives in the pure `gongkai.workdays`; this app keeps its data (`OfficialDay`,
`CalendarYear`), changes it through `services`, and hands out a `Calendar` through
`selectors.official_calendar()`.
"""
