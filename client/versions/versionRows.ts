/**
 * The building blocks of the read-only version view: an item as a title with labelled
 * details, marked added, changed (with the old values) or removed against a diff.
 * Pure: the caller passes the translations and date formats in.
 */
import type { SectionDiff } from '../../shared/plan'

/** One labelled value of an item; `before` is set when it changed. */
export interface DetailRow {
  label: string
  value: string
  before?: string
}

/** How an item differs from the version the reader last acknowledged. */
export type ItemMark = 'added' | 'changed' | 'removed' | null

/** One item as the view shows it. */
export interface ItemRow {
  id: string
  title: string
  /** The old title, when it changed. */
  beforeTitle?: string
  details: DetailRow[]
  mark: ItemMark
  /** Goals under a result. */
  children: ItemRow[]
}

/** One section: its live items and the items removed since the compared version. */
export interface SectionView {
  key: string
  heading: string
  items: ItemRow[]
  removed: ItemRow[]
}

/** What the builders need from the app: translations and date formats. */
export interface VersionText {
  t: (key: string, named?: Record<string, unknown>) => string
  formatDate: (date: string | null | undefined) => string
  formatMoment: (moment: string | null | undefined) => string
}

/** What a describe function makes of an item. */
export interface ItemText {
  title: string
  details: DetailRow[]
}

/** An empty-value stand-in that reads well in a list. */
export function orNone(value: string | null | undefined, text: VersionText): string {
  return value === null || value === undefined || value.trim() === '' ? text.t('versions.plan.none') : value
}

/** The item without the details left empty, so the list stays compact. */
function compact(item: ItemText, text: VersionText): ItemText {
  const none = text.t('versions.plan.none')
  return { title: item.title, details: item.details.filter((d) => d.value !== '' && d.value !== none) }
}

/**
 * Marks `after` against `before`: every detail whose value differs keeps the old value,
 * and details that only the old item had are listed with an empty new value.
 */
export function withBefore(after: ItemText, before: ItemText): Pick<ItemRow, 'title' | 'beforeTitle' | 'details'> {
  const oldByLabel = new Map(before.details.map((d) => [d.label, d.value]))
  const details = after.details.map((d) => {
    const old = oldByLabel.get(d.label) ?? ''
    return old === d.value ? d : { ...d, before: old }
  })
  const gone = before.details.filter((d) => !after.details.some((a) => a.label === d.label)).map((d) => ({ label: d.label, value: '', before: d.value }))
  return { title: after.title, beforeTitle: before.title === after.title ? undefined : before.title, details: [...details, ...gone] }
}

/** Whether a plan item is live in its version (not tombstoned). */
export function isLive(item: { removedAt?: string | null }): boolean {
  return item.removedAt === null || item.removedAt === undefined
}

/**
 * Rows of one section with their marks. Without a diff nothing is marked.
 * @param describe turns an item into a title and details.
 */
export function buildRows<T extends { id: string; removedAt?: string | null }>(
  items: readonly T[],
  diff: SectionDiff<T> | undefined,
  describe: (item: T) => ItemText,
  text: VersionText,
): { items: ItemRow[]; removed: ItemRow[] } {
  const added = new Set(diff?.added.map((i) => i.id) ?? [])
  const changed = new Map(diff?.changed.map((c) => [c.id, c.before]) ?? [])
  const rows = items.filter(isLive).map((item): ItemRow => {
    const now = compact(describe(item), text)
    const before = changed.get(item.id)
    if (before !== undefined) return { id: item.id, ...withBefore(now, compact(describe(before), text)), mark: 'changed', children: [] }
    return { id: item.id, ...now, mark: added.has(item.id) ? 'added' : null, children: [] }
  })
  const removed = (diff?.removed ?? []).map((item): ItemRow => ({ id: item.id, ...compact(describe(item), text), mark: 'removed', children: [] }))
  return { items: rows, removed }
}

/** Counts of what is marked, for the summary line. */
export function countMarks(sections: readonly SectionView[]): { added: number; changed: number; removed: number } {
  const counts = { added: 0, changed: 0, removed: 0 }
  const visit = (row: ItemRow) => {
    if (row.mark === 'added' || row.mark === 'changed') counts[row.mark]++
    row.children.forEach(visit)
  }
  for (const section of sections) {
    section.items.forEach(visit)
    counts.removed += section.removed.length
  }
  return counts
}
