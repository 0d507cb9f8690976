SELECT count(*) AS events, sum(attendees) AS attendees FROM events
