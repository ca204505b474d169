/**
 * Who may write what in the two plan documents, as data (issue 19, "abilities, not
 * re-derived rules"). Per root of each document part, a list of entries; each grants one
 * ring (by default its members and chairs, never its readers) one kind of write, maybe
 * only on items that meet a condition. Nothing else in the code knows a ring rule: the
 * server's write guard (server/access/writePolicy.ts) and the client's plan page
 * (client/plan/planAbilities.ts) both ask the predicates of `abilities.ts` over these
 * entries, and the server sends each caller the entries that apply to them with the case
 * (`GET /api/cases/:id`, `abilities.writes`). A new rule is a new entry here, plus its test.
 */
import type { MemberRole, Ring } from '../api/schemas'
import type { CasePart } from '../protocol/docName'
import { INNER_ROOTS, INNER_SECTIONS, PLAN_ROOTS, PLAN_SECTIONS, type SectionName } from './layout'

/** A role that writes (readers never do, whatever an entry says). */
export type WriterRole = Exclude<MemberRole, 'reader'>

/** The roles an entry grants when it names none. */
export const WRITER_ROLES: readonly WriterRole[] = ['member', 'chair']

/** Which items an entry covers; evaluated on the item as it is after the write. */
export type ItemCondition =
  /** The item's `field` is the writer's organisation, exactly (an action's `ownerOrganisation`). */
  | { ownOrganisation: string }
  /**
   * The item's list `field` names the writer's organisation (an agreement's
   * `boundParties`). Names are typed by people, so they compare without case and
   * surrounding or doubled spaces (`organisationNamesMatch`).
   */
  | { organisationIn: string }

interface EntryBase {
  ring: Ring
  /** Only these roles of the ring (`['chair']`: chair-only); default WRITER_ROLES. */
  roles?: readonly WriterRole[]
}

/** One grant. An entry never grants the field its own condition reads. */
export type WriteEntry =
  /** Add items to a section (the new item must meet `when`). */
  | (EntryBase & { may: 'add'; when?: ItemCondition })
  /** Change these fields of a section's items (`all`: every field that may change at all). */
  | (EntryBase & { may: 'change'; fields: 'all' | readonly string[]; when?: ItemCondition })
  /** Mark a section's items removed, and restore them. */
  | (EntryBase & { may: 'remove'; when?: ItemCondition })
  /** Write a root that is not a section map (results, regie, phase, rich text): all of it. */
  | (EntryBase & { may: 'write' })

/** The entries of every writable root of both parts (a root with no entry: nobody writes it). */
export type WriteRules = Readonly<Record<CasePart, Readonly<Record<string, readonly WriteEntry[]>>>>

/** The binnenring adds, changes and removes items. */
const INNER_EDITS: readonly WriteEntry[] = [
  { ring: 'inner', may: 'add' }, { ring: 'inner', may: 'change', fields: 'all' }, { ring: 'inner', may: 'remove' },
]
/**
 * Append-only: the binnenring adds, nobody changes or removes. A decision, and who was
 * present with mandate or dissented, is never rewritten: a correction is a new entry.
 */
const INNER_APPENDS: readonly WriteEntry[] = [{ ring: 'inner', may: 'add' }]
const INNER_WRITES: readonly WriteEntry[] = [{ ring: 'inner', may: 'write' }]

/** The sections that are append-only for everyone. */
const APPEND_ONLY_SECTIONS: readonly SectionName[] = ['decisions', 'safetyScale', 'innerDecisions', 'decisionMandates']

/** The action fields the buitenring moves on its own organisation's actions: their progress. */
export const ACTION_PROGRESS_FIELDS: readonly string[] = ['status', 'doneNote', 'blockedReason']

/**
 * The buitenring's own actions (DOMAIN.md §5): it adds actions of its own organisation
 * and moves their progress, nothing else.
 */
export const OWN_ACTIONS_ENTRIES: readonly WriteEntry[] = [
  { ring: 'outer', may: 'add', when: { ownOrganisation: 'ownerOrganisation' } },
  { ring: 'outer', may: 'change', fields: ACTION_PROGRESS_FIELDS, when: { ownOrganisation: 'ownerOrganisation' } },
]

/** What a bound organisation of the buitenring changes of an agreement: whether it holds. */
export const BOUND_AGREEMENT_FIELDS: readonly string[] = ['status']

/**
 * The school (any buitenring organisation) keeps the agreements it is bound to up to
 * date: it changes their status (proposed, active, broken, ended) when its organisation
 * is one of the bound parties. It adds, removes and rewords none.
 */
export const BOUND_AGREEMENTS_ENTRIES: readonly WriteEntry[] = [
  { ring: 'outer', may: 'change', fields: BOUND_AGREEMENT_FIELDS, when: { organisationIn: 'boundParties' } },
]

/** Entries beyond the binnenring's, per section: the buitenring's rules. */
export type ExtraSectionEntries = Partial<Record<SectionName, readonly WriteEntry[]>>

/** Today's buitenring rules. */
export const OUTER_RING_ENTRIES: ExtraSectionEntries = {
  actions: OWN_ACTIONS_ENTRIES,
  agreements: BOUND_AGREEMENTS_ENTRIES,
}

function sectionEntries(section: SectionName, extra: ExtraSectionEntries): readonly WriteEntry[] {
  const base = APPEND_ONLY_SECTIONS.includes(section) ? INNER_APPENDS : INNER_EDITS
  return [...base, ...(extra[section] ?? [])]
}

/**
 * The write rules of both documents: the binnenring writes everything but `meta` (the
 * server's), append-only sections only grow, and `extra` adds the buitenring's entries.
 * A test builds them with and without an entry to switch one rule off.
 */
export function buildWriteRules(extra: ExtraSectionEntries = OUTER_RING_ENTRIES): WriteRules {
  return {
    plan: {
      ...Object.fromEntries(PLAN_SECTIONS.map((s) => [s, sectionEntries(s, extra)])),
      ...Object.fromEntries(Object.values(PLAN_ROOTS).map((r) => [r, INNER_WRITES])),
    },
    inner: {
      ...Object.fromEntries(INNER_SECTIONS.map((s) => [s, sectionEntries(s, extra)])),
      ...Object.fromEntries(Object.values(INNER_ROOTS).map((r) => [r, INNER_WRITES])),
    },
  }
}

/** The rules the server enforces and sends. */
export const WRITE_RULES: WriteRules = buildWriteRules()

/** Whether nobody may change or remove items of a section with these entries. */
export function isAppendOnly(entries: readonly WriteEntry[]): boolean {
  return !entries.some((e) => e.may === 'change' || e.may === 'remove')
}
