/** A memo table with a byte budget: the oldest entries go first when a new one does not fit. */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** Estimated bytes held (keys, values and per-entry overhead). */
  readonly bytes: number;
  readonly size: number;
  readonly maxBytes: number;
}

/** Bytes a Map entry costs beyond its key and value (hash slot, pointers), rounded up. */
const ENTRY_OVERHEAD_BYTES = 48;

/** Estimated heap bytes of a string (UTF-16, header). */
export function stringBytes(text: string): number {
  return 16 + text.length * 2;
}

/**
 * Creates a cache that never holds more than `maxBytes` by its own estimate. Keys and values are
 * measured when stored (`sizeOf` for the value), so a flood of distinct inputs cycles through the
 * budget instead of growing the heap; an entry larger than a sixteenth of the budget is not kept.
 */
export function createBoundedCache<V>(options: {
  maxBytes: number;
  sizeOf: (value: V) => number;
}): BoundedCache<V> {
  const entries = new Map<string, { value: V; bytes: number }>();
  let bytes = 0;
  const limitPerEntry = options.maxBytes / 16;
  return {
    get(key) {
      return entries.get(key)?.value;
    },
    set(key, value) {
      const cost = stringBytes(key) + options.sizeOf(value) + ENTRY_OVERHEAD_BYTES;
      if (cost > limitPerEntry) return;
      const previous = entries.get(key);
      if (previous) {
        bytes -= previous.bytes;
        entries.delete(key);
      }
      // A Map iterates in insertion order: its first key is the oldest entry.
      while (bytes + cost > options.maxBytes && entries.size > 0) {
        const [oldestKey, oldest] = entries.entries().next().value as [string, { bytes: number }];
        entries.delete(oldestKey);
        bytes -= oldest.bytes;
      }
      entries.set(key, { value, bytes: cost });
      bytes += cost;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
    maxBytes: options.maxBytes,
  };
}
