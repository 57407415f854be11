// Usage: node check-introspection.mjs print-query [full] | check <response.json>
// "print-query" writes graphql-js's own introspection query; "check" builds a client schema from the
// server's answer (throwing if graphql-js rejects it) and prints the schema SDL.
import { readFileSync } from 'node:fs';
import { getIntrospectionQuery, buildClientSchema, printSchema, validateSchema } from 'graphql';

const [mode, file] = process.argv.slice(2);
if (mode === 'print-query') {
  process.stdout.write(mode === 'print-query' && file === 'full'
    ? getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true, schemaDescription: true })
    : getIntrospectionQuery());
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
