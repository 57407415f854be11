namespace Platform.DataPlane.Introspection;

/// <summary>
/// The catalog query: one statement, one round trip, one JSON document (see <see cref="CatalogSnapshot"/>).
/// Takes <c>$1 text[]</c>, the exposed schema names, and <c>$2 text[]</c>, the roles requests may run as (empty: the
/// connection's role). A privilege counts when any of those roles holds it, so the schema shows what some request may
/// use and PostgreSQL refuses the rest at run time. Everything is ordered, so an unchanged catalog yields
/// byte-identical JSON and therefore the same fingerprint.
/// </summary>
public static class CatalogQuery
{
    public const string Text = """
        with recursive
        roles as (
          select r.oid from pg_catalog.pg_roles r
          where r.rolname = any($2::text[]) or (cardinality($2::text[]) = 0 and r.rolname = current_user)
        ),
        ns as (
          select n.oid, n.nspname from pg_catalog.pg_namespace n where n.nspname = any($1::text[])
        ),
        cls as (
          select c.* from pg_catalog.pg_class c join ns on ns.oid = c.relnamespace
          where c.relkind in ('r', 'v', 'm', 'p', 'f', 'c') and not c.relispartition
            and c.relpersistence = 'p' and c.relname not like E'\\_\\_%'
            and not exists (select 1 from pg_catalog.pg_depend d
              where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
        ),
        atts as (
          select a.* from pg_catalog.pg_attribute a join cls on cls.oid = a.attrelid
          where a.attnum > 0 and not a.attisdropped and a.attname not like E'\\_\\_%'
        ),
        procs as (
          select p.* from pg_catalog.pg_proc p join ns on ns.oid = p.pronamespace
          where p.prokind = 'f' and p.provariadic = 0
            and (p.proargmodes is null or p.proargmodes operator(pg_catalog.<@) array['i', 'o', 'b', 't']::"char"[])
            and (p.prorettype <> 'pg_catalog.record'::regtype or p.proargmodes operator(pg_catalog.&&) array['o', 'b', 't']::"char"[])
            and (p.proallargtypes is null or not (p.proallargtypes operator(pg_catalog.@>) array['pg_catalog.record'::regtype::oid]))
            and p.prorettype <> 'pg_catalog.trigger'::regtype
            and p.proname not like E'\\_\\_%'
            -- What PostGraphile v4 leaves out: the constructors PostgreSQL makes for range types, overloaded names
            -- (one GraphQL field per name), and whatever an extension installed.
            and not exists (select 1 from pg_catalog.pg_type r where r.typtype = 'r' and r.typnamespace = p.pronamespace and r.typname = p.proname)
            and not exists (select 1 from pg_catalog.pg_proc o where o.pronamespace = p.pronamespace and o.proname = p.proname and o.oid <> p.oid)
            and not exists (select 1 from pg_catalog.pg_depend d
              where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
        ),
        type_ids(oid) as (
          select atttypid from atts
          union select prorettype from procs
          union select unnest(p.proargtypes::oid[]) from procs p
          union select unnest(p.proallargtypes) from procs p
          union select t.oid from pg_catalog.pg_type t join ns on ns.oid = t.typnamespace
          union
          select x.next from type_ids ti join pg_catalog.pg_type t on t.oid = ti.oid
          cross join lateral (values (t.typelem), (t.typbasetype),
            (coalesce((select r.rngsubtype from pg_catalog.pg_range r where r.rngtypid = t.oid), 0))) as x(next)
          where x.next <> 0
        )
        select json_build_object(
          'serverVersion', current_setting('server_version_num')::int,
          'currentRole', current_user,
          'roles', (select coalesce(json_agg(x order by x), '[]'::json) from (select distinct unnest($2::text[]) as x) as given),
          'schemas', coalesce((select json_agg(json_build_object(
              'oid', n.oid::bigint,
              'name', n.nspname,
              'comment', pg_catalog.obj_description(n.oid, 'pg_namespace')) order by n.nspname) from ns n), '[]'::json),
          'classes', coalesce((select json_agg(json_build_object(
              'oid', c.oid::bigint,
              'schema', (select nspname from ns where ns.oid = c.relnamespace),
              'name', c.relname,
              'kind', c.relkind,
              'typeOid', c.reltype::bigint,
              'comment', pg_catalog.obj_description(c.oid, 'pg_class'),
              'rowSecurity', c.relrowsecurity,
              'forceRowSecurity', c.relforcerowsecurity,
              'canSelect', c.relkind = 'c' or exists(select 1 from roles r where pg_catalog.has_table_privilege(r.oid, c.oid, 'SELECT')),
              'canInsert', c.relkind <> 'c' and exists(select 1 from roles r where pg_catalog.has_table_privilege(r.oid, c.oid, 'INSERT')),
              'canUpdate', c.relkind <> 'c' and exists(select 1 from roles r where pg_catalog.has_table_privilege(r.oid, c.oid, 'UPDATE')),
              'canDelete', c.relkind <> 'c' and exists(select 1 from roles r where pg_catalog.has_table_privilege(r.oid, c.oid, 'DELETE')),
              -- What PostgreSQL can write through, as v4 reads it: views count when auto-updatable (or given rules/triggers).
              'insertable', c.relkind <> 'c' and (pg_catalog.pg_relation_is_updatable(c.oid, true) operator(pg_catalog.&) 8) = 8,
              'updatable', c.relkind <> 'c' and (pg_catalog.pg_relation_is_updatable(c.oid, true) operator(pg_catalog.&) 4) = 4,
              'deletable', c.relkind <> 'c' and (pg_catalog.pg_relation_is_updatable(c.oid, true) operator(pg_catalog.&) 16) = 16,
              'columns', coalesce((select json_agg(json_build_object(
                  'num', a.attnum,
                  'name', a.attname,
                  'typeOid', a.atttypid::bigint,
                  'typeMod', a.atttypmod,
                  'notNull', a.attnotnull,
                  'hasDefault', a.atthasdef,
                  'default', pg_catalog.pg_get_expr(d.adbin, d.adrelid),
                  'generated', a.attgenerated <> '',
                  'identity', a.attidentity <> '',
                  'identityAlways', a.attidentity = 'a',
                  'comment', pg_catalog.col_description(c.oid, a.attnum),
                  'canSelect', c.relkind = 'c' or exists(select 1 from roles r where pg_catalog.has_column_privilege(r.oid, c.oid, a.attnum, 'SELECT')),
                  'canInsert', c.relkind <> 'c' and exists(select 1 from roles r where pg_catalog.has_column_privilege(r.oid, c.oid, a.attnum, 'INSERT')),
                  'canUpdate', c.relkind <> 'c' and exists(select 1 from roles r where pg_catalog.has_column_privilege(r.oid, c.oid, a.attnum, 'UPDATE'))) order by a.attnum)
                from atts a left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where a.attrelid = c.oid), '[]'::json)) order by c.oid) from cls c), '[]'::json),
          'constraints', coalesce((select json_agg(json_build_object(
              'oid', k.oid::bigint,
              'name', k.conname,
              'classOid', k.conrelid::bigint,
              'kind', k.contype,
              'keys', k.conkey,
              'foreignClassOid', nullif(k.confrelid, 0)::bigint,
              'foreignKeys', k.confkey,
              'comment', pg_catalog.obj_description(k.oid, 'pg_constraint')) order by k.oid)
            from (
              -- One constraint per set of columns and target, the first by name, as PostGraphile v4 keeps it: a
              -- foreign key declared twice gives one relation, not two fields of the same name.
              select distinct on (k.conrelid, k.conkey, k.confrelid, k.confkey) k.*
              from pg_catalog.pg_constraint k join cls c on c.oid = k.conrelid
              where k.contype in ('p', 'u', 'f') and (k.contype <> 'f' or k.confrelid in (select oid from cls))
              order by k.conrelid, k.conkey, k.confrelid, k.confkey, k.conname) k), '[]'::json),
          'types', coalesce((select json_agg(json_build_object(
              'oid', t.oid::bigint,
              'schema', tn.nspname,
              'name', t.typname,
              'sqlName', t.oid::regtype::text,
              'kind', t.typtype,
              'category', t.typcategory,
              'elementOid', case when t.typcategory = 'A' then nullif(t.typelem, 0)::bigint end,
              'baseTypeOid', nullif(t.typbasetype, 0)::bigint,
              'rangeSubtypeOid', (select r.rngsubtype::bigint from pg_catalog.pg_range r where r.rngtypid = t.oid),
              'classOid', nullif(t.typrelid, 0)::bigint,
              'notNull', t.typnotnull,
              'comment', pg_catalog.obj_description(t.oid, 'pg_type'),
              'enumValues', case when t.typtype = 'e' then (select json_agg(e.enumlabel order by e.enumsortorder)
                  from pg_catalog.pg_enum e where e.enumtypid = t.oid) end) order by t.oid)
            from pg_catalog.pg_type t join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
            where t.oid in (select oid from type_ids)), '[]'::json),
          'functions', coalesce((select json_agg(json_build_object(
              'oid', p.oid::bigint,
              'schema', (select nspname from ns where ns.oid = p.pronamespace),
              'name', p.proname,
              'argTypeOids', p.proargtypes::oid[]::bigint[],
              'allArgTypeOids', p.proallargtypes::bigint[],
              'argNames', p.proargnames,
              'argModes', p.proargmodes,
              'argDefaultCount', p.pronargdefaults,
              'returnTypeOid', p.prorettype::bigint,
              'returnsSet', p.proretset,
              'volatility', p.provolatile,
              'strict', p.proisstrict,
              'securityDefiner', p.prosecdef,
              'canExecute', exists(select 1 from roles r where pg_catalog.has_function_privilege(r.oid, p.oid, 'EXECUTE')),
              'comment', pg_catalog.obj_description(p.oid, 'pg_proc')) order by p.oid) from procs p), '[]'::json)
        )::text
        """;
}
