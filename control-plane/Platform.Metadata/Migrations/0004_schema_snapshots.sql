-- The last catalog snapshot each project's grain introspected, keyed by the cheap catalog version it was taken at.
-- A grain activating on any silo restores it instead of re-introspecting when the version still matches.
CREATE TABLE platform.schema_snapshots (
    project_id uuid PRIMARY KEY REFERENCES platform.projects (id) ON DELETE CASCADE,
    catalog_version text NOT NULL,
    snapshot text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
