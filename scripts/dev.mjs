#!/usr/bin/env node
// `npm run dev`: the server with reload (tsx watch) on :3000 and Vite with HMR on :5173,
// which proxies /api, /collab and /healthz to the server.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const env = { ...process.env, PORT: process.env.PORT ?? '3000', SERVE_CLIENT: 'false', PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN ?? 'http://localhost:5173' }
const children = [
  spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', 'server/main.ts'], { cwd: root, stdio: 'inherit', env }),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1'], { cwd: root, stdio: 'inherit' }),
]
const stop = (sig) => children.forEach((c) => c.kill(sig))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig))
for (const c of children) c.on('exit', (code) => { stop('SIGTERM'); process.exitCode = code ?? 0 })
