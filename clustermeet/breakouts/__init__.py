"""Breakout rooms: the assignment use case, the exact topics solver (HiGHS), mixing rounds, the assignments file,
Zoom pre-assignment CSVs, rosters and the summary."""
