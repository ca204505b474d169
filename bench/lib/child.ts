/**
 * Server processes of the benchmark: started as children so their CPU and memory can be
 * read from /proc, stopped by their own PID only.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))

/** A running server process. */
export interface ServerProcess {
  pid: number
  port: number
  url: string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>
}

/**
 * Runs `node --import tsx <script>` and waits for a JSON log line with `"msg":"listening"`
 * and a `port` (the format of server/main.ts; the peer scripts print the same).
 */
export async function startServerProcess(
  script: string,
  env: Record<string, string>,
  { timeoutMs = 60_000, label = script, nodeArgs = [] as string[], cwd = projectRoot } = {},
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let stderr = ''
  child.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
  })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL') // never leave a half-started server behind
      reject(new Error(`${label} did not start in ${timeoutMs} ms: ${stderr}`))
    }, timeoutMs)
    let buf = ''
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString()
      const lines = buf.split('\n')
      buf = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.includes('"msg":"listening"')) continue
        clearTimeout(timer)
        resolve((JSON.parse(line) as { port: number }).port)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${label} exited with ${code}: ${stderr}`))
    })
  })
  // Keep draining stdout so a chatty child never blocks on a full pipe.
  child.stdout!.on('data', (d: Buffer) => {
    if (process.env.BENCH_ECHO) process.stderr.write(d)
  })
  return {
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}
