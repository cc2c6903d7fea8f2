-- The distinct name tokens of each municipality's persons, for typo-tolerant search: a query token that matches
-- no search key is replaced by its nearest known tokens (trigram similarity on this small table, not on all persons).
CREATE TABLE name_token (
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  token text NOT NULL,
  PRIMARY KEY (municipality_id, token)
);
CREATE INDEX name_token_trgm_idx ON name_token USING gin (token gin_trgm_ops);

ALTER TABLE name_token ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON name_token TO lotse_app
  USING (municipality_id = current_municipality_id())
  WITH CHECK (municipality_id = current_municipality_id());
GRANT SELECT, INSERT ON name_token TO lotse_app;
