-- A task derived from a deadline stores a code and its parameters (translated by the web app) instead of a text in
-- one language: for a residence document, title = 'residence_expiry' and params = { residenceKind, paragraph }.
ALTER TABLE case_task ADD COLUMN params jsonb NOT NULL DEFAULT '{}';

-- Tasks derived before stored "<kind>" or "<kind> (<paragraph>)" as their title.
UPDATE case_task
   SET params = jsonb_strip_nulls(jsonb_build_object(
         'residenceKind', substring(title FROM '^([a-z_]+)'),
         'paragraph', substring(title FROM '^[a-z_]+ \((.*)\)$'))),
       title = 'residence_expiry'
 WHERE source = 'residence_expiry' AND title ~ '^[a-z_]+( \(.*\))?$';
