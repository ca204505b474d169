/**
 * Names of the shared types inside the plan documents. Tiptap's Collaboration
 * extension binds to an XmlFragment by name, so these names are part of the stored
 * data: renaming one needs a schema migration.
 */

/** The prose summary of the family's situation, in `case/<id>/plan`. */
export const PLAN_SUMMARY_FIELD = 'summary'

/** The inner-ring notes (police summary and the like), in `case/<id>/inner`. */
export const INNER_NOTES_FIELD = 'innerNotes'
