/** Helpers the per-domain seeders share: timestamps with nanosecond detail and ASCII slugs of names. */
import type { Rng } from '../prng.js';

/** Bound once: under Jest's vm context every global lookup (Math...) costs ~15x more, and seeding makes
 * hundreds of thousands of them. */
export const { floor } = Math;

export interface Stamp {
  ms: number;
  sub: number;
}

/** Random instant in [fromMs, toMs] with nanosecond detail. */
export function stampBetween(rng: Rng, fromMs: number, toMs: number): Stamp {
  return { ms: floor(fromMs + rng.next() * (toMs - fromMs)), sub: rng.int(0, 999_999) };
}

const slugCache = new Map<string, string>();

export function asciiSlug(name: string, separator: string): string {
  const key = `${separator}\u0000${name}`;
  let slug = slugCache.get(key);
  if (slug === undefined) {
    slug = makeSlug(name, separator);
    slugCache.set(key, slug);
  }
  return slug;
}

function makeSlug(name: string, separator: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/"[^"]*"\s*/g, '')
    .replace(/[^A-Za-z ]/g, '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .join(separator);
}
