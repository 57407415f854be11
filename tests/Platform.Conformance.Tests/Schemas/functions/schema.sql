-- Functions of every kind v4 exposes, computed columns, a JWT type, and two exposed schemas (plus a private one).
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_fn_auth') THEN CREATE ROLE cf_fn_auth LOGIN NOINHERIT PASSWORD 'cf_fn_pw'; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_fn_anon') THEN CREATE ROLE cf_fn_anon NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cf_fn_user') THEN CREATE ROLE cf_fn_user NOLOGIN; END IF;
END $$;
GRANT cf_fn_anon, cf_fn_user TO cf_fn_auth;

CREATE SCHEMA shop;
CREATE SCHEMA shop_extra;
CREATE SCHEMA shop_private;
GRANT USAGE ON SCHEMA shop, shop_extra TO cf_fn_anon, cf_fn_user;

CREATE TABLE shop.product (
  id serial PRIMARY KEY,
  name text NOT NULL,
  price numeric(8, 2) NOT NULL,
  stock int NOT NULL DEFAULT 0
);
CREATE TABLE shop_extra.review (
  id serial PRIMARY KEY,
  product_id int NOT NULL REFERENCES shop.product,
  stars int NOT NULL CHECK (stars BETWEEN 1 AND 5),
  body text
);
CREATE INDEX ON shop_extra.review (product_id);
CREATE TABLE shop_private.account (id serial PRIMARY KEY, email text UNIQUE NOT NULL, password text NOT NULL, role text NOT NULL DEFAULT 'cf_fn_user');

CREATE TYPE shop.jwt_token AS (role text, account_id int, exp bigint);

-- Computed columns.
CREATE FUNCTION shop.product_label(p shop.product) RETURNS text LANGUAGE sql STABLE AS $$ SELECT p.name || ' (' || p.price || ')' $$;
COMMENT ON FUNCTION shop.product_label(shop.product) IS E'@filterable\n@sortable\nThe name and the price.';
CREATE FUNCTION shop.product_reviews_with_stars(p shop.product, min_stars int DEFAULT 1) RETURNS SETOF shop_extra.review LANGUAGE sql STABLE
  AS $$ SELECT * FROM shop_extra.review r WHERE r.product_id = p.id AND r.stars >= min_stars ORDER BY r.id $$;
COMMENT ON FUNCTION shop.product_reviews_with_stars(shop.product, int) IS E'@sortable\n@filterable';
-- @sortable computed columns: duplicate values (the primary key is appended), nulls, @isUnique (nothing appended);
-- @fieldName renames a computed column, @name does not (it names only types derived from a function).
CREATE FUNCTION shop.product_band(p shop.product) RETURNS text LANGUAGE sql STABLE AS $$ SELECT CASE WHEN p.price < 10 THEN 'low' ELSE 'high' END $$;
COMMENT ON FUNCTION shop.product_band(shop.product) IS '@sortable';
CREATE FUNCTION shop.product_discount(p shop.product) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT CASE WHEN p.stock > 10 THEN round(p.price / 10, 3) END $$;
COMMENT ON FUNCTION shop.product_discount(shop.product) IS E'@sortable\n@fieldName markdown';
CREATE FUNCTION shop.product_code(p shop.product) RETURNS text LANGUAGE sql STABLE AS $$ SELECT upper(p.name) || '-' || p.id $$;
COMMENT ON FUNCTION shop.product_code(shop.product) IS E'@sortable\n@isUnique\n@name code_renamed';
-- A set-returning function with @sortable and @filterable: its connection and list take orderBy and condition.
CREATE FUNCTION shop.products_in_stock(min_stock int DEFAULT 1) RETURNS SETOF shop.product LANGUAGE sql STABLE
  AS $$ SELECT * FROM shop.product WHERE stock >= min_stock ORDER BY id $$;
COMMENT ON FUNCTION shop.products_in_stock(int) IS E'@sortable\n@filterable\n@simpleCollections both';
-- @name on a set of scalars names its connection and edge types too.
CREATE FUNCTION shop.count_to(upto int) RETURNS SETOF int LANGUAGE sql IMMUTABLE AS $$ SELECT generate_series(1, upto) $$;
COMMENT ON FUNCTION shop.count_to(int) IS '@name counting';
-- A composite result whose attributes are all null, from a query function and a computed column.
CREATE TYPE shop.dimensions AS (width int, height int);
CREATE FUNCTION shop.box_of(name text) RETURNS shop.dimensions LANGUAGE sql STABLE
  AS $$ SELECT CASE WHEN name = 'pen' THEN (1, 14)::shop.dimensions WHEN name = 'none' THEN NULL ELSE (NULL, NULL)::shop.dimensions END $$;
CREATE FUNCTION shop.product_box(p shop.product) RETURNS shop.dimensions LANGUAGE sql STABLE
  AS $$ SELECT CASE WHEN p.name = 'pen' THEN (1, 14)::shop.dimensions ELSE (NULL, NULL)::shop.dimensions END $$;
-- Query functions: scalar, strict, setof scalar, setof table, returns table, out parameters, defaults.
CREATE FUNCTION shop.add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
CREATE FUNCTION shop.greet(name text DEFAULT 'world', punctuation text DEFAULT '!') RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'hello ' || coalesce(name, 'nobody') || coalesce(punctuation, '') $$;
CREATE FUNCTION shop.numbers(upto int) RETURNS SETOF int LANGUAGE sql STABLE AS $$ SELECT generate_series(1, upto) $$;
CREATE FUNCTION shop.cheap_products(max_price numeric) RETURNS SETOF shop.product LANGUAGE sql STABLE AS $$ SELECT * FROM shop.product WHERE price <= max_price ORDER BY id $$;
COMMENT ON FUNCTION shop.cheap_products(numeric) IS E'@simpleCollections both\nProducts at or under a price.';
CREATE FUNCTION shop.digits(upto int) RETURNS SETOF int LANGUAGE sql IMMUTABLE AS $$ SELECT generate_series(0, upto) $$;
COMMENT ON FUNCTION shop.digits(int) IS '@simpleCollections only';
CREATE FUNCTION shop.price_list() RETURNS TABLE (product_name text, product_price numeric) LANGUAGE sql STABLE AS $$ SELECT name, price FROM shop.product ORDER BY id $$;
CREATE FUNCTION shop.stats(OUT total int, OUT average numeric) LANGUAGE sql STABLE AS $$ SELECT count(*)::int, round(avg(price), 2) FROM shop.product $$;
-- Results typed by OUT, INOUT and TABLE arguments (v4's <Function>Record types): SETOF record with OUT arguments,
-- unnamed OUT arguments (PostgreSQL's column1...), INOUT, one OUT argument (a plain scalar), and "no row".
CREATE FUNCTION shop.price_bands(OUT band text, OUT products int) RETURNS SETOF record LANGUAGE sql STABLE
  AS $$ SELECT CASE WHEN price < 10 THEN 'low' ELSE 'high' END, count(*)::int FROM shop.product GROUP BY 1 ORDER BY 1 $$;
COMMENT ON FUNCTION shop.price_bands() IS '@simpleCollections both';
CREATE FUNCTION shop.pair(a int, OUT int, OUT text) LANGUAGE sql IMMUTABLE AS $$ SELECT a * 10, 'n' || a $$;
CREATE FUNCTION shop.doubled(INOUT x int, OUT label text) LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2, 'twice ' || x $$;
CREATE FUNCTION shop.product_count(OUT n int) LANGUAGE sql STABLE AS $$ SELECT count(*)::int FROM shop.product $$;
CREATE FUNCTION shop.stock_of(name text, OUT stock int, OUT price numeric) LANGUAGE sql STABLE
  AS $$ SELECT p.stock, p.price FROM shop.product p WHERE p.name = stock_of.name $$;
-- Computed columns typed the same way.
CREATE FUNCTION shop.product_sales(p shop.product, OUT units int, OUT revenue numeric) LANGUAGE sql STABLE
  AS $$ SELECT p.stock, p.stock * p.price $$;
CREATE FUNCTION shop.product_star_counts(p shop.product) RETURNS TABLE (stars int, reviews int) LANGUAGE sql STABLE
  AS $$ SELECT r.stars, count(*)::int FROM shop_extra.review r WHERE r.product_id = p.id GROUP BY r.stars ORDER BY r.stars DESC $$;
COMMENT ON FUNCTION shop.product_star_counts(shop.product) IS '@simpleCollections both';
CREATE FUNCTION shop.product_by_name(name text) RETURNS shop.product LANGUAGE sql STABLE AS $$ SELECT * FROM shop.product WHERE product.name = $1 $$;
-- Mutation functions (VOLATILE), one minting a JWT.
CREATE FUNCTION shop.restock(product_id int, amount int) RETURNS shop.product LANGUAGE sql VOLATILE
  AS $$ UPDATE shop.product SET stock = stock + amount WHERE id = product_id RETURNING * $$;
CREATE FUNCTION shop.authenticate(email text, password text) RETURNS shop.jwt_token LANGUAGE sql VOLATILE STRICT SECURITY DEFINER
  AS $$ SELECT (a.role, a.id, 2000000000)::shop.jwt_token FROM shop_private.account a WHERE a.email = $1 AND a.password = $2 $$;
CREATE FUNCTION shop.add_review(product_id int, stars int, body text DEFAULT NULL) RETURNS shop_extra.review LANGUAGE sql VOLATILE
  AS $$ INSERT INTO shop_extra.review (product_id, stars, body) VALUES (product_id, stars, body) RETURNING * $$;
CREATE FUNCTION shop.restock_report(product_id int, amount int, OUT new_stock int, OUT value numeric) LANGUAGE sql VOLATILE
  AS $$ UPDATE shop.product SET stock = stock + amount WHERE id = product_id RETURNING stock, stock * price $$;
CREATE FUNCTION shop.reprice(factor numeric) RETURNS TABLE (product_id int, new_price numeric) LANGUAGE sql VOLATILE
  AS $$ WITH changed AS (UPDATE shop.product SET price = round(price * factor, 2) RETURNING id, price) SELECT * FROM changed ORDER BY id $$;
CREATE FUNCTION shop.take_stock(product_id int, OUT remaining int) LANGUAGE sql VOLATILE
  AS $$ UPDATE shop.product SET stock = stock - 1 WHERE id = product_id RETURNING stock $$;
CREATE FUNCTION shop.current_account_id() RETURNS int LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('jwt.claims.account_id', true), '')::int $$;
CREATE FUNCTION shop.fail(message text) RETURNS int LANGUAGE plpgsql VOLATILE AS $$ BEGIN RAISE EXCEPTION '%', message USING ERRCODE = 'P0001'; END $$;

GRANT SELECT ON ALL TABLES IN SCHEMA shop, shop_extra TO cf_fn_anon, cf_fn_user;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA shop, shop_extra TO cf_fn_user;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA shop, shop_extra TO cf_fn_user;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA shop FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA shop TO cf_fn_anon, cf_fn_user;
REVOKE EXECUTE ON FUNCTION shop.restock(int, int) FROM cf_fn_anon;
