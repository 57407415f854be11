#!/usr/bin/env python3
"""Builds every overlay with `kubectl kustomize` and checks the rules this deployment promises, so a later edit
that drops a probe, a limit or a network rule fails here instead of in a cluster.

Needs kubectl (for its built-in kustomize) and PyYAML (Debian: python3-yaml). Usage: infra/k8s/scripts/check.py
"""
import ipaddress
import pathlib
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
OVERLAYS = sorted(p for p in (ROOT / "overlays").iterdir() if (p / "kustomization.yaml").exists())
PLATFORM_PARTS = {"control-plane", "silo", "gateway", "portal"}
MUST_NOT_REACH = [ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "fc00::/7", "fe80::/10", "::1/128")]

failures = []

# Health and metrics are served only on this port (ServiceDefaults' Platform:ManagementPort), the API only on 8080.
MANAGEMENT_PORT = 9090
API_PORT = 8080


def fail(where, message):
    failures.append(f"{where}: {message}")


def build(overlay):
    out = subprocess.run(["kubectl", "kustomize", str(overlay)], check=True, capture_output=True, text=True).stdout
    return [d for d in yaml.safe_load_all(out) if d]


def check_workload(where, obj):
    pod = obj["spec"]["template"]["spec"]
    platform_host = obj["spec"]["template"]["metadata"].get("labels", {}).get("app.kubernetes.io/component") in PLATFORM_PARTS
    psc = pod.get("securityContext", {})
    if not psc.get("runAsNonRoot"):
        fail(where, "pod securityContext.runAsNonRoot is not true")
    if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        fail(where, "pod seccompProfile is not RuntimeDefault")
    if pod.get("automountServiceAccountToken") is not False:
        fail(where, "service account token is mounted")
    for c in pod.get("initContainers", []) + pod["containers"]:
        cw = f"{where}/{c['name']}"
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            if probe not in c:
                fail(cw, f"no {probe}")
            elif platform_host and c[probe].get("httpGet", {}).get("port") not in ("management", MANAGEMENT_PORT):
                fail(cw, f"{probe} is not on the management port")
        if platform_host and c in pod["containers"] and ports.get("management") != MANAGEMENT_PORT:
            fail(cw, f"no container port 'management' = {MANAGEMENT_PORT}")
        res = c.get("resources", {})
        for kind in ("requests", "limits"):
            for r in ("cpu", "memory"):
                if r not in res.get(kind, {}):
                    fail(cw, f"no {kind}.{r}")
        sc = c.get("securityContext", {})
        if sc.get("allowPrivilegeEscalation") is not False:
            fail(cw, "allowPrivilegeEscalation is not false")
        if sc.get("readOnlyRootFilesystem") is not True:
            fail(cw, "root filesystem is writable")
        if "ALL" not in sc.get("capabilities", {}).get("drop", []):
            fail(cw, "capabilities not dropped")
        image = c["image"]
        if image.startswith("ghcr.io/example/platform-") and image.endswith(":0.0.0"):
            fail(cw, f"overlay left the base's placeholder tag: {image}")
        if ":" not in image.rsplit("/", 1)[-1] and "@" not in image:
            fail(cw, f"image without tag or digest: {image}")
    labels = obj["spec"]["template"]["metadata"].get("labels", {})
    if labels.get("app.kubernetes.io/component") == "silo":
        env = {e["name"]: e for e in pod["containers"][0].get("env", [])}
        if env.get("POD_IP", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") != "status.podIP":
            fail(where, "silo does not take its pod IP from the downward API")
        if env.get("Platform__Silo__AdvertisedIp", {}).get("value") != "$(POD_IP)":
            fail(where, "silo does not advertise its pod IP")


def selected_parts(selector):
    """Which platform parts a NetworkPolicy podSelector picks (empty selector: all of them)."""
    parts = set(PLATFORM_PARTS)
    component = selector.get("matchLabels", {}).get("app.kubernetes.io/component")
    if component:
        parts &= {component}
    for e in selector.get("matchExpressions", []):
        if e["key"] == "app.kubernetes.io/component" and e["operator"] == "In":
            parts &= set(e["values"])
    return parts


def reachable(block, network):
    """True if an ipBlock admits any address of network (its cidr overlaps and no except covers it)."""
    cidr = ipaddress.ip_network(block["cidr"])
    if cidr.version != network.version or not cidr.overlaps(network):
        return False
    return not any(network.version == ipaddress.ip_network(x).version and network.subnet_of(ipaddress.ip_network(x))
                   for x in block.get("except", []))


def check_network_policies(where, docs):
    policies = {d["metadata"]["name"]: d for d in docs if d["kind"] == "NetworkPolicy"}
    deny = policies.get("default-deny")
    if not deny or deny["spec"]["podSelector"] or set(deny["spec"]["policyTypes"]) != {"Ingress", "Egress"}:
        fail(where, "no default-deny policy for ingress and egress")
    meta = policies.get("metadata-db-egress")
    if not meta:
        fail(where, "no metadata-db-egress policy")
        return
    if "portal" in selected_parts(meta["spec"]["podSelector"]):
        fail(where, "the portal may reach the metadata database")
    meta_blocks = [ipaddress.ip_network(p["ipBlock"]["cidr"]) for r in meta["spec"]["egress"] for p in r["to"] if "ipBlock" in p]
    for net in meta_blocks:
        if net.num_addresses > 256:
            fail(where, f"metadata database rule is wider than a /24: {net}")
    for name, p in policies.items():
        if name == "metadata-db-egress":
            continue
        parts = selected_parts(p["spec"]["podSelector"])
        for rule in p["spec"].get("egress", []):
            blocks = [peer["ipBlock"] for peer in rule.get("to", []) if "ipBlock" in peer]
            if not rule.get("to"):
                fail(where, f"{name}: an egress rule allows every destination")
            if blocks and parts & {"gateway", "portal"}:
                fail(where, f"{name}: gateway or portal may reach outside addresses")
            for b in blocks:
                for net in MUST_NOT_REACH + meta_blocks:
                    if reachable(b, net):
                        fail(where, f"{name}: egress {b['cidr']} reaches {net}")
        for rule in p["spec"].get("ingress", []):
            if not rule.get("ports"):
                fail(where, f"{name}: an ingress rule opens every port")


def check_management_port(where, docs):
    """Every host listens on the management port and is told so; no Service or Ingress carries it."""
    common = [d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("platform-common")]
    if not common:
        fail(where, "no platform-common ConfigMap")
    for cm in common:
        data = cm.get("data", {})
        urls = data.get("ASPNETCORE_URLS", "")
        if f":{MANAGEMENT_PORT}" not in urls or f":{API_PORT}" not in urls:
            fail(where, f"ASPNETCORE_URLS does not listen on both {API_PORT} and {MANAGEMENT_PORT}: {urls}")
        if data.get("Platform__ManagementPort") != str(MANAGEMENT_PORT):
            fail(where, f"Platform__ManagementPort is not {MANAGEMENT_PORT}")
    for d in docs:
        if d["kind"] == "Service":
            for p in d["spec"].get("ports", []):
                if p.get("targetPort") in (MANAGEMENT_PORT, "management") or p.get("port") == MANAGEMENT_PORT:
                    fail(where, f"Service {d['metadata']['name']} carries the management port")
        if d["kind"] == "Ingress":
            for rule in d["spec"].get("rules", []):
                for path in rule.get("http", {}).get("paths", []):
                    port = path["backend"].get("service", {}).get("port", {})
                    if port.get("number") == MANAGEMENT_PORT or port.get("name") == "management":
                        fail(where, f"Ingress {d['metadata']['name']} routes to the management port")


def main():
    if not OVERLAYS:
        fail("overlays", "none found")
    for overlay in OVERLAYS:
        where = f"overlays/{overlay.name}"
        docs = build(overlay)
        kinds = {}
        for d in docs:
            kinds.setdefault(d["kind"], []).append(d["metadata"]["name"])
            if d["kind"] == "Secret":
                fail(where, f"renders Secret {d['metadata']['name']}: secrets are created outside the build")
            if d["kind"] in ("Deployment", "StatefulSet"):
                check_workload(f"{where} {d['kind']}/{d['metadata']['name']}", d)
        for needed in ("control-plane", "silo", "gateway", "portal"):
            if needed not in kinds.get("Deployment", []):
                fail(where, f"no Deployment {needed}")
        for pdb in ("silo", "gateway"):
            if pdb not in kinds.get("PodDisruptionBudget", []):
                fail(where, f"no PodDisruptionBudget {pdb}")
        if "gateway" not in kinds.get("HorizontalPodAutoscaler", []):
            fail(where, "no HorizontalPodAutoscaler for the gateway")
        check_network_policies(where, docs)
        check_management_port(where, docs)
        print(f"{where}: {len(docs)} objects built")
    for f in failures:
        print("FAIL " + f)
    failed = {o.name for o in OVERLAYS if any(f.startswith(f"overlays/{o.name}") for f in failures)}
    print(f"{len(OVERLAYS) - len(failed)} passed, {len(failed)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
