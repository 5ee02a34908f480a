// Counts of the built-in embedder's features in first-seen order, reused from text to text: numeric keys in an
// open-addressing table of typed arrays (a Map of large numeric keys boxed each one and was most of the embedder's
// time), string keys in a Map. Each feature's hash is computed once, when the feature is first seen. Not thread-safe
// across reentrant use; one instance per embedder.

export class FeatureCounts {
  /** Entry per distinct feature, in first-seen order. */
  hashes = new Uint32Array(256);
  counts = new Float64Array(256);
  size = 0;
  private slotKeys = new Float64Array(1024);
  /** Entry index + 1 per slot; 0 marks an empty slot. */
  private slotEntries = new Int32Array(1024);
  private readonly used: number[] = [];
  private readonly strings = new Map<string, number>();

  constructor(
    private readonly hashOfNumber: (key: number) => number,
    private readonly hashOfString: (key: string) => number,
  ) {}

  clear(): void {
    for (const slot of this.used) this.slotEntries[slot] = 0;
    this.used.length = 0;
    this.strings.clear();
    this.size = 0;
  }

  addNumber(key: number, weight: number): void {
    const mask = this.slotKeys.length - 1;
    let slot = mix(key) & mask;
    for (;;) {
      const entry = this.slotEntries[slot] as number;
      if (entry === 0) break;
      if (this.slotKeys[slot] === key) {
        this.counts[entry - 1] = (this.counts[entry - 1] as number) + weight;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.push(this.hashOfNumber(key), weight);
    this.slotKeys[slot] = key;
    this.slotEntries[slot] = entry + 1;
    this.used.push(slot);
    if (this.used.length * 2 > this.slotKeys.length) this.growSlots();
  }

  addString(key: string, weight: number): void {
    const entry = this.strings.get(key);
    if (entry !== undefined) this.counts[entry] = (this.counts[entry] as number) + weight;
    else this.strings.set(key, this.push(this.hashOfString(key), weight));
  }

  private push(hash: number, weight: number): number {
    if (this.size === this.hashes.length) {
      const hashes = new Uint32Array(this.size * 2);
      hashes.set(this.hashes);
      const counts = new Float64Array(this.size * 2);
      counts.set(this.counts);
      this.hashes = hashes;
      this.counts = counts;
    }
    this.hashes[this.size] = hash;
    // 0 + weight, as the Map version's `(get ?? 0) + weight` made it: the same double.
    this.counts[this.size] = 0 + weight;
    return this.size++;
  }

  private growSlots(): void {
    const keys = this.slotKeys;
    const entries = this.slotEntries;
    const used = [...this.used];
    this.slotKeys = new Float64Array(keys.length * 2);
    this.slotEntries = new Int32Array(keys.length * 2);
    this.used.length = 0;
    const mask = this.slotKeys.length - 1;
    for (const old of used) {
      const key = keys[old] as number;
      let slot = mix(key) & mask;
      while (this.slotEntries[slot] !== 0) slot = (slot + 1) & mask;
      this.slotKeys[slot] = key;
      this.slotEntries[slot] = entries[old] as number;
      this.used.push(slot);
    }
  }
}

/** A 32-bit mix of an integer key that may exceed 2^32 or be negative (low and high words combined). */
function mix(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4294967296) | 0;
  const mixed = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  return (mixed ^ (mixed >>> 15)) >>> 0;
}
