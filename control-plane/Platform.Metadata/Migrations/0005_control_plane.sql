-- The control plane's own records: teams and their members, invitations, service accounts, personal access tokens,
-- repositories, deployments with their logs, the audit log, the mail outbox and per-minute usage. Users live in the
-- identity schema (ASP.NET Core Identity through EF Core); user ids here are that schema's ids, without a foreign key
-- across the two migration mechanisms (decision 0002).
CREATE TABLE platform.teams (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    personal boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform.team_members (
    team_id uuid NOT NULL REFERENCES platform.teams (id) ON DELETE CASCADE,
    user_id uuid NOT NULL,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);

CREATE INDEX team_members_user_idx ON platform.team_members (user_id);

CREATE TABLE platform.invitations (
    id uuid PRIMARY KEY,
    team_id uuid NOT NULL REFERENCES platform.teams (id) ON DELETE CASCADE,
    email text NOT NULL,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
    -- SHA-256 of the invitation token; the token itself is shown once and written to the outbox.
    token_hash bytea NOT NULL UNIQUE,
    invited_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz
);

-- OAuth client-credentials clients of a team. The secret is held (hashed) by OpenIddict's application record.
CREATE TABLE platform.service_accounts (
    id uuid PRIMARY KEY,
    team_id uuid NOT NULL REFERENCES platform.teams (id) ON DELETE CASCADE,
    name text NOT NULL,
    client_id text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('admin', 'developer', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform.personal_access_tokens (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL,
    name text NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at timestamptz
);

CREATE INDEX personal_access_tokens_user_idx ON platform.personal_access_tokens (user_id);

-- Projects made through the API belong to a team; the run.sh verb and tests may still make team-less ones.
ALTER TABLE platform.projects ADD COLUMN team_id uuid REFERENCES platform.teams (id) ON DELETE RESTRICT;
ALTER TABLE platform.projects ADD COLUMN connection_checked_at timestamptz;
ALTER TABLE platform.projects ADD COLUMN server_version text;
-- The masked form shown in listings (no password), kept beside the ciphertext so a listing decrypts nothing.
ALTER TABLE platform.projects ADD COLUMN connection_masked text;
CREATE INDEX projects_team_idx ON platform.projects (team_id);

ALTER TABLE platform.api_keys ADD COLUMN last_used_at timestamptz;

CREATE TABLE platform.repositories (
    project_id uuid PRIMARY KEY REFERENCES platform.projects (id) ON DELETE CASCADE,
    url text NOT NULL,
    branch text NOT NULL,
    folder text NOT NULL DEFAULT '',
    -- AES-GCM envelopes (SecretProtector, the project id as associated data).
    credentials_enc bytea,
    webhook_secret_enc bytea,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform.deployments (
    id uuid PRIMARY KEY,
    project_id uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
    status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    trigger text NOT NULL CHECK (trigger IN ('manual', 'webhook', 'import')),
    branch text NOT NULL,
    commit_sha text,
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz,
    migrations_applied text[] NOT NULL DEFAULT '{}',
    error_code text,
    error_message text
);

CREATE INDEX deployments_project_idx ON platform.deployments (project_id, id DESC);

CREATE TABLE platform.deployment_log (
    deployment_id uuid NOT NULL REFERENCES platform.deployments (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    line text NOT NULL,
    PRIMARY KEY (deployment_id, seq)
);

-- No foreign keys: the trail outlives what it names (a deleted project's history stays readable by its team).
CREATE TABLE platform.audit_log (
    id uuid PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    team_id uuid,
    project_id uuid,
    actor_type text NOT NULL,
    actor_id text,
    actor_name text,
    action text NOT NULL,
    target_type text,
    target_id text,
    target_name text,
    details jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_team_idx ON platform.audit_log (team_id, id DESC);
CREATE INDEX audit_log_project_idx ON platform.audit_log (project_id, id DESC);

-- Mail the platform would send (sending is out of scope); readable through the API in Development only.
CREATE TABLE platform.outbox (
    id uuid PRIMARY KEY,
    recipient text NOT NULL,
    kind text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    link text,
    token text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX outbox_recipient_idx ON platform.outbox (lower(recipient), id DESC);

-- One row per project, minute and reporting host: hosts batch their counts and write at most once a minute each.
CREATE TABLE platform.usage_minutes (
    project_id uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
    minute timestamptz NOT NULL,
    host text NOT NULL,
    requests jsonb NOT NULL DEFAULT '{}'::jsonb,
    errors jsonb NOT NULL DEFAULT '{}'::jsonb,
    latency_p50_ms double precision,
    latency_p99_ms double precision,
    pool_in_use integer,
    pool_waiting integer,
    PRIMARY KEY (project_id, minute, host)
);

-- The OpenID Connect server's signing and encryption keys (RSA, PKCS#8), encrypted under the master key, so tokens
-- survive restarts and every control-plane replica signs with the same key.
CREATE TABLE platform.oidc_keys (
    purpose text PRIMARY KEY CHECK (purpose IN ('signing', 'encryption')),
    key_enc bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
