import type { SosItem, SosItemType } from '../../shared/plan'

/** The three columns of a Signs of Safety map. */
export const SOS_COLUMNS = ['worries', 'goingWell', 'needsToHappen'] as const
/** One column of the map. */
export type SosColumn = (typeof SOS_COLUMNS)[number]

/** Which item types each column shows, in the order they are offered. */
export const SOS_COLUMN_TYPES: Readonly<Record<SosColumn, readonly SosItemType[]>> = {
  worries: ['harm', 'complicating-factor'],
  goingWell: ['strength', 'existing-safety'],
  needsToHappen: ['next-step'],
}

/** The column an item type belongs in. */
export function sosColumnOf(type: SosItemType): SosColumn {
  return SOS_COLUMNS.find((column) => SOS_COLUMN_TYPES[column].includes(type)) ?? 'worries'
}

/** Splits map items over the three columns, keeping their order. */
export function groupSosItems(items: readonly SosItem[]): Record<SosColumn, SosItem[]> {
  const columns: Record<SosColumn, SosItem[]> = { worries: [], goingWell: [], needsToHappen: [] }
  for (const item of items) columns[sosColumnOf(item.type)].push(item)
  return columns
}
