import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>;

/**
 * The child fields named `name` that the field being resolved selects, whatever their alias (through inline
 * fragments and named fragment spreads, honouring @skip/@include), in document order. Only direct children:
 * a field of that name deeper down is not one of them.
 */
export function selectedFields(info: SelectionInfo, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visited = new Set<string>();
  const included = (node: Parameters<typeof getDirectiveValues>[1]): boolean => {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
    if (skip?.['if'] === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
    return include?.['if'] !== false;
  };
  const collect = (set: SelectionSetNode | undefined): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      switch (selection.kind) {
        case Kind.FIELD:
          if (selection.name.value === name) found.push(selection);
          break;
        case Kind.INLINE_FRAGMENT:
          collect(selection.selectionSet);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const fragmentName = selection.name.value;
          if (visited.has(fragmentName)) break;
          visited.add(fragmentName);
          collect(info.fragments[fragmentName]?.selectionSet);
          break;
        }
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  return found;
}

/**
 * Whether the field being resolved selects the child field `name` (see selectedFields). Used to send
 * `count=true` only when `totalCount` is asked for.
 */
export function selectsField(info: SelectionInfo, name: string): boolean {
  return selectedFields(info, name).length > 0;
}
