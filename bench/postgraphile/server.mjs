// PostGraphile 5.1.5 for the side-by-side benchmark: its V4 preset (the naming the platform follows), one Node 22
// process, a pool of BENCH_POOL_SIZE, end-user JWTs verified here and turned into pgSettings as v4 did.
// Environment: DATABASE_URL (the authenticator), PORT, JWT_SECRET, ANON_ROLE, BENCH_POOL_SIZE.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { makePgService } from "postgraphile/adaptors/pg";
import { makeV4Preset } from "postgraphile/presets/v4";
import jwt from "jsonwebtoken";

const secret = process.env.JWT_SECRET;
const anonRole = process.env.ANON_ROLE;

function pgSettings(req) {
  const settings = { role: anonRole };
  const header = req?.headers?.authorization;
  if (typeof header === "string" && header.toLowerCase().startsWith("bearer ")) {
    const claims = jwt.verify(header.slice(7), secret, { algorithms: ["HS256"] });
    for (const [k, v] of Object.entries(claims)) {
      if (k === "role") settings.role = String(v);
      else if (/^[a-z_][a-z0-9_]*$/i.test(k)) settings[`jwt.claims.${k}`] = String(v);
    }
  }
  return settings;
}

const preset = {
  extends: [makeV4Preset({ ignoreRBAC: false, setofFunctionsContainNulls: false, pgSettings })],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["app_public"],
      poolConfig: { max: Number(process.env.BENCH_POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { port: Number(process.env.PORT), host: "127.0.0.1" },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => { console.error(e); process.exit(1); });
serv.addTo(server).catch((e) => { console.error(e); process.exit(1); });
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
