import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import type { DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let as: TestSession
beforeAll(async () => {
  handle = await createTestDatabase()
  app = createApp({ handle, basemap: {} as never })
  as = await signInAs(handle.db, app, 'viewer')
})
afterAll(() => handle.close())

describe('OpenAPI document', () => {
  it('describes the ingest contract from the same zod schemas the routes validate with', async () => {
    expect((await app.request('/api/openapi.json')).status).toBe(401)
    const res = await as.request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required: string[]; properties: Record<string, Record<string, unknown>> } }> } }>> }
    expect(doc.openapi).toBe('3.1.0')
    const body = doc.paths['/api/incidents']!.post!.requestBody!.content['application/json']!.schema
    expect(body.required.sort()).toEqual(['category', 'externalId', 'lat', 'lon', 'reportedAt', 'source'])
    expect(body.properties.lat).toMatchObject({ type: 'number', minimum: -90, maximum: 90 })
    expect(body.properties.source!.enum).toContain('12345')
    expect(body.properties.reportedAt).toMatchObject({ type: 'string', format: 'date-time' })
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/incidents/batch', '/api/incidents/{id}', '/api/import/incidents', '/api/import/grids', '/api/grids/stats', '/api/auth/login', '/api/households', '/api/audit', '/api/wall/kpis', '/api/grids/{id}/card', '/api/incidents/{id}/nearby', '/api/cameras', '/api/coverage/at-point', '/api/plans', '/api/plans/{id}/publish', '/api/versions/{id}/republish', '/api/people', '/api/disputes/{id}/documents', '/api/disputes/{id}/documents/{documentId}']))
  })

  it('serves the docs page and its assets from this server', async () => {
    const page = await (await as.request('/api/docs')).text()
    expect(page).toContain('/api/docs/swagger-ui-bundle.js')
    expect(page).not.toMatch(/https?:\/\//)
    const bundle = await as.request('/api/docs/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect((await bundle.text()).length).toBeGreaterThan(100_000)
  })
})
