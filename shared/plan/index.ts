/**
 * Public API of the family plan schema (DOMAIN.md §4): the model, the Yjs layout and
 * typed accessors of `case/<id>/plan` and `case/<id>/inner`, migration, deadlines,
 * JSON export, structural diff and validation. Pure: no I/O.
 */
export * from './fields'
export * from './errors'
export * from './model'
export * from './planItems'
export * from './innerItems'
export * from './innerRecords'
export * from './planJson'
export * from './layout'
export { SECTION_SPECS, isLiveItem, type EditableSectionName, type SectionInputs, type SectionItems, type SectionPatches, type SectionSpec } from './sections'
export { addItem, compareItems, getItem, listItems, parseActor, removeItem, restoreItem, updateItem, zodProblems, type ListOptions, type ParsedActor } from './schema'
export * from './planAccessors'
export * from './innerAccessors'
export { PLAN_SCHEMA_VERSION, assertPlanDoc, assertReadablePlanDoc, migratePlanDoc } from './migrate'
export { addDays, addMonths, daysBetween, isIsoDate, todayIsoDate, PLAN_TIME_ZONE } from './dates'
export * from './deadlines'
export { appendParagraph, fragmentToText } from './prose'
export * from './toJson'
export * from './diff'
export { validatePlanJson } from './validate'
export { isDeepEqual } from './deepEqual'
export { getScaleAnchors, setScaleAnchors, MAX_ANCHOR_LENGTH, type ScaleAnchors } from './scaleAnchors'
