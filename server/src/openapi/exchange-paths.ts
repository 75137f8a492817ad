import { disputeCreate, disputeDocumentUpload, disputeFollowUp, disputeJudicial, disputeKpiQuery, disputeTierChange, disputeTransition } from '../contracts/disputes'
import { duplicateDecision, inboundEvent, outboxQuery, partnerInput, statusCallback } from '../contracts/exchange'
import { error, idParameter, queryParameters, schema } from './helpers'

const body = (s: Parameters<typeof schema>[0]) => ({ required: true, content: { 'application/json': { schema: schema(s) } } })
const ok = (description: string) => ({ description, content: { 'application/json': {} } })
const disputes = ['disputes']
const exchange = ['exchange']
const documentId = { name: 'documentId', in: 'path', required: true, schema: { type: 'integer' } }
const partner = { name: 'partner', in: 'path', required: true, schema: { type: 'string' } }
const signature = { name: 'X-GridWatch-Signature', in: 'header', required: true, description: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>', schema: { type: 'string' } }

/** POST on /api/disputes (its GET is in document.ts). */
export const disputeCreateOperation = { tags: disputes, summary: 'Open a case from an incident or a visit', requestBody: body(disputeCreate), responses: { '201': ok('The case'), '422': error('Outside your area') } }

/** 矛盾纠纷 workflow and 警网互融 event exchange (README "Disputes"). */
export const exchangePaths = {
  '/api/disputes/kpis': { get: { tags: disputes, summary: 'Dispute KPIs per area level and period', parameters: queryParameters(disputeKpiQuery), responses: { '200': ok('DisputeKpis') } } },
  '/api/disputes/{id}/transition': { post: { tags: disputes, summary: 'One lifecycle move (closing records the outcome)', parameters: [idParameter], requestBody: body(disputeTransition), responses: { '200': ok('The case'), '409': error('Illegal move: `allowed` lists the legal ones') } } },
  '/api/disputes/{id}/escalate': { post: { tags: disputes, summary: 'To the next tier up, with the reason', parameters: [idParameter], requestBody: body(disputeTierChange), responses: { '200': ok('The case'), '409': error('At the county already, or not open') } } },
  '/api/disputes/{id}/deescalate': { post: { tags: disputes, summary: 'Back down a tier, with the reason', parameters: [idParameter], requestBody: body(disputeTierChange), responses: { '200': ok('The case') } } },
  '/api/disputes/{id}/judicial': { post: { tags: disputes, summary: "The court's answer to a 司法确认 request", parameters: [idParameter], requestBody: body(disputeJudicial), responses: { '200': ok('The case') } } },
  '/api/disputes/{id}/documents': {
    post: {
      tags: ['sensitive'],
      summary: 'Attach a signed paper (调解协议书, 司法确认裁定书, other): PDF, JPEG or PNG by content, at most 10 MB, multipart `file`',
      parameters: [idParameter, ...queryParameters(disputeDocumentUpload)],
      requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
      responses: { '200': ok('The case with its `documents`'), '413': error('Larger than 10 MB'), '422': error('Not a PDF, JPEG or PNG'), '409': error('A cancelled case') },
    },
  },
  '/api/disputes/{id}/documents/{documentId}': {
    get: { tags: ['sensitive'], summary: 'The paper itself, as an attachment (audited: it names the parties)', parameters: [idParameter, documentId], responses: { '200': { description: 'The bytes' }, '404': error('No such paper in your scope') } },
    delete: { tags: disputes, summary: 'Remove a paper attached by mistake (open cases only)', parameters: [idParameter, documentId], responses: { '200': ok('The case'), '409': error('The case is closed: its papers stay') } },
  },
  '/api/disputes/{id}/follow-up': { post: { tags: disputes, summary: 'Schedule or record the 回访', parameters: [idParameter], requestBody: body(disputeFollowUp), responses: { '200': ok('The case') } } },
  '/api/exchange/inbound/{partner}/events': {
    post: { tags: exchange, security: [], summary: "A partner's event (signed): becomes an incident once per eventId; likely duplicates offered", parameters: [partner, signature], requestBody: body(inboundEvent), responses: { '201': ok('Created'), '200': ok('Seen before'), '401': error('Bad signature') } },
  },
  '/api/exchange/inbound/{partner}/status': {
    post: { tags: exchange, security: [], summary: 'Status of a matter we forwarded (signed)', parameters: [partner, signature], requestBody: body(statusCallback), responses: { '200': ok('Updated'), '401': error('Bad signature'), '404': error('Unknown eventKey') } },
  },
  '/api/exchange/partners': { get: { tags: exchange, summary: 'Partners (without secrets), categories, outbox counts', responses: { '200': ok('Partners') } } },
  '/api/exchange/partners/{partner}': { put: { tags: exchange, summary: 'Create or change a partner and its categories (audited)', parameters: [partner], requestBody: body(partnerInput), responses: { '200': ok('The partner') } } },
  '/api/exchange/outbox': { get: { tags: exchange, summary: 'Outbound events and their delivery, newest first: `{ counts (per status), items: OutboxEntry[] }`', parameters: queryParameters(outboxQuery), responses: { '200': ok('OutboxPage') } } },
  '/api/exchange/outbox/{id}/retry': { post: { tags: exchange, summary: 'Send a given-up event again', parameters: [idParameter], responses: { '200': ok('Queued') } } },
  '/api/exchange/duplicates': { get: { tags: exchange, summary: 'Likely duplicates offered for merging', responses: { '200': ok('Offers') } } },
  '/api/exchange/duplicates/{id}': { post: { tags: exchange, summary: 'Merge or dismiss an offer (audited)', parameters: [idParameter], requestBody: body(duplicateDecision), responses: { '200': ok('Decided'), '409': error('Already decided') } } },
}
