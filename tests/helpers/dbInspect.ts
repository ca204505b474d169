/**
 * Looking into a test's own PostgreSQL database directly: audit rows, and fault
 * injection on the update log (a slow insert is how we hold a group commit "in flight").
 */
import pg from 'pg'

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/** One row of `audit_events`, as the tests look at it. */
export interface AuditRow {
  action: string
  outcome: string
  actor_user_id: string | null
  case_id: string | null
  target: string | null
  details: Record<string, unknown> | null
}

/** The audit rows about document `target`, oldest first. */
export function auditEventsFor(url: string, target: string): Promise<AuditRow[]> {
  return withClient(url, async (c) =>
    (await c.query<AuditRow>(
      'SELECT action, outcome, actor_user_id, case_id, target, details FROM audit_events WHERE target = $1 ORDER BY id',
      [target],
    )).rows,
  )
}

/** The id of the user with e-mail `email`. */
export function userIdOf(url: string, email: string): Promise<string> {
  return withClient(url, async (c) => {
    const r = await c.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])
    if (!r.rows[0]) throw new Error(`no user ${email}`)
    return r.rows[0].id
  })
}

/** Whether a committed update-log row or snapshot of any document contains `marker` (UTF-8). */
export function isCommittedInUpdateLog(url: string, marker: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const r = await c.query(
      `SELECT 1 FROM doc_updates WHERE position($1::bytea IN data) > 0
       UNION ALL SELECT 1 FROM doc_snapshots WHERE position($1::bytea IN data) > 0 LIMIT 1`,
      [Buffer.from(marker, 'utf8')],
    )
    return r.rows.length > 0
  })
}

/**
 * Makes every insert into the update log whose bytes contain `marker` (UTF-8) sleep
 * `seconds` inside its transaction, so that group commit stays in flight that long.
 */
export async function delayUpdateLogInserts(url: string, marker: string, seconds: number): Promise<void> {
  const hex = Buffer.from(marker, 'utf8').toString('hex')
  const fn = `test_delay_${hex}`
  await withClient(url, async (c) => {
    await c.query(`
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF position('\\x${hex}'::bytea IN NEW.data) > 0 THEN PERFORM pg_sleep(${Number(seconds)}); END IF;
        RETURN NEW;
      END $$`)
    await c.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON doc_updates FOR EACH ROW EXECUTE FUNCTION ${fn}()`)
  })
}

/**
 * Makes PostgreSQL notice a vanished client within 100 ms even mid-statement, so a
 * SIGKILLed node's in-flight insert is rolled back rather than committed after the
 * fact. Applies to connections opened afterwards: call before starting the node.
 */
export async function abortStatementsOfVanishedClients(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1)
  await withClient(url, (c) => c.query(`ALTER DATABASE ${name} SET client_connection_check_interval = '100ms'`))
}

/**
 * Makes every snapshot write (the middle of a compaction, between reading the log and
 * deleting the folded rows) sleep `seconds` inside the compaction's transaction.
 */
export async function delaySnapshotWrites(url: string, seconds: number): Promise<void> {
  await withClient(url, async (c) => {
    await c.query(`
      CREATE FUNCTION test_delay_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_sleep(${Number(seconds)});
        RETURN NEW;
      END $$`)
    await c.query('CREATE TRIGGER test_delay_snapshot BEFORE INSERT ON doc_snapshots FOR EACH ROW EXECUTE FUNCTION test_delay_snapshot()')
  })
}

/** Whether the committed snapshot of `docName` contains `marker` (UTF-8): a compaction folded it in. */
export function isInSnapshot(url: string, docName: string, marker: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const r = await c.query(
      'SELECT 1 FROM doc_snapshots WHERE doc_name = $1 AND position($2::bytea IN data) > 0',
      [docName, Buffer.from(marker, 'utf8')],
    )
    return r.rows.length === 1
  })
}

/** Whether an insert into the update log is in flight, held by a delay trigger. */
export function isUpdateLogInsertDelayed(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const r = await c.query(
      `SELECT 1 FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event = 'PgSleep' AND query LIKE 'INSERT INTO doc_updates%'`,
    )
    return r.rows.length > 0
  })
}

/** Rows in the update log of one document. */
export async function updateLogRows(url: string, docName: string): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM doc_updates WHERE doc_name = $1', [docName])
    return Number(r.rows[0]!.n)
  })
}

/** Appends a raw row to a document's update log behind the hub's back (a poisoned log). */
export function plantUpdateRow(url: string, docName: string, update: Uint8Array): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query<{ id: string }>(
      "INSERT INTO doc_updates (doc_name, data, node_id) VALUES ($1, $2, 'planted') RETURNING id",
      [docName, Buffer.from(update)],
    )
    return Number(r.rows[0]!.id)
  })
}

/** Ids of the quarantined rows of a document, and whether any of them is still in the log. */
export function quarantineOf(url: string, docName: string): Promise<{ quarantined: number[]; stillInLog: number[] }> {
  return withClient(url, async (c) => {
    const q = await c.query<{ id: string }>('SELECT id FROM doc_quarantine WHERE doc_name = $1 ORDER BY id', [docName])
    const ids = q.rows.map((r) => r.id)
    const log = await c.query<{ id: string }>('SELECT id FROM doc_updates WHERE doc_name = $1 AND id = ANY($2::bigint[])', [docName, ids])
    return { quarantined: ids.map(Number), stillInLog: log.rows.map((r) => Number(r.id)) }
  })
}

/**
 * What is stored for `docName` (its snapshot, then its update-log rows in order), for a
 * test to apply into a fresh Y.Doc: the document as persisted, not as a reader that
 * migrates in memory would show it.
 */
export function storedDocUpdates(url: string, docName: string): Promise<Uint8Array[]> {
  return withClient(url, async (c) => {
    const snapshot = await c.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE doc_name = $1', [docName])
    const rows = await c.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE doc_name = $1 ORDER BY id', [docName])
    return [...snapshot.rows, ...rows.rows].map((r) => new Uint8Array(r.data))
  })
}
