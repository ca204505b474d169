/**
 * A private redis-server for fault tests: started on a free port, killed by its own
 * PID and started again on the same port. Never the machine's shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { until } from './until'

/** A redis-server child process this test owns. */
export interface RedisServer {
  port: number
  url: string
  /** SIGKILL by PID and wait for the exit (no-op when not running). */
  kill(): Promise<void>
  /** Starts it again on the same port and waits until it accepts connections. */
  restart(): Promise<void>
  /** SIGSTOP: connections stay open and nothing is answered (a hung Redis). */
  pause(): void
  /** SIGCONT after `pause`. */
  resume(): void
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1')
    const done = (ok: boolean) => (s.destroy(), resolve(ok))
    s.setTimeout(500, () => done(false))
    s.once('error', () => done(false))
    s.once('connect', () => s.write('PING\r\n'))
    s.once('data', (d) => done(d.toString().startsWith('+PONG')))
  })
}

/**
 * Starts `redis-server` on a free port without persistence, bound to 127.0.0.1.
 * @throws when it does not answer PING within 5 s.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()
  const launch = async () => {
    const c = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' })
    child = c
    exited = new Promise<void>((r) => c.once('exit', () => r()))
    await until(() => answersPing(port), { timeoutMs: 5000, intervalMs: 25, message: `redis-server on ${port} answers PING` })
  }
  await launch()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const c = child
      if (!c || c.exitCode !== null || c.signalCode !== null) return
      process.kill(c.pid!, 'SIGKILL')
      await exited
    },
    restart: launch,
    pause: () => void process.kill((child as ChildProcess | null)!.pid!, 'SIGSTOP'),
    resume: () => void process.kill((child as ChildProcess | null)!.pid!, 'SIGCONT'),
  }
}
