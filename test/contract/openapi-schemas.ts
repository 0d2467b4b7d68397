/**
 * SailPoint's OpenAPI subsets for the contract tests (demo-tenant-openapi-*.test.ts), read at run time from
 * shared/sailpoint beside the repository or from SAILPOINT_SPEC_DIR, never copied here.
 *
 * OpenAPI 3.0 schemas are converted to JSON Schema (2019-09) for ajv:
 * - `nullable: true` becomes a `null` type (or an anyOf with null when the schema has no type);
 * - `$ref` to components resolves to separately registered schemas; siblings of `$ref` are dropped, as OpenAPI 3.0
 *   says they are ignored;
 * - annotations (description, example, x-...) are dropped;
 * - stricter than the spec: objects that declare properties get `unevaluatedProperties: false`, so the tenant may
 *   not send fields SailPoint does not document (a gateway must not come to rely on them).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { FormatsPlugin } from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS whose types describe `default`; require gives the plugin function itself.
const addFormats = createRequire(import.meta.url)('ajv-formats') as FormatsPlugin;

// Relative to this file, not the working directory: jest may be started from anywhere.
export const SHARED = process.env.SAILPOINT_SPEC_DIR
  ? path.resolve(process.env.SAILPOINT_SPEC_DIR)
  : fileURLToPath(new URL('../../../shared/sailpoint', import.meta.url));
export const SPEC_FILES = { v1: 'openapi-subset.v1.yaml', legacy: 'openapi-subset.yaml' } as const;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const ANNOTATIONS = new Set([
  'description',
  'example',
  'examples',
  'title',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
  'xml',
  'discriminator',
]);

export class SpecSchemas {
  readonly ajv = new Ajv2019({ strict: true, allowUnionTypes: true, allErrors: true, logger: false });
  private readonly base: string;
  private readonly doc: JsonObject;

  /** `patches` adjust converted component schemas (by component name) before they are registered. */
  constructor(name: string, file: string, patches: Record<string, (schema: JsonObject) => void> = {}) {
    this.base = `https://contract.test/${name}/`;
    this.doc = parse(readFileSync(path.join(SHARED, file), 'utf8')) as JsonObject;
    addFormats(this.ajv);
    const components = (this.doc['components'] as JsonObject)['schemas'] as JsonObject;
    // Schemas used as allOf members must stay open: closing them would reject the other members' properties.
    const allOfMembers = new Set<string>();
    const collect = (node: Json): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (node === null || typeof node !== 'object') return;
      for (const member of (node['allOf'] as Json[] | undefined) ?? []) {
        const ref = (member as JsonObject | null)?.['$ref'];
        if (typeof ref === 'string') allOfMembers.add(ref.split('/').pop() as string);
      }
      Object.values(node).forEach(collect);
    };
    collect(components);
    for (const [key, schema] of Object.entries(components)) {
      const converted = this.convert(schema, !allOfMembers.has(key)) as JsonObject;
      patches[key]?.(converted);
      this.ajv.addSchema({ ...converted, $id: `${this.base}${key}` });
    }
  }

  private ref(ref: string): string {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!m) throw new Error(`unsupported $ref ${ref}`);
    return `${this.base}${m[1]}`;
  }

  /** OpenAPI 3.0 schema -> JSON Schema 2019-09 (see the file comment). */
  convert(node: Json, close = true): Json {
    if (Array.isArray(node)) return node.map((n) => this.convert(n));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node['$ref'] === 'string') return { $ref: this.ref(node['$ref']) };
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key) || key.startsWith('x-') || key === 'nullable' || key === 'default') continue;
      if (key === 'properties') {
        out[key] = Object.fromEntries(
          Object.entries(value as JsonObject).map(([k, v]) => [k, this.convert(v)]),
        );
      } else if (key === 'allOf') {
        out[key] = (value as Json[]).map((member) => this.convert(member, false));
      } else if (
        key === 'items' ||
        key === 'additionalProperties' ||
        key === 'anyOf' ||
        key === 'oneOf' ||
        key === 'not'
      ) {
        out[key] = this.convert(value);
      } else {
        out[key] = value;
      }
    }
    if (close && out['properties'] !== undefined && out['additionalProperties'] === undefined)
      out['unevaluatedProperties'] = false;
    if (close && out['allOf'] !== undefined) {
      out['type'] ??= 'object';
      out['unevaluatedProperties'] = false;
    }
    if (node['nullable'] === true) {
      if (typeof out['type'] === 'string') {
        out['type'] = [out['type'], 'null'];
        if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
      } else {
        return { anyOf: [out, { type: 'null' }] };
      }
    }
    return out;
  }

  /** Path templates of the spec's operations (all GETs). */
  templates(): string[] {
    return Object.keys(this.doc['paths'] as JsonObject);
  }

  /** Names of the query parameters an operation declares, with $refs to `components/parameters` followed. */
  queryParameters(template: string): string[] {
    const item = (this.doc['paths'] as JsonObject)[template] as JsonObject;
    const declared = [
      ...((item['parameters'] as JsonObject[] | undefined) ?? []),
      ...(((item['get'] as JsonObject)['parameters'] as JsonObject[] | undefined) ?? []),
    ];
    const shared = (this.doc['components'] as JsonObject)['parameters'] as JsonObject;
    return declared
      .map((p) => (typeof p['$ref'] === 'string' ? (shared[p['$ref'].split('/').pop()!] as JsonObject) : p))
      .filter((p) => p['in'] === 'query')
      .map((p) => p['name'] as string);
  }

  /** The response schema of an operation, with $refs to `components/responses` followed. */
  responseSchema(template: string, status: number): JsonObject {
    const operation = ((this.doc['paths'] as JsonObject)[template] as JsonObject | undefined)?.['get'] as
      JsonObject | undefined;
    if (!operation) throw new Error(`no GET ${template} in the spec`);
    let response = (operation['responses'] as JsonObject)[String(status)] as JsonObject | undefined;
    if (!response) throw new Error(`GET ${template} does not declare status ${status}`);
    const ref = response['$ref'];
    if (typeof ref === 'string') {
      response = ((this.doc['components'] as JsonObject)['responses'] as JsonObject)[
        ref.split('/').pop() as string
      ] as JsonObject;
    }
    return ((response['content'] as JsonObject)['application/json'] as JsonObject)['schema'] as JsonObject;
  }
}
