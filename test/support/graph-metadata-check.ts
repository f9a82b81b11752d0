import { collectionOf, derivesFrom, memberOf, shortName, type ActionDef, type GraphModel } from './graph-metadata';

/** One request and its answer, as seen on the wire (a `$batch` is unpacked by the checker). */
export interface GraphExchange {
  method: string;
  /** After the version segment, with its query: `/me/calendars?$select=name`. */
  url: string;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
}

/** What a path addresses in the model. */
export type GraphTarget =
  | { kind: 'collection'; type: string }
  | { kind: 'entity'; type: string }
  /** A structural property: a complex value, a primitive, or a collection of them. */
  | { kind: 'value'; type: string }
  | { kind: 'action'; action: ActionDef }
  | { kind: 'batch' };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Instance annotations Graph writes or reads on a payload. */
const payloadAnnotations = new Set(['@odata.context', '@odata.etag', '@odata.type', '@odata.id', '@odata.nextLink', '@odata.deltaLink', '@odata.count', '@removed']);
/** Annotations on a property: `teamsApp@odata.bind`. */
const propertyAnnotations = new Set(['odata.bind', 'odata.type', 'odata.navigationLink', 'odata.associationLink']);

/** Resolves a path (after the version segment, without query) against the model. */
export function resolvePath(model: GraphModel, path: string): { target?: GraphTarget; problem?: string } {
  const segments = path.split('/').filter((segment) => segment.length > 0).map((segment) => decodeURIComponent(segment));
  if (segments.length === 1 && segments[0] === '$batch') return { target: { kind: 'batch' } };
  const root = model.roots.get(segments[0] ?? '');
  if (!root) return { problem: `${path}: '${segments[0]}' is no entity set or singleton of the metadata` };
  let target: GraphTarget = root.isCollection ? { kind: 'collection', type: root.type } : { kind: 'entity', type: root.type };
  for (const segment of segments.slice(1)) {
    if (target.kind === 'collection') {
      const collectionType: string = target.type;
      const bound: ActionDef | undefined = model.actions.find((candidate) => candidate.boundToCollection && candidate.name === segment && derivesFrom(model, collectionType, candidate.bindingType));
      target = bound ? { kind: 'action', action: bound } : { kind: 'entity', type: target.type }; // a function of the collection, or a key
      continue;
    }
    if (target.kind === 'action' || (target.kind === 'value' && !model.types.has(shortName(target.type)))) {
      return { problem: `${path}: nothing can follow '${segment}'s parent` };
    }
    const typeName = shortName(target.type);
    const member = memberOf(model, typeName, segment);
    if (member) {
      const { item, isCollection } = collectionOf(member.def.type);
      const name = shortName(item);
      if (member.navigation && !model.types.has(name)) return { problem: `${path}: graph.${name} is not vendored (add it to scripts/vendor-graph-metadata.ts)` };
      target = member.navigation ? (isCollection ? { kind: 'collection', type: name } : { kind: 'entity', type: name }) : { kind: 'value', type: member.def.type };
      continue;
    }
    const action = model.actions.find((candidate) => !candidate.boundToCollection && candidate.name === segment && derivesFrom(model, typeName, candidate.bindingType));
    if (!action) return { problem: `${path}: '${segment}' is neither a property, a navigation property nor a bound action of graph.${typeName}` };
    target = { kind: 'action', action };
  }
  return { target };
}

/** Every way a value departs from its declared type; `at` names where, for the message. */
export function checkValue(model: GraphModel, type: string, value: unknown, at: string, nullable = true): string[] {
  if (value === null) return nullable ? [] : [`${at}: null, but ${type} is not nullable`];
  const { item, isCollection } = collectionOf(type);
  if (isCollection) {
    if (!Array.isArray(value)) return [`${at}: expected ${type}, got ${JSON.stringify(value)}`];
    return value.flatMap((element, index) => checkValue(model, item, element, `${at}[${index}]`, false));
  }
  if (type.startsWith('Edm.')) return checkPrimitive(type, value, at);
  const name = shortName(type);
  const enumType = model.enums.get(name);
  if (enumType) {
    if (typeof value !== 'string') return [`${at}: expected a graph.${name} member, got ${JSON.stringify(value)}`];
    const members = enumType.isFlags ? value.split(',').map((member) => member.trim()) : [value];
    return members.filter((member) => !enumType.members.has(member)).map((member) => `${at}: '${member}' is not a member of graph.${name}`);
  }
  if (!model.types.has(name)) return [`${at}: graph.${name} is not vendored (add it to scripts/vendor-graph-metadata.ts)`];
  return checkStructured(model, name, value, at);
}

const primitiveChecks: Record<string, (value: unknown) => boolean> = {
  'Edm.String': (value) => typeof value === 'string',
  'Edm.Boolean': (value) => typeof value === 'boolean',
  'Edm.Int16': Number.isInteger,
  'Edm.Int32': Number.isInteger,
  'Edm.Int64': Number.isInteger,
  'Edm.Byte': Number.isInteger,
  'Edm.Double': (value) => typeof value === 'number',
  'Edm.Single': (value) => typeof value === 'number',
  'Edm.Decimal': (value) => typeof value === 'number',
  'Edm.DateTimeOffset': (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/.test(value),
  'Edm.Date': (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
  'Edm.TimeOfDay': (value) => typeof value === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/.test(value),
  'Edm.Guid': (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  'Edm.Binary': (value) => typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value),
  'Edm.Duration': (value) => typeof value === 'string' && /^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(value),
};

function checkPrimitive(type: string, value: unknown, at: string): string[] {
  const check = primitiveChecks[type];
  if (!check) return [`${at}: the checker does not know ${type}`];
  return check(value) ? [] : [`${at}: expected ${type}, got ${JSON.stringify(value)}`];
}

/**
 * An object against an entity or complex type: every property must be declared (on the type or a base), with a
 * value of its type. Open types (user) are held to their declared properties too: the emulator must not invent any.
 */
export function checkStructured(model: GraphModel, typeName: string, value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at}: expected a graph.${typeName} object, got ${JSON.stringify(value)}`];
  let actual = typeName;
  const cast = value['@odata.type'];
  if (typeof cast === 'string') {
    actual = shortName(cast);
    if (!model.types.has(actual)) return [`${at}: @odata.type ${cast} is not vendored`];
    if (!derivesFrom(model, actual, typeName)) return [`${at}: @odata.type ${cast} does not derive from graph.${typeName}`];
  }
  const problems: string[] = [];
  for (const [key, element] of Object.entries(value)) {
    const where = `${at}.${key}`;
    if (key.startsWith('@')) {
      if (!payloadAnnotations.has(key)) problems.push(`${where}: unknown annotation`);
      continue;
    }
    const annotated = /^(\w+)@(.+)$/.exec(key);
    if (annotated) {
      if (!propertyAnnotations.has(annotated[2]) || !memberOf(model, actual, annotated[1])) problems.push(`${where}: not an annotation of a property of graph.${actual}`);
      continue;
    }
    const member = memberOf(model, actual, key);
    if (!member) {
      problems.push(`${where}: not a property of graph.${actual}`);
      continue;
    }
    problems.push(...checkValue(model, member.def.type, element, where, member.def.nullable));
  }
  return problems;
}

/** `$select` and `$expand` may only name members of the addressed type. */
function checkQuery(model: GraphModel, target: GraphTarget, query: URLSearchParams, at: string): string[] {
  if (target.kind !== 'collection' && target.kind !== 'entity' && !(target.kind === 'value' && model.types.has(shortName(target.type)))) return [];
  const typeName = shortName(target.type);
  const names = [
    ...(query.get('$select') ?? '').split(','),
    ...(query.get('$expand') ?? '').split(',').map((item) => item.replace(/\(.*$/, '')),
  ].map((name) => name.trim()).filter(Boolean);
  return names.filter((name) => !memberOf(model, typeName, name)).map((name) => `${at}: $select/$expand names '${name}', not a member of graph.${typeName}`);
}

function checkErrorBody(body: unknown, at: string): string[] {
  const error = isObject(body) ? body.error : undefined;
  if (!isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string') return [`${at}: an error answer without Graph's {error:{code,message}}`];
  return [];
}

/** A collection answer: `value` and its annotations only, each item of the item type. */
function checkCollectionBody(model: GraphModel, itemType: string, body: unknown, at: string): string[] {
  if (!isObject(body) || !Array.isArray(body.value)) return [`${at}: a collection answer without a value array`];
  const extra = Object.keys(body).filter((key) => key !== 'value' && !payloadAnnotations.has(key));
  return [...extra.map((key) => `${at}.${key}: not part of a collection answer`), ...checkValue(model, `Collection(${itemType})`, body.value, `${at}.value`)];
}

function checkResponse(model: GraphModel, target: GraphTarget, exchange: GraphExchange, at: string): string[] {
  const { status, responseBody: body } = exchange;
  if (status >= 400) return checkErrorBody(body, at);
  if (body === undefined) return [];
  const problems = isObject(body) && typeof body['@odata.context'] !== 'string' ? [`${at}: a JSON answer without @odata.context`] : [];
  switch (target.kind) {
    case 'collection':
      // A POST to a collection creates one item and answers with it.
      if (exchange.method === 'POST') return [...problems, ...checkStructured(model, target.type, body, at)];
      return [...problems, ...checkCollectionBody(model, `graph.${target.type}`, body, at)];
    case 'entity':
      return [...problems, ...checkStructured(model, target.type, body, at)];
    case 'value': {
      const isComplex = model.types.has(shortName(target.type));
      if (isComplex) return [...problems, ...checkStructured(model, shortName(target.type), body, at)];
      return [...problems, ...(isObject(body) ? checkValue(model, target.type, body.value, `${at}.value`) : [`${at}: a property answer without value`])];
    }
    case 'action': {
      const returnType = target.action.returnType;
      if (!returnType) return [`${at}: ${target.action.name} returns nothing, but the answer has a body`];
      const { item, isCollection } = collectionOf(returnType);
      return [...problems, ...(isCollection ? checkCollectionBody(model, item, body, at) : checkValue(model, returnType, body, at))];
    }
    case 'batch':
      return [];
  }
}

function checkRequestBody(model: GraphModel, target: GraphTarget, exchange: GraphExchange, at: string): string[] {
  const { method, requestBody: body } = exchange;
  if (body === undefined || method === 'GET' || method === 'DELETE') return [];
  if (target.kind === 'collection' || target.kind === 'entity') return checkStructured(model, target.type, body, `${at} (request)`);
  if (target.kind === 'action') {
    if (!isObject(body)) return [`${at} (request): the parameters of ${target.action.name} must be an object`];
    return Object.entries(body).flatMap(([key, value]) => {
      const parameter = target.action.parameters.get(key.toLowerCase());
      if (!parameter) return [`${at} (request).${key}: not a parameter of ${target.action.name}`];
      return checkValue(model, parameter.type, value, `${at} (request).${key}`, parameter.nullable);
    });
  }
  return [];
}

/** The inner requests of a `$batch` with their answers, as exchanges of their own. */
function innerExchanges(exchange: GraphExchange): { exchanges: GraphExchange[]; problems: string[] } {
  const requests = isObject(exchange.requestBody) && Array.isArray(exchange.requestBody.requests) ? (exchange.requestBody.requests as unknown[]) : [];
  const responses = isObject(exchange.responseBody) && Array.isArray(exchange.responseBody.responses) ? (exchange.responseBody.responses as unknown[]) : [];
  const byId = new Map(responses.filter(isObject).map((response) => [String(response.id), response]));
  const problems: string[] = [];
  const exchanges = requests.filter(isObject).map((request) => {
    const response = byId.get(String(request.id));
    if (!response) problems.push(`$batch: request ${String(request.id)} has no answer`);
    return {
      method: String(request.method).toUpperCase(),
      url: String(request.url).startsWith('/') ? String(request.url) : `/${String(request.url)}`,
      requestBody: request.body,
      status: Number(response?.status ?? 0),
      responseBody: response?.body,
    };
  });
  return { exchanges, problems };
}

/** Every way one exchange departs from the metadata: its path, query, request body and answer. */
export function checkExchange(model: GraphModel, exchange: GraphExchange): string[] {
  const url = new URL(exchange.url, 'http://graph.invalid');
  const at = `${exchange.method} ${url.pathname}`;
  const { target, problem } = resolvePath(model, url.pathname);
  if (!target) return [problem ?? `${at}: unresolved`];
  if (target.kind === 'batch') {
    const inner = innerExchanges(exchange);
    return [...inner.problems, ...inner.exchanges.flatMap((one) => checkExchange(model, one))];
  }
  return [...checkQuery(model, target, url.searchParams, at), ...checkRequestBody(model, target, exchange, at), ...checkResponse(model, target, exchange, at)];
}
