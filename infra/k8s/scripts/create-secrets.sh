#!/usr/bin/env bash
# Creates or updates the platform's Secrets in the cluster kubectl points at (the names and keys the base expects,
# see base/secrets.template.yaml). Run it before the first `kubectl apply -k`, and again to change a connection
# string.
#
# The master key and the internal secret are generated on the first run and READ BACK from the cluster on later
# runs: replacing the master key would make every tenant connection string stored so far unreadable.
#
# Usage:
#   create-secrets.sh --dev                 dev overlay: in-cluster database, its password generated here
#   METADATA_URL='Host=…' create-secrets.sh one metadata connection string for all three parts
#   METADATA_URL_CONTROL_PLANE=… METADATA_URL_SILO=… METADATA_URL_GATEWAY=… create-secrets.sh
#                                           one role per part (recommended; infra/k8s/README.md, "Database roles")
# Options:
#   --namespace NS   default: platform
#   --print          write the Secret manifests to stdout instead of applying them (they contain the secrets);
#                    does not talk to the cluster, so existing keys are not read back
set -euo pipefail

ns=platform
dev=0
print=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) dev=1 ;;
    --print) print=1 ;;
    --namespace) ns=$2; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

command -v kubectl >/dev/null || { echo "kubectl is required" >&2; exit 1; }

# Hex keeps generated passwords free of characters that would need quoting inside a connection string.
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

existing() { # secret key -> decoded value, or nothing
  [ "$print" = 1 ] && return 0
  kubectl -n "$ns" get secret "$1" -o "jsonpath={.data.$2}" 2>/dev/null | base64 -d 2>/dev/null || true
}

master_cp=$(existing control-plane-secrets master-key)
master_silo=$(existing silo-secrets master-key)
if [ -n "$master_cp" ] && [ -n "$master_silo" ] && [ "$master_cp" != "$master_silo" ]; then
  echo "control-plane-secrets and silo-secrets hold different master keys; fix that by hand before going on" >&2
  exit 1
fi
master_key=${master_cp:-${master_silo:-$(head -c 32 /dev/urandom | base64 | tr -d '\n')}}
internal_gw=$(existing gateway-secrets internal-secret)
internal_silo=$(existing silo-secrets internal-secret)
if [ -n "$internal_gw" ] && [ -n "$internal_silo" ] && [ "$internal_gw" != "$internal_silo" ]; then
  echo "gateway-secrets and silo-secrets hold different internal secrets; fix that by hand before going on" >&2
  exit 1
fi
internal_secret=${internal_gw:-${internal_silo:-$(random_hex 32)}}

if [ "$dev" = 1 ]; then
  db_password=$(existing metadata-db password)
  db_password=${db_password:-$(random_hex 24)}
  dev_url="Host=metadata-db;Port=5432;Database=platform;Username=platform;Password=$db_password"
  url_cp=$dev_url url_silo=$dev_url url_gw=$dev_url
else
  url_cp=${METADATA_URL_CONTROL_PLANE:-${METADATA_URL:-}}
  url_silo=${METADATA_URL_SILO:-${METADATA_URL:-}}
  url_gw=${METADATA_URL_GATEWAY:-${METADATA_URL:-}}
  if [ -z "$url_cp" ] || [ -z "$url_silo" ] || [ -z "$url_gw" ]; then
    echo "set METADATA_URL, or all of METADATA_URL_CONTROL_PLANE, METADATA_URL_SILO and METADATA_URL_GATEWAY (or use --dev)" >&2
    exit 2
  fi
fi

# Values go through files, not command-line arguments, so they never show up in the process list.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077

secret() { # name key=value...
  local name=$1 dir="$work/$1" kv args=()
  shift
  mkdir -p "$dir"
  for kv in "$@"; do
    printf '%s' "${kv#*=}" >"$dir/${kv%%=*}"
    args+=(--from-file="${kv%%=*}=$dir/${kv%%=*}")
  done
  kubectl create secret generic "$name" --namespace "$ns" "${args[@]}" --dry-run=client -o yaml
}

manifests() {
  kubectl create namespace "$ns" --dry-run=client -o yaml
  echo ---
  secret control-plane-secrets "metadata-connection-string=$url_cp" "master-key=$master_key" "internal-secret=$internal_secret"
  echo ---
  secret silo-secrets "metadata-connection-string=$url_silo" "master-key=$master_key" "internal-secret=$internal_secret"
  echo ---
  secret gateway-secrets "metadata-connection-string=$url_gw" "internal-secret=$internal_secret"
  if [ "$dev" = 1 ]; then
    echo ---
    secret metadata-db "password=$db_password"
  fi
}

if [ "$print" = 1 ]; then
  manifests
else
  manifests | kubectl apply -f -
  echo "Secrets are in namespace $ns. Back up the master key somewhere safe: without it, stored tenant connection strings cannot be decrypted." >&2
fi
