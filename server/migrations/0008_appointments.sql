-- Appointments (issue 5): services offered by an agency's staff, their weekly hours and absences, bookings at the
-- desk and on the public page, and the mails sent for them. See server/src/features/appointments/README.md.

CREATE TABLE appointment_service (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- The name in other languages: {"ar": "...", "en": "..."}.
  names jsonb NOT NULL DEFAULT '{}',
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
  -- Share of each staff member's day kept free for urgent bookings (staff only).
  urgent_quota_percent integer NOT NULL DEFAULT 0 CHECK (urgent_quota_percent BETWEEN 0 AND 100),
  public_booking boolean NOT NULL DEFAULT true,
  check_in_queue_service_id uuid REFERENCES queue_service (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, agency_id, name)
);

-- A staff member who takes appointments: the languages they serve in. Bookings lock this row (FOR UPDATE), so
-- that two bookings for the same staff member are decided one after the other.
CREATE TABLE appointment_staff (
  staff_id uuid PRIMARY KEY REFERENCES staff (id),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  languages text[] NOT NULL DEFAULT '{de}',
  -- Round-robin: the last time the staff member was given a booking (ties of load go to who waited longest).
  last_assigned_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE appointment_service_staff (
  service_id uuid NOT NULL REFERENCES appointment_service (id),
  staff_id uuid NOT NULL REFERENCES appointment_staff (staff_id),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  PRIMARY KEY (service_id, staff_id)
);

-- Weekly hours, local time Europe/Berlin; ISO weekday 1 = Monday.
CREATE TABLE appointment_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  staff_id uuid NOT NULL REFERENCES appointment_staff (staff_id),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts text NOT NULL CHECK (starts ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ends text NOT NULL CHECK (ends ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  CHECK (starts < ends)
);
CREATE INDEX appointment_hours_staff_idx ON appointment_hours (staff_id);

CREATE TABLE appointment_absence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  staff_id uuid NOT NULL REFERENCES appointment_staff (staff_id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL DEFAULT '',
  created_by uuid REFERENCES staff (id),
  CHECK (starts_at < ends_at)
);
CREATE INDEX appointment_absence_staff_idx ON appointment_absence (staff_id, starts_at);

CREATE TABLE appointment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  service_id uuid NOT NULL REFERENCES appointment_service (id),
  staff_id uuid NOT NULL REFERENCES appointment_staff (staff_id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- ends_at plus the service's buffer: what the staff member's time is blocked until.
  blocked_until timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'booked', 'checked_in', 'cancelled', 'rebooked', 'expired')),
  channel text NOT NULL CHECK (channel IN ('desk', 'public')),
  person_id uuid REFERENCES person (id),
  name text NOT NULL DEFAULT '',
  email text,
  -- Lower-cased email and digits-only phone, for the duplicate check.
  email_key text,
  phone text,
  phone_key text,
  language text NOT NULL DEFAULT 'de',
  needs_interpreter boolean NOT NULL DEFAULT false,
  urgent boolean NOT NULL DEFAULT false,
  -- SHA-256 of the token in the emailed link (confirm, cancel, rebook); the token itself is never stored.
  token_hash text NOT NULL UNIQUE,
  -- The reminder mail's own link (a fresh token: the first one is only stored hashed).
  reminder_token_hash text UNIQUE,
  confirm_by timestamptz,
  rebooked_from uuid REFERENCES appointment (id),
  queue_ticket_id uuid REFERENCES queue_ticket (id),
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  CHECK (starts_at < ends_at AND ends_at <= blocked_until)
);
-- No slot is ever given twice: one live appointment per staff member and start (overlaps of different lengths are
-- refused by the booking, which holds the staff member's row locked).
CREATE UNIQUE INDEX appointment_slot_taken ON appointment (staff_id, starts_at)
  WHERE status IN ('pending', 'booked', 'checked_in');
CREATE INDEX appointment_staff_day_idx ON appointment (staff_id, starts_at);
CREATE INDEX appointment_service_idx ON appointment (service_id, starts_at);
CREATE INDEX appointment_person_idx ON appointment (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX appointment_email_idx ON appointment (email_key) WHERE email_key IS NOT NULL;
CREATE INDEX appointment_phone_idx ON appointment (phone_key) WHERE phone_key IS NOT NULL;

-- Every mail the appointments send, with its text: sent by a job (retried on failure), observable in demo mode.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  appointment_id uuid REFERENCES appointment (id),
  kind text NOT NULL CHECK (kind IN ('confirm_request', 'confirmation', 'reminder', 'cancellation')),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  html text,
  ics text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_appointment_idx ON mail_outbox (appointment_id);

-- Proofs of work already used (public booking): a solved challenge counts once. Before any municipality is known,
-- so outside row-level security and only touched by the system role, like sessions.
CREATE TABLE appointment_pow_spent (
  challenge_hash text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['appointment_service', 'appointment_staff', 'appointment_service_staff',
    'appointment_hours', 'appointment_absence', 'appointment', 'mail_outbox']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO lotse_app USING (municipality_id = current_municipality_id()) WITH CHECK (municipality_id = current_municipality_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO lotse_app', t);
  END LOOP;
END $$;
-- Appointments and sent mails are records of the work: cancelled, never deleted, by the application.
REVOKE DELETE ON appointment, mail_outbox FROM lotse_app;
