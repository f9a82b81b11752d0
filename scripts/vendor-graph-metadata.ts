/**
 * Extracts the part of the Microsoft Graph v1.0 metadata the product uses into test/graph-metadata/, for the
 * suite that holds the emulator to it (test/emulator/graph-metadata.test.ts). Run it again when a route needs
 * a type that is not there yet, or to follow a newer metadata:
 *
 *   git show <commit>:schemas/v1.0-Prod.csdl > /tmp/v1.0-Prod.csdl   (in microsoftgraph/msgraph-metadata)
 *   npx tsx scripts/vendor-graph-metadata.ts /tmp/v1.0-Prod.csdl <commit>
 *
 * Kept: the root types below with their base types, every type their properties use (transitively), the entity
 * sets and singletons the product addresses, and the bound actions and functions it calls. Navigation properties are kept as
 * declarations; their target types only when they are roots too. Annotations and descriptions are dropped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const roots = [
  'user',
  'calendar',
  'event',
  'calendarPermission',
  'mailboxSettings',
  'scheduleInformation',
  'message',
  'attachment',
  'fileAttachment',
  'singleValueLegacyExtendedProperty',
  'userTeamwork',
  'userScopeTeamsAppInstallation',
  'teamsApp',
  'teamsAppDefinition',
  'chat',
  'appCatalogs',
];
const containerEntries = ['users', 'me', 'appCatalogs'];
const actions = ['getSchedule', 'sendMail'];
/** Bound functions, by name and binding type (several functions share a name, e.g. `delta`). */
const functions = [{ name: 'delta', binding: 'Collection(graph.event)' }];
const output = path.join(__dirname, '..', 'test', 'graph-metadata', 'graph-v1.0-subset.xml');

const [csdlFile, commit] = process.argv.slice(2);
if (!csdlFile || !commit) {
  console.error('usage: tsx scripts/vendor-graph-metadata.ts <v1.0-Prod.csdl> <msgraph-metadata commit>');
  process.exit(2);
}
// The microsoft.graph schema only: other namespaces (security, callRecords...) reuse type names such as `user`.
const csdl = /<Schema Namespace="microsoft\.graph" [\s\S]*?<\/Schema>/.exec(readFileSync(csdlFile, 'utf8'))?.[0] ?? '';

const withoutAnnotations = (xml: string): string =>
  xml
    .replace(/\s*<Annotation\b[^>]*\/>/g, '')
    .replace(/\s*<Annotation\b[^>]*>[\s\S]*?<\/Annotation>/g, '')
    .replace(/<(Property|NavigationProperty|Parameter|ReturnType)\b([^>]*?)>\s*<\/\1>/g, '<$1$2 />');

/** Every type declaration by name: its XML (annotations dropped). */
const types = new Map<string, string>();
for (const match of csdl.matchAll(/<(EntityType|ComplexType|EnumType) Name="(\w+)"[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)) {
  types.set(match[2], withoutAnnotations(match[0]));
}

const graphTypesIn = (xml: string, attribute: 'Type' | 'BaseType'): string[] =>
  [...xml.matchAll(new RegExp(`\\b${attribute}="(?:Collection\\()?graph\\.(\\w+)\\)?"`, 'g'))].map((match) => match[1]);

const kept = new Set<string>();
function keep(name: string): void {
  if (kept.has(name)) return;
  const xml = types.get(name);
  if (!xml) throw new Error(`graph.${name} is not in the metadata`);
  kept.add(name);
  const properties = xml.replace(/<NavigationProperty\b[^>]*>/g, '');
  for (const used of [...graphTypesIn(xml, 'BaseType'), ...graphTypesIn(properties, 'Type')]) keep(used);
}
roots.forEach(keep);
// Derived types of kept types are how Graph answers with `@odata.type` (fileAttachment for attachment, ...): only roots.

const actionXml = actions.map((name) => {
  const match = new RegExp(`<Action Name="${name}" IsBound="true">[\\s\\S]*?<\\/Action>`).exec(csdl);
  if (!match) throw new Error(`action ${name} is not in the metadata`);
  const xml = withoutAnnotations(match[0]);
  graphTypesIn(xml, 'Type').forEach(keep);
  return xml;
});
const functionXml = functions.map(({ name, binding }) => {
  const candidates = csdl.matchAll(new RegExp(`<Function Name="${name}"[^>]*IsBound="true"[^>]*>[\\s\\S]*?<\\/Function>`, 'g'));
  const match = [...candidates].find((candidate) => candidate[0].includes(`Type="${binding}"`));
  if (!match) throw new Error(`function ${name} bound to ${binding} is not in the metadata`);
  const xml = withoutAnnotations(match[0]);
  graphTypesIn(xml, 'Type').forEach(keep);
  return xml;
});

const container = /<EntityContainer Name="GraphService">[\s\S]*?<\/EntityContainer>/.exec(csdl)?.[0] ?? '';
const entries = containerEntries.map((name) => {
  const match = new RegExp(`<(EntitySet|Singleton) Name="${name}"[^>]*?(?:\\/>|>[\\s\\S]*?<\\/\\1>)`).exec(container);
  if (!match) throw new Error(`${name} is not in the entity container`);
  return match[0].replace(/>[\s\S]*<\/(EntitySet|Singleton)>/, ' />');
});

const body = [...kept].sort().map((name) => `    ${types.get(name)}`);
writeFileSync(
  output,
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- Extract of the Microsoft Graph v1.0 metadata: github.com/microsoftgraph/msgraph-metadata, schemas/v1.0-Prod.csdl at commit ${commit}.`,
    `     Written by scripts/vendor-graph-metadata.ts (roots: ${roots.join(', ')}; actions: ${actions.join(', ')}; functions: ${functions.map(({ name, binding }) => `${name} on ${binding}`).join(', ')}). Reference data: do not edit by hand. -->`,
    '<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    ...body,
    ...actionXml.map((xml) => `    ${xml}`),
    ...functionXml.map((xml) => `    ${xml}`),
    '    <EntityContainer Name="GraphService">',
    ...entries.map((entry) => `      ${entry}`),
    '    </EntityContainer>',
    '</Schema>',
    '',
  ].join('\n'),
);
console.log(`${kept.size} types, ${actionXml.length} actions, ${functionXml.length} functions, ${entries.length} container entries → ${path.relative(process.cwd(), output)}`);
