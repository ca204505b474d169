/**
 * The declaration of a plan item kind (issue 19): its fields with their zod schemas,
 * fallbacks, input defaults and form types; which document it lives in; which fields
 * each view shows, in order; and where its labels sit in the shared catalogue
 * (`shared/i18n/planLabels.*.ts`). The zod shape, the fallback, the input and the
 * patch schemas of a kind are derived from it here, so a new field is one entry.
 */
import { z } from 'zod'

/** How a form or table presents a field. */
export type FieldType = 'text' | 'longText' | 'name' | 'nameList' | 'date' | 'dateTime' | 'enum' | 'id' | 'idList' | 'link' | 'number' | 'object'

/**
 * What a `link` field points at. `goal` is the action's goal-or-result link: one input
 * that sets the `goal` field and its `result` partner (`goalId` and `resultKey`).
 */
export type LinkTarget = 'goal' | 'result' | 'action' | 'decision' | 'person' | 'meeting'

/** One field of an item kind. */
export interface FieldDecl<S extends z.ZodType = z.ZodType> {
  /** Strict schema of the stored value. */
  schema: S
  /** What a missing or malformed stored value reads as; also the input default unless `required`. */
  fallback: z.output<S>
  /** True when an input must name the field (no default). */
  required?: true
  /** How forms and tables present it. */
  type: FieldType
  /** The allowed values of an `enum` field, in display order; their labels are `<labelKey>.values.<field>.<value>`. */
  values?: readonly string[]
  /** What a `link` field points at (forms offer those items). */
  link?: LinkTarget
}

/** The views that list a kind's fields. */
export interface KindViews<F extends string = string> {
  table: readonly F[]
  form: readonly F[]
  pdf: readonly F[]
  diff: readonly F[]
  history: readonly F[]
  /** The fields a meeting's command for this kind carries (its form in the meeting), if it has one. */
  meeting?: readonly F[]
}

/** The declaration of one item kind. */
/** `V` (the field names the views may list) is its own parameter so that every kind is an `ItemKind`. */
export interface ItemKind<F extends Record<string, FieldDecl> = Record<string, FieldDecl>, V extends string = keyof F & string> {
  /** The kind's name, also its label namespace under `kinds.<kind>`. */
  kind: string
  /** The document it lives in. */
  doc: 'plan' | 'inner'
  /** The section (map) that holds its items. */
  section: string
  /** Its fields, in declaration order. */
  fields: F
  /** Which fields each view shows, in order. */
  views: KindViews<V>
  /** The fixed keys of a keyed section (results, red flags), labelled at `<labelKey>.values.key.<key>`. */
  keys?: readonly string[]
  /** Key of its labels in the catalogue: `<labelKey>.name`, `<labelKey>.fields.<f>`, `<labelKey>.values.<f>.<v>`. */
  labelKey: string
}

/** What `required` adds to a field's type: the input schema gives it no default. */
type RequiredMark<R> = R extends { required: true } ? { required: true } : unknown

/** Declares a field; keeps the schema's type and whether it is required, for the derived shapes. */
export function field<S extends z.ZodType, const O extends Omit<FieldDecl<S>, 'schema'>>(schema: S, rest: O): FieldDecl<S> & RequiredMark<O> {
  return { schema, ...rest } as FieldDecl<S> & RequiredMark<O>
}

/** Declares an enum field from its values; `required` when an input must name it. */
export function enumField<const V extends readonly [string, ...string[]], R extends boolean = false>(
  values: V, fallback: V[number], required?: R,
): FieldDecl<z.ZodEnum<{ [K in V[number]]: K }>> & RequiredMark<{ required: R }> {
  const schema = z.enum(values) as unknown as z.ZodEnum<{ [K in V[number]]: K }>
  const decl: FieldDecl<z.ZodEnum<{ [K in V[number]]: K }>> = { schema, fallback, type: 'enum', values }
  return (required === true ? { ...decl, required: true } : decl) as FieldDecl<z.ZodEnum<{ [K in V[number]]: K }>> & RequiredMark<{ required: R }>
}

/** Declares an item kind; keeps its field names for the derived shapes. */
export function declareKind<const F extends Record<string, FieldDecl>>(kind: ItemKind<F>): ItemKind<F> {
  return kind
}

/** Field declarations of some kind. */
export type FieldDecls = Record<string, FieldDecl>
/** The zod shape of a kind: field → schema. */
export type ShapeOf<F extends FieldDecls> = { [N in keyof F]: F[N]['schema'] }
/** The input shape: a field that is not required carries its fallback as default. */
export type InputShapeOf<F extends FieldDecls> = {
  [N in keyof F]: F[N] extends { required: true } ? F[N]['schema'] : z.ZodDefault<F[N]['schema']>
}
/** The parsed values of a kind's fields. */
export type ValuesOf<F extends FieldDecls> = { [N in keyof F]: z.output<F[N]['schema']> }

/** The parsed field values of a declared kind (an item's fields without its metadata). */
export type KindFields<K extends ItemKind> = ValuesOf<K['fields']>
/** What a kind's `add` accepts: fields that are not required may be left out. */
export type KindInput<K extends ItemKind> = z.input<z.ZodObject<InputShapeOf<K['fields']>, z.core.$strict>>
/** What a kind's `update` accepts: any subset of its fields. */
export type KindPatch<K extends ItemKind> = z.input<PatchSchemaOf<K['fields']>>
/** The type of a kind's patch schema. */
export type PatchSchemaOf<F extends FieldDecls> = z.ZodObject<{ [N in keyof F]: z.ZodOptional<F[N]['schema']> }, z.core.$strict>

/** The zod shape of a kind (field → schema). */
export function shapeOf<F extends FieldDecls>(kind: ItemKind<F>): ShapeOf<F> {
  const out: Record<string, z.ZodType> = {}
  for (const [name, decl] of Object.entries(kind.fields)) out[name] = decl.schema
  return out as ShapeOf<F>
}

/** The fallback values of a kind (what a missing or malformed field reads as). */
export function fallbackOf<F extends FieldDecls>(kind: ItemKind<F>): ValuesOf<F> {
  const out: Record<string, unknown> = {}
  for (const [name, decl] of Object.entries(kind.fields)) out[name] = structuredClone(decl.fallback)
  return out as ValuesOf<F>
}

/** The shape of the input schema: every field that is not required defaults to its fallback. */
export function inputShapeOf<F extends FieldDecls>(kind: ItemKind<F>): InputShapeOf<F> {
  const out: Record<string, z.ZodType> = {}
  for (const [name, decl] of Object.entries(kind.fields)) {
    // A function default: a list default must not be shared between parsed inputs.
    out[name] = decl.required ? decl.schema : decl.schema.default(() => structuredClone(decl.fallback) as never)
  }
  return out as InputShapeOf<F>
}

/** The strict input schema of a kind's `add` mutator. */
export function inputSchemaOf<F extends FieldDecls>(kind: ItemKind<F>): z.ZodObject<InputShapeOf<F>, z.core.$strict> {
  return z.strictObject(inputShapeOf(kind))
}

/** The strict patch schema of a kind's `update` mutator: any subset of its fields. */
export function patchSchemaOf<F extends FieldDecls>(kind: ItemKind<F>): PatchSchemaOf<F> {
  return z.strictObject(shapeOf(kind)).partial() as unknown as PatchSchemaOf<F>
}

/** The input shape of some fields only (a meeting command's fields). */
export function pickInputShape<F extends FieldDecls, N extends keyof F & string>(kind: ItemKind<F>, names: readonly N[]): Pick<InputShapeOf<F>, N> {
  const all = inputShapeOf(kind)
  const out: Partial<InputShapeOf<F>> = {}
  for (const name of names) out[name] = all[name]
  return out as Pick<InputShapeOf<F>, N>
}

/** The values of some fields of a record (copies nothing else). */
export function pickFields<T extends object, N extends keyof T & string>(record: T, names: readonly N[]): Pick<T, N> {
  const out: Partial<Pick<T, N>> = {}
  for (const name of names) out[name] = record[name]
  return out as Pick<T, N>
}

/** Every value label key of a kind: `<labelKey>.values.<field>.<value>`. */
export function enumLabelKeys<F extends FieldDecls>(kind: ItemKind<F>): { field: string; value: string; key: string }[] {
  const out: { field: string; value: string; key: string }[] = []
  for (const [name, decl] of Object.entries(kind.fields)) {
    for (const value of decl.values ?? []) out.push({ field: name, value, key: `${kind.labelKey}.values.${name}.${value}` })
  }
  for (const value of kind.keys ?? []) out.push({ field: 'key', value, key: `${kind.labelKey}.values.key.${value}` })
  return out
}
