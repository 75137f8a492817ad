import { pipeline, Readable } from 'node:stream'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import { BoundaryFileError, readBoundaryFile } from '@gridwatch/data'
import busboy from 'busboy'
import { InputError } from '../services/errors'

/**
 * The first file of a multipart/form-data request as a Node stream, without buffering it: a 1 GB upload
 * flows through in small chunks. `maxBytes` caps the upload (413 when exceeded).
 */
export function uploadedFile(request: Request, maxBytes: number): Promise<{ name: string; stream: Readable }> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data') || !request.body) {
    return Promise.reject(new InputError('Send the file as multipart/form-data in a field named "file"', 'file'))
  }
  return new Promise((resolve, reject) => {
    // Browsers send file names as raw UTF-8 (调解协议书.pdf); busboy would read them as Latin-1.
    const parser = busboy({ headers: { 'content-type': type }, defParamCharset: 'utf8', limits: { files: 1, fileSize: maxBytes } })
    let found = false
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume()
        return
      }
      found = true
      stream.on('limit', () => stream.destroy(new InputError(`The file is larger than ${Math.round(maxBytes / 1e6)} MB`, 'file', 413)))
      resolve({ name: info.filename, stream })
    })
    parser.on('error', (error) => reject(new InputError(`Unreadable upload: ${(error as Error).message}`, 'file')))
    parser.on('close', () => !found && reject(new InputError('No file in the upload: send it in a field named "file"', 'file')))
    // pipeline: a client that aborts the upload ends the parser (and the file stream) with an error.
    pipeline(Readable.fromWeb(request.body as unknown as NodeWebStream), parser, () => {})
  })
}

/** Reads a whole (small) uploaded file into memory: for boundary files, which are parsed as a whole. */
export async function uploadedBytes(request: Request, maxBytes: number) {
  const { name, stream } = await uploadedFile(request, maxBytes)
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return { name, bytes: new Uint8Array(Buffer.concat(chunks)) }
}

/** An uploaded boundary file (GeoJSON, KML, zipped Shapefile), read; an unreadable one is a 4xx naming where. */
export async function uploadedBoundaries(request: Request, maxBytes: number) {
  const { name, bytes } = await uploadedBytes(request, maxBytes)
  try {
    return { name, file: await readBoundaryFile(bytes, name) }
  } catch (error) {
    if (error instanceof BoundaryFileError) throw new InputError(error.message, error.field ?? 'file')
    throw error
  }
}
