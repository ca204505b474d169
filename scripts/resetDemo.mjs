#!/usr/bin/env node
// `npm run demo:reset`: deletes the embedded database (DATA_DIR, default ./data) so the
// next `npm start` seeds fresh fictional demo data. Refuses with DATABASE_URL set: a
// PostgreSQL database is dropped by its owner, not by this script.
import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'

if (process.env.DATABASE_URL) {
  process.stderr.write('demo:reset: DATABASE_URL is set; drop that database yourself (dropdb …), this script only resets the embedded one.\n')
  process.exit(2)
}
const dir = resolve(process.env.DATA_DIR ?? './data')
if (!existsSync(dir)) {
  process.stdout.write(`demo:reset: nothing to reset (${dir} does not exist).\n`)
  process.exit(0)
}
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`demo:reset: removed ${dir}; the next npm start seeds fresh demo data.\n`)
