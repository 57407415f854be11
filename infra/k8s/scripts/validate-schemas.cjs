#!/usr/bin/env node
// Validates the built overlays against the Kubernetes OpenAPI schemas shipped in the npm package kubernetes-models
// (and @kubernetes-models/prometheus-operator for the PodMonitor). kustomize itself checks no field names or types,
// so a misspelt "readinessProbe" or a string where a number belongs would otherwise surface only at apply time.
//
//   npm ci --prefix infra/k8s/scripts
//   K8S_MODELS=infra/k8s/scripts node infra/k8s/scripts/validate-schemas.cjs
"use strict";
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const fs = require("node:fs");

const prefix = path.resolve(process.env.K8S_MODELS || "/tmp/k8s-models");
const load = (m) => require(path.join(prefix, "node_modules", m));
const yaml = load("js-yaml");

const root = path.resolve(__dirname, "..");
const overlays = fs.readdirSync(path.join(root, "overlays")).filter((o) => fs.existsSync(path.join(root, "overlays", o, "kustomization.yaml")));

function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = group === "monitoring.coreos.com"
    ? [`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`]
    : [`kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`];
  for (const c of candidates) {
    try {
      const mod = load(c);
      return mod[kind] || mod.default;
    } catch { /* try the next one */ }
  }
  return null;
}

let failed = 0;
for (const overlay of overlays) {
  const out = execFileSync("kubectl", ["kustomize", path.join(root, "overlays", overlay)], { encoding: "utf8" });
  const docs = yaml.loadAll(out).filter(Boolean);
  let ok = 0;
  for (const doc of docs) {
    const name = `${overlay}: ${doc.kind}/${doc.metadata.name}`;
    const Model = model(doc.apiVersion, doc.kind);
    if (!Model) {
      console.log(`FAIL ${name}: no schema for ${doc.apiVersion} ${doc.kind}`);
      failed++;
      continue;
    }
    try {
      new Model(doc).validate();
      ok++;
    } catch (e) {
      console.log(`FAIL ${name}: ${e.message}`);
      failed++;
    }
  }
  console.log(`overlays/${overlay}: ${ok} of ${docs.length} objects valid`);
}
process.exit(failed ? 1 : 0);
