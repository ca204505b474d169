/** Reading a node's Prometheus metrics (`GET /metrics`) in tests. */

/**
 * The value of metric `name` on the node at `baseUrl`, summed over its label sets
 * (a node labels everything with its node id); 0 when the metric has no sample yet.
 * @throws when /metrics does not answer 200.
 */
export async function readMetric(baseUrl: string, name: string): Promise<number> {
  const res = await fetch(`${baseUrl}/metrics`)
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`)
  let sum = 0
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith('#')) continue
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line)
    if (m && m[1] === name) sum += Number(m[3])
  }
  return sum
}

/** The status code of `GET /healthz` (200 when database and bus are up). */
export async function healthStatus(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/healthz`)
  await res.arrayBuffer()
  return res.status
}
