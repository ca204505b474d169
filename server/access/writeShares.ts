/**
 * Each organisation's share of a plan document (issue 18; the shares are data in
 * shared/plan/writeRules.ts): the write policy asks here whether an update leaves the
 * writer's own organisation within its share of a section. Only the writer's own
 * organisation is measured, so another organisation's volume, and items marked removed,
 * never refuse anyone else: the binnenring and the chair keep writing whatever the
 * school wrote. Measured from the document's content (the staging copy after the
 * update), which is the same on every node.
 */
import * as Y from 'yjs'
import { ORGANISATION_SHARES } from '../../shared/plan/writeRules'
import { encodeShareRefusal } from '../../shared/protocol/limits'
import type { Writer } from './writePolicy'

/** What an organisation holds in one section. */
export interface SectionUse {
  /** Items not marked removed. */
  liveItems: number
  /** Size of all its items (keys and values as UTF-8), removed ones included. */
  itemBytes: number
}

/** What `organisation` holds in `section` (items by their `organisation`, the author's). */
export function measureSectionUse(section: Y.Map<unknown>, organisation: string): SectionUse {
  const use = { liveItems: 0, itemBytes: 0 }
  for (const value of section.values()) {
    if (!(value instanceof Y.Map) || value.get('organisation') !== organisation) continue
    if (value.get('removedAt') == null) use.liveItems++
    use.itemBytes += itemBytes(value)
  }
  return use
}

/**
 * About the encoded size of an item: its keys and values as UTF-8 (what Yjs stores for
 * plain values), without building JSON of the whole item on every update.
 */
function itemBytes(item: Y.Map<unknown>): number {
  let bytes = 0
  for (const [key, value] of item.entries()) {
    bytes += key.length + 2
    if (typeof value === 'string') bytes += Buffer.byteLength(value)
    else if (value !== null && typeof value === 'object' && !(value instanceof Y.AbstractType)) bytes += Buffer.byteLength(JSON.stringify(value))
    else bytes += 8
  }
  return bytes
}

/**
 * Whether the writer's organisation stays within its share of `sectionName` after the
 * update. `hasAdded`: the update adds items (only then does the item count matter; a
 * restore by the binnenring may bring an organisation back over it, which is theirs to decide).
 * @returns the refusal reason (encodeShareRefusal: the client says it in Dutch), or null.
 */
export function judgeShare(sectionName: string, section: Y.Map<unknown>, writer: Writer, hasAdded: boolean): string | null {
  const share = ORGANISATION_SHARES[writer.ring]
  const use = measureSectionUse(section, writer.organisation)
  if (hasAdded && use.liveItems > share.liveItemsPerSection) {
    return encodeShareRefusal({ limit: 'items', section: sectionName, max: share.liveItemsPerSection, organisation: writer.organisation })
  }
  if (use.itemBytes > share.itemBytesPerSection) {
    return encodeShareRefusal({ limit: 'bytes', section: sectionName, max: share.itemBytesPerSection, organisation: writer.organisation })
  }
  return null
}
