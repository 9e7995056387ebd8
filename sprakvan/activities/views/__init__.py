"""Activity pages: staff (activities, sessions, attendance) and public (calendar, feeds, check-in)."""
