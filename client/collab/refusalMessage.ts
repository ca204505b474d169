import { parseShareRefusal } from '../../shared/protocol/limits'

/** An i18n key with its parameters. */
export interface RefusalMessage {
  key: string
  params: Record<string, string | number>
}

/** Bytes as a partner reads them (kB below a MiB, MB above). */
function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} kB`
}

/**
 * What to tell a partner about a refused change (4409): a used-up share of the plan
 * (issue 18) says which limit was reached and by whom; any other reason gets the
 * general message (the server's English reason stays under "details").
 * @param sectionLabel the section's name in the partner's language.
 */
export function refusalMessageOf(reason: string, sectionLabel: (section: string) => string): RefusalMessage {
  const share = parseShareRefusal(reason)
  if (!share) return { key: 'collab.refusal.message', params: {} }
  const params = {
    organisation: share.organisation,
    section: share.section ? sectionLabel(share.section) : '',
    max: share.limit === 'items' ? share.max : formatBytes(share.max),
  }
  return { key: `collab.refusal.share.${share.limit}`, params }
}
