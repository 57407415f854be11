import { gatewayGraphQL } from './gateway.js';

// Enough of the introspection query to list tables (object types with a nodeId or a connection), their fields,
// relations, root functions and descriptions, where PostGraphile-style smart comments show up.
const QUERY = `query PortalSchema {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types {
      kind name description
      fields { name description isDeprecated deprecationReason args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
    }
  }
}`;

export function unwrap(t) {
  let n = t;
  while (n && !n.name) n = n.ofType;
  return n?.name ?? '?';
}

export async function loadSchema(url, key) {
  const r = await gatewayGraphQL(url, key, { query: QUERY });
  if (r.errors?.length && !r.data) throw new Error(r.errors[0].message);
  const s = r.data.__schema;
  const types = new Map(s.types.map((t) => [t.name, t]));
  const query = types.get(s.queryType?.name);
  const mutation = s.mutationType ? types.get(s.mutationType.name) : null;
  const isTable = (t) => t.kind === 'OBJECT' && !t.name.startsWith('__') && types.has(`${t.name}sConnection`) || (t.kind === 'OBJECT' && (t.fields ?? []).some((f) => f.name === 'nodeId'));
  const tables = s.types.filter((t) => t.kind === 'OBJECT' && isTable(t) && t.name !== query?.name && t.name !== mutation?.name)
    .map((t) => ({
      name: t.name,
      description: t.description,
      columns: (t.fields ?? []).filter((f) => !f.args?.length && !unwrap(f.type).endsWith('Connection') && !types.get(unwrap(f.type))?.fields?.some((x) => x.name === 'nodeId')),
      relations: (t.fields ?? []).filter((f) => unwrap(f.type).endsWith('Connection') || types.get(unwrap(f.type))?.fields?.some((x) => x.name === 'nodeId')),
    }));
  const tableRoots = new Set(tables.flatMap((t) => [`all${t.name}s`]));
  const functions = (query?.fields ?? []).filter((f) => !tableRoots.has(f.name) && !['query', 'node', 'nodeId'].includes(f.name) && !/ById$|By[A-Z]/.test(f.name) && !f.name.startsWith('all'));
  const mutations = (mutation?.fields ?? []).filter((f) => !/^(create|update|delete)[A-Z]/.test(f.name));
  return { tables, functions, mutations, queryFields: query?.fields?.length ?? 0, mutationFields: mutation?.fields?.length ?? 0, hasSubscriptions: !!s.subscriptionType };
}
