/**
 * Prometheus metrics (prom-client), one registry per node so several nodes can live in
 * one test process. Exposed at `GET /metrics`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** The metrics the doc hub updates. */
export interface CollabMetrics {
  updatesIn: Counter
  updatesOut: Counter
  droppedReadOnly: Counter
  malformed: Counter
  rateLimited: Counter
  persistSeconds: Histogram
  busMessagesIn: Counter
  busPublishFailures: Counter
  antiEntropyApplied: Counter
  /** Client updates the write guard refused, by step (structure, client-id, apply, schema, authority, budget). */
  refused: Counter<'step'>
  /** Update-log rows moved to quarantine: alert on any increase. */
  quarantinedRows: Counter
  /** Documents that failed and were closed for a reload. */
  docFailures: Counter
  /** Open connections whose access was re-checked (revocation, session end, sweep). */
  accessRechecks: Counter
}

/** The node's metrics registry and the instruments in it. */
export interface Metrics {
  registry: Registry
  collab: CollabMetrics
  /** Registers gauges whose values are read at scrape time. */
  gauge(name: string, help: string, read: () => number): void
}

/** Creates the registry with default process metrics and the hub's instruments. */
export function createMetrics(nodeId: string): Metrics {
  const registry = new Registry()
  registry.setDefaultLabels({ node: nodeId })
  collectDefaultMetrics({ register: registry })
  const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] })
  return {
    registry,
    collab: {
      updatesIn: counter('samenspel_collab_updates_in_total', 'Document updates accepted from clients'),
      updatesOut: counter('samenspel_collab_updates_out_total', 'Update frames sent to clients'),
      droppedReadOnly: counter('samenspel_collab_readonly_dropped_total', 'Updates dropped from read-only connections'),
      malformed: counter('samenspel_collab_malformed_total', 'Connections closed for malformed or oversize frames'),
      rateLimited: counter('samenspel_collab_rate_limited_total', 'Connections closed for exceeding the message rate'),
      persistSeconds: new Histogram({
        name: 'samenspel_collab_persist_seconds',
        help: 'Time to persist one group commit of updates',
        buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registers: [registry],
      }),
      busMessagesIn: counter('samenspel_bus_messages_in_total', 'Messages received from other nodes'),
      busPublishFailures: counter('samenspel_bus_publish_failures_total', 'Bus publishes that failed'),
      antiEntropyApplied: counter('samenspel_collab_anti_entropy_runs_total', 'Anti-entropy catch-ups run'),
      refused: new Counter({
        name: 'samenspel_collab_refused_updates_total', help: 'Client updates refused by the write guard', labelNames: ['step'], registers: [registry],
      }),
      quarantinedRows: counter('samenspel_collab_quarantined_rows_total', 'Update-log rows that could not be applied, moved to quarantine (alert)'),
      docFailures: counter('samenspel_collab_doc_failures_total', 'Documents closed for a reload after an error'),
      accessRechecks: counter('samenspel_collab_access_rechecks_total', 'Open connections whose access was re-checked'),
    },
    gauge(name, help, read) {
      new Gauge({ name, help, registers: [registry], collect() { this.set(read()) } })
    },
  }
}
