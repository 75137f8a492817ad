import { describe, expect, it } from 'vitest'
import { createApp } from '../app'
import type { DatabaseHandle } from '../db/client'

// The document needs no database: a handle that fails if anything touches it.
const noDatabase = new Proxy({}, { get: () => { throw new Error('no database in this test') } }) as DatabaseHandle

describe('OpenAPI document', () => {
  it('describes the ingest contract from the same zod schemas the routes validate with', async () => {
    const res = await createApp({ handle: noDatabase, basemap: {} as never }).request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required: string[]; properties: Record<string, Record<string, unknown>> } }> } }>> }
    expect(doc.openapi).toBe('3.1.0')
    const body = doc.paths['/api/incidents']!.post!.requestBody!.content['application/json']!.schema
    expect(body.required.sort()).toEqual(['category', 'externalId', 'lat', 'lon', 'reportedAt', 'source'])
    expect(body.properties.lat).toMatchObject({ type: 'number', minimum: -90, maximum: 90 })
    expect(body.properties.source!.enum).toContain('12345')
    expect(body.properties.reportedAt).toMatchObject({ type: 'string', format: 'date-time' })
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/incidents/batch', '/api/incidents/{id}', '/api/import/incidents', '/api/import/grids', '/api/grids/stats']))
  })

  it('serves the docs page and its assets from this server', async () => {
    const app = createApp({ handle: noDatabase, basemap: {} as never })
    const page = await (await app.request('/api/docs')).text()
    expect(page).toContain('/api/docs/swagger-ui-bundle.js')
    expect(page).not.toMatch(/https?:\/\//)
    const bundle = await app.request('/api/docs/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect((await bundle.text()).length).toBeGreaterThan(100_000)
  })
})
