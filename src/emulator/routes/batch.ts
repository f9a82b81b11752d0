import { GraphApiError, json, objectBody, type GraphRequest, type GraphResponse } from '../graph-http';
import type { Route, RouteContext } from '../router';

const maxRequests = 20;

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

const badBatch = (message: string): GraphApiError => new GraphApiError(400, 'BadRequest', message);

function parseInner(value: unknown): InnerRequest {
  const item = (value ?? {}) as Record<string, unknown>;
  if (typeof item.id !== 'string' || typeof item.method !== 'string' || typeof item.url !== 'string') {
    throw badBatch('Invalid batch payload format: each request needs an id, a method and a url.');
  }
  const headers = Object.fromEntries(
    Object.entries((item.headers ?? {}) as Record<string, unknown>)
      .filter(([, header]) => typeof header === 'string')
      .map(([name, header]) => [name.toLowerCase(), header as string]),
  );
  const dependsOn = Array.isArray(item.dependsOn) ? item.dependsOn.filter((id): id is string => typeof id === 'string') : [];
  return { id: item.id, method: item.method.toUpperCase(), url: item.url, headers, body: item.body, dependsOn };
}

/** An inner request as Graph sees it: a relative URL (an SDK may keep a leading /v1.0), the outer token. */
function innerGraphRequest(outer: GraphRequest, inner: InnerRequest): GraphRequest {
  const relative = inner.url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?v1\.0(?=\/|$)/i, '');
  const url = new URL(relative.startsWith('/') ? relative : `/${relative}`, 'http://batch.invalid');
  let body = inner.body;
  if (typeof body === 'string' && (inner.headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      // left as is: the route answers the bad payload
    }
  }
  return {
    method: inner.method,
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    // An inner request without its own client-request-id is known by the batch's.
    headers: { 'client-request-id': outer.headers['client-request-id'], ...inner.headers, authorization: outer.headers.authorization },
    body,
    serviceRoot: outer.serviceRoot,
    inBatch: true,
  };
}

function batchResponse(id: string, response: GraphResponse): Record<string, unknown> {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body !== undefined) headers['Content-Type'] = 'application/json';
  return { id, status: response.status, headers, ...(response.body !== undefined ? { body: response.body } : {}) };
}

/**
 * JSON batching: up to 20 requests, each through the same routing, auth and faults (so each can get
 * its own 429). Requests run in order; one whose dependency failed answers 424.
 */
async function batch({ request, dispatch }: RouteContext) {
  const requests = objectBody(request).requests;
  if (!Array.isArray(requests)) throw badBatch('Invalid batch payload format: expected a requests collection.');
  if (requests.length > maxRequests) throw badBatch(`The batch request contains ${requests.length} requests; the limit is ${maxRequests}.`);
  const inners = requests.map(parseInner);
  if (new Set(inners.map((inner) => inner.id)).size !== inners.length) throw badBatch('Batch request ids must be unique.');
  const statuses = new Map<string, number>();
  const responses: Record<string, unknown>[] = [];
  for (const inner of inners) {
    const failedDependency = inner.dependsOn.some((id) => (statuses.get(id) ?? 424) >= 400);
    const response: GraphResponse = failedDependency
      ? { status: 424, body: { error: { code: 'FailedDependency', message: 'A request this one depends on failed.' } } }
      : await dispatch(innerGraphRequest(request, inner));
    statuses.set(inner.id, response.status);
    responses.push(batchResponse(inner.id, response));
  }
  return json(200, { responses });
}

export const batchRoutes: Route[] = [{ method: 'POST', pattern: '/$batch', handler: batch }];
