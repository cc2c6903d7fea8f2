-- The person registry: one record per person and source, names in Latin and original script, identifiers per
-- agency, residence and benefit history with dates, households and family links, field provenance and change
-- history, search keys, the duplicate review queue and reversible merges. All tenant-scoped by row-level security.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  -- A merged record points to the person it was merged into; root_id is the surviving person of its tree
  -- (itself when not merged), kept in step by merge and undo so reads need no recursion.
  merged_into uuid REFERENCES person (id),
  root_id uuid NOT NULL,
  given_names text NOT NULL DEFAULT '',
  family_name text NOT NULL DEFAULT '',
  given_names_original text,
  family_name_original text,
  name_order text NOT NULL DEFAULT 'given_first' CHECK (name_order IN ('given_first', 'family_first')),
  birth_name jsonb,
  former_names jsonb NOT NULL DEFAULT '[]'::jsonb,
  sex text NOT NULL DEFAULT 'unspecified' CHECK (sex IN ('female', 'male', 'diverse', 'unspecified')),
  birth_date date,
  birth_year integer CHECK (birth_year BETWEEN 1880 AND 2200),
  birth_date_certainty text NOT NULL DEFAULT 'unknown'
    CHECK (birth_date_certainty IN ('exact', 'year_only', 'placeholder', 'unknown')),
  birth_date_recorded text,
  place_of_birth text,
  country_of_birth text,
  nationalities text[] NOT NULL DEFAULT '{}',
  languages jsonb NOT NULL DEFAULT '[]'::jsonb,
  address jsonb,
  contact jsonb,
  -- field name -> { "agencyId": …, "recordedAt": … } for the current value of each field
  provenance jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- normalised Latin name text (all names, transliterated) for trigram search
  search_name text NOT NULL DEFAULT '',
  created_by_agency uuid REFERENCES agency (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_municipality_root_idx ON person (municipality_id, root_id);
CREATE INDEX person_merged_into_idx ON person (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX person_search_name_trgm_idx ON person USING gin (search_name gin_trgm_ops);
CREATE INDEX person_birth_year_idx ON person (municipality_id, birth_year);

CREATE TABLE person_change (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  field text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  agency_id uuid REFERENCES agency (id),
  staff_id uuid REFERENCES staff (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_change_person_idx ON person_change (person_id, id);

CREATE TABLE person_identifier (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  kind text NOT NULL CHECK (kind IN ('azr', 'kundennummer', 'bg_nummer', 'aktenzeichen', 'other')),
  value text NOT NULL,
  -- upper case without spaces, dots, slashes and dashes: the form identifiers are compared in
  value_normalised text NOT NULL,
  agency_id uuid REFERENCES agency (id),
  recorded_by uuid REFERENCES staff (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_identifier_value_idx ON person_identifier (municipality_id, value_normalised);
CREATE INDEX person_identifier_person_idx ON person_identifier (person_id);

CREATE TABLE person_residence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  kind text NOT NULL,
  paragraph text,
  valid_from date,
  valid_until date,
  note text,
  agency_id uuid REFERENCES agency (id),
  recorded_by uuid REFERENCES staff (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX person_residence_person_idx ON person_residence (person_id);
CREATE INDEX person_residence_expiry_idx ON person_residence (municipality_id, valid_until);

CREATE TABLE person_benefit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  system text NOT NULL,
  valid_from date NOT NULL,
  valid_until date,
  reference text,
  agency_id uuid REFERENCES agency (id),
  recorded_by uuid REFERENCES staff (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX person_benefit_person_idx ON person_benefit (person_id);

CREATE TABLE person_relation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  related_person_id uuid NOT NULL REFERENCES person (id),
  relation text NOT NULL,
  agency_id uuid REFERENCES agency (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id <> related_person_id)
);
CREATE INDEX person_relation_person_idx ON person_relation (person_id);
CREATE INDEX person_relation_related_idx ON person_relation (related_person_id);

CREATE TABLE household (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  kind text NOT NULL CHECK (kind IN ('bedarfsgemeinschaft', 'family')),
  bg_number text,
  agency_id uuid REFERENCES agency (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE household_member (
  household_id uuid NOT NULL REFERENCES household (id),
  person_id uuid NOT NULL REFERENCES person (id),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  role text NOT NULL CHECK (role IN ('head', 'partner', 'child', 'other')),
  PRIMARY KEY (household_id, person_id)
);
CREATE INDEX household_member_person_idx ON household_member (person_id);

-- Blocking and search keys derived from a record's names, dates and identifiers (see identity/README.md).
CREATE TABLE person_search_key (
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  person_id uuid NOT NULL REFERENCES person (id),
  key text NOT NULL,
  PRIMARY KEY (municipality_id, key, person_id)
);
CREATE INDEX person_search_key_person_idx ON person_search_key (person_id);

CREATE TABLE person_merge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  survivor_id uuid NOT NULL REFERENCES person (id),
  merged_id uuid NOT NULL REFERENCES person (id),
  merged_by uuid REFERENCES staff (id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_by uuid REFERENCES staff (id),
  undone_at timestamptz
);
CREATE INDEX person_merge_survivor_idx ON person_merge (survivor_id);

CREATE TABLE duplicate_candidate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  -- always stored with person_a < person_b so a pair is found once
  person_a uuid NOT NULL REFERENCES person (id),
  person_b uuid NOT NULL REFERENCES person (id),
  score real NOT NULL,
  reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'rejected')),
  detected_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by uuid REFERENCES staff (id),
  reviewed_at timestamptz,
  merge_id uuid REFERENCES person_merge (id),
  CHECK (person_a < person_b),
  UNIQUE (municipality_id, person_a, person_b)
);
CREATE INDEX duplicate_candidate_status_idx ON duplicate_candidate (municipality_id, status, score DESC);

CREATE TABLE person_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  file_name text,
  mapping jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('dry_run', 'applied')),
  report jsonb NOT NULL,
  applied_at timestamptz
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['person', 'person_change', 'person_identifier', 'person_residence', 'person_benefit',
    'person_relation', 'household', 'household_member', 'person_search_key', 'person_merge',
    'duplicate_candidate', 'person_import']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO lotse_app USING (municipality_id = current_municipality_id()) WITH CHECK (municipality_id = current_municipality_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO lotse_app', t);
  END LOOP;
END $$;
-- History is append-only for the application.
REVOKE UPDATE, DELETE ON person_change FROM lotse_app;
