import { parse, type OperationDefinitionNode } from 'graphql';
import { operationMaxAge } from '../../../src/graphql/plugins/response-cache.js';

const FIELDS = { 'Query.workflows': 30, 'Query.triggerInvocationStatuses': 10 };

function maxAge(source: string, operationName?: string): number | undefined {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === 'OperationDefinition' && (operationName === undefined || d.name?.value === operationName),
  );
  if (operation === undefined) throw new Error('no operation');
  return operationMaxAge(document, operation, FIELDS);
}

test('a query of listed root fields gets the smallest of their max ages', () => {
  expect(maxAge('{ workflows { totalCount } }')).toBe(30);
  expect(maxAge('{ workflows { totalCount } triggerInvocationStatuses { totalCount } }')).toBe(10);
  expect(maxAge('{ a: workflows { totalCount } b: workflows(first: 1) { totalCount } __typename }')).toBe(30);
});

test('root fields behind fragments count like direct ones', () => {
  expect(maxAge('{ ...F } fragment F on Query { workflows { totalCount } }')).toBe(30);
  expect(maxAge('{ ... on Query { triggerInvocationStatuses { totalCount } } }')).toBe(10);
  expect(maxAge('{ ...F } fragment F on Query { accountActivities { totalCount } }')).toBeUndefined();
});

test('any unlisted root field, a mutation, or only __typename is not cacheable', () => {
  expect(maxAge('{ workflows { totalCount } accountActivities { totalCount } }')).toBeUndefined();
  expect(maxAge('{ __typename }')).toBeUndefined();
  expect(maxAge('{ _service { sdl } }')).toBeUndefined();
  expect(maxAge('mutation M { workflows { totalCount } }')).toBeUndefined();
});

test('the selected operation decides, not the others in the document', () => {
  const doc = 'query A { workflows { totalCount } } query B { accountActivities { totalCount } }';
  expect(maxAge(doc, 'A')).toBe(30);
  expect(maxAge(doc, 'B')).toBeUndefined();
});
