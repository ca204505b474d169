/**
 * The reasons the write guard gives when an update asks more than the writer's
 * abilities (shared/plan/abilities.ts) allow: short English sentences for the close
 * reason and the log, no plan content. The client recognises the buitenring's
 * (client/collab/refusalReason.ts) and says them in Dutch.
 */
import type { Ring } from '../../shared/api/schemas'
import { changeableFields, entriesFor, requiredOnAdd, type ItemValues, type WriteAbilities } from '../../shared/plan/abilities'
import { sectionPart, type SectionName } from '../../shared/plan/layout'

/** The ring's Dutch name, as the domain calls it. */
export function ringName(ring: Ring): string {
  return ring === 'outer' ? 'buitenring' : 'binnenring'
}

/** Why the writer may not add this item to `section`. */
export function addRefusal(a: WriteAbilities, section: SectionName): string {
  const required = requiredOnAdd(a, section)
  if (required && Object.keys(required).length > 0) return `the ${ringName(a.ring)} adds ${section} of its own organisation only`
  return `the ${ringName(a.ring)} may not add ${section}`
}

/** Why the writer may not change `field` of `item` in `section`. */
export function changeRefusal(a: WriteAbilities, section: SectionName, item: ItemValues, field: string): string {
  const ring = ringName(a.ring)
  const fields = changeableFields(a, section, item)
  if (fields !== 'all' && fields.length === 0) {
    // The writer changes some items of this section, not this one: say which they change.
    const change = entriesFor(a, sectionPart(section), section).find((e) => e.may === 'change')
    const when = change?.may === 'change' ? change.when : undefined
    if (when && 'ownOrganisation' in when) return `the ${ring} changes ${section} of its own organisation only`
    if (when) return `the ${ring} changes only ${section} that name its organisation`
  }
  return `the ${ring} may not change ${section}.${field.slice(0, 40)}`
}
