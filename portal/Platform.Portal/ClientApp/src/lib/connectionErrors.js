// The control plane's live-check codes, said the way a person setting up a project would understand them.
const messages = {
  VALIDATION_FAILED: 'This is not a PostgreSQL connection string. Use postgres://user:password@host:5432/database or host=... user=... key=value pairs.',
  DATABASE_HOST_REFUSED: 'This host cannot be used: the platform does not connect to loopback, private or reserved addresses. Use your database\'s public host name.',
  PLATFORM_DATABASE_REFUSED: 'This is the platform\'s own database. Point the project at your application\'s database instead.',
  DATABASE_UNREACHABLE: 'We could not reach the database within 5 seconds. Check the host name and port, and that the database accepts connections from the platform.',
  DATABASE_AUTH_FAILED: 'The database refused the user name or password. Check both, and that this user may log in.',
  DATABASE_VERSION_UNSUPPORTED: 'This PostgreSQL is too old: the platform needs version 13 or newer.',
  DATABASE_LOGIN_PRIVILEGED: 'This user has too much power (superuser, CREATEROLE, REPLICATION or BYPASSRLS). Create a dedicated login without those rights.',
  DATABASE_ROLES_MISSING: 'Roles named in the settings do not exist in this database.',
  DATABASE_CATALOG_UNREADABLE: 'This user cannot read the database catalog (pg_catalog, information_schema), so the API cannot be built.',
};

export function connectionMessage(error) {
  const base = messages[error.code];
  if (!base) return error.message;
  if (error.code === 'VALIDATION_FAILED') return error.fieldErrors?.connectionString?.join(' ') || base;
  return error.problem?.detail && error.code === 'DATABASE_ROLES_MISSING' ? `${base} ${error.problem.detail}` : base;
}
