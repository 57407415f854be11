-- Fast revocation: every gateway LISTENs on platform_api_keys and drops the key from its cache when told.
-- The payload is the key's SHA-256 in hex (64 characters, well under NOTIFY's 8000-byte limit); never the key.
-- New keys notify too, so gateways can keep a filter of existing hashes and refuse made-up keys without a lookup.
-- Updates notify only when they can change what a key may do; a cascade from a deleted project fires per key row.
-- NOTIFY is transactional: gateways hear it only after the revoking transaction commits, so they never re-read
-- the old row.
CREATE FUNCTION platform.notify_api_key_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.revoked_at IS NOT DISTINCT FROM NEW.revoked_at
       AND OLD.expires_at IS NOT DISTINCT FROM NEW.expires_at
       AND OLD.role = NEW.role
       AND OLD.project_id = NEW.project_id
       AND OLD.key_hash = NEW.key_hash THEN
        RETURN NULL;
    END IF;

    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('platform_api_keys', encode(NEW.key_hash, 'hex'));
    ELSE
        PERFORM pg_notify('platform_api_keys', encode(OLD.key_hash, 'hex'));
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER api_keys_notify_change
    AFTER INSERT OR UPDATE OR DELETE ON platform.api_keys
    FOR EACH ROW EXECUTE FUNCTION platform.notify_api_key_change();
