import { Kind, parse, type ASTNode, type DocumentNode } from 'graphql';
import { loadTypeDefs } from '../../../src/graphql/schema.js';

/**
 * SDL descriptions are the frontend's documentation (STYLE.md section 6): every type, field, argument, input
 * field and enum value of our own schema files has one. Extensions (`extend type Query`) carry none themselves.
 */
function undescribed(doc: DocumentNode): string[] {
  const missing: string[] = [];
  const has = (node: ASTNode): boolean =>
    'description' in node && node.description !== undefined && node.description.value.trim() !== '';
  for (const def of doc.definitions) {
    if (!('name' in def) || def.name === undefined) continue;
    const name = def.name.value;
    if (!def.kind.endsWith('Extension') && def.kind !== Kind.DIRECTIVE_DEFINITION && !has(def)) {
      missing.push(name);
    }
    if ('fields' in def && def.fields !== undefined) {
      for (const field of def.fields) {
        if (!has(field)) missing.push(`${name}.${field.name.value}`);
        if ('arguments' in field && field.arguments !== undefined) {
          for (const arg of field.arguments) {
            if (!has(arg)) missing.push(`${name}.${field.name.value}(${arg.name.value})`);
          }
        }
      }
    }
    if ('values' in def && def.values !== undefined) {
      for (const value of def.values) if (!has(value)) missing.push(`${name}.${value.name.value}`);
    }
  }
  return missing;
}

it('describes every type, field, argument and enum value', () => {
  expect(undescribed(loadTypeDefs())).toEqual([]);
});

it('notices a missing description', () => {
  const doc = parse('"A type." type T { "ok" a: Int  b(x: Int): Int } enum E { "one" ONE TWO }');
  expect(undescribed(doc)).toEqual(['T.b', 'T.b(x)', 'E', 'E.TWO']);
});
