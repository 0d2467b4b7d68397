// Placeholder until the domain loaders land; replaced by createLoaders(client).
export type Loaders = Record<string, never>;
