-- Foundation: reference data, organisations, accounts, sessions, API tokens, login throttling, audit.

CREATE TABLE regions (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  rocu_code text UNIQUE,
  rocu_name text
);

CREATE TABLE forces (
  id text PRIMARY KEY,                       -- data.police.uk force id, e.g. west-midlands
  pfa_code text NOT NULL UNIQUE,             -- ONS Police Force Area code, e.g. E23000014
  name text NOT NULL UNIQUE,
  full_name text NOT NULL,
  region_id text NOT NULL REFERENCES regions (id),
  home_office_region text NOT NULL
);

CREATE TABLE organisations (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('force', 'rocu', 'national')),
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  CHECK ((kind = 'force') = (force_id IS NOT NULL)),
  CHECK ((kind = 'national') = (region_id IS NULL))
);

CREATE TABLE unit_types (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,19}$'),
  name text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT '',
  built_in boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  organisation_id text NOT NULL REFERENCES organisations (id),
  -- Denormalised from the organisation so that every record can be filtered by force and region in SQL.
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  roles text[] NOT NULL,
  scope text NOT NULL CHECK (scope IN ('force', 'region', 'national')),
  clearance text NOT NULL CHECK (clearance IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  disabled_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_force_idx ON users (force_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,                       -- SHA-256 of the cookie value; the value itself is never stored
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  client_ip text NOT NULL,
  user_agent text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,           -- SHA-256 of the token; shown once, never stored
  token_prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_by uuid NOT NULL,                  -- a user, or the command line's operator (like audit actor ids)
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE login_throttle (
  key text PRIMARY KEY,                      -- 'account:<email>' or 'ip:<address>'
  failures integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  force_id text,
  region_id text,
  classification text NOT NULL DEFAULT 'OFFICIAL',
  changes jsonb NOT NULL DEFAULT '{}',
  request_id text,
  client_ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);

-- The audit trail is append-only: the database itself refuses to change or remove an event.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

CREATE TABLE instance_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
