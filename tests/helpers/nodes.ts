/**
 * Starting server nodes for tests: in this process (`startNode`) or as a child process
 * that can be SIGKILLed (`spawnNode`). Both listen on port 0.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { pino } from 'pino'
import { loadConfig } from '../../server/config'
import { startServer, type RunningServer, type StartOptions } from '../../server/main'

const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
/** Same secret for every node of a test, as a deployment would have. */
export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789'

/** Environment of a test node. */
export interface NodeEnv {
  DATABASE_URL?: string
  DATA_DIR?: string
  REDIS_URL?: string
  REDIS_PREFIX?: string
  NODE_ID?: string
  SEED_DEMO?: string
  [key: string]: string | undefined
}

function baseEnv(env: NodeEnv): Record<string, string> {
  const e: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', SESSION_SECRET: TEST_SESSION_SECRET, SEED_DEMO: 'true', SERVE_CLIENT: 'false', LOG_LEVEL: 'warn' }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) e[k] = v
  return e
}

/** Starts a node in this process. */
export async function startNode(env: NodeEnv, opts: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(baseEnv(env))
  return startServer(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...opts })
}

/** A node in a child process. */
export interface SpawnedNode {
  url: string
  port: number
  process: ChildProcess
  /** SIGKILL: no shutdown, no flush. */
  kill(): Promise<void>
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>
}

/** Starts a node as a child process and waits for its "listening" log line. */
export async function spawnNode(env: NodeEnv, { timeoutMs = 30_000 } = {}): Promise<SpawnedNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...baseEnv({ LOG_LEVEL: 'info', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs)
    let buf = ''
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString()
      for (const line of buf.split('\n')) {
        if (!line.includes('"msg":"listening"')) continue
        clearTimeout(timer)
        resolve((JSON.parse(line) as { port: number }).port)
      }
      buf = buf.slice(buf.lastIndexOf('\n') + 1)
    })
    child.once('exit', (code) => reject(new Error(`node exited with ${code}: ${stderr}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}
