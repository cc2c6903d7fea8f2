-- Document intake at the front desk (issue 5): an intake is what a person hands in at once, acknowledged with one
-- receipt (Eingangsbestätigung) under a reference number; each document of it is classified and routed to the inbox
-- of one agency. The files themselves are encrypted in the document store; a row names a file only once the file
-- is durably written (see server/src/features/intake/README.md).

-- The last reference number handed out per municipality and year (E-2026-000123).
CREATE TABLE intake_counter (
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last integer NOT NULL CHECK (last > 0),
  PRIMARY KEY (municipality_id, year)
);

CREATE TABLE document_intake (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  reference text NOT NULL CHECK (reference ~ '^E-[0-9]{4}-[0-9]{6,}$'),
  person_id uuid NOT NULL REFERENCES person (id),
  -- The language of the receipt besides German.
  language text NOT NULL,
  received_by uuid NOT NULL REFERENCES staff (id),
  received_by_agency uuid NOT NULL REFERENCES agency (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, reference)
);
CREATE INDEX document_intake_person_idx ON document_intake (person_id);
CREATE INDEX document_intake_desk_idx ON document_intake (municipality_id, received_by_agency, received_at DESC);

CREATE TABLE intake_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  intake_id uuid NOT NULL REFERENCES document_intake (id),
  position integer NOT NULL CHECK (position > 0),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  document_class text NOT NULL CHECK (document_class IN (
    'passport', 'residence_permit', 'notice', 'pay_slip', 'certificate', 'other')),
  note text NOT NULL DEFAULT '',
  -- The receiving agency: its inbox shows the document.
  agency_id uuid NOT NULL REFERENCES agency (id),
  storage_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'processed')),
  processed_at timestamptz,
  processed_by uuid REFERENCES staff (id),
  processed_note text NOT NULL DEFAULT '',
  UNIQUE (intake_id, position),
  CHECK ((status = 'processed') = (processed_at IS NOT NULL AND processed_by IS NOT NULL))
);
CREATE INDEX intake_document_inbox_idx ON intake_document (municipality_id, agency_id, status);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['intake_counter', 'document_intake', 'intake_document']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO lotse_app USING (municipality_id = current_municipality_id()) WITH CHECK (municipality_id = current_municipality_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO lotse_app', t);
  END LOOP;
END $$;
-- An acknowledged document is never deleted by the application (retention will remove it, as the owner).
REVOKE DELETE ON document_intake, intake_document FROM lotse_app;
REVOKE UPDATE ON document_intake FROM lotse_app;
