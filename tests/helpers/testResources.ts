/**
 * What a collab test opens — a cluster, y-websocket clients, raw sockets — closed after
 * each test in the right order (clients before the nodes they talk to).
 */
import { afterEach } from 'vitest'
import type { DocClient } from './clients'
import type { Cluster } from './clusters'
import type { RawSocket } from './rawSockets'

export interface TestResources {
  cluster: Cluster | null
  clients: DocClient[]
  sockets: RawSocket[]
}

/** Call inside `describe`; registers the `afterEach` that closes everything. */
export function useTestResources(): TestResources {
  const r: TestResources = { cluster: null, clients: [], sockets: [] }
  afterEach(async () => {
    for (const c of r.clients.splice(0)) c.destroy()
    for (const s of r.sockets.splice(0)) s.ws.terminate()
    await r.cluster?.close()
    r.cluster = null
  })
  return r
}
