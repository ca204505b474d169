/** Where the session secret comes from: the env, or (embedded mode) a file in DATA_DIR. */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Config } from '../config'
import { ConfigError } from '../config'

/**
 * Returns SESSION_SECRET, or in embedded mode one generated once and kept in
 * `DATA_DIR/session-secret` (mode 0600).
 * @throws ConfigError when DATABASE_URL is set without SESSION_SECRET: nodes sharing a
 * database must share the secret, and a random one per node would log everyone out.
 */
export async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret
  if (config.databaseUrl) {
    throw new ConfigError('SESSION_SECRET: required when DATABASE_URL is set (every node must use the same one)')
  }
  const file = join(config.dataDir, 'session-secret')
  try {
    const existing = (await readFile(file, 'utf8')).trim()
    if (existing.length >= 32) return existing
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  await mkdir(config.dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  await writeFile(file, secret + '\n', { mode: 0o600 })
  return secret
}
