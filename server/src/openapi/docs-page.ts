import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { openApiDocument } from './document'

const require = createRequire(import.meta.url)
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'))
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>GridWatch API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`
// Served as a file: the content security policy allows no inline script. No validator badge: it would call out.
const init = `SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', validatorUrl: null, deepLinking: true })`

/** `/api/openapi.json` and a docs page whose assets all come from this server. */
export const docsRoutes = () =>
  new Hono()
    .get('/openapi.json', (c) => c.json(openApiDocument()))
    .get('/docs', (c) => c.html(page))
    .get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:asset{swagger-ui\\.css|swagger-ui-bundle\\.js}', async (c) => {
      const name = c.req.param('asset')
      return c.body(await readFile(join(swaggerDir, name), 'utf8'), 200, { 'content-type': assets[name]!, 'cache-control': 'public, max-age=86400' })
    })
