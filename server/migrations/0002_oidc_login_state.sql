-- Sign-in through a municipality's identity provider (OpenID Connect).

-- What /api/auth/oidc/:slug/start remembers until the provider sends the browser back to the callback:
-- state, nonce and PKCE verifier, keyed by the hash of the id in the browser's `lotse_oidc` cookie.
-- Read before anyone is signed in, so (like session) it lives outside row-level security and only the
-- system role touches it. A row is consumed once and is worthless after expires_at.
CREATE TABLE oidc_login_state (
  id_hash text PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_login_state_expires_idx ON oidc_login_state (expires_at);

-- Administrators configure their municipality's provider through the restricted role.
ALTER TABLE oidc_provider ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
GRANT INSERT, UPDATE ON oidc_provider TO lotse_app;
ALTER POLICY tenant_isolation ON oidc_provider
  USING (municipality_id = current_municipality_id())
  WITH CHECK (municipality_id = current_municipality_id());
