import { describe, expect, it } from 'vitest'
import { KeyedQueue } from '../../server/flow/keyedQueue'
import { TokenBucket } from '../../server/flow/tokenBucket'

describe('TokenBucket', () => {
  it('lets a burst through, refuses the next, and refills at its rate', () => {
    let now = 1_000
    const bucket = new TokenBucket(3, 2, () => now)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    now += 499 // just under one token at 2 a second
    expect(bucket.take()).toBe(false)
    now += 2
    expect(bucket.take()).toBe(true)
    now += 60_000 // a long quiet stretch refills to the burst, not beyond
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
  })
})

describe('KeyedQueue', () => {
  it('runs one key in order, other keys meanwhile, survives a failure and forgets idle keys', async () => {
    const queue = new KeyedQueue()
    const seen: string[] = []
    let releaseFirst = (): void => undefined
    const first = queue.run('a', () => new Promise<void>((resolve) => { releaseFirst = () => { seen.push('a1'); resolve() } }))
    const failing = queue.run('a', () => { seen.push('a2'); return Promise.reject(new Error('refused')) })
    const third = queue.run('a', () => { seen.push('a3'); return Promise.resolve(3) })
    // Another key is not held up by a's first task.
    await queue.run('b', () => { seen.push('b1'); return Promise.resolve() })
    expect(seen).toEqual(['b1'])
    releaseFirst()
    await first
    await expect(failing).rejects.toThrow('refused')
    await expect(third).resolves.toBe(3)
    expect(seen).toEqual(['b1', 'a1', 'a2', 'a3'])
    await new Promise((resolve) => setImmediate(resolve)) // the tails' clean-up runs after the callers resume
    expect(queue.size).toBe(0)
  })
})
