#!/usr/bin/env bash
# Runs the whole platform locally: a private PostgreSQL (unless PLATFORM_DATABASE_URL is given), the metadata
# schema, the four hosts, and a demo project (samples/meetup) with one anon and one service key. Ctrl-C stops everything it started.
#
# Environment (all optional):
#   PLATFORM_DATABASE_URL       platform metadata database (postgres:// URL or Npgsql string)
#   PLATFORM_DEMO_DATABASE_URL  the demo project's tenant database (default: a sample database on the private cluster)
#   PLATFORM_DEMO_SETTINGS      project settings JSON for the demo project (format: docs/project-settings.md)
#   PLATFORM_SILOS              number of data-plane silos (default 1)
#   PLATFORM_GATEWAY_PORT, PLATFORM_CONTROL_PLANE_PORT, PLATFORM_PORTAL_PORT, PLATFORM_SILO_BASE_PORT
#   PLATFORM_GATEWAY_MANAGEMENT_PORT  the gateway's health and metrics, apart from its API (default gateway port + 1)
#   PLATFORM_ORLEANS_BASE_PORT  first Orleans port; silo i uses base+2i (silo-to-silo) and base+2i+1 (default 11111)
#   PLATFORM_PG_PORT            port of the private cluster (default 55432)
#   PLATFORM_PG_CLUSTER         name of the private cluster (default platform)
#   PLATFORM_STATE_DIR          where keys, logs and run.json go (default .local)
#   PLATFORM_CONFIGURATION      Release (default) or Debug;  PLATFORM_NO_BUILD=1 skips the build
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source scripts/postgres.sh

state=${PLATFORM_STATE_DIR:-$root/.local}
mkdir -p "$state/logs"
config=${PLATFORM_CONFIGURATION:-Release}
silos=${PLATFORM_SILOS:-1}
gw_port=${PLATFORM_GATEWAY_PORT:-5000}
gw_mgmt_port=${PLATFORM_GATEWAY_MANAGEMENT_PORT:-$((gw_port + 1))}
cp_port=${PLATFORM_CONTROL_PLANE_PORT:-5100}
portal_port=${PLATFORM_PORTAL_PORT:-5300}
silo_base=${PLATFORM_SILO_BASE_PORT:-5200}
pg_port=${PLATFORM_PG_PORT:-55432}
# Another name gives a second local run its own cluster (pg_up sets a cluster's port, so two runs must not share one).
pg_cluster=${PLATFORM_PG_CLUSTER:-platform}
orleans_base=${PLATFORM_ORLEANS_BASE_PORT:-11111}
log() { printf '[run] %s\n' "$*" >&2; }

# Stop what an earlier run left behind (its run.sh first, then its hosts), so a second run starts clean instead
# of failing on busy ports.
if [ -f "$state/run.pids" ]; then
  old=""
  # Only processes that are still ours: a stale file must not kill whatever reused its PIDs.
  for pid in $(cat "$state/run.pids"); do
    grep -qaE 'run\.sh|Platform\.' "/proc/$pid/cmdline" 2>/dev/null && old="$old $pid"
  done
  [ -n "$old" ] && log "stopping the earlier run" && kill $old 2>/dev/null || true
  for _ in $(seq 1 60); do
    alive=0
    for pid in $old; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  rm -f "$state/run.pids"
fi
echo $$ >"$state/run.pids"

# Secrets live only in the state directory (git-ignored) and are made once.
if [ ! -f "$state/secrets.env" ]; then
  (
  umask 077
  {
    echo "MASTER_KEY=$(head -c 32 /dev/urandom | base64 -w0)"
    echo "INTERNAL_SECRET=$(pg_random_secret)$(pg_random_secret)"
    echo "PG_PLATFORM_PASSWORD=$(pg_random_secret)"
    echo "PG_DEMO_PASSWORD=$(pg_random_secret)"
  } >"$state/secrets.env"
  )
fi
# State directories from before the meetup sample lack the demo project's JWT secret and authenticator; add them once.
if ! grep -q '^PG_DEMO_AUTH_PASSWORD=' "$state/secrets.env"; then
  (umask 077; echo "PG_DEMO_AUTH_PASSWORD=$(pg_random_secret)" >>"$state/secrets.env")
fi
if ! grep -q '^DEMO_JWT_SECRET=' "$state/secrets.env"; then
  (umask 077; echo "DEMO_JWT_SECRET=$(pg_random_secret)$(pg_random_secret)" >>"$state/secrets.env")
fi
# The demo user's password, made once per state directory like the other secrets (run.sh prints it).
if ! grep -q '^DEMO_USER_PASSWORD=' "$state/secrets.env"; then
  (umask 077; echo "DEMO_USER_PASSWORD=$(pg_random_secret)" >>"$state/secrets.env")
fi
# shellcheck disable=SC1091
source "$state/secrets.env"

metadata_url=${PLATFORM_DATABASE_URL:-}
demo_url=${PLATFORM_DEMO_DATABASE_URL:-}
demo_repo=0
if [ -z "$metadata_url" ] || [ -z "$demo_url" ]; then
  log "starting the private PostgreSQL cluster '$pg_cluster' on 127.0.0.1:$pg_port"
  pg_up "$pg_cluster" "$pg_port"
  if [ -z "$metadata_url" ]; then
    pg_role "$pg_port" platform "$PG_PLATFORM_PASSWORD"
    pg_database "$pg_port" platform platform
    metadata_url="postgres://platform:$PG_PLATFORM_PASSWORD@127.0.0.1:$pg_port/platform"
  fi
  if [ -z "$demo_url" ]; then
    pg_role "$pg_port" demo_owner "$PG_DEMO_PASSWORD"
    # The demo owner shares this cluster with the platform's metadata, so it is a plain LOGIN role (the silos refuse
    # SUPERUSER, CREATEROLE, REPLICATION, BYPASSRLS and the server-program/file roles: docs/project-settings.md).
    # The meetup roles are cluster-wide and need CREATEROLE to make, so the cluster's admin makes them beforehand and
    # grants them to the owner, which switches to them per request; the migrations then find them present.
    pg_psql "$pg_port" 'ALTER ROLE demo_owner NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS' >/dev/null
    pg_psql "$pg_port" "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_anonymous') THEN CREATE ROLE app_anonymous NOLOGIN; END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN CREATE ROLE app_user NOLOGIN; END IF;
    END \$\$; GRANT app_anonymous, app_user TO demo_owner" >/dev/null
    # A demo database migrated by an older run.sh (psql, no record of what ran) is made afresh, so the import
    # deployment below can apply and record every migration.
    if [ "$(pg_psql "$pg_port" "SELECT 1 FROM pg_database WHERE datname = 'platform_demo'")" = 1 ] \
      && [ "$(PGPASSWORD=$PG_DEMO_PASSWORD psql -X -qAt -h 127.0.0.1 -p "$pg_port" -U demo_owner -d platform_demo -c "SELECT to_regclass('platform_meta.migrations') IS NULL")" = t ]; then
      pg_psql "$pg_port" 'DROP DATABASE platform_demo WITH (FORCE)' >/dev/null
    fi
    pg_database "$pg_port" platform_demo demo_owner
    # The platform connects as PostGraphile's documentation teaches: an authenticator that can log in, holds no
    # privilege of its own (NOINHERIT) and switches to the request's role; the service key's role is the owner.
    # Deployments run the migrations as that owner role too.
    pg_role "$pg_port" demo_authenticator "$PG_DEMO_AUTH_PASSWORD"
    pg_psql "$pg_port" 'ALTER ROLE demo_authenticator NOINHERIT; GRANT app_anonymous, app_user, demo_owner TO demo_authenticator' >/dev/null
    demo_url="postgres://demo_authenticator:$PG_DEMO_AUTH_PASSWORD@127.0.0.1:$pg_port/platform_demo"
    demo_settings="$state/meetup-settings.json"
    sed 's/^{/{\n  "ownerRole": "demo_owner",/' samples/meetup/settings.json >"$demo_settings"
    demo_repo=1
  fi
fi

# The portal cannot start without its built front end, so a checkout that never built it builds it even with
# PLATFORM_NO_BUILD (which skips only the .NET builds the caller already made).
if [ "${PLATFORM_NO_BUILD:-0}" != 1 ] || [ ! -d portal/Platform.Portal/wwwroot ]; then
  log "building the portal's front end (npm)"
  scripts/portal-assets.sh
fi
if [ "${PLATFORM_NO_BUILD:-0}" != 1 ]; then
  log "building the hosts ($config)"
  for p in control-plane/Platform.ControlPlane data-plane/Platform.DataPlane.Silo gateway/Platform.Gateway portal/Platform.Portal; do
    dotnet build "$p" -c "$config" -nologo -v quiet -clp:ErrorsOnly >/dev/null
  done
fi
cfg=$(echo "$config" | tr '[:upper:]' '[:lower:]')
dll() { echo "$root/artifacts/bin/$1/$cfg/$1.dll"; }

export ConnectionStrings__Metadata="$metadata_url"
export Platform__MasterKey="$MASTER_KEY"
export Platform__InternalSecret="$INTERNAL_SECRET"
export DOTNET_NOLOGO=1 ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

# What the control plane tells browsers and mail about: the portal (sign-in redirects, links) and the gateway.
export Platform__ControlPlane__PortalUrl="http://127.0.0.1:$portal_port"
export Platform__ControlPlane__GatewayUrl="http://127.0.0.1:$gw_port"
export Platform__ControlPlane__AllowedOrigins__0="http://127.0.0.1:$portal_port"
export Platform__ControlPlane__Portal__RedirectUris__0="http://127.0.0.1:$portal_port/signin-oidc"
export Platform__ControlPlane__Portal__PostLogoutRedirectUris__0="http://127.0.0.1:$portal_port/signout-callback-oidc"

log "applying the metadata schema and creating the demo through the control plane"
dotnet "$(dll Platform.ControlPlane)" migrate >/dev/null
demo_args=(demo --name demo --database-url "$demo_url" --email demo@example.com --password "$DEMO_USER_PASSWORD")
[ -n "${PLATFORM_DEMO_SETTINGS:-}" ] && demo_args+=(--settings "$(realpath "$PLATFORM_DEMO_SETTINGS")")
if [ "$demo_repo" = 1 ]; then
  # samples/meetup as a git repository of its own (the demo settings as its project file, platform.json), imported by a
  # real deployment: the control plane clones it, applies its migrations and records them in the demo database.
  rm -rf "$state/meetup-src" "$state/meetup.git"
  cp -r samples/meetup "$state/meetup-src"
  cp "$demo_settings" "$state/meetup-src/platform.json"
  git -C "$state/meetup-src" init -q -b main
  git -C "$state/meetup-src" add -A
  git -C "$state/meetup-src" -c user.name=platform -c user.email=platform@localhost commit -qm "meetup sample"
  git clone -q --bare "$state/meetup-src" "$state/meetup.git"
  rm -rf "$state/meetup-src"
  demo_args+=(--repo "file://$state/meetup.git")
  if [ -z "${PLATFORM_DEMO_SETTINGS:-}" ]; then demo_args+=(--settings "$demo_settings"); fi
fi
demo_json=$(Platform__DemoJwtSecret="$DEMO_JWT_SECRET" dotnet "$(dll Platform.ControlPlane)" "${demo_args[@]}")

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    log "stopping"
    kill "${pids[@]}" 2>/dev/null || true
    # Hosts drain gracefully, but a silo leaving its cluster on a starved machine can take longer than anyone waits
    # for Ctrl-C; after 15 s whatever is left is killed, so stopping is always bounded.
    local _ p alive
    for _ in $(seq 1 150); do
      alive=0
      for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
      [ "$alive" = 0 ] && break
      sleep 0.1
    done
    if [ "$alive" = 1 ]; then
      log "hosts still running after 15 s; killing them"
      kill -9 "${pids[@]}" 2>/dev/null || true
    fi
    wait "${pids[@]}" 2>/dev/null || true
  fi
  # Only the run that owns the file removes it; an earlier run being replaced must not delete the new one's.
  [ "$(head -1 "$state/run.pids" 2>/dev/null)" = "$$" ] && rm -f "$state/run.pids"
  return 0
}
trap stop_all INT TERM EXIT

start() { # name dll args...
  local name=$1 d=$2; shift 2
  dotnet "$d" "$@" >"$state/logs/$name.log" 2>&1 &
  pids+=($!)
  echo $! >>"$state/run.pids"
}

start control-plane "$(dll Platform.ControlPlane)" --urls "http://127.0.0.1:$cp_port"
silo_urls=()
for i in $(seq 0 $((silos - 1))); do
  port=$((silo_base + i))
  # A local run's tenant databases are on this machine, which a silo outside Development would refuse.
  start "silo-$i" "$(dll Platform.DataPlane.Silo)" --urls "http://127.0.0.1:$port" \
    --Platform:Silo:Port=$((orleans_base + 2 * i)) --Platform:Silo:GatewayPort=$((orleans_base + 2 * i + 1)) \
    --Platform:Silo:Projects:AllowPrivateTenantHosts=true
  silo_urls+=("http://127.0.0.1:$port")
done
# Metrics are labelled by project: on the public port anyone could read every project's traffic, so health and
# metrics answer only on the management port and the public port answers 404 for them (as in infra/k8s).
start gateway "$(dll Platform.Gateway)" --urls "http://127.0.0.1:$gw_port;http://127.0.0.1:$gw_mgmt_port" \
  --Platform:ManagementPort=$gw_mgmt_port
start portal "$(dll Platform.Portal)" --urls "http://127.0.0.1:$portal_port" --Platform:ControlPlaneUrl="http://127.0.0.1:$cp_port"

wait_ready() { # url name
  local i
  for i in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1/readyz" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  log "$2 did not become ready; see $state/logs/$2.log"; return 1
}
wait_ready "http://127.0.0.1:$cp_port" control-plane
for i in "${!silo_urls[@]}"; do wait_ready "${silo_urls[$i]}" "silo-$i"; done
wait_ready "http://127.0.0.1:$gw_mgmt_port" gateway
wait_ready "http://127.0.0.1:$portal_port" portal

project_id=$(sed -E 's/.*"projectId":"([^"]+)".*/\1/' <<<"$demo_json")
anon_key=$(sed -E 's/.*"anonKey":"([^"]+)".*/\1/' <<<"$demo_json")
service_key=$(sed -E 's/.*"serviceKey":"([^"]+)".*/\1/' <<<"$demo_json")
demo_user=$(sed -E 's/.*"demoUser":(\{[^}]*\}).*/\1/' <<<"$demo_json")
silo_json=$(printf '"%s",' "${silo_urls[@]}"); silo_json="[${silo_json%,}]"
cat >"$state/run.json" <<JSON
{"gatewayUrl":"http://127.0.0.1:$gw_port","gatewayManagementUrl":"http://127.0.0.1:$gw_mgmt_port","controlPlaneUrl":"http://127.0.0.1:$cp_port","portalUrl":"http://127.0.0.1:$portal_port","siloUrls":$silo_json,"projectId":"$project_id","anonKey":"$anon_key","serviceKey":"$service_key","demoUser":$demo_user,"cliClientId":"platform-cli","portalClientId":"portal"}
JSON

cat <<TXT

Platform is running (logs in $state/logs, details in $state/run.json).
  gateway:        http://127.0.0.1:$gw_port  (health and metrics: http://127.0.0.1:$gw_mgmt_port)
  control plane:  http://127.0.0.1:$cp_port
  portal:         http://127.0.0.1:$portal_port
  silos:          ${silo_urls[*]}
  demo project:   $project_id
  anon key:       $anon_key
  service key:    $service_key
  demo user:      demo@example.com / $DEMO_USER_PASSWORD  (sign in at the portal, or the control plane's /account/login)

Try (README.md has the whole register → authenticate → createGroup flow):
  curl -H 'X-Api-Key: $anon_key' -H 'Content-Type: application/json' \\
    http://127.0.0.1:$gw_port/graphql -d '{"query":"{ __typename }"}'

Press Ctrl-C to stop.
TXT

# Exit (and stop the rest) as soon as any host dies, so a crash is not hidden behind a half-running platform.
wait -n "${pids[@]}" || true
log "a host exited; stopping the platform"
