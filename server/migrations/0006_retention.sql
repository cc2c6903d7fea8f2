-- Retention rules as versions (issue 4): replacing a rule retires the version in force and adds a new one, deleting
-- a rule retires it. The record of what retention removed (retention_removal.rule_id) keeps naming the exact
-- version it applied, so a rule that has removed something can still be replaced or deleted.
ALTER TABLE retention_rule ADD COLUMN retired_at timestamptz;
ALTER TABLE retention_rule DROP CONSTRAINT retention_rule_municipality_id_agency_id_record_type_key;
CREATE UNIQUE INDEX retention_rule_current_idx ON retention_rule (municipality_id, agency_id, record_type)
  WHERE retired_at IS NULL;
ALTER TABLE retention_rule ADD CONSTRAINT retention_rule_record_type_check CHECK (record_type IN (
  'residence', 'benefit', 'identifier', 'note.employment', 'note.education', 'note.health', 'note.case_notes',
  'person'));

-- Anonymisation looks up whether a person was anonymised before.
CREATE INDEX retention_removal_person_idx ON retention_removal (person_id) WHERE person_id IS NOT NULL;
