/**
 * An item of a declared kind as the version view shows it: its first declared field as
 * the title, the others as labelled details, each by its declared type (the PDF's view,
 * `views.pdf`, since the view is the version a reader may print). A field added to the
 * declaration's view appears here without touching this file.
 */
import type { ItemKind } from '../../shared/plan/kinds/kindTypes'
import { kindValueText } from '../plan/kindValues'
import type { ItemText, VersionText } from './versionRows'

/**
 * The title and details of one item.
 * @param linkLabel the goal or result an item's link points at ('' when none).
 */
export function describeKindItem(kind: ItemKind, item: object, x: VersionText, linkLabel: (item: object) => string): ItemText {
  const [first, ...rest] = kind.views.pdf
  const text = {
    value: (k: ItemKind, name: string, value: string) => x.t(`${k.labelKey}.values.${name}.${value}`),
    formatDate: x.formatDate,
    linkLabel,
  }
  return {
    title: first === undefined ? '' : kindValueText(kind, first, item, text),
    details: rest.map((name) => ({ label: x.t(`${kind.labelKey}.fields.${name}`), value: kindValueText(kind, name, item, text) })),
  }
}
