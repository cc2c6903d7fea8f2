-- Consent and sharing across legal domains (issue 4): categories of person data owned by agencies, legal bases as
-- configuration, consents with their templates and scans, emergency access, record entries (notes) for the
-- categories the registry had no table for, retention rules and the record of what retention removed.

-- Record entries of one category (employment, education, health, case notes), owned by the recording agency.
CREATE TABLE person_note (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  category text NOT NULL CHECK (category IN ('employment', 'education', 'health', 'case_notes')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL DEFAULT '',
  occurred_on date,
  agency_id uuid NOT NULL REFERENCES agency (id),
  recorded_by uuid REFERENCES staff (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_note_person_idx ON person_note (person_id);

CREATE TABLE legal_basis (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  paragraph text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  from_agency_ids uuid[] NOT NULL DEFAULT '{}',
  to_agency_ids uuid[] NOT NULL DEFAULT '{}',
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  fields text[] NOT NULL DEFAULT '{}',
  purposes text[] NOT NULL CHECK (cardinality(purposes) > 0),
  -- Applies only to persons the receiving agency serves itself (holds data of its own about).
  served_only boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_basis_municipality_idx ON legal_basis (municipality_id);

CREATE TABLE consent_template (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  key text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  language text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, key, version, language)
);

CREATE TABLE consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  disclosing_agency_ids uuid[] NOT NULL CHECK (cardinality(disclosing_agency_ids) > 0),
  receiving_agency_ids uuid[] NOT NULL CHECK (cardinality(receiving_agency_ids) > 0),
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  purpose text NOT NULL,
  purpose_note text NOT NULL DEFAULT '',
  valid_from date NOT NULL,
  valid_until date,
  form text NOT NULL CHECK (form IN ('signed_paper', 'electronic', 'oral')),
  note text NOT NULL DEFAULT '',
  template_key text NOT NULL,
  template_version integer NOT NULL,
  language text NOT NULL,
  signed_by text NOT NULL CHECK (signed_by IN ('person', 'guardian')),
  guardian_name text NOT NULL DEFAULT '',
  guardian_person_id uuid REFERENCES person (id),
  recorded_by uuid NOT NULL REFERENCES staff (id),
  recorded_by_agency uuid NOT NULL REFERENCES agency (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES staff (id),
  revocation_note text,
  CHECK (valid_until IS NULL OR valid_until >= valid_from),
  CHECK (form <> 'oral' OR length(note) > 0),
  CHECK (signed_by <> 'guardian' OR length(guardian_name) > 0)
);
CREATE INDEX consent_person_idx ON consent (person_id);

-- The signed form of a paper consent, kept apart so that lists do not load it.
CREATE TABLE consent_scan (
  consent_id uuid PRIMARY KEY REFERENCES consent (id),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL
);

CREATE TABLE emergency_access (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  staff_id uuid NOT NULL REFERENCES staff (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  reason text NOT NULL CHECK (length(reason) >= 20),
  started_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES staff (id),
  review_note text
);
CREATE INDEX emergency_access_person_idx ON emergency_access (person_id, staff_id);

-- Retention per agency and record type: keep for `years` after the record's reference date, then delete.
CREATE TABLE retention_rule (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  record_type text NOT NULL,
  years integer NOT NULL CHECK (years BETWEEN 0 AND 100),
  paragraph text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, agency_id, record_type)
);

-- What retention and erasure removed: ids and kinds only, never the removed content.
CREATE TABLE retention_removal (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  run_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('retention', 'erasure_request')),
  rule_id uuid REFERENCES retention_rule (id),
  agency_id uuid REFERENCES agency (id),
  record_type text NOT NULL,
  record_id text NOT NULL,
  person_id uuid,
  action text NOT NULL CHECK (action IN ('deleted', 'anonymised')),
  removed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retention_removal_run_idx ON retention_removal (municipality_id, run_id);

-- Searches audit the persons they listed in details.personIds; the transparency list finds them by this index.
CREATE INDEX audit_log_person_ids_idx ON audit_log USING gin ((details -> 'personIds'));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['person_note', 'legal_basis', 'consent_template', 'consent', 'consent_scan',
    'emergency_access', 'retention_rule', 'retention_removal']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO lotse_app USING (municipality_id = current_municipality_id()) WITH CHECK (municipality_id = current_municipality_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO lotse_app', t);
  END LOOP;
END $$;
-- Consents, their scans and the removal record are never deleted by the application; a consent is revoked.
REVOKE DELETE ON consent, consent_scan, retention_removal FROM lotse_app;
REVOKE UPDATE ON consent_scan, retention_removal FROM lotse_app;
