-- Views with and without smart-tag keys, smart comments, quoted and reserved identifiers, column-level grants.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_tags_auth') THEN CREATE ROLE cf_tags_auth LOGIN NOINHERIT PASSWORD 'cf_tags_pw'; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_tags_anon') THEN CREATE ROLE cf_tags_anon NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_tags_user') THEN CREATE ROLE cf_tags_user NOLOGIN; END IF;
END $$;
GRANT cf_tags_anon, cf_tags_user TO cf_tags_auth;

CREATE SCHEMA tagged;
GRANT USAGE ON SCHEMA tagged TO cf_tags_anon, cf_tags_user;

CREATE TABLE tagged.group_organizer (
  group_id int NOT NULL,
  member_id int NOT NULL,
  title text NOT NULL,
  secret_note text,
  PRIMARY KEY (group_id, member_id)
);
COMMENT ON TABLE tagged.group_organizer IS 'Who runs a group.';
COMMENT ON COLUMN tagged.group_organizer.secret_note IS E'@omit\nNever shown.';

CREATE TABLE tagged."Order" (
  "Id" serial PRIMARY KEY,
  "select" text NOT NULL,
  "from" int,
  "camelCase" boolean DEFAULT false,
  old_field text
);
COMMENT ON TABLE tagged."Order" IS E'@name purchase\nAn order, named purchase in the API.';
COMMENT ON COLUMN tagged."Order".old_field IS E'@deprecated Use select instead.\nKept for old apps.';

CREATE TABLE tagged.item (
  id serial PRIMARY KEY,
  order_id int NOT NULL REFERENCES tagged."Order",
  sku text NOT NULL,
  quantity int NOT NULL DEFAULT 1,
  internal_cost numeric
);
COMMENT ON CONSTRAINT item_order_id_fkey ON tagged.item IS E'@fieldName purchase\n@foreignFieldName lineItems';
CREATE INDEX ON tagged.item (order_id);

CREATE TABLE tagged.audit_log (id serial PRIMARY KEY, message text NOT NULL);
COMMENT ON TABLE tagged.audit_log IS E'@omit create,update,delete\nRead only through the API.';

CREATE VIEW tagged.item_summary AS SELECT i.id, i.sku, i.quantity, o."select" AS order_name FROM tagged.item i JOIN tagged."Order" o ON o."Id" = i.order_id;
CREATE VIEW tagged.keyed_item AS SELECT id, sku, order_id FROM tagged.item;
COMMENT ON VIEW tagged.keyed_item IS E'@primaryKey id\n@foreignKey (order_id) references tagged."Order" ("Id")';

GRANT SELECT ON ALL TABLES IN SCHEMA tagged TO cf_tags_anon, cf_tags_user;
REVOKE SELECT ON tagged.item FROM cf_tags_anon, cf_tags_user;
GRANT SELECT (id, order_id, sku, quantity) ON tagged.item TO cf_tags_anon, cf_tags_user;
GRANT INSERT (order_id, sku) ON tagged.item TO cf_tags_user;
GRANT UPDATE (quantity) ON tagged.item TO cf_tags_user;
GRANT INSERT, UPDATE, DELETE ON tagged."Order", tagged.group_organizer, tagged.audit_log TO cf_tags_user;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA tagged TO cf_tags_user;
