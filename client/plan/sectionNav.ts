/** The sections of the plan page, in page order, with the document they come from. */
export const PLAN_PAGE_SECTIONS = [
  { name: 'summary', part: 'plan' },
  { name: 'results', part: 'plan' },
  { name: 'agreements', part: 'plan' },
  { name: 'actions', part: 'plan' },
  { name: 'decisions', part: 'plan' },
  { name: 'regie', part: 'plan' },
  { name: 'phase', part: 'plan' },
  { name: 'family', part: 'inner' },
  { name: 'sos', part: 'inner' },
  { name: 'danger', part: 'inner' },
  { name: 'red-flags', part: 'inner' },
  { name: 'safety-scale', part: 'inner' },
  { name: 'justice', part: 'inner' },
  { name: 'trauma', part: 'inner' },
  { name: 'inner-notes', part: 'inner' },
] as const

/** Name of one section of the plan page (also its test id suffix and anchor). */
export type PlanPageSection = (typeof PLAN_PAGE_SECTIONS)[number]['name']

/** The element id of a section, used by the table of contents. */
export function sectionAnchor(name: PlanPageSection): string {
  return `plan-section-${name}`
}

/** The element id of a section's heading. */
export function sectionHeadingId(name: PlanPageSection): string {
  return `plan-heading-${name}`
}
