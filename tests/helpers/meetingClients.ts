/**
 * Meeting participants as a browser would be: a real socket.io-client on the node's
 * `/meetings` namespace (websocket only, the session cookie in the upgrade), keeping
 * every `meeting:state` it receives and every raw engine.io frame (to prove what never
 * arrived).
 */
import { io, type Socket } from 'socket.io-client'
import type { MeetingAck, MeetingCommandInput } from '../../shared/meetings/schemas'
import type { MeetingView } from '../../shared/meetings/state'
import { api } from './clients'
import { until } from './until'

/** One participant's meeting socket. */
export interface MeetingClient {
  socket: Socket
  /** Every state received, in order. */
  states: MeetingView[]
  /** Every raw frame the engine received (text frames as strings). */
  frames: string[]
  /** Reasons of `meeting:ended` events. */
  ended: string[]
  /** The newest state (highest seq). */
  latest(): MeetingView | null
  join(meetingId: string): Promise<MeetingAck<{ state: MeetingView }>>
  command(cmd: MeetingCommandInput | Record<string, unknown>): Promise<MeetingAck<{ version?: number }>>
  emitRaw(event: string, ...args: unknown[]): Promise<unknown>
  /** Waits until the newest state satisfies `check`. */
  until(check: (s: MeetingView) => boolean, timeoutMs?: number): Promise<MeetingView>
  close(): void
}

/** Connects to the node's meeting namespace as the user of `cookie`. */
export async function connectMeeting(baseUrl: string, cookie: string | null, { origin }: { origin?: string } = {}): Promise<MeetingClient> {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (origin) headers.origin = origin
  const socket = io(`${baseUrl}/meetings`, { transports: ['websocket'], extraHeaders: headers, reconnectionDelay: 100, reconnectionDelayMax: 300 })
  const states: MeetingView[] = []
  const frames: string[] = []
  const ended: string[] = []
  socket.io.on('open', () => socket.io.engine.on('data', (d: unknown) => frames.push(typeof d === 'string' ? d : `<binary ${String((d as ArrayBuffer).byteLength)}>`)))
  socket.on('meeting:state', (s: MeetingView) => states.push(s))
  socket.on('meeting:ended', (e: { reason: string }) => ended.push(e.reason))
  const latest = () => states.reduce<MeetingView | null>((best, s) => (!best || s.seq >= best.seq ? s : best), null)
  const emit = (event: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no ack for ${event}`)), 5000)
      socket.emit(event, ...args, (ack: unknown) => {
        clearTimeout(t)
        resolve(ack)
      })
    })
  const client: MeetingClient = {
    socket, states, frames, ended, latest,
    async join(meetingId) {
      const ack = (await emit('join', { meetingId })) as MeetingAck<{ state: MeetingView }>
      if (ack.ok) states.push(ack.state)
      return ack
    },
    command: (cmd) => emit('command', cmd) as Promise<MeetingAck<{ version?: number }>>,
    emitRaw: emit,
    until: (check, timeoutMs = 3000) => until(() => {
      const s = latest()
      return s && check(s) ? s : null
    }, { timeoutMs, message: 'meeting state' }),
    close: () => void socket.close(),
  }
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('meeting socket did not connect')), 5000)
    socket.once('connect', () => (clearTimeout(t), resolve()))
    socket.once('connect_error', (err) => (clearTimeout(t), reject(err)))
  })
  return client
}

/** Creates a meeting on the case as the user of `cookie`. */
export async function makeMeeting(baseUrl: string, cookie: string, caseId: string, format: 'mda' | 'leertafel' | 'gesprek' | 'workshop', { start = true } = {}): Promise<string> {
  const made = await api<{ id: string }>(baseUrl, cookie, 'POST', `/api/cases/${caseId}/meetings`, { format })
  if (made.status !== 201) throw new Error(`creating a meeting failed: ${made.status} ${JSON.stringify(made.body)}`)
  if (start) {
    const started = await api(baseUrl, cookie, 'POST', `/api/meetings/${made.body.id}/start`)
    if (started.status !== 200) throw new Error(`starting the meeting failed: ${started.status}`)
  }
  return made.body.id
}
