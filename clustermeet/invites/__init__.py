"""Calendar invites and their e-mails: recipients, invite state, event content, iCalendar rendering, VTIMEZONE,
words, message building, SMTP delivery and the send log."""
