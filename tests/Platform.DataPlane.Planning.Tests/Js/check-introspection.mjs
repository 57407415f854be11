// Usage: node check-introspection.mjs print-query [default|full|all] | check <response.json>
// "print-query" writes graphql-js's own introspection query; "check" builds a client schema from the
// server's answer (throwing if graphql-js rejects it) and prints the schema SDL.
import { readFileSync } from 'node:fs';
import { getIntrospectionQuery, buildClientSchema, printSchema, validateSchema } from 'graphql';

const [mode, file] = process.argv.slice(2);
if (mode === 'print-query') {
  // "all": every option GraphQL for .NET can answer, inputValueDeprecation included as GraphiQL sends it
  // (not specifiedByUrl: GraphQL for .NET 8 has no __Type.specifiedByURL).
  const options = {
    default: {},
    full: { descriptions: true, directiveIsRepeatable: true, schemaDescription: true },
    all: { descriptions: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true },
  }[file ?? 'default'];
  process.stdout.write(getIntrospectionQuery(options));
} else {
  const response = JSON.parse(readFileSync(file, 'utf8'));
  if (response.errors) {
    throw new Error('server returned errors: ' + JSON.stringify(response.errors));
  }
  const schema = buildClientSchema(response.data);
  const problems = validateSchema(schema);
  if (problems.length > 0) {
    throw new Error('invalid schema: ' + problems.map(p => p.message).join('; '));
  }
  process.stdout.write(printSchema(schema));
}
