import type { SafetyScore } from '../../shared/plan'

/** One partner's row on the veiligheidsschaal: the latest score and all earlier ones. */
export interface PartnerScores {
  partner: string
  latest: SafetyScore
  /** Every entry of this partner, newest first (the latest included). */
  history: SafetyScore[]
}

/** The spread of the partners' latest scores. */
export interface ScoreSpread {
  min: number
  max: number
}

function compareNewestFirst(a: SafetyScore, b: SafetyScore): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0
}

/**
 * Groups score entries per partner organisation, newest first, partners by name.
 * Unreadable entries (score null) are left out: a missing score must never read as 0.
 */
export function groupScoresByPartner(scores: readonly SafetyScore[]): PartnerScores[] {
  const byPartner = new Map<string, SafetyScore[]>()
  for (const score of scores) {
    if (score.score === null) continue
    const list = byPartner.get(score.partner) ?? []
    list.push(score)
    byPartner.set(score.partner, list)
  }
  return [...byPartner.entries()]
    .map(([partner, list]) => {
      const history = [...list].sort(compareNewestFirst)
      return { partner, latest: history[0]!, history }
    })
    .sort((a, b) => a.partner.localeCompare(b.partner, 'nl'))
}

/** Lowest and highest of the partners' latest scores, or null without scores. */
export function latestScoreSpread(partners: readonly PartnerScores[]): ScoreSpread | null {
  const values = partners.map((p) => p.latest.score).filter((s): s is number => s !== null)
  if (values.length === 0) return null
  return { min: Math.min(...values), max: Math.max(...values) }
}
