import { nextTick, readonly, ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CandidateDto, CaseMemberDto, MemberRole, Ring, UpdateMemberBody } from '../../shared/api/schemas'
import { addMember, removeMember, updateMember } from '../api/members'
import { useMemberErrorMessage, type MemberOperation } from './useMemberErrorMessage'

/** The panel open under one member's row: changing ring and role, or confirming removal. */
export interface MemberPanel {
  userId: string
  mode: 'edit' | 'remove'
}

/** A failed member change, shown where it was made. */
export interface MemberError {
  /** `add` for the add form, otherwise the member whose panel shows it. */
  where: 'add' | string
  message: string
}

/** Ids of the elements focus moves to; the components render them. */
export const MEMBER_IDS = {
  heading: 'members-heading',
  search: 'members-search',
  addRing: 'members-add-ring',
  row: (userId: string) => `member-${userId}`,
  edit: (userId: string) => `member-${userId}-edit`,
  remove: (userId: string) => `member-${userId}-remove`,
  panelStart: (userId: string) => `member-${userId}-panel`,
} as const

/** What {@link useCaseMembers} returns. */
export interface CaseMembers {
  panel: Readonly<Ref<MemberPanel | null>>
  /** The partner chosen in the search, to be added. */
  chosen: Readonly<Ref<CandidateDto | null>>
  isBusy: Readonly<Ref<boolean>>
  error: Readonly<Ref<MemberError | null>>
  /** The last outcome, for the polite status line. */
  announcement: Readonly<Ref<string>>
  /** How many partners were added on this page: the add section is keyed by it (a fresh search each time). */
  additions: Readonly<Ref<number>>
  openPanel(userId: string, mode: MemberPanel['mode']): Promise<void>
  closePanel(): Promise<void>
  choose(candidate: CandidateDto): Promise<void>
  unchoose(): Promise<void>
  add(ring: Ring, role: MemberRole): Promise<void>
  save(member: CaseMemberDto, changes: UpdateMemberBody): Promise<void>
  remove(member: CaseMemberDto): Promise<void>
}

/** Moves focus once the DOM shows the new state. */
async function focusById(id: string): Promise<void> {
  await nextTick()
  document.getElementById(id)?.focus()
}

/**
 * The members page's actions and the state between them: which row's panel is open,
 * who was chosen to be added, what went wrong where, and where focus goes after each
 * step (to the new member, back to the button that opened a panel, to the list heading
 * after a removal). Every change is followed by `reload`, so the list is the server's.
 * @param caseId the case (a route param).
 * @param reload loads the case detail (members and the director's own abilities) again.
 */
export function useCaseMembers(caseId: MaybeRefOrGetter<string>, reload: () => Promise<void>): CaseMembers {
  const { t } = useI18n()
  const { describeMemberError } = useMemberErrorMessage()
  const panel = ref<MemberPanel | null>(null)
  const chosen = ref<CandidateDto | null>(null)
  const isBusy = ref(false)
  const error = ref<MemberError | null>(null)
  const announcement = ref('')
  const additions = ref(0)

  /** Runs one change; on failure the message lands at `where` and false is returned. */
  async function attempt(where: string, operation: MemberOperation, change: () => Promise<unknown>): Promise<boolean> {
    if (isBusy.value) return false
    isBusy.value = true
    error.value = null
    announcement.value = ''
    try {
      await change()
      await reload()
      return true
    } catch (caught) {
      error.value = { where, message: describeMemberError(caught, operation) }
      return false
    } finally {
      isBusy.value = false
    }
  }

  const labels = (ring: Ring, role: MemberRole) => ({ ring: t(`terms.${ring === 'inner' ? 'binnenring' : 'buitenring'}`), role: t(`roles.${role}`) })

  async function openPanel(userId: string, mode: MemberPanel['mode']): Promise<void> {
    panel.value = { userId, mode }
    error.value = null
    await focusById(MEMBER_IDS.panelStart(userId))
  }

  async function closePanel(): Promise<void> {
    const open = panel.value
    panel.value = null
    error.value = null
    if (open) await focusById(open.mode === 'edit' ? MEMBER_IDS.edit(open.userId) : MEMBER_IDS.remove(open.userId))
  }

  async function choose(candidate: CandidateDto): Promise<void> {
    chosen.value = candidate
    error.value = null
    await focusById(MEMBER_IDS.addRing)
  }

  async function unchoose(): Promise<void> {
    chosen.value = null
    error.value = null
    await focusById(MEMBER_IDS.search)
  }

  async function add(ring: Ring, role: MemberRole): Promise<void> {
    const candidate = chosen.value
    if (!candidate) return
    if (!(await attempt('add', 'add', () => addMember(toValue(caseId), { userId: candidate.userId, ring, role })))) return
    chosen.value = null
    additions.value++
    announcement.value = t('members.added', { name: candidate.name, ...labels(ring, role) })
    await focusById(MEMBER_IDS.row(candidate.userId))
  }

  async function save(member: CaseMemberDto, changes: UpdateMemberBody): Promise<void> {
    if (Object.keys(changes).length === 0) {
      announcement.value = t('members.unchanged')
      await closePanel()
      return
    }
    if (!(await attempt(member.userId, 'update', () => updateMember(toValue(caseId), member.userId, changes)))) return
    announcement.value = t('members.updated', { name: member.name })
    await closePanel()
  }

  async function remove(member: CaseMemberDto): Promise<void> {
    if (!(await attempt(member.userId, 'remove', () => removeMember(toValue(caseId), member.userId)))) return
    panel.value = null
    announcement.value = t('members.removed', { name: member.name })
    await focusById(MEMBER_IDS.heading)
  }

  return {
    panel: readonly(panel),
    chosen: readonly(chosen),
    isBusy: readonly(isBusy),
    error: readonly(error),
    announcement: readonly(announcement),
    additions: readonly(additions),
    openPanel, closePanel, choose, unchoose, add, save, remove,
  }
}
