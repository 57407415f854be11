// The conformance suite's graphql-js helper (the graphql-js PostGraphile 4.14.1 itself runs on):
//   node sdl.mjs query        prints the introspection query both servers are asked
//   node sdl.mjs print FILE   prints, as SDL, the schema described by the introspection answer in FILE
import { readFileSync } from "node:fs";
import { buildClientSchema, getIntrospectionQuery, printSchema } from "graphql";

const [mode, file] = process.argv.slice(2);
if (mode === "query") {
  process.stdout.write(getIntrospectionQuery({ descriptions: true }));
} else if (mode === "print") {
  const answer = JSON.parse(readFileSync(file, "utf8"));
  if (answer.errors?.length) {
    process.stderr.write(JSON.stringify(answer.errors));
    process.exit(2);
  }
  process.stdout.write(printSchema(buildClientSchema(answer.data)) + "\n");
} else {
  process.stderr.write("usage: node sdl.mjs query | print FILE\n");
  process.exit(64);
}
