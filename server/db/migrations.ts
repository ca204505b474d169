/**
 * The migration set, one SQL dialect for PostgreSQL and PGlite. Append only: a
 * released migration is never edited; a change is a new entry.
 */

/** One schema step. */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core',
    sql: `
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        password_hash text NOT NULL,
        is_privacy_officer boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        start_date date NOT NULL DEFAULT CURRENT_DATE,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE case_members (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        ring text NOT NULL CHECK (ring IN ('inner', 'outer')),
        role text NOT NULL CHECK (role IN ('member', 'reader', 'chair')),
        is_case_director boolean NOT NULL DEFAULT false,
        added_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, user_id)
      );
      CREATE INDEX case_members_user ON case_members (user_id);
      CREATE TABLE doc_updates (
        id bigserial PRIMARY KEY,
        doc_name text NOT NULL,
        data bytea NOT NULL,
        node_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX doc_updates_doc ON doc_updates (doc_name, id);
      CREATE TABLE doc_snapshots (
        doc_name text PRIMARY KEY,
        data bytea NOT NULL,
        upto_id bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_org_id uuid,
        case_id uuid,
        action text NOT NULL,
        target text,
        outcome text NOT NULL,
        ip text,
        client text,
        details jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_events_case ON audit_events (case_id, id);
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'doc-guard',
    sql: `
      -- Who introduced each Yjs client id of a document: a user writes only under ids
      -- that are their own, on any node (server/collab/clientIds.ts).
      CREATE TABLE doc_clients (
        doc_name text NOT NULL,
        client_id bigint NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (doc_name, client_id)
      );
      -- Update-log rows that could not be applied (a poisoned log from before the write
      -- guard, or a bug), moved aside so the document loads without them.
      CREATE TABLE doc_quarantine (
        id bigint PRIMARY KEY,
        doc_name text NOT NULL,
        data bytea NOT NULL,
        node_id text NOT NULL,
        created_at timestamptz NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL
      );
      CREATE INDEX doc_quarantine_doc ON doc_quarantine (doc_name, id);
    `,
  },
  {
    version: 3,
    name: 'session-idle',
    sql: `
      ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX sessions_expiry ON sessions (expires_at)
    `,
  },
  {
    version: 4,
    name: 'plan-versions',
    sql: `
      -- Adopted versions of a case's plan: the server's own state of both documents at
      -- adoption, immutable (a correction is version n + 1).
      CREATE TABLE plan_versions (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        n integer NOT NULL,
        adopted_at timestamptz NOT NULL DEFAULT now(),
        adopted_by uuid NOT NULL REFERENCES users(id),
        meeting_id uuid,
        plan_state bytea NOT NULL,
        inner_state bytea NOT NULL,
        PRIMARY KEY (case_id, n)
      );
      CREATE TABLE version_acks (
        case_id uuid NOT NULL,
        n integer NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        acked_at timestamptz NOT NULL DEFAULT now(),
        objection text,
        PRIMARY KEY (case_id, n, user_id),
        FOREIGN KEY (case_id, n) REFERENCES plan_versions(case_id, n) ON DELETE CASCADE
      );
      -- In-app notices: a case code and a version number, never plan content.
      CREATE TABLE notices (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL,
        version integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE INDEX notices_user ON notices (user_id, created_at)
    `,
  },
  {
    version: 5,
    name: 'meetings',
    sql: `
      -- The whole state of a meeting (shared/meetings/state.ts) as one JSON document, written
      -- with its sequence number as a compare-and-set (two nodes never both win).
      CREATE TABLE meetings (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        status text NOT NULL,
        seq integer NOT NULL,
        state jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX meetings_case ON meetings (case_id, created_at);
      -- Who is connected to which meeting on which node: a node refreshes its own rows, and
      -- rows of a node that stopped refreshing are not counted.
      CREATE TABLE meeting_presence (
        socket_id text PRIMARY KEY,
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        name text NOT NULL,
        organisation text NOT NULL,
        ring text NOT NULL,
        can_write boolean NOT NULL,
        node_id text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX meeting_presence_meeting ON meeting_presence (meeting_id)
    `,
  },
  {
    version: 6,
    name: 'item-history',
    sql: `
      -- Earlier values of plan items, recorded by the server from each committed update
      -- (server/plan/itemHistory.ts): who changed which field of which item, from what, to what.
      CREATE TABLE item_history (
        id bigserial PRIMARY KEY,
        doc_name text NOT NULL,
        item_id text NOT NULL,
        field text NOT NULL,
        old_value jsonb,
        new_value jsonb,
        user_id uuid NOT NULL,
        name text NOT NULL,
        organisation text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX item_history_item ON item_history (doc_name, item_id, id)
    `,
  },
]
