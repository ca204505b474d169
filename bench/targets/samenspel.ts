/**
 * Samenspel itself: N nodes (`server/main.ts` as child processes) on one PostgreSQL
 * database and one Redis, every update committed to PostgreSQL before it is broadcast.
 * Clients are real partners: bench users created in the database (there is no user
 * API; the demo seed does the same), members of their cases through the JSON API,
 * logged in through `POST /api/session`, on the case's plan document.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { hashPassword } from '../../server/auth/password'
import { createPgDb } from '../../server/db/pgDb'
import { ensureOrganisation, upsertUser } from '../../server/store/users'
import { caseDocName } from '../../shared/protocol/docName'
import { projectRoot, startServerProcess, type ServerProcess } from '../lib/child'
import { BENCH_REDIS_URL, createDatabase, uniquePrefix } from '../lib/pg'
import { mapLimit } from '../lib/pool'
import { connectYWebsocket } from './providers'
import type { ClientSpec, RunningTarget, Target } from './target'

const SESSION_SECRET = 'bench-session-secret-that-is-long-enough-0123456789'
const DEMO_PASSWORD = 'demo-demo-demo'
const BENCH_PASSWORD = 'bench-bench-bench'
/** A partner has at most this many documents open at once (one per case), well under the per-user cap. */
const DOCS_PER_USER = 32

async function call<T>(baseUrl: string, cookie: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; setCookie: string | null }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, setCookie: res.headers.get('set-cookie') }
}

async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const r = await call(baseUrl, null, 'POST', '/api/session', { email, password })
  if (r.status !== 200 || !r.setCookie) throw new Error(`login ${email} failed: ${r.status}`)
  return r.setCookie.split(';')[0]!
}

/**
 * `profileDir`: run the nodes with `--cpu-prof` and write their profiles there on exit.
 * `asyncCommit`: connect with `synchronous_commit=off` (a what-if, never the default: the
 * commit is then visible before PostgreSQL has flushed it, so a *database* crash could
 * lose the last fraction of a second of acknowledged edits). Configured through
 * DATABASE_URL alone (`?options=-c synchronous_commit=off`), no server change.
 */
/**
 * Earlier code, run in the same run with the same edits, so a change's cost is a
 * before/after of one run without a switch in the server that turns it off: each runs
 * its server from a git worktree of that commit.
 */
export const EARLIER_COMMITS = {
  /** The last commit before the write guard (issue #10). */
  'samenspel-before-guard': { commit: 'f92575e', what: 'before the write guard' },
  /** The last commit before issue #18 (step-1 cache, presence throttle, shares, history in the commit). */
  'samenspel-before-i18': { commit: '0b3c03a', what: 'before issue #18' },
} as const
/** Name of an earlier-code target. */
export type EarlierTarget = keyof typeof EARLIER_COMMITS

/** A worktree of `commit` under bench-results/ that shares this checkout's node_modules. */
function worktreeOf(commit: string): string {
  const dir = join(projectRoot, 'bench-results', `worktree-${commit}`)
  if (!existsSync(join(dir, 'server', 'main.ts'))) {
    execFileSync('git', ['worktree', 'add', '--force', '--detach', dir, commit], { cwd: projectRoot, stdio: 'ignore' })
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

export function samenspelTarget(
  nodes: number,
  { profileDir, asyncCommit = false, earlier }: { profileDir?: string; asyncCommit?: boolean; earlier?: EarlierTarget } = {},
): Target {
  const name = earlier ?? (asyncCommit ? 'samenspel-async-commit' : 'samenspel')
  const past = earlier ? EARLIER_COMMITS[earlier] : null
  return {
    name,
    description: `Samenspel hub, ${nodes} node(s), Redis bus, PostgreSQL commit before broadcast${asyncCommit ? ' (synchronous_commit=off)' : ''}${past ? ` (code of ${past.commit}, ${past.what})` : ''}`,
    nodes,
    async start() {
      const cwd = past ? worktreeOf(past.commit) : projectRoot
      const database = await createDatabase()
      const databaseUrl = asyncCommit ? `${database.url}?options=${encodeURIComponent('-c synchronous_commit=off')}` : database.url
      const env: Record<string, string> = {
        PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, REDIS_URL: BENCH_REDIS_URL,
        REDIS_PREFIX: uniquePrefix('samenspel'), SESSION_SECRET, SEED_DEMO: 'true', DEMO_PASSWORD,
        SERVE_CLIENT: 'false', LOG_LEVEL: 'info',
      }
      const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${name}`] : []
      let procs: ServerProcess[] = []
      const startAll = async () => {
        // The first node migrates and seeds; the others start once it is up.
        procs = [await startServerProcess('server/main.ts', { ...env, NODE_ID: 'bench-0' }, { label: `${name} node 0`, nodeArgs, cwd })]
        for (let i = 1; i < nodes; i++) procs.push(await startServerProcess('server/main.ts', { ...env, NODE_ID: `bench-${i}` }, { label: `${name} node ${i}`, nodeArgs, cwd }))
      }
      await startAll()
      const db = await createPgDb(database.url, () => undefined)
      let userSeq = 0

      const target: RunningTarget = {
        nodePids: () => procs.map((p) => p.pid),
        async prepare(docs, clientsPerDoc) {
          const base = procs[0]!.url
          const shards = Math.ceil(docs / DOCS_PER_USER)
          const userCount = clientsPerDoc * shards
          const orgId = await ensureOrganisation(db, 'Benchmarkpartner (fictief)', 'wijkteam')
          const hash = await hashPassword(BENCH_PASSWORD)
          const first = userSeq
          userSeq += userCount
          const emails = Array.from({ length: userCount }, (_, i) => `bench-${first + i}@bench.test`)
          for (const [i, email] of emails.entries()) {
            await upsertUser(db, { email, name: `Benchpartner ${first + i}`, organisationId: orgId, passwordHash: hash })
          }
          const chair = await login(base, 'chair@demo.test', DEMO_PASSWORD)
          const caseIds = await mapLimit(Array.from({ length: docs }, (_, d) => d), 8, async (d) => {
            const created = await call<{ id: string }>(base, chair, 'POST', '/api/cases', { title: `Gezin B${d} (benchmark)` })
            if (created.status !== 201) throw new Error(`creating a case failed: ${created.status}`)
            return created.body.id
          })
          const memberships = caseIds.flatMap((caseId, d) =>
            Array.from({ length: clientsPerDoc }, (_, k) => ({ caseId, email: emails[k + clientsPerDoc * (d % shards)]! })))
          await mapLimit(memberships, 8, async ({ caseId, email }) => {
            const added = await call(base, chair, 'POST', `/api/cases/${caseId}/members`, { email, ring: 'inner', role: 'member' })
            if (added.status !== 201) throw new Error(`adding ${email} failed: ${added.status} ${JSON.stringify(added.body)}`)
          })
          const cookies = await mapLimit(emails, 4, (email) => login(base, email, BENCH_PASSWORD))
          let n = 0
          return caseIds.map((caseId, d) => Array.from({ length: clientsPerDoc }, (_, k) => ({
            nodeUrl: procs[n++ % procs.length]!.url,
            docName: caseDocName(caseId, 'plan'),
            cookie: cookies[k + clientsPerDoc * (d % shards)]!,
          })))
        },
        connect(spec) {
          return connectYWebsocket(spec.nodeUrl.replace(/^http/, 'ws') + '/collab', spec.docName, spec.cookie)
        },
        async restart() {
          await Promise.all(procs.map((p) => p.stop()))
          await startAll()
        },
        respec(spec: ClientSpec, nodeIndex: number) {
          return { ...spec, nodeUrl: procs[nodeIndex % procs.length]!.url }
        },
        scrapeMetrics: () => Promise.all(procs.map(async (p) => (await fetch(`${p.url}/metrics`)).text())),
        async stop() {
          await Promise.all(procs.map((p) => p.stop()))
          await db.close()
          await database.drop()
        },
      }
      return target
    },
  }
}
