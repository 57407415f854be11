-- Orleans cluster membership for Microsoft.Orleans.Clustering.AdoNet (invariant "Npgsql"), written for this project.
--
-- How the provider talks to the database: at start it runs exactly one fixed statement,
-- "SELECT QueryKey, QueryText FROM OrleansQuery", and from then on only executes the texts it found there,
-- binding named parameters (@DeploymentId, @Address, ...) and reading result columns by name
-- (case-insensitively through Npgsql). So the only names we cannot choose are that table and its two columns,
-- the query keys, the parameter names and the result column names. Everything else below is ours.
--
-- Why a dedicated "orleans" schema: the bootstrap statement is unqualified, so OrleansQuery must be found via
-- search_path. Keeping Orleans' tables out of "platform" (control-plane data) and "public" lets the silo connect
-- with "Search Path=orleans" (UsePlatformPostgresClustering sets it) without seeing or shadowing anything else,
-- and lets later ADO.NET providers (reminders, persistence) add their rows to the same OrleansQuery table.
-- The stored texts still qualify every table, so they do not depend on search_path at all.
--
-- Concurrency model: one row per cluster in membership_version carries the table version that Orleans uses as
-- its etag. Every change to membership rows (insert, update) first compare-and-increments that row in the same
-- statement; the row lock serialises writers and a stale @Version matches nothing, so the write is skipped and
-- the query answers 0. Heartbeats (UpdateIAmAlivetimeKey) and the removal of long-dead rows deliberately do not
-- bump the version: they carry no membership decision and would only make concurrent writers retry.

CREATE SCHEMA orleans;

-- Name and columns fixed by the provider (unquoted, so they fold to lower case like its bootstrap query).
CREATE TABLE orleans.OrleansQuery (
    QueryKey varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);

-- cluster_id is what Orleans calls DeploymentId: ClusterOptions.ClusterId.
CREATE TABLE orleans.membership_version (
    cluster_id varchar(150) PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation; a restarted silo gets a new generation and so a new row.
-- status holds Orleans.Runtime.SiloStatus: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
-- suspect_times is Orleans' own "silo,time|silo,time" rendering and is stored verbatim.
CREATE TABLE orleans.membership (
    cluster_id varchar(150) NOT NULL REFERENCES orleans.membership_version (cluster_id) ON DELETE CASCADE,
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name varchar(150) NOT NULL,
    host_name varchar(150) NOT NULL,
    status integer NOT NULL,
    proxy_port integer NOT NULL DEFAULT 0,
    suspect_times text,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

-- Gateway discovery by clients filters on status; the primary key already serves every other lookup.
CREATE INDEX membership_cluster_status_idx ON orleans.membership (cluster_id, status);

-- The texts use dollar quoting so they read as plain SQL; each is a single statement, so it is atomic on its own.
INSERT INTO orleans.OrleansQuery (QueryKey, QueryText) VALUES

-- Called by every silo at start. Answers 1 when this call created the cluster's version row, 0 when it existed.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans.membership_version (cluster_id)
    VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM created
$sql$),

-- Must return at least the version row (Orleans reads the etag from the first row); membership columns are NULL
-- when the silo has no row yet, and the provider recognises "no member" by a NULL StartTime.
('MembershipReadRowKey', $sql$
SELECT v.cluster_id      AS "DeploymentId",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime",
       v.version         AS "Version"
FROM orleans.membership_version v
LEFT JOIN orleans.membership m
       ON m.cluster_id = v.cluster_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$sql$),

-- Same shape as MembershipReadRowKey for the whole cluster; the single version row still comes back when empty.
('MembershipReadAllKey', $sql$
SELECT v.cluster_id      AS "DeploymentId",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime",
       v.version         AS "Version"
FROM orleans.membership_version v
LEFT JOIN orleans.membership m ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
ORDER BY m.address, m.port, m.generation
$sql$),

-- Adds a silo row only if @Version is still current. The version step runs first and takes the row lock; it
-- also refuses when the row already exists, so a 0 answer never leaves a bumped version behind.
('InsertMembershipKey', $sql$
WITH claimed AS (
    UPDATE orleans.membership_version
       SET version = version + 1,
           changed_at = now()
     WHERE cluster_id = @DeploymentId
       AND version = @Version
       AND NOT EXISTS (
           SELECT 1 FROM orleans.membership
            WHERE cluster_id = @DeploymentId
              AND address = @Address
              AND port = @Port
              AND generation = @Generation)
    RETURNING cluster_id
), added AS (
    INSERT INTO orleans.membership
        (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
      FROM claimed
    RETURNING 1
)
SELECT count(*)::integer FROM added
$sql$),

-- Changes status, suspicions and heartbeat of an existing row only if @Version is still current. As above, the
-- version step checks the row exists, so a missing row answers 0 without consuming a version.
('UpdateMembershipKey', $sql$
WITH claimed AS (
    UPDATE orleans.membership_version
       SET version = version + 1,
           changed_at = now()
     WHERE cluster_id = @DeploymentId
       AND version = @Version
       AND EXISTS (
           SELECT 1 FROM orleans.membership
            WHERE cluster_id = @DeploymentId
              AND address = @Address
              AND port = @Port
              AND generation = @Generation)
    RETURNING cluster_id
), changed AS (
    UPDATE orleans.membership m
       SET status = @Status,
           suspect_times = @SuspectTimes,
           i_am_alive_time = @IAmAliveTime
      FROM claimed c
     WHERE m.cluster_id = c.cluster_id
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer FROM changed
$sql$),

-- Heartbeat. Unversioned on purpose: it runs every IAmAliveTablePublishTimeout on every silo and decides nothing.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans.membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE cluster_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
$sql$),

-- Used by clients (the gateway) to find silos that accept client connections; Orleans passes @Status = Active.
('GatewaysQueryKey', $sql$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
FROM orleans.membership
WHERE cluster_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$sql$),

-- Removes a whole cluster; membership rows follow the version row through ON DELETE CASCADE.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans.membership_version
 WHERE cluster_id = @DeploymentId
$sql$),

-- Bulk removal of defunct rows, required by the provider's start-up check. Provider 10.4.2 only falls back to it
-- when CleanupDefunctSiloEntryKey is absent. Only Dead rows go: a row that is still Joining or ShuttingDown
-- belongs to a silo whose fate the cluster has not decided, and removing it would hide it from the vote.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans.membership
 WHERE cluster_id = @DeploymentId
   AND status = 6
   AND i_am_alive_time < @IAmAliveTime
$sql$),

-- Per-row removal (optional key, preferred by provider 10.4.2): Orleans has read the row, judged it Dead and
-- expired, and passes back what it saw. Delete only if the row is still Dead and its heartbeat has not moved
-- past what Orleans saw. @SuspectTimes is not compared: Dead is terminal, and a formatting round trip of
-- Orleans' suspicion string must not decide whether dead rows ever get removed.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans.membership
 WHERE cluster_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time <= @IAmAliveTime
$sql$);
