/** `GET /api/cases/:id/items/:section/:itemId/history` (docs/API.md): an item's earlier values. */
import type { SectionName } from '../../shared/plan'
import type { ItemChangeDto } from '../../shared/api/schemas'
import { getJson } from './http'

export type { ItemChangeDto }

/** The item's changes, newest first. @throws {ApiError} `forbidden` when the caller may not read that part. */
export function getItemHistory(caseId: string, section: SectionName, itemId: string): Promise<ItemChangeDto[]> {
  return getJson(`/api/cases/${encodeURIComponent(caseId)}/items/${section}/${encodeURIComponent(itemId)}/history`)
}
