/**
 * A system under test: Samenspel's hub or one of the baseline peers. The generator only
 * sees documents and clients; how a target authenticates or names documents stays here.
 */
import type * as Y from 'yjs'

/** Where one client connects and as whom. */
export interface ClientSpec {
  /** Node base URL (http://…) the client is assigned to (round-robin over the nodes). */
  nodeUrl: string
  docName: string
  /** Session cookie (`name=value`) for targets that authenticate; null otherwise. */
  cookie: string | null
}

/** One connected client. */
export interface BenchClient {
  doc: Y.Doc
  /** Resolves on the provider's first completed sync. */
  synced: Promise<void>
  destroy(): void
}

/** A started target. */
export interface RunningTarget {
  /** Server node processes (for CPU and RSS); read again after a restart. */
  nodePids(): number[]
  /** Creates `docs` documents for `clientsPerDoc` clients each; result is [doc][client]. */
  prepare(docs: number, clientsPerDoc: number): Promise<ClientSpec[][]>
  connect(spec: ClientSpec): BenchClient
  /** Stops every node gracefully and starts them again on new ports (cold load). */
  restart(): Promise<void>
  /** Specs pointing at the current nodes after a restart. */
  respec(spec: ClientSpec, nodeIndex: number): ClientSpec
  stop(): Promise<void>
  /** Prometheus text of each node's /metrics, for targets that have them (Samenspel). */
  scrapeMetrics?(): Promise<string[]>
}

/** A target kind. */
export interface Target {
  name: string
  /** What it is, for the report. */
  description: string
  nodes: number
  /** `persistent`: keep documents in PostgreSQL (always true for ours). */
  start(opts: { persistent: boolean }): Promise<RunningTarget>
}
