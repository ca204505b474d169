/**
 * What the hub writes and sends for routine traffic: a client (re)connecting with
 * nothing new costs no update-log row and no frame to the others, while a real edit is
 * one row and one frame per other connection, the sender getting none of its own.
 */
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced } from '../helpers/clients'
import { startCluster } from '../helpers/clusters'
import { useTestResources } from '../helpers/testResources'
import { updateLogRows } from '../helpers/dbInspect'
import { MESSAGE, SYNC } from '../helpers/frames'
import { openRawSocket, type RawSocket } from '../helpers/rawSockets'
import { until } from '../helpers/until'

/** Document-update frames (sync update or step 2) among a socket's messages. */
const updateFrames = (s: RawSocket, from = 0) =>
  s.messages.slice(from).filter((m) => {
    const d = decoding.createDecoder(new Uint8Array(m))
    if (decoding.readVarUint(d) !== MESSAGE.sync) return false
    const t = decoding.readVarUint(d)
    return t === SYNC.update || t === SYNC.step2
  })

describe('collab fan-out', () => {
  const res = useTestResources()
  const { clients, sockets } = res

  it('commits and relays a real edit once, and nothing for clients that join with nothing new', async () => {
    const cluster = res.cluster = await startCluster(1)
    const node = cluster.nodes[0]!
    const { caseId } = await makeCase(node.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const cookie = await login(node.url, DEMO.politie)
    const writer = connectDoc(node.url, cookie, plan)
    clients.push(writer)
    await synced(writer)
    const observer = openRawSocket(node.url, await login(node.url, DEMO.chair), plan)
    sockets.push(observer)
    await observer.opened
    await until(() => observer.messages.length > 0, { message: 'observer got the server\'s sync step 1' })

    const rows0 = await updateLogRows(cluster.databaseUrl, plan)
    const mark = observer.messages.length
    writer.prose().insert(0, 'Afspraak: huisbezoek dinsdag.')
    await until(() => updateFrames(observer, mark).length === 1, { message: 'edit relayed' })
    expect(await updateLogRows(cluster.databaseUrl, plan)).toBe(rows0 + 1)

    // Three more clients join with empty documents: their sync replies hold nothing the
    // document lacks. Then each types a marker on its own socket. The server admits one
    // connection's updates in order and commits and relays them in order, and the joiner
    // sent its sync reply before it was synced: a row or frame for the reply would reach
    // the log and the observer before the marker's (or share the marker's, costing nothing).
    let text = 'Afspraak: huisbezoek dinsdag.'
    let rows = rows0 + 1
    for (let i = 0; i < 3; i++) {
      const joiner = connectDoc(node.url, cookie, plan)
      clients.push(joiner)
      const beforeJoin = observer.messages.length
      await synced(joiner)
      expect(joiner.text()).toBe(text)
      const marker = ` [nieuw ${i}]`
      joiner.prose().insert(text.length, marker)
      text += marker
      await until(() => updateFrames(observer, beforeJoin).some((f) => f.includes(marker)), { message: `marker ${i} relayed` })
      expect(updateFrames(observer, beforeJoin)).toHaveLength(1)
      expect(await updateLogRows(cluster.databaseUrl, plan)).toBe(++rows)
    }
  })
})
