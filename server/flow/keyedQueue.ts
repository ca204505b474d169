/**
 * Runs the tasks of one key one after the other, in the order they were given, and tasks
 * of different keys side by side (e.g. one meeting's commands, one meeting's broadcasts).
 * A failed task fails only its own caller; the next one still runs. A key whose queue is
 * empty is forgotten, so the map holds only keys with work in flight.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  /** Runs `task` after every earlier task of `key`. @returns what the task returns (or throws). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task, task)
    const tail = next.catch(() => undefined)
    this.tails.set(key, tail)
    void tail.then(() => this.tails.get(key) === tail && this.tails.delete(key))
    return next
  }

  /** How many keys have work queued or running (for tests and metrics). */
  get size(): number {
    return this.tails.size
  }
}
