/**
 * Several in-process nodes serving the same documents: one fresh PostgreSQL database,
 * one Redis key prefix of their own, as a deployment behind a load balancer would be.
 */
import type { RunningServer, StartOptions } from '../../server/main'
import { createPgDatabase, TEST_REDIS_URL, uniqueRedisPrefix } from './databases'
import { startNode, type NodeEnv } from './nodes'

/** Nodes sharing a database and a Redis prefix. */
export interface Cluster {
  nodes: RunningServer[]
  /** The environment every node got (start more nodes of the cluster with it). */
  env: NodeEnv
  databaseUrl: string
  /** Starts one more node of this cluster. */
  addNode(opts?: StartOptions): Promise<RunningServer>
  /** Closes every node, then drops the database. */
  close(): Promise<void>
}

/**
 * Starts `count` nodes one after the other (the first seeds the demo users, and two
 * nodes seeding one database at once would collide).
 */
export async function startCluster(count: number, { redisUrl = TEST_REDIS_URL, opts = {} }: { redisUrl?: string; opts?: StartOptions } = {}): Promise<Cluster> {
  const db = await createPgDatabase()
  const env: NodeEnv = { DATABASE_URL: db.url, REDIS_URL: redisUrl, REDIS_PREFIX: uniqueRedisPrefix() }
  const nodes: RunningServer[] = []
  const cluster: Cluster = {
    nodes, env, databaseUrl: db.url,
    async addNode(extra = opts) {
      const n = await startNode(env, extra)
      nodes.push(n)
      return n
    },
    async close() {
      await Promise.allSettled(nodes.splice(0).map((n) => n.close()))
      await db.drop()
    },
  }
  try {
    for (let i = 0; i < count; i++) await cluster.addNode()
  } catch (err) {
    await cluster.close()
    throw err
  }
  return cluster
}
