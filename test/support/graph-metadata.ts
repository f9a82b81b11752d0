import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The vendored part of the Graph v1.0 metadata (test/graph-metadata/graph-v1.0-subset.xml, written by
 * scripts/vendor-graph-metadata.ts), read into a model the checker walks. The file is machine-written with one
 * element per line, so a few regular expressions read it; it is test data, not a general CSDL parser.
 */

export interface PropertyDef {
  name: string;
  /** `Edm.String`, `graph.calendar`, `Collection(graph.event)`... */
  type: string;
  nullable: boolean;
}

export interface StructuredType {
  name: string;
  kind: 'entity' | 'complex';
  baseType?: string;
  properties: Map<string, PropertyDef>;
  navigations: Map<string, PropertyDef>;
}

export interface EnumDef {
  name: string;
  members: Set<string>;
  isFlags: boolean;
}

/** A bound action or function (both are a segment after what they are bound to). */
export interface ActionDef {
  name: string;
  bindingType: string;
  /** Bound to a collection of `bindingType` (`calendarView/delta`) rather than to one entity. */
  boundToCollection: boolean;
  /** By lower-cased name: Graph reads action parameters case-insensitively (`Schedules` is sent as `schedules`). */
  parameters: Map<string, PropertyDef>;
  returnType?: string;
}

export interface GraphModel {
  types: Map<string, StructuredType>;
  enums: Map<string, EnumDef>;
  actions: ActionDef[];
  /** Entity sets and singletons: the first segment of a path. */
  roots: Map<string, { type: string; isCollection: boolean }>;
}

/** `graph.x`, `microsoft.graph.x`, `#microsoft.graph.x` → `x`; Edm types stay as they are. */
export function shortName(type: string): string {
  return type.replace(/^#/, '').replace(/^(microsoft\.)?graph\./, '');
}

const attribute = (xml: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1];

function propertyOf(line: string): PropertyDef {
  return { name: attribute(line, 'Name') ?? '', type: attribute(line, 'Type') ?? '', nullable: attribute(line, 'Nullable') !== 'false' };
}

/** Reads a metadata extract (the vendored file by default). */
export function loadGraphModel(xml = readFileSync(path.join(__dirname, '..', 'graph-metadata', 'graph-v1.0-subset.xml'), 'utf8')): GraphModel {
  const types = new Map<string, StructuredType>();
  for (const match of xml.matchAll(/<(EntityType|ComplexType) ([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/g)) {
    const name = attribute(match[2], 'Name') ?? '';
    const baseType = attribute(match[2], 'BaseType');
    const inner = match[3] ?? '';
    types.set(name, {
      name,
      kind: match[1] === 'EntityType' ? 'entity' : 'complex',
      baseType: baseType && shortName(baseType),
      properties: new Map([...inner.matchAll(/<Property [^>]*>/g)].map((line) => propertyOf(line[0])).map((property) => [property.name, property])),
      navigations: new Map([...inner.matchAll(/<NavigationProperty [^>]*>/g)].map((line) => propertyOf(line[0])).map((property) => [property.name, property])),
    });
  }
  const enums = new Map<string, EnumDef>();
  for (const match of xml.matchAll(/<EnumType ([^>]*?)>([\s\S]*?)<\/EnumType>/g)) {
    const name = attribute(match[1], 'Name') ?? '';
    enums.set(name, { name, isFlags: attribute(match[1], 'IsFlags') === 'true', members: new Set([...match[2].matchAll(/<Member Name="(\w+)"/g)].map((member) => member[1])) });
  }
  const actions: ActionDef[] = [];
  for (const match of xml.matchAll(/<(Action|Function) ([^>]*?)>([\s\S]*?)<\/\1>/g)) {
    const parameters = [...match[3].matchAll(/<Parameter [^>]*>/g)].map((line) => propertyOf(line[0]));
    const [binding, ...rest] = parameters;
    const returnType = /<ReturnType Type="([^"]+)"/.exec(match[3])?.[1];
    const bound = collectionOf(binding?.type ?? '');
    actions.push({
      name: attribute(match[2], 'Name') ?? '',
      bindingType: shortName(bound.item),
      boundToCollection: bound.isCollection,
      parameters: new Map(rest.map((parameter) => [parameter.name.toLowerCase(), parameter])),
      returnType,
    });
  }
  const roots = new Map<string, { type: string; isCollection: boolean }>();
  for (const match of xml.matchAll(/<EntitySet Name="(\w+)" EntityType="([^"]+)"/g)) roots.set(match[1], { type: shortName(match[2]), isCollection: true });
  for (const match of xml.matchAll(/<Singleton Name="(\w+)" Type="([^"]+)"/g)) roots.set(match[1], { type: shortName(match[2]), isCollection: false });
  return { types, enums, actions, roots };
}

/** A type and its base types, nearest first. */
export function lineage(model: GraphModel, name: string): StructuredType[] {
  const chain: StructuredType[] = [];
  for (let type = model.types.get(name); type; type = type.baseType ? model.types.get(type.baseType) : undefined) chain.push(type);
  return chain;
}

/** A property or navigation property of a type or of one of its bases, matched exactly as Graph's JSON does. */
export function memberOf(model: GraphModel, typeName: string, member: string): { def: PropertyDef; navigation: boolean } | undefined {
  for (const type of lineage(model, typeName)) {
    const property = type.properties.get(member);
    if (property) return { def: property, navigation: false };
    const navigation = type.navigations.get(member);
    if (navigation) return { def: navigation, navigation: true };
  }
  return undefined;
}

export function derivesFrom(model: GraphModel, derived: string, base: string): boolean {
  return lineage(model, derived).some((type) => type.name === base);
}

/** `Collection(graph.x)` → { item: 'graph.x', isCollection: true }. */
export function collectionOf(type: string): { item: string; isCollection: boolean } {
  const match = /^Collection\((.+)\)$/.exec(type);
  return match ? { item: match[1], isCollection: true } : { item: type, isCollection: false };
}
