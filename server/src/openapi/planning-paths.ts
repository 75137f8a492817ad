import { planCreate, planSave, publishBody, suggestionBody, validationQuery } from '../contracts/plans'
import { peopleQuery } from '../contracts/people'
import { error, idParameter, queryParameters, schema } from './helpers'

const tags = ['planner']
const body = (s: Parameters<typeof schema>[0]) => ({ required: true, content: { 'application/json': { schema: schema(s) } } })
const ok = (description: string) => ({ description, content: { 'application/json': {} } })
const planId = [idParameter]

/** 网格规划: draft plans and versioned publishing (README "Grid planner"). Permission `grids:plan`. */
export const planningPaths = {
  '/api/plans': {
    get: { tags, summary: 'Plans, drafts first', responses: { '200': ok('PlanSummary[]') } },
    post: { tags, summary: 'A new draft of a community or township, holding its grids in force (audited)', requestBody: body(planCreate), responses: { '201': ok('PlanDetail'), '422': error('Not a community or township') } },
  },
  '/api/plans/{id}': {
    get: { tags, summary: 'A plan with its grids (GeoJSON)', parameters: planId, responses: { '200': ok('PlanDetail'), '404': error('No such plan') } },
    delete: { tags, summary: 'Discard a draft (audited)', parameters: planId, responses: { '204': { description: 'Discarded' }, '409': error('Not a draft') } },
  },
  '/api/plans/{id}/grids': {
    put: { tags, summary: "Save the draft's grids (the whole set), refused over a newer revision", parameters: planId, requestBody: body(planSave), responses: { '200': ok('PlanDetail'), '409': error('Saved meanwhile, or not a draft'), '422': error('A grid names an unknown community, source grid or person') } },
  },
  '/api/plans/{id}/scores': { get: { tags, summary: 'Per-grid workload, people, disputes, camera share, nearest post, shape; balance against the version in force', parameters: planId, responses: { '200': ok('PlanScores') } } },
  '/api/plans/{id}/validation': { get: { tags, summary: 'Problems located on the map; errors block publishing', parameters: [...planId, ...queryParameters(validationQuery)], responses: { '200': ok('PlanValidation') } } },
  '/api/plans/{id}/diff': { get: { tags, summary: 'Land changing hands on publishing, with the incidents, households and cameras that move', parameters: planId, responses: { '200': ok('PlanDiff') } } },
  '/api/plans/{id}/suggestion': { post: { tags, summary: 'Blocks to move between neighbouring grids to even out workloads (nothing saved)', parameters: planId, requestBody: body(suggestionBody), responses: { '200': ok('PlanSuggestion'), '422': error('Invalid grids: fix them first') } } },
  '/api/plans/{id}/export': { get: { tags, summary: 'The plan as GeoJSON or zipped Shapefile (`format`)', parameters: planId, responses: { '200': { description: 'File', content: { 'application/geo+json': {}, 'application/zip': {} } } } } },
  '/api/plans/{id}/import': { post: { tags, summary: "GeoJSON, KML or zipped Shapefile (multipart `file`) → the draft's grids; query `revision`, `nameField`, `codeField`", parameters: planId, responses: { '200': ok('PlanDetail'), '400': error('Unreadable file, by field'), '409': error('Saved meanwhile') } } },
  '/api/plans/{id}/publish': {
    post: { tags, summary: 'Publish: new version in force, codes renumbered, open incidents re-assigned, live clients told (audited)', parameters: planId, requestBody: body(publishBody), responses: { '200': ok('PublishResult'), '409': error('Not a draft, or drafted from a version no longer in force'), '422': error('Validation errors remain') } },
  },
  '/api/people': { get: { tags: ['people'], summary: 'Directory for pickers (网格长, mediators): names, badges, stations, current grid duties; no phones. Permission `people:read`', parameters: queryParameters(peopleQuery), responses: { '200': ok('DirectoryPerson[]'), '400': error('Bad filter, by field') } } },
  '/api/versions': { get: { tags, summary: 'Boundary versions, newest first', responses: { '200': ok('BoundaryVersionSummary[]') } } },
  '/api/versions/{id}/republish': { post: { tags, summary: 'Roll back: publish an earlier (or imported draft) version again (audited)', parameters: [idParameter], requestBody: body(publishBody), responses: { '200': ok('PublishResult'), '409': error('Already in force') } } },
}
