/**
 * The message key of what an agenda item records (formats.ts stores these as English
 * words of the domain): lower case, every run of other characters a hyphen, under
 * `meetings.records`. The page shows the stored words when no message has that key.
 */
export function recordKey(record: string): string {
  const slug = record.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return `meetings.records.${slug}`
}
