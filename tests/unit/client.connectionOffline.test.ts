import { describe, expect, it } from 'vitest'
import { combineConnections } from '../../client/plan/connectionState'

const online = { status: 'connected', wasConnected: true, hasUnsentEdits: false } as const

describe('connection badge and the browser network state', () => {
  it('says offline as soon as the browser does, while the socket still looks connected', () => {
    expect(combineConnections([online, online], false)).toBe('offline')
  })

  it('keeps a refusal visible over a dropped network', () => {
    expect(combineConnections([online, { status: 'denied', wasConnected: true, hasUnsentEdits: false }], false)).toBe('denied')
  })

  it('follows the sockets again once the browser is back online', () => {
    expect(combineConnections([online, { status: 'connecting', wasConnected: true, hasUnsentEdits: false }], true)).toBe('reconnecting')
    expect(combineConnections([online, online], true)).toBe('connected')
  })
})
