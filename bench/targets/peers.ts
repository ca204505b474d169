/**
 * The baseline peers, started the way their documentation runs them: Hocuspocus with its
 * Redis extension on N nodes, and @y/websocket-server on one node. Neither authenticates;
 * both keep documents in memory only, unless `persistent` (cold load), when each stores
 * the whole document state in PostgreSQL the way its own persistence hook does.
 */
import { startServerProcess, type ServerProcess } from '../lib/child'
import { BENCH_REDIS_URL, createDatabase, uniquePrefix } from '../lib/pg'
import { connectHocuspocus, connectYWebsocket } from './providers'
import type { ClientSpec, RunningTarget, Target } from './target'

function peerTarget(opts: {
  name: string; description: string; script: string; nodes: number; profileDir?: string
  env: () => Record<string, string>
  connect: (nodeUrl: string, docName: string) => ReturnType<RunningTarget['connect']>
}): Target {
  return {
    name: opts.name,
    description: opts.description,
    nodes: opts.nodes,
    async start({ persistent }) {
      const database = persistent ? await createDatabase() : null
      const env = { ...opts.env(), ...(database ? { PERSIST_DATABASE_URL: database.url } : {}) }
      const nodeArgs = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}/${opts.name}`] : []
      let procs: ServerProcess[] = []
      let docSeq = 0
      const startAll = async () => {
        procs = []
        for (let i = 0; i < opts.nodes; i++) {
          procs.push(await startServerProcess(opts.script, { ...env, PORT: '0', NODE_ID: `${opts.name}-${i}` }, { label: `${opts.name} node ${i}`, nodeArgs }))
        }
      }
      await startAll()
      return {
        nodePids: () => procs.map((p) => p.pid),
        async prepare(docs, clientsPerDoc) {
          let n = 0
          return Array.from({ length: docs }, () => {
            const docName = `bench-doc-${docSeq++}`
            return Array.from({ length: clientsPerDoc }, () => ({ nodeUrl: procs[n++ % procs.length]!.url, docName, cookie: null }))
          })
        },
        connect: (spec) => opts.connect(spec.nodeUrl, spec.docName),
        async restart() {
          await Promise.all(procs.map((p) => p.stop()))
          await startAll()
        },
        respec: (spec: ClientSpec, nodeIndex: number) => ({ ...spec, nodeUrl: procs[nodeIndex % procs.length]!.url }),
        async stop() {
          await Promise.all(procs.map((p) => p.stop()))
          await database?.drop()
        },
      }
    },
  }
}

export function hocuspocusTarget(nodes: number, profileDir?: string): Target {
  return peerTarget({
    profileDir,
    name: 'hocuspocus',
    description: `@hocuspocus/server 3.4 + extension-redis, ${nodes} node(s)`,
    script: 'bench/peers/hocuspocusServer.ts',
    nodes,
    env: () => ({ REDIS_URL: BENCH_REDIS_URL, REDIS_PREFIX: uniquePrefix('hocuspocus') }),
    connect: (nodeUrl, docName) => connectHocuspocus(nodeUrl.replace(/^http/, 'ws'), docName),
  })
}

export function yWebsocketServerTarget(profileDir?: string): Target {
  return peerTarget({
    profileDir,
    name: 'y-websocket-server',
    description: '@y/websocket-server 0.1.1, 1 node (no multi-node support)',
    script: 'bench/peers/yWebsocketServer.ts',
    nodes: 1,
    env: () => ({}),
    connect: (nodeUrl, docName) => connectYWebsocket(nodeUrl.replace(/^http/, 'ws'), docName, null),
  })
}
