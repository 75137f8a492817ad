import { tableFromArrays, tableToIPC } from 'apache-arrow'
import type { Context } from 'hono'

type Column = Int32Array | Float64Array | Float32Array | Uint8Array | Uint32Array

/** Sends typed-array columns as an Apache Arrow IPC stream: compact, and decoded without parsing. */
export function arrowResponse(c: Context, columns: Record<string, Column>, metadata: Record<string, string> = {}) {
  return c.body(encodeArrow(columns, metadata) as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/vnd.apache.arrow.stream' })
}

export function encodeArrow(columns: Record<string, Column>, metadata: Record<string, string> = {}) {
  const table = tableFromArrays(columns)
  for (const [key, value] of Object.entries(metadata)) table.schema.metadata.set(key, value)
  return tableToIPC(table, 'stream')
}
