// The tables of which fields and entity types call SailPoint, checked against the schema so a new field that
// calls SailPoint cannot go unpriced.
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
} from 'graphql';
import { ENTITY_UPSTREAM_CALLS, FIELD_UPSTREAM_CALLS } from '../../../src/graphql/limits/index.js';
import { schema } from './support.js';

describe('the call tables', () => {
  const reachable = (start: GraphQLNamedType): Set<string> => {
    const seen = new Set<string>();
    const coordinates = new Set<string>();
    const visit = (type: GraphQLNamedType): void => {
      if (seen.has(type.name)) return;
      seen.add(type.name);
      const types = isObjectType(type) ? [type] : isUnionType(type) ? type.getTypes() : [];
      for (const t of types) {
        for (const field of Object.values(t.getFields())) {
          coordinates.add(`${t.name}.${field.name}`);
          visit(getNamedType(field.type));
        }
      }
    };
    visit(start);
    return coordinates;
  };

  it('name only fields of the schema', () => {
    for (const coordinate of Object.keys(FIELD_UPSTREAM_CALLS)) {
      const [type, field] = coordinate.split('.') as [string, string];
      const found = schema.getType(type);
      expect({ coordinate, exists: isObjectType(found) && field in found.getFields() }).toEqual({
        coordinate,
        exists: true,
      });
    }
  });

  it('price every entity type', () => {
    const entity = schema.getType('_Entity');
    if (!isUnionType(entity)) throw new Error('no _Entity union');
    expect(
      entity
        .getTypes()
        .map((t) => t.name)
        .sort(),
    ).toEqual(Object.keys(ENTITY_UPSTREAM_CALLS).sort());
  });

  // The estimate knows the size of a connection's `nodes`/`edges` and of `_entities` only: any other list whose
  // items could call SailPoint would be priced as one item.
  it('leave no list of unknown size above a field that calls SailPoint', () => {
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type))) continue;
        if (type.name.endsWith('Connection') || field.name === '_entities') continue;
        // `Query.nodes` is priced by its ids, as `_entities` by its representations.
        if (type.name === 'Query' && field.name === 'nodes') continue;
        const below = [...reachable(getNamedType(field.type))].filter((c) => c in FIELD_UPSTREAM_CALLS);
        if (below.length > 0) offenders.push(`${type.name}.${field.name} -> ${below.join(', ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
