-- Foundation: tenancy (municipality -> site -> agency/partner -> staff), sessions, sign-in providers, audit log.
-- Row-level security: every tenant table is visible to the role lotse_app only for the municipality
-- named in the transaction setting lotse.municipality_id (see server/src/db/database.ts).

DO $$ BEGIN
  CREATE ROLE lotse_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

GRANT USAGE ON SCHEMA public TO lotse_app;

-- The connecting user switches to lotse_app for tenant work (SET LOCAL ROLE); a superuser may always,
-- any other owner needs membership.
DO $$ BEGIN
  EXECUTE format('GRANT lotse_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;

CREATE FUNCTION current_municipality_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('lotse.municipality_id', true), '')::uuid $$;

CREATE TABLE municipality (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);

CREATE TABLE agency (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  kind text NOT NULL CHECK (kind IN ('agency', 'partner')),
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  legal_domains text[] NOT NULL CHECK (cardinality(legal_domains) > 0),
  site_id uuid REFERENCES site (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code)
);

CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  email text,
  password_hash text,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  active boolean NOT NULL DEFAULT true,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  oidc_issuer text,
  oidc_subject text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (oidc_issuer, oidc_subject)
);
CREATE INDEX staff_municipality_idx ON staff (municipality_id);

-- Sessions are looked up before the municipality is known, so they live outside row-level security
-- and are only touched by the system role. The id is stored hashed.
CREATE TABLE session (
  id_hash text PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  auth_method text NOT NULL CHECK (auth_method IN ('password', 'oidc')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  absolute_expires_at timestamptz NOT NULL
);
CREATE INDEX session_staff_idx ON session (staff_id);

CREATE TABLE oidc_provider (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL UNIQUE REFERENCES municipality (id),
  label text NOT NULL,
  issuer text NOT NULL,
  client_id text NOT NULL,
  client_secret text NOT NULL,
  scopes text NOT NULL DEFAULT 'openid profile email',
  -- claim names and value maps: which claim carries the agency code and the roles
  agency_claim text NOT NULL DEFAULT 'agency',
  roles_claim text NOT NULL DEFAULT 'groups',
  role_map jsonb NOT NULL DEFAULT '{}'::jsonb,
  agency_map jsonb NOT NULL DEFAULT '{}'::jsonb,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid REFERENCES municipality (id),
  at timestamptz NOT NULL,
  actor_staff_id uuid,
  actor_agency_id uuid,
  action text NOT NULL,
  subject_type text,
  subject_id text,
  purpose text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_chain_idx ON audit_log (municipality_id, seq);
CREATE INDEX audit_log_subject_idx ON audit_log (municipality_id, subject_type, subject_id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Grants for the restricted role.
GRANT SELECT ON municipality TO lotse_app;
GRANT SELECT, INSERT, UPDATE ON site, agency, staff TO lotse_app;
GRANT SELECT ON oidc_provider TO lotse_app;
GRANT SELECT, INSERT ON audit_log TO lotse_app;

ALTER TABLE municipality ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON municipality TO lotse_app
  USING (id = current_municipality_id());

ALTER TABLE site ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON site TO lotse_app
  USING (municipality_id = current_municipality_id())
  WITH CHECK (municipality_id = current_municipality_id());

ALTER TABLE agency ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agency TO lotse_app
  USING (municipality_id = current_municipality_id())
  WITH CHECK (municipality_id = current_municipality_id());

ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff TO lotse_app
  USING (municipality_id = current_municipality_id())
  WITH CHECK (municipality_id = current_municipality_id());

ALTER TABLE oidc_provider ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON oidc_provider TO lotse_app
  USING (municipality_id = current_municipality_id());

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log TO lotse_app
  USING (municipality_id = current_municipality_id())
  WITH CHECK (municipality_id = current_municipality_id());
