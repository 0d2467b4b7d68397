import {
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  type FieldNode,
  parse,
  type FragmentDefinitionNode,
} from 'graphql';
import { selectsField } from '../../../src/pagination/selection.js';

/** The parts of resolve info selectsField reads, for the first root field of `source`. */
function infoFor(
  source: string,
  variables: Record<string, unknown> = {},
): Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'> {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const field = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments, variableValues: variables };
}

describe('selectsField', () => {
  test('direct selection', () => {
    expect(selectsField(infoFor('{ list { totalCount } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoFor('{ list { nodes { id } } }'), 'totalCount')).toBe(false);
  });

  test('does not look into nested fields of the same name', () => {
    expect(selectsField(infoFor('{ list { nodes { executions { totalCount } } } }'), 'totalCount')).toBe(
      false,
    );
  });

  test('inline fragments and named fragments, including cycles', () => {
    expect(selectsField(infoFor('{ list { ... on C { totalCount } } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoFor('{ list { ...F } } fragment F on C { totalCount }'), 'totalCount')).toBe(
      true,
    );
    expect(
      selectsField(
        infoFor('{ list { ...F } } fragment F on C { ...F pageInfo { hasNextPage } }'),
        'totalCount',
      ),
    ).toBe(false);
  });

  test('honours @skip and @include with literals and variables', () => {
    expect(selectsField(infoFor('{ list { totalCount @skip(if: true) } }'), 'totalCount')).toBe(false);
    expect(selectsField(infoFor('{ list { totalCount @include(if: false) } }'), 'totalCount')).toBe(false);
    expect(
      selectsField(
        infoFor('query($c: Boolean!) { list { totalCount @include(if: $c) } }', { c: true }),
        'totalCount',
      ),
    ).toBe(true);
    expect(
      selectsField(
        infoFor('query($c: Boolean!) { list { ... @include(if: $c) { totalCount } } }', { c: false }),
        'totalCount',
      ),
    ).toBe(false);
  });
});
