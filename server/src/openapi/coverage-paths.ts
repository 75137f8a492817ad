import { z } from 'zod'
import { cameraImportResult, cameraInput, cameraList, cameraListQuery, cameraRecord, cameraUpdate } from '../contracts/cameras'
import { atPointQuery, blindSpotFeatures, blindSpotsQuery, cameraSuggestions, camerasAtPoint, gridCoverage, keySiteCoverage, postReach, reachQuery, suggestionsQuery, viewAreaFeatures, viewAreasQuery } from '../contracts/coverage'
import { error, idParameter, json, queryParameters, schema } from './helpers'

const tags = ['cameras']
const body = (s: Parameters<typeof schema>[0]) => ({ required: true, content: { 'application/json': { schema: schema(s) } } })

/** 视频覆盖: the camera registry and coverage analysis (README "Camera coverage"). */
export const coveragePaths = {
  '/api/cameras': {
    get: { tags, summary: 'Cameras in your scope, filtered and paged', parameters: queryParameters(cameraListQuery), responses: { '200': json(cameraList, 'Cameras') } },
    post: { tags, summary: 'Register a camera (cameras:manage; audited); its view area is computed at once', requestBody: body(cameraInput), responses: { '201': json(cameraRecord, 'Registered'), '409': error('Code taken'), '422': error('Field out of range') } },
  },
  '/api/cameras/{id}': {
    get: { tags, summary: 'One camera', parameters: [idParameter], responses: { '200': json(cameraRecord, 'The camera'), '404': error('No such camera in your scope') } },
    patch: { tags, summary: 'Change a camera (a status change streams live; a re-aim recomputes its view area)', parameters: [idParameter], requestBody: body(cameraUpdate), responses: { '200': json(cameraRecord, 'Changed') } },
    delete: { tags, summary: 'Remove a camera (audited)', parameters: [idParameter], responses: { '204': { description: 'Removed' } } },
  },
  '/api/import/cameras': {
    post: { tags, summary: 'Camera registry CSV (multipart `file`): all rows or none; errors name `line N: field`', responses: { '200': json(cameraImportResult, 'Imported'), '422': error('Rows refused, nothing stored') } },
  },
  '/api/coverage/grids': { get: { tags, summary: 'Per-grid area and road coverage, all and online cameras', responses: { '200': json(z.array(gridCoverage), 'One row per grid in your scope') } } },
  '/api/coverage/view-areas': { get: { tags, summary: 'Occluded view areas in a box', parameters: queryParameters(viewAreasQuery), responses: { '200': json(viewAreaFeatures, 'FeatureCollection') } } },
  '/api/coverage/blind-spots': { get: { tags, summary: 'Road stretches no camera sees, longest first', parameters: queryParameters(blindSpotsQuery), responses: { '200': json(blindSpotFeatures, 'FeatureCollection') } } },
  '/api/coverage/key-sites': { get: { tags, summary: 'Key sites covered, partial or not, by how many cameras', responses: { '200': json(keySiteCoverage, 'FeatureCollection') } } },
  '/api/coverage/at-point': { get: { tags, summary: 'Which cameras see a point or an incident, and which nearby do not (why)', parameters: queryParameters(atPointQuery), responses: { '200': json(camerasAtPoint, 'Cameras, nearest first') } } },
  '/api/coverage/suggestions': { get: { tags, summary: 'The next k camera sites of a grid or township (greedy, incident-weighted)', parameters: queryParameters(suggestionsQuery), responses: { '200': json(cameraSuggestions, 'Sites with their gain') } } },
  '/api/coverage/reach': { get: { tags, summary: 'Police-post reach on the road network within a time limit', parameters: queryParameters(reachQuery), responses: { '200': json(postReach, 'Reach areas and what lies outside') } } },
}
