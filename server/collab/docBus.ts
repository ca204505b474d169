/**
 * One document's link to the bus: its channel, the messages held while the document
 * loads (subscribed first, so nothing published meanwhile is missed), and publishing,
 * which is at-most-once by design (anti-entropy on the other nodes picks up a loss).
 * Our own messages are ignored; what the messages mean is the HubDoc's business.
 */
import type { Bus, BusHandler } from '../bus/bus'
import type { Logger } from '../log'
import type { CollabMetrics } from '../metrics'
import { decodeFanout, docChannel, type FanoutMessage } from './fanout'

/** Bus messages held while the document loads; more means something is badly wrong. */
const MAX_BUFFERED_BUS_MESSAGES = 10_000

/** What a {@link DocBus} needs from the hub. */
export interface DocBusDeps {
  bus: Bus
  log: Logger
  metrics: CollabMetrics
  /** This process's id on the bus: its own messages come back and are ignored. */
  nodeId: string
}

/** A document's bus channel: subscribe, hold while loading, deliver, publish. */
export class DocBus {
  private buffer: FanoutMessage[] | null = []
  private readonly channel: string
  private readonly handler: BusHandler = (bytes) => this.handleMessage(bytes)

  /** @param deliver gets every other node's message once {@link open} was called. */
  constructor(private readonly docName: string, private readonly deps: DocBusDeps, private readonly deliver: (m: FanoutMessage) => void) {
    this.channel = docChannel(docName)
  }

  /** True until {@link open}: messages are being held. */
  get isLoading(): boolean {
    return this.buffer !== null
  }

  /** Starts listening; messages are held until {@link open}. */
  subscribe(): Promise<void> {
    return this.deps.bus.subscribe(this.channel, this.handler)
  }

  /** The document is loaded: delivers what was held, then every message as it comes. */
  open(): void {
    const held = this.buffer ?? []
    this.buffer = null
    for (const m of held) this.deliver(m)
  }

  /** Stops listening; a failure is logged (the channel goes quiet with the process anyway). */
  async unsubscribe(): Promise<void> {
    await this.deps.bus.unsubscribe(this.channel, this.handler).catch((err: Error) =>
      this.deps.log.warn({ docName: this.docName, err: err.message }, 'bus unsubscribe failed'),
    )
  }

  /** Publishes to the other nodes; a failure is counted, never thrown (at-most-once). */
  async publish(message: Uint8Array): Promise<void> {
    try {
      await this.deps.bus.publish(this.channel, message)
    } catch (err) {
      this.deps.metrics.busPublishFailures.inc()
      this.deps.log.debug({ docName: this.docName, err: (err as Error).message }, 'bus publish failed')
    }
  }

  private handleMessage(bytes: Uint8Array): void {
    const m = decodeFanout(bytes)
    if (!m) return void this.deps.log.warn({ docName: this.docName }, 'ignored unknown bus message')
    if (m.nodeId === this.deps.nodeId) return
    this.deps.metrics.busMessagesIn.inc()
    if (this.buffer) {
      if (this.buffer.length < MAX_BUFFERED_BUS_MESSAGES) this.buffer.push(m)
      return
    }
    this.deliver(m)
  }
}
