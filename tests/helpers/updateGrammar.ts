/**
 * A grammar of Yjs updates (v1 encoding, written with lib0 as Yjs writes them) for
 * fuzzing the write guard with updates that DECODE: every generated update passes
 * `Y.decodeUpdate`, and then goes wrong later, if at all: origins and right origins at
 * unknown or future clocks or at the struct itself, parents that are missing, not a
 * type, or unknown roots, content of every kind (strings up to 60 kB, JSON, nested Any,
 * every shared type, formats, embeds, sub-documents), GC and Skip structs with huge
 * lengths, gaps in a client's clocks, and delete sets inside, across and far beyond the
 * document. The struct layout follows Yjs' UpdateEncoderV1 (yjs/src/utils/encoding.js).
 */
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import { unsafeText } from './oddInput'

/** A reference to an existing or imagined struct. */
export interface StructId {
  client: number
  clock: number
}

/** The struct content kinds of Yjs' v1 format (content refs 1–9). */
export type Content =
  | { ref: 1; len: number } // Deleted
  | { ref: 2; json: string[] } // JSON (each entry a JSON text, 'undefined' allowed)
  | { ref: 3; bytes: Uint8Array } // Binary
  | { ref: 4; str: string } // String
  | { ref: 5; embed: string } // Embed
  | { ref: 6; key: string; value: string } // Format
  | { ref: 7; typeRef: number; name?: string } // Type
  | { ref: 8; values: unknown[] } // Any
  | { ref: 9; guid: string } // Doc

/** An Item struct. */
export interface ItemSpec {
  kind: 'item'
  origin: StructId | null
  rightOrigin: StructId | null
  /** Only written when origin and rightOrigin are both null (Yjs then reads the parent). */
  parent: { root: string } | { id: StructId }
  parentSub: string | null
  content: Content
}

/** Any struct of one client's run. */
export type StructSpec = ItemSpec | { kind: 'gc'; len: number } | { kind: 'skip'; len: number }

/** One client's consecutive structs, starting at `clock`. */
export interface ClientRun {
  client: number
  clock: number
  structs: StructSpec[]
}

/** A whole update. */
export interface UpdateSpec {
  runs: ClientRun[]
  deletes: { client: number; ranges: { clock: number; len: number }[] }[]
}

function contentLength(c: Content): number {
  switch (c.ref) {
    case 1: return c.len
    case 2: return c.json.length
    case 4: return c.str.length
    case 8: return c.values.length
    default: return 1
  }
}

function structLength(s: StructSpec): number {
  return s.kind === 'item' ? contentLength(s.content) : s.len
}

function writeId(e: encoding.Encoder, id: StructId): void {
  encoding.writeVarUint(e, id.client)
  encoding.writeVarUint(e, id.clock)
}

function writeContent(e: encoding.Encoder, c: Content): void {
  switch (c.ref) {
    case 1: return encoding.writeVarUint(e, c.len)
    case 2:
      encoding.writeVarUint(e, c.json.length)
      for (const j of c.json) encoding.writeVarString(e, j)
      return
    case 3: return encoding.writeVarUint8Array(e, c.bytes)
    case 4: return encoding.writeVarString(e, c.str)
    case 5: return encoding.writeVarString(e, c.embed)
    case 6:
      encoding.writeVarString(e, c.key)
      encoding.writeVarString(e, c.value)
      return
    case 7:
      encoding.writeVarUint(e, c.typeRef)
      if (c.typeRef === 3 || c.typeRef === 5) encoding.writeVarString(e, c.name ?? 'paragraph')
      return
    case 8:
      encoding.writeVarUint(e, c.values.length)
      for (const v of c.values) encoding.writeAny(e, v as Parameters<typeof encoding.writeAny>[1])
      return
    case 9:
      encoding.writeVarString(e, c.guid)
      encoding.writeAny(e, {})
      return
  }
}

function writeItem(e: encoding.Encoder, s: ItemSpec): void {
  const info = (s.origin ? 0x80 : 0) | (s.rightOrigin ? 0x40 : 0) | (s.parentSub !== null ? 0x20 : 0) | s.content.ref
  encoding.writeUint8(e, info)
  if (s.origin) writeId(e, s.origin)
  if (s.rightOrigin) writeId(e, s.rightOrigin)
  if (!s.origin && !s.rightOrigin) {
    if ('root' in s.parent) {
      encoding.writeVarUint(e, 1)
      encoding.writeVarString(e, s.parent.root)
    } else {
      encoding.writeVarUint(e, 0)
      writeId(e, s.parent.id)
    }
    if (s.parentSub !== null) encoding.writeVarString(e, s.parentSub)
  }
  writeContent(e, s.content)
}

/** Encodes an update spec in Yjs' v1 format. */
export function encodeUpdateSpec(spec: UpdateSpec): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, spec.runs.length)
  for (const run of spec.runs) {
    encoding.writeVarUint(e, run.structs.length)
    writeId(e, { client: run.client, clock: run.clock })
    for (const s of run.structs) {
      if (s.kind === 'gc') {
        encoding.writeUint8(e, 0)
        encoding.writeVarUint(e, s.len)
      } else if (s.kind === 'skip') {
        encoding.writeUint8(e, 10)
        encoding.writeVarUint(e, s.len)
      } else {
        writeItem(e, s)
      }
    }
  }
  encoding.writeVarUint(e, spec.deletes.length)
  for (const d of spec.deletes) {
    encoding.writeVarUint(e, d.client)
    encoding.writeVarUint(e, d.ranges.length)
    for (const r of d.ranges) {
      encoding.writeVarUint(e, r.clock)
      encoding.writeVarUint(e, r.len)
    }
  }
  return encoding.toUint8Array(e)
}

/** What the generator knows of the document under attack. */
export interface GrammarTarget {
  /** Client ids with content in the document, and their clocks. */
  state: readonly { client: number; clock: number }[]
  /** Root names worth aiming at (the document's own and a few it does not have). */
  roots: readonly string[]
  /** Keys worth aiming at (item ids, field names). */
  keys: readonly string[]
}

const HUGE = 2 ** 31

/** Arbitrary hostile-but-decodable updates against `target`. */
export function hostileUpdate(target: GrammarTarget): fc.Arbitrary<Uint8Array> {
  const known = target.state.length > 0 ? fc.constantFrom(...target.state) : fc.constant({ client: 1, clock: 1 })
  const ownClient = fc.integer({ min: 1, max: 2 ** 32 - 1 })
  const anyId: fc.Arbitrary<StructId> = fc.oneof(
    known.chain((s) => fc.integer({ min: 0, max: Math.max(0, s.clock - 1) }).map((clock) => ({ client: s.client, clock }))),
    known.map((s) => ({ client: s.client, clock: s.clock + 3 })), // a future clock of a known client
    fc.record({ client: ownClient, clock: fc.nat({ max: 1000 }) }),
    fc.record({ client: ownClient, clock: fc.constant(HUGE) }),
  )
  const content: fc.Arbitrary<Content> = fc.oneof(
    fc.nat({ max: 2000 }).map((len) => ({ ref: 1 as const, len: len + 1 })),
    fc.array(fc.oneof(fc.json(), fc.constant('undefined')), { minLength: 1, maxLength: 4 }).map((json) => ({ ref: 2 as const, json })),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ ref: 3 as const, bytes })),
    fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), unsafeText(), fc.nat({ max: 60_000 }).map((n) => 'x'.repeat(n + 1))).map((str) => ({ ref: 4 as const, str })),
    fc.json().map((embed) => ({ ref: 5 as const, embed })),
    fc.record({ key: fc.constantFrom('bold', 'link', 'script', 'x'), value: fc.json() }).map((f) => ({ ref: 6 as const, ...f })),
    fc.record({ typeRef: fc.integer({ min: 0, max: 6 }), name: fc.constantFrom('paragraph', 'heading', 'script', 'doc', 'text') })
      .map((t) => ({ ref: 7 as const, ...t })),
    fc.array(deepAny(), { minLength: 1, maxLength: 3 }).map((values) => ({ ref: 8 as const, values })),
    fc.uuid().map((guid) => ({ ref: 9 as const, guid })),
  )
  const parent: fc.Arbitrary<ItemSpec['parent']> = fc.oneof(
    fc.constantFrom(...target.roots).map((root) => ({ root })),
    anyId.map((id) => ({ id })),
  )
  const item: fc.Arbitrary<StructSpec> = fc.record({
    kind: fc.constant('item' as const),
    origin: fc.option(anyId, { freq: 2, nil: null }),
    rightOrigin: fc.option(anyId, { freq: 3, nil: null }),
    parent,
    parentSub: fc.option(fc.oneof(fc.constantFrom(...target.keys), fc.string({ maxLength: 12 }), unsafeText(6)), { freq: 2, nil: null }),
    content,
  })
  const struct: fc.Arbitrary<StructSpec> = fc.oneof(
    { weight: 8, arbitrary: item },
    { weight: 1, arbitrary: fc.oneof(fc.nat({ max: 50 }), fc.constant(HUGE)).map((len) => ({ kind: 'gc' as const, len: len + 1 })) },
    { weight: 1, arbitrary: fc.oneof(fc.nat({ max: 50 }), fc.constant(HUGE)).map((len) => ({ kind: 'skip' as const, len: len + 1 })) },
  )
  const run: fc.Arbitrary<ClientRun> = fc.record({
    client: fc.oneof(ownClient, known.map((s) => s.client)),
    clock: fc.oneof(fc.constant(0), fc.nat({ max: 100 }), known.map((s) => s.clock)),
    structs: fc.array(struct, { minLength: 1, maxLength: 4 }),
  })
  const deletes = fc.array(
    fc.record({
      client: fc.oneof(known.map((s) => s.client), ownClient),
      ranges: fc.array(
        fc.oneof(
          known.chain((s) => fc.record({ clock: fc.nat({ max: s.clock }), len: fc.integer({ min: 1, max: 5 }) })),
          fc.record({ clock: fc.nat({ max: HUGE }), len: fc.integer({ min: 1, max: HUGE }) }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { maxLength: 2 },
  )
  return fc.record({ runs: fc.array(run, { maxLength: 2 }), deletes }).map((spec) => fixRunClocks(spec))
}

/** Sorts runs by client and merges duplicate clients, as a decodable update needs. */
function fixRunClocks(spec: UpdateSpec): Uint8Array {
  const byClient = new Map<number, ClientRun>()
  for (const r of spec.runs) if (!byClient.has(r.client)) byClient.set(r.client, r)
  const deletes = new Map<number, UpdateSpec['deletes'][number]>()
  for (const d of spec.deletes) if (!deletes.has(d.client)) deletes.set(d.client, d)
  return encodeUpdateSpec({ runs: [...byClient.values()], deletes: [...deletes.values()] })
}

/** Any values nested up to a few levels (deeper ones are the protocol's: Yjs' reader recurses). */
function deepAny(): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      // Text with NUL or a lone surrogate (issue 18): lib0 sends a lone surrogate as U+FFFD, NUL as it is.
      fc.oneof(fc.string({ maxLength: 20 }), unsafeText(), fc.integer(), fc.boolean(), fc.constant(null)),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
    ),
  })).value
}

/** The total clock length of a run (for tests that build valid runs). */
export function runLength(run: ClientRun): number {
  return run.structs.reduce((n, s) => n + structLength(s), 0)
}
