/**
 * Cold load: a plan document with 10,000 small edits in its history (20 partners typing
 * concurrently, each in their own paragraph of the summary, two characters per edit, as
 * typing arrives), then the nodes are restarted and a fresh client connects;
 * the figure is the time from creating the provider to the moment its document holds the
 * whole text (not merely "synced": @y/websocket-server answers before its persistence
 * has loaded, so content is what counts).
 */
import { performance } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { connectAll } from './generator'
import { ownParagraph, proseLength } from './lib/prose'
import { median } from './lib/stats'
import { COLD_LOAD } from './scenarios'
import type { Target } from './targets/target'

export interface ColdLoadResult {
  target: string
  edits: number
  /** ms from connect to full content, one sample per restart. */
  samples: number[]
  median: number
  /** ms for a second client joining the now-loaded document (warm), per restart. */
  warmSamples: number[]
  warmMedian: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function runColdLoad(target: Target, restarts: number, log: (line: string) => void): Promise<ColdLoadResult> {
  const running = await target.start({ persistent: true })
  try {
    const specs = await running.prepare(1, COLD_LOAD.writers)
    const { clients } = await connectAll(running, specs)
    const writers = clients[0]!
    const expected = COLD_LOAD.writers * COLD_LOAD.editsPerWriter * COLD_LOAD.textPerEdit.length
    const pause = 1000 / COLD_LOAD.editsPerSecond
    await Promise.all(writers.map(async (w) => {
      const text = ownParagraph(w.doc)
      for (let e = 0; e < COLD_LOAD.editsPerWriter; e++) {
        text.insert(text.length, COLD_LOAD.textPerEdit)
        await sleep(pause)
      }
    }))
    const deadline = performance.now() + 60_000
    while (writers.some((w) => contentLength(w.doc) !== expected)) {
      if (performance.now() > deadline) throw new Error('writers did not converge on the cold-load document')
      await sleep(50)
    }
    log(`  ${COLD_LOAD.writers * COLD_LOAD.editsPerWriter} edits written and converged`)
    for (const w of writers) w.destroy()
    await sleep(3000) // peers store when the last client leaves (Hocuspocus debounces up to 2 s)

    const samples: number[] = []
    const warmSamples: number[] = []
    for (let r = 0; r < restarts; r++) {
      await running.restart()
      samples.push(await timeToContent(running, specs[0]![0]!, expected))
      warmSamples.push(await timeToContent(running, specs[0]![1]!, expected))
    }
    return { target: target.name, edits: COLD_LOAD.writers * COLD_LOAD.editsPerWriter, samples, median: median(samples), warmSamples, warmMedian: median(warmSamples) }
  } finally {
    await running.stop()
  }
}

/** Characters in all paragraphs of the cold-load document. */
function contentLength(doc: Y.Doc): number {
  return proseLength(doc)
}

async function timeToContent(running: Awaited<ReturnType<Target['start']>>, spec: Parameters<typeof running.respec>[0], expected: number): Promise<number> {
  const t0 = performance.now()
  const client = running.connect(running.respec(spec, 0))
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cold load: content incomplete after 30 s (${contentLength(client.doc)}/${expected})`)), 30_000)
      const check = () => {
        if (contentLength(client.doc) !== expected) return
        clearTimeout(timer)
        client.doc.off('update', check)
        resolve()
      }
      client.doc.on('update', check)
      check()
    })
    return performance.now() - t0
  } finally {
    client.destroy()
  }
}
