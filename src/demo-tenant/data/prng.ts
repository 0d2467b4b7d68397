/**
 * Deterministic randomness for the seeded dataset. Math.random would make every test run see different data,
 * so all data comes from mulberry32: tiny, fast, and good enough for fake records.
 */

/** Bound once: under Jest's vm context every global lookup (Math...) costs ~15x more, and seeding makes
 * hundreds of thousands of them. */
const { floor, imul } = Math;
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight; `weights` and `items` have the same length. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
  /** RFC 4122 version 4 layout, but deterministic. */
  uuid(): string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a; derives independent sub-seeds (per record, per purpose) from strings. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Two hex digits per byte value; toString(16)+padStart dominated seeding time. */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const word = (): string => {
    const w = floor(next() * 4294967296);
    return (
      (BYTE_HEX[w >>> 24] as string) +
      (BYTE_HEX[(w >>> 16) & 0xff] as string) +
      (BYTE_HEX[(w >>> 8) & 0xff] as string) +
      (BYTE_HEX[w & 0xff] as string)
    );
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return items[i] as (typeof items)[number];
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    hex: (length) => {
      let out = '';
      while (out.length < length) out += word();
      return out.slice(0, length);
    },
    uuid: () => {
      const h = rng.hex(32);
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return rng;
}
