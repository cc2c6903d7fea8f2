-- Erasure of a person in case management (Art. 17 DSGVO). Assessments, steps, tasks, referrals, conferences and
-- obstacles are emptied with the UPDATEs 0011 grants already. A case's events are append-only for the application
-- (0011 revokes UPDATE), but some carry texts about the person (titles of goals, steps and tasks, notes, answers to
-- referrals). This function, run as its owner, removes exactly those keys from the events of the given cases of the
-- current municipality and returns the ids of the events it changed; the application may call it, but still never
-- rewrites an event otherwise.
CREATE FUNCTION forget_case_event_texts(case_ids uuid[]) RETURNS SETOF bigint
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE case_event SET details = details - ARRAY['title', 'note', 'text']
     WHERE municipality_id = current_municipality_id()
       AND case_id = ANY (case_ids)
       AND details ?| ARRAY['title', 'note', 'text']
    RETURNING id
  $$;
REVOKE ALL ON FUNCTION forget_case_event_texts(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION forget_case_event_texts(uuid[]) TO lotse_app;
