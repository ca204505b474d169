/** Organisations and users in the database. */
import { randomUUID } from 'node:crypto'
import type { Sql } from '../db/db'

/** A user row with what login needs. */
export interface UserRecord {
  id: string
  email: string
  name: string
  organisationId: string
  passwordHash: string
}

/** Finds a user by e-mail (already lower-cased by the body schema). */
export async function findUserByEmail(db: Sql, email: string): Promise<UserRecord | null> {
  const rows = await db.query<{ id: string; email: string; name: string; organisation_id: string; password_hash: string }>(
    'SELECT id, email, name, organisation_id, password_hash FROM users WHERE email = $1',
    [email],
  )
  const r = rows[0]
  return r
    ? { id: r.id, email: r.email, name: r.name, organisationId: r.organisation_id, passwordHash: r.password_hash }
    : null
}

/** Creates an organisation if no organisation of that name exists; returns its id. */
export async function ensureOrganisation(db: Sql, name: string, kind: string): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO organisations (id, name, kind) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
    [randomUUID(), name, kind],
  )
  return rows[0]!.id
}

/** Creates a user if the e-mail is new, else updates name, organisation and hash; returns its id. */
export async function upsertUser(
  db: Sql,
  u: { email: string; name: string; organisationId: string; passwordHash: string; isPrivacyOfficer?: boolean },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (id, email, name, organisation_id, password_hash, is_privacy_officer)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, organisation_id = EXCLUDED.organisation_id,
       password_hash = EXCLUDED.password_hash, is_privacy_officer = EXCLUDED.is_privacy_officer
     RETURNING id`,
    [randomUUID(), u.email, u.name, u.organisationId, u.passwordHash, u.isPrivacyOfficer ?? false],
  )
  return rows[0]!.id
}

/** A user's name and organisation name, for showing who someone is. */
export interface UserName {
  id: string
  name: string
  organisation: string
}

/** The names of these users with their organisations' names; unknown ids are left out. */
export async function findUserNames(db: Sql, ids: readonly string[]): Promise<UserName[]> {
  if (ids.length === 0) return []
  return db.query<UserName>(
    'SELECT u.id, u.name, o.name AS organisation FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ANY($1::uuid[])',
    [[...ids]],
  )
}
