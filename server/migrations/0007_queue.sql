-- The walk-in queue of the front desk (issue 5, "Minutengeschäft"): services per agency and site, counters and
-- rooms, tickets with their numbers and states, the log of calls the lobby displays show, and the short-question
-- log. See server/src/features/queue/README.md for the states and the call-next policy.

-- A service people queue for at a site, offered by an agency ("hand in documents", "short question", ...).
CREATE TABLE queue_service (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  site_id uuid NOT NULL REFERENCES site (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  prefix text NOT NULL CHECK (prefix ~ '^[A-Z]{1,3}$'),
  pictogram text NOT NULL DEFAULT 'question',
  -- Opening hours, Europe/Berlin: ISO weekdays (1 = Monday) and the hours on those days.
  weekdays smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
  opens_at text NOT NULL DEFAULT '08:00' CHECK (opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  closes_at text NOT NULL DEFAULT '16:00' CHECK (closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  daily_cap integer CHECK (daily_cap IS NULL OR daily_cap > 0),
  -- "Stop issuing now" at peak times: no more walk-in tickets on this day.
  stopped_on date,
  no_show_after_calls smallint NOT NULL DEFAULT 3 CHECK (no_show_after_calls BETWEEN 1 AND 10),
  -- The estimate of the phone view until the day has its own service times.
  default_service_minutes smallint NOT NULL DEFAULT 5 CHECK (default_service_minutes BETWEEN 1 AND 240),
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (opens_at < closes_at),
  UNIQUE (municipality_id, site_id, name)
);
CREATE INDEX queue_service_site_idx ON queue_service (site_id);

-- A counter (Schalter) or consultation room where tickets are served; staff_id: who serves there now.
CREATE TABLE queue_counter (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  site_id uuid NOT NULL REFERENCES site (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  room text NOT NULL DEFAULT '' CHECK (length(room) <= 80),
  service_ids uuid[] NOT NULL DEFAULT '{}',
  staff_id uuid REFERENCES staff (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, site_id, name)
);

-- The last number given per site, prefix and day: incremented in the issuing transaction, so that a number is
-- never given twice (the unique constraint on queue_ticket backs it).
CREATE TABLE queue_number (
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  site_id uuid NOT NULL REFERENCES site (id),
  prefix text NOT NULL,
  day date NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (site_id, prefix, day)
);

CREATE TABLE queue_ticket (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  site_id uuid NOT NULL REFERENCES site (id),
  service_id uuid NOT NULL REFERENCES queue_service (id),
  day date NOT NULL,
  number text NOT NULL,
  -- Unguessable: the key of the person's phone view (no account).
  public_token text NOT NULL UNIQUE CHECK (length(public_token) >= 32),
  source text NOT NULL CHECK (source IN ('desk', 'kiosk', 'phone', 'appointment')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'accessibility', 'urgent')),
  language text NOT NULL DEFAULT 'de',
  -- Optional link to the registry; never shown on public pages.
  person_id uuid REFERENCES person (id),
  -- The appointment checked in (appointments feature; no foreign key: that table comes later).
  appointment_id uuid,
  status text NOT NULL DEFAULT 'waiting'
    CHECK (status IN ('waiting', 'called', 'in_service', 'done', 'no_show', 'parked')),
  -- The original arrival: kept when the ticket is forwarded, so the person does not queue again from the end.
  arrived_at timestamptz NOT NULL DEFAULT now(),
  counter_id uuid REFERENCES queue_counter (id),
  call_count smallint NOT NULL DEFAULT 0,
  first_called_at timestamptz,
  called_at timestamptz,
  service_started_at timestamptz,
  finished_at timestamptz,
  served_by uuid REFERENCES staff (id),
  forwarded_from uuid REFERENCES queue_service (id),
  issued_by uuid REFERENCES staff (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, day, number)
);
CREATE INDEX queue_ticket_waiting_idx ON queue_ticket (site_id, day, status);
CREATE INDEX queue_ticket_service_day_idx ON queue_ticket (service_id, day);
CREATE INDEX queue_ticket_counter_idx ON queue_ticket (counter_id) WHERE status IN ('called', 'in_service');

-- Every call and recall, in order: what the lobby displays show (event ids for reconnecting displays).
CREATE TABLE queue_call (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  site_id uuid NOT NULL REFERENCES site (id),
  ticket_id uuid NOT NULL REFERENCES queue_ticket (id),
  counter_id uuid NOT NULL REFERENCES queue_counter (id),
  called_by uuid REFERENCES staff (id),
  called_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queue_call_site_idx ON queue_call (site_id, id);

-- One-click log of a short question answered at the desk (for the statistics; anonymous allowed).
CREATE TABLE queue_short_question (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  site_id uuid REFERENCES site (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  topic text NOT NULL CHECK (topic IN ('directions', 'documents', 'appointment', 'forms', 'status', 'other')),
  duration_minutes smallint NOT NULL CHECK (duration_minutes BETWEEN 1 AND 120),
  person_id uuid REFERENCES person (id),
  staff_id uuid NOT NULL REFERENCES staff (id),
  day date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queue_short_question_day_idx ON queue_short_question (municipality_id, day);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['queue_service', 'queue_counter', 'queue_number', 'queue_ticket', 'queue_call',
    'queue_short_question']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO lotse_app USING (municipality_id = current_municipality_id()) WITH CHECK (municipality_id = current_municipality_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO lotse_app', t);
  END LOOP;
END $$;
-- Tickets, calls and the question log are records of the day's work: the application never deletes them.
REVOKE DELETE ON queue_ticket, queue_call, queue_short_question FROM lotse_app;
REVOKE UPDATE ON queue_call, queue_short_question FROM lotse_app;
