/**
 * The plan documents' part of the doc hub's write guard: the write check that asks
 * server/access/writePolicy.ts about every client update to `case/<id>/plan` and
 * `case/<id>/inner`, and the root types each part holds (so the guard's staging copy
 * reads them with the right type). Documents of other kinds have no rules yet and
 * accept nothing but what a y-websocket client writes under its own ids.
 */
import * as Y from 'yjs'
import { ROOT_RULES } from '../../shared/plan/writeRules'
import { parseDocName } from '../../shared/protocol/docName'
import { judgeWrite } from '../access/writePolicy'
import type { WriteCheck } from '../collab/types'

/** The plan write check: schema and authority in one pass over the touches. */
export const planWriteCheck: WriteCheck = {
  name: 'plan-rules',
  judge({ docName, touches, context, conn }) {
    const ref = parseDocName(docName)
    if (ref?.kind !== 'case') return null
    const { ring, role } = conn.access
    if (!ring || !role) return 'no membership of this case'
    return judgeWrite(ref.part, touches, context, {
      name: conn.user.name, organisation: conn.user.organisationName, ring, role, canPurge: conn.access.canPurge,
    })
  },
}

/** Creates each root of a case document with its type (others stay untyped and are refused). */
export function typePlanRoots(docName: string, doc: Y.Doc): void {
  const ref = parseDocName(docName)
  if (ref?.kind !== 'case') return
  for (const [name, rule] of Object.entries(ROOT_RULES[ref.part])) {
    if (rule.kind === 'rich-text') doc.getXmlFragment(name)
    else if (rule.kind === 'log') doc.getArray(name)
    else doc.getMap(name)
  }
}
