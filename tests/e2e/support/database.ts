import type pg from "pg";

/**
 * A query of the test's own bookkeeping. Retried once when the server terminated the pooled
 * connection (57P01, seen in CI on idle connections, in the fuzz and first-operator specs): not what a spec tests.
 */
export async function checkQuery(db: pg.Pool, sql: string, values: unknown[]): Promise<pg.QueryResult> {
  try {
    return await db.query(sql, values);
  } catch (error) {
    if ((error as { code?: string }).code !== "57P01") throw error;
    return db.query(sql, values);
  }
}
