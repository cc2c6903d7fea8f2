-- Case management along the integration chain (issue 6): cases with configurable phases, an assessment across life
-- areas, the integration plan (goals, steps, the person's agreement), tasks whose deadlines arrive by themselves,
-- consent-gated referrals to agencies and partners, case conferences, structural obstacles and the case's events.

-- Per municipality: phases (the last one closes a case), deadline horizons, the vocabulary of obstacles.
CREATE TABLE case_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipality (id),
  phases text[] NOT NULL CHECK (cardinality(phases) >= 2),
  residence_expiry_weeks integer NOT NULL CHECK (residence_expiry_weeks BETWEEN 1 AND 52),
  course_end_weeks integer NOT NULL CHECK (course_end_weeks BETWEEN 0 AND 26),
  obstacle_tags text[] NOT NULL CHECK (cardinality(obstacle_tags) >= 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- "case" is a key word of SQL: the table is integration_case.
CREATE TABLE integration_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  household_id uuid REFERENCES household (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  stage_of_life text NOT NULL,
  agency_id uuid NOT NULL REFERENCES agency (id),
  manager_id uuid NOT NULL REFERENCES staff (id),
  participating_agency_ids uuid[] NOT NULL DEFAULT '{}',
  phase text NOT NULL,
  closing_reason text,
  plan_agreed_at timestamptz,
  plan_agreement_note text NOT NULL DEFAULT '',
  plan_agreement_by uuid REFERENCES staff (id),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  CHECK ((closed_at IS NULL) = (closing_reason IS NULL))
);
CREATE INDEX integration_case_manager_idx ON integration_case (municipality_id, manager_id) WHERE closed_at IS NULL;
CREATE INDEX integration_case_person_idx ON integration_case (person_id);

CREATE TABLE case_assessment (
  case_id uuid NOT NULL REFERENCES integration_case (id),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  area text NOT NULL,
  situation text NOT NULL DEFAULT '',
  goal text NOT NULL DEFAULT '',
  need text NOT NULL CHECK (need IN ('none', 'low', 'medium', 'high')),
  updated_by uuid REFERENCES staff (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, area)
);

CREATE TABLE case_goal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES integration_case (id),
  title text NOT NULL,
  area text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_goal_case_idx ON case_goal (case_id);

-- A step of the plan; an integration course step's due date is the day the course ends (a deadline source).
CREATE TABLE case_step (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES integration_case (id),
  goal_id uuid NOT NULL REFERENCES case_goal (id),
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('step', 'integration_course')),
  agency_id uuid REFERENCES agency (id),
  due_on date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  source text NOT NULL DEFAULT 'plan' CHECK (source IN ('plan', 'conference')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_step_case_idx ON case_step (case_id);

CREATE TABLE case_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES integration_case (id),
  person_id uuid NOT NULL REFERENCES person (id),
  from_agency_id uuid NOT NULL REFERENCES agency (id),
  from_staff_id uuid NOT NULL REFERENCES staff (id),
  to_agency_id uuid NOT NULL REFERENCES agency (id),
  need text NOT NULL,
  handover_note text NOT NULL DEFAULT '',
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  purpose text NOT NULL,
  -- The consent that covered the disclosure when it was sent.
  consent_id uuid NOT NULL REFERENCES consent (id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined', 'done', 'withdrawn')),
  sent_at timestamptz NOT NULL DEFAULT now(),
  responded_at timestamptz,
  responded_by uuid REFERENCES staff (id),
  response_note text NOT NULL DEFAULT '',
  decline_reason text NOT NULL DEFAULT '',
  outcome text NOT NULL DEFAULT '',
  withdraw_reason text NOT NULL DEFAULT '',
  closed_at timestamptz
);
CREATE INDEX case_referral_case_idx ON case_referral (case_id);
CREATE INDEX case_referral_to_idx ON case_referral (municipality_id, to_agency_id, status);

CREATE TABLE case_conference (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES integration_case (id),
  scheduled_at timestamptz NOT NULL,
  agenda text NOT NULL,
  participant_agency_ids uuid[] NOT NULL CHECK (cardinality(participant_agency_ids) > 0),
  minutes text NOT NULL DEFAULT '',
  -- [{ text, becomes: step | task, targetId }]
  decisions jsonb NOT NULL DEFAULT '[]',
  held_at timestamptz,
  created_by uuid NOT NULL REFERENCES staff (id)
);
CREATE INDEX case_conference_case_idx ON case_conference (case_id);

-- Tasks for staff; a task derived from a deadline carries a key so that it is never created twice.
CREATE TABLE case_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES integration_case (id),
  assignee_id uuid NOT NULL REFERENCES staff (id),
  title text NOT NULL,
  due_on date,
  source text NOT NULL CHECK (source IN ('manual', 'residence_expiry', 'course_end', 'referral_overdue',
    'conference')),
  source_key text,
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX case_task_source_key_idx ON case_task (municipality_id, source_key);
CREATE INDEX case_task_assignee_idx ON case_task (municipality_id, assignee_id) WHERE done_at IS NULL;

-- Structural obstacles noticed in a case, collected (anonymised) for the municipality's strategic level.
CREATE TABLE case_obstacle (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES integration_case (id),
  tag text NOT NULL,
  note text NOT NULL DEFAULT '',
  noted_by uuid NOT NULL REFERENCES staff (id),
  noted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_obstacle_municipality_idx ON case_obstacle (municipality_id, noted_at);

-- What happened in a case, for its history and the person's timeline.
CREATE TABLE case_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  case_id uuid NOT NULL REFERENCES integration_case (id),
  kind text NOT NULL,
  staff_id uuid REFERENCES staff (id),
  agency_id uuid REFERENCES agency (id),
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_event_case_idx ON case_event (case_id, at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_settings', 'integration_case', 'case_assessment', 'case_goal', 'case_step',
    'case_referral', 'case_conference', 'case_task', 'case_obstacle', 'case_event']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO lotse_app USING (municipality_id = current_municipality_id()) WITH CHECK (municipality_id = current_municipality_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO lotse_app', t);
  END LOOP;
END $$;
-- A case's history, its referrals and obstacles are records of the work: the application never deletes them.
REVOKE DELETE ON integration_case, case_referral, case_event, case_obstacle, case_conference FROM lotse_app;
REVOKE UPDATE ON case_event FROM lotse_app;
