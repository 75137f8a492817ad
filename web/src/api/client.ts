import type { AppType } from '@gridwatch/server'
import { tableFromIPC } from 'apache-arrow'
import { hc } from 'hono/client'

/** The only place that talks HTTP: a typed client generated from the server's routes. */
export const api = hc<AppType>('/')

/** Decodes an Apache Arrow IPC response into its columns (typed arrays, no per-row objects). */
export async function readArrowColumns<K extends string>(response: Response, names: readonly K[]) {
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`)
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()))
  const columns = {} as Record<K, ArrayLike<number>>
  for (const name of names) {
    const vector = table.getChild(name)
    if (!vector) throw new Error(`Arrow response lacks column ${name}`)
    columns[name] = vector.toArray() as ArrayLike<number>
  }
  return { length: table.numRows, columns }
}

export async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`)
  return (await response.json()) as T
}
