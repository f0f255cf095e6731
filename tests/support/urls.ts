/** The same server, another database. */
export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The maintenance database of the server in DATABASE_URL, to create and drop test databases. */
export function adminUrl(base: string): string {
  return databaseUrl(base, "postgres");
}
