"""Writers: turn core results into files (schedule formats, iCalendar, e-mail, CSV for platforms, frab)."""
