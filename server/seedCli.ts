/** `npm run seed`: creates or refreshes the fictional demo data in the configured database. */
import { resolve } from 'node:path'
import { loadConfig, ConfigError } from './config'
import { migrate } from './db/migrate'
import { createPgDb } from './db/pgDb'
import { createPgliteDb } from './db/pgliteDb'
import { DEMO_USERS, seedDemo } from './seed'
import { createSqlDocStore } from './store/sqlDocStore'

try {
  const config = loadConfig()
  const db = config.databaseUrl
    ? await createPgDb(config.databaseUrl, (err) => process.stderr.write(`database error: ${err.message}\n`))
    : await createPgliteDb(resolve(config.dataDir, 'pglite'))
  await migrate(db)
  await seedDemo(db, createSqlDocStore(db), config.demoPassword)
  await db.close()
  process.stdout.write(`Demo data seeded: ${DEMO_USERS.map((u) => u.email).join(', ')} (password from DEMO_PASSWORD)\n`)
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? 'Configuration error' : 'Seed failed'}: ${(err as Error).message}\n`)
  process.exit(err instanceof ConfigError ? 2 : 1)
}
