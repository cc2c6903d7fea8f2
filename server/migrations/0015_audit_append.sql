-- Appending to an audit hash chain in one statement (ADR 0008). Every audited change holds its chain's lock from
-- the append until it commits; done from the application that took four round trips (lock, newest hash, insert,
-- commit), each waiting for a busy server process while every other writer of the municipality waited behind it.
-- The function takes the lock, reads the newest hash and inserts the entries in one round trip.
--
-- The hash is unchanged: sha256 of the canonical JSON array of the entry's fields followed by the previous hash.
-- The application sends each entry's canonical text up to that last element (`prefix`, ending in a comma); the
-- previous hash is a JSON string of hex digits, so the whole text is prefix || '"' || prev || '"]'.
CREATE FUNCTION audit_append(p_municipality uuid, p_entries jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  prev text;
  h text;
  e jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(727002, hashtext(coalesce(p_municipality::text, 'system')));
  IF p_municipality IS NULL THEN
    SELECT hash INTO prev FROM audit_log WHERE municipality_id IS NULL ORDER BY seq DESC LIMIT 1;
  ELSE
    SELECT hash INTO prev FROM audit_log WHERE municipality_id = p_municipality ORDER BY seq DESC LIMIT 1;
  END IF;
  prev := coalesce(prev, repeat('0', 64));
  FOR e IN SELECT value FROM jsonb_array_elements(p_entries) WITH ORDINALITY ORDER BY ordinality LOOP
    h := encode(sha256(convert_to((e ->> 'prefix') || '"' || prev || '"]', 'UTF8')), 'hex');
    INSERT INTO audit_log (municipality_id, at, actor_staff_id, actor_agency_id, action, subject_type, subject_id,
                           purpose, request_id, details, prev_hash, hash)
    VALUES (p_municipality, (e ->> 'at')::timestamptz, (e ->> 'actorStaffId')::uuid, (e ->> 'actorAgencyId')::uuid,
            e ->> 'action', e ->> 'subjectType', e ->> 'subjectId', e ->> 'purpose', e ->> 'requestId',
            e -> 'details', prev, h);
    prev := h;
  END LOOP;
END;
$$;
