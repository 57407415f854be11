-- Settings reach running projects at once: silos LISTEN on platform_projects and reconfigure the project's grain
-- (identity, data sources, schema); gateways drop what they cached for the project's keys (limits, CORS, routing).
-- The payload is the project id; never a setting or a secret. Any write notifies, whichever path made it.
-- NOTIFY is transactional: listeners hear it only after the change commits, so they never re-read the old row.
CREATE FUNCTION platform.notify_project_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.connection_string_enc IS NOT DISTINCT FROM NEW.connection_string_enc
       AND OLD.jwt_secret_enc IS NOT DISTINCT FROM NEW.jwt_secret_enc
       AND OLD.pool_size IS NOT DISTINCT FROM NEW.pool_size
       AND OLD.settings IS NOT DISTINCT FROM NEW.settings THEN
        RETURN NULL;
    END IF;

    PERFORM pg_notify('platform_projects', OLD.id::text);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER projects_notify_change
    AFTER UPDATE OR DELETE ON platform.projects
    FOR EACH ROW EXECUTE FUNCTION platform.notify_project_change();
