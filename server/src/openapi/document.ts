import { z } from 'zod'
import { loginInput, sessionUser, userInput, userUpdate } from '../contracts/auth'
import { gridCard, incidentNearby, wallKpis, incidentBatch, incidentFilter, incidentInput, incidentRecord, MAX_BATCH, timeChainUpdate } from '../contracts'
import { disputeListQuery } from '../contracts/disputes'
import { coveragePaths } from './coverage-paths'
import { disputeCreateOperation, exchangePaths } from './exchange-paths'
import { error, idParameter, json, queryParameters, schema } from './helpers'
import { planningPaths } from './planning-paths'

/**
 * The OpenAPI 3.1 document of the integration API (110 system, 12345, grid platform). Request and
 * response schemas are generated from the same zod schemas the routes validate with.
 */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'GridWatch API',
      version: '1.0.0',
      description:
        'Incidents in and out of GridWatch. Sign in with `POST /api/auth/login`: the session travels in an HTTP-only cookie, and every request that changes state also sends the session\'s CSRF token (from the login answer or `GET /api/auth/me`) in `X-CSRF-Token`. What a role may call and see is in README "Roles". Every incident is assigned, in the same transaction, to the grid that contains it under the boundary version in force at its report time, and to the responsible officer. Ingest is idempotent on (source, externalId). Errors are `{ error: { code, message, field } }`.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'gw_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Required on POST, PATCH, PUT, DELETE' },
      },
    },
    security: [{ session: [], csrf: [] }],
    tags: [
      { name: 'auth', description: 'Sign in and out' },
      { name: 'sensitive', description: 'Household colours and dispute parties: scoped by role, every read audited' },
      { name: 'admin', description: 'Users and the audit log' },
      { name: 'incidents', description: '警情: ingest, time chain, queries' },
      { name: 'import', description: 'Files: CSV of incidents, grid boundaries' },
      { name: 'grids', description: 'Per-grid statistics' },
      { name: 'wall', description: 'The command-center wall: KPIs of the day, grid cards, what is near an incident' },
      { name: 'cameras', description: '视频覆盖: the camera registry, view areas, coverage, camera sites, police-post reach' },
      { name: 'planner', description: '网格规划: draft plans, scores, validation, diff, publishing and roll back' },
      { name: 'disputes', description: '矛盾纠纷: the mediation workflow and its KPIs' },
      { name: 'exchange', description: '警网互融: signed events to and from partner platforms' },
    ],
    paths: {
      '/api/auth/login': {
        post: {
          tags: ['auth'],
          security: [],
          summary: 'Sign in',
          description: 'Sets the session cookie. Five wrong passwords in a row lock the account for 15 minutes; many failures from one address are slowed down (429 with Retry-After).',
          requestBody: { required: true, content: { 'application/json': { schema: schema(loginInput) } } },
          responses: { '200': json(z.object({ user: sessionUser, csrfToken: z.string() }), 'Signed in'), '401': error('Wrong username or password'), '429': error('Locked or rate limited') },
        },
      },
      '/api/auth/logout': { post: { tags: ['auth'], summary: 'Sign out (revokes the session)', responses: { '200': { description: 'Signed out' } } } },
      '/api/auth/me': { get: { tags: ['auth'], summary: 'The signed-in user, permissions and CSRF token', responses: { '200': json(z.object({ user: sessionUser, csrfToken: z.string() }), 'Who you are'), '401': error('Not signed in') } } },
      '/api/households/summary': { get: { tags: ['sensitive'], summary: 'Household colour counts per grid in your scope (cells below 3 suppressed)', responses: { '200': { description: 'Per grid: households, colours (null = suppressed)' } } } },
      '/api/households': {
        get: {
          tags: ['sensitive'],
          summary: 'Households of one grid with their risk colour (audited)',
          parameters: [{ name: 'grid', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9]{15}$' } }, { name: 'colour', in: 'query', schema: { type: 'string', enum: ['green', 'yellow', 'orange', 'red'] } }],
          responses: { '200': { description: '`{ items }`' }, '403': error('Your role sees aggregates only') },
        },
      },
      '/api/households/{id}': { get: { tags: ['sensitive'], summary: 'One household (audited)', parameters: [idParameter], responses: { '200': { description: 'The household' }, '404': error('No such household in your scope') } } },
      '/api/disputes': { get: { tags: ['sensitive'], summary: 'Dispute cases in your scope (without parties), newest first', parameters: queryParameters(disputeListQuery), responses: { '200': { description: '`{ items, next }` (`next`: the next page\'s `before`)' }, '400': error('Bad filter, by field') } }, post: disputeCreateOperation },
      '/api/disputes/{id}': { get: { tags: ['sensitive'], summary: 'One case with its timeline and its allowed `moves` (to[], escalate, deescalate, judicial, followUp); parties for roles allowed to see them (audited)', parameters: [idParameter], responses: { '200': { description: 'The case' }, '404': error('No such case in your scope') } } },
      '/api/users': {
        get: { tags: ['admin'], summary: 'Users', responses: { '200': { description: 'Users' } } },
        post: { tags: ['admin'], summary: 'Create a user', requestBody: { required: true, content: { 'application/json': { schema: schema(userInput) } } }, responses: { '201': { description: 'Created' }, '409': error('Username taken'), '422': error('Scope missing (station or person)') } },
      },
      '/api/users/{id}': { patch: { tags: ['admin'], summary: 'Change, disable or reset a user (ends their sessions)', parameters: [idParameter], requestBody: { required: true, content: { 'application/json': { schema: schema(userUpdate) } } }, responses: { '200': { description: 'Updated' } } } },
      '/api/audit': { get: { tags: ['admin'], summary: 'The audit log, newest first, filtered', responses: { '200': { description: '`{ items, next }`' } } } },
      '/api/audit/export.csv': { get: { tags: ['admin'], summary: 'The filtered audit log as CSV (the export is itself audited)', responses: { '200': { description: 'CSV', content: { 'text/csv': {} } } } } },
      '/api/incidents/export.csv': { get: { tags: ['incidents'], summary: 'Incidents in your scope as CSV (formula-like cells neutralised)', parameters: queryParameters(incidentFilter), responses: { '200': { description: 'CSV', content: { 'text/csv': {} } } } } },
      '/api/incidents': {
        post: {
          tags: ['incidents'],
          summary: 'Ingest one incident',
          description: 'Stores and assigns one incident. A re-sent (source, externalId) changes nothing and returns the stored record with 200.',
          requestBody: { required: true, content: { 'application/json': { schema: schema(incidentInput) } } },
          responses: {
            '201': json(incidentRecord, 'Stored and assigned'),
            '200': json(incidentRecord, 'Already stored: the stored record, unchanged'),
            '400': error('Invalid input; `field` names the offending field'),
            '422': error('Time chain runs backwards'),
          },
        },
        get: {
          tags: ['incidents'],
          summary: 'List incidents, newest first (paged)',
          description: 'The review queue is `?assignment=unassigned`.',
          parameters: [...queryParameters(incidentFilter), { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } }, { name: 'cursor', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: '`{ items: IncidentRecord[], next: string | null }`' }, '400': error('Invalid filter') },
        },
      },
      '/api/incidents/batch': {
        post: {
          tags: ['incidents'],
          summary: `Ingest up to ${MAX_BATCH.toLocaleString('en')} incidents at once`,
          description: 'All or nothing: any invalid item rejects the whole batch (the error names `items.N.field`).',
          requestBody: { required: true, content: { 'application/json': { schema: schema(incidentBatch) } } },
          responses: { '200': { description: '`{ results: [{ index, id, status: created|existing }], summary }`' }, '400': error('Invalid item'), '413': error('Body too large') },
        },
      },
      '/api/incidents/{id}': {
        get: { tags: ['incidents'], summary: 'One incident', parameters: [idParameter], responses: { '200': json(incidentRecord, 'The incident'), '404': error('No such incident') } },
        patch: {
          tags: ['incidents'],
          summary: 'Record links of the time chain',
          description: 'accepted → contacted → on scene → closed. A link is set once; the chain never runs backwards.',
          parameters: [idParameter],
          requestBody: { required: true, content: { 'application/json': { schema: schema(timeChainUpdate) } } },
          responses: { '200': json(incidentRecord, 'Updated'), '404': error('No such incident'), '409': error('Link already recorded with another time'), '422': error('Chain would run backwards') },
        },
      },
      '/api/incidents/columns': {
        get: {
          tags: ['incidents'],
          summary: 'Incidents for the map as Apache Arrow columns',
          description: 'Columns id, lon, lat, time (epoch ms), category (index into the `categories` schema metadata), grid (-1 = none), closed, priority.',
          parameters: queryParameters(incidentFilter),
          responses: { '200': { description: 'Arrow IPC stream', content: { 'application/vnd.apache.arrow.stream': {} } } },
        },
      },
      '/api/incidents/categories': { get: { tags: ['incidents'], summary: 'The category code table', responses: { '200': { description: 'Categories' } } } },
      '/api/import/incidents': {
        post: {
          tags: ['import'],
          summary: 'Import a CSV or GeoJSON file of incidents (streamed)',
          description: 'multipart/form-data with the file (.csv, .geojson) in `file`. Query parameters name the columns (CSV) or properties (GeoJSON). The response is NDJSON: progress, reject and a final summary line.',
          parameters: [
            ...['lon', 'lat'].map((name) => ({ name, in: 'query', description: 'CSV: the coordinate column (required); GeoJSON uses the Point geometry', schema: { type: 'string' } })),
            ...['id', 'time', 'category', 'source', 'address', 'priority'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
            { name: 'crs', in: 'query', schema: { type: 'string', default: 'wgs84', description: 'wgs84, gcj02, bd09, cgcs2000 or EPSG:4491–4554, EPSG:3857' } },
          ],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: { '200': { description: 'NDJSON stream', content: { 'application/x-ndjson': {} } }, '400': error('Missing column, bad option or no file') },
        },
      },
      '/api/import/grids': {
        post: {
          tags: ['import'],
          summary: 'Import grid boundaries (GeoJSON, KML, zipped Shapefile)',
          parameters: ['nameField', 'codeField'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: { '200': { description: 'The new boundary version and rejected features' }, '400': error('Unreadable file'), '422': error('No valid polygon') },
        },
      },
      '/api/grids/stats': {
        get: {
          tags: ['grids'],
          summary: 'Per-grid statistics against a boundary version',
          parameters: [
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'version', in: 'query', schema: { type: 'integer' } },
          ],
          responses: { '200': { description: 'Counts by category, year over year, response-target rates, open disputes' } },
        },
      },
      '/api/grids/{id}/card': {
        get: { tags: ['wall'], summary: 'A grid: people on duty (roles that handle incidents), 12-month trend, year over year, open disputes, cameras', parameters: [idParameter], responses: { '200': json(gridCard, 'The grid card'), '404': error('No such grid in your scope') } },
      },
      '/api/wall/kpis': {
        get: {
          tags: ['wall'],
          summary: 'KPIs of one county day (UTC+8) in your scope, against the same day last year',
          parameters: [{ name: 'day', in: 'query', description: 'YYYY-MM-DD, default today', schema: { type: 'string', format: 'date' } }],
          responses: { '200': json(wallKpis, 'The KPI strip'), '400': error('Bad day') },
        },
      },
      '/api/incidents/{id}/nearby': {
        get: { tags: ['wall'], summary: 'The nearest police posts and cameras (your scope) of an incident, and which cameras see it', parameters: [idParameter], responses: { '200': json(incidentNearby, 'Posts and cameras, nearest first'), '404': error('No such incident in your scope') } },
      },
      '/api/map/areas': { get: { tags: ['wall'], summary: 'Township and community outlines (GeoJSON)', responses: { '200': { description: 'FeatureCollection', content: { 'application/geo+json': {} } } } } },
      ...coveragePaths,
      ...planningPaths,
      ...exchangePaths,
    },
  }
}
