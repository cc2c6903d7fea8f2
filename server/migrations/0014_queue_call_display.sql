-- The lobby display reads the last calls of a site many times a second at peak: each call keeps what the display
-- shows (the day, the ticket's number, the counter's name and room at the moment of the call), so that the read is
-- one index range of queue_call and never a join whose plan depends on fresh statistics. It is also what the
-- display should show: where the number was called to, even if the counter is renamed later.
ALTER TABLE queue_call
  ADD COLUMN day date,
  ADD COLUMN number text,
  ADD COLUMN counter_name text,
  ADD COLUMN room text;

UPDATE queue_call q
   SET day = t.day, number = t.number, counter_name = c.name, room = c.room
  FROM queue_ticket t, queue_counter c
 WHERE t.id = q.ticket_id AND c.id = q.counter_id;

ALTER TABLE queue_call
  ALTER COLUMN day SET NOT NULL,
  ALTER COLUMN number SET NOT NULL,
  ALTER COLUMN counter_name SET NOT NULL,
  ALTER COLUMN room SET NOT NULL;

DROP INDEX queue_call_site_idx;
CREATE INDEX queue_call_site_day_idx ON queue_call (site_id, day, id);

-- The number waiting per service (kiosk, counters, issuing) counts only the waiting tickets.
CREATE INDEX queue_ticket_service_waiting_idx ON queue_ticket (service_id, day) WHERE status = 'waiting';
