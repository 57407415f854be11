-- Platform metadata: projects, their encrypted secrets and hashed API keys. Written only by the control plane.
CREATE TABLE platform.projects (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    -- AES-GCM envelopes (see SecretProtector); never plaintext.
    connection_string_enc bytea NOT NULL,
    jwt_secret_enc bytea,
    pool_size integer NOT NULL DEFAULT 10 CHECK (pool_size BETWEEN 1 AND 1000),
    -- ProjectSettings as JSON, without secrets.
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX projects_name_key ON platform.projects (name);

CREATE TABLE platform.api_keys (
    id uuid PRIMARY KEY,
    project_id uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('anon', 'service')),
    -- SHA-256 of the whole key; keys carry 256 random bits, so a slow hash adds nothing.
    key_hash bytea NOT NULL UNIQUE,
    -- The first characters, shown in listings so a user can tell keys apart.
    key_prefix text NOT NULL,
    name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz
);

CREATE INDEX api_keys_project_idx ON platform.api_keys (project_id);

-- Data-plane silos publish their HTTP surface here; the gateway routes to the live ones.
CREATE TABLE platform.silos (
    silo_address text PRIMARY KEY,
    http_url text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    last_seen timestamptz NOT NULL DEFAULT now()
);
