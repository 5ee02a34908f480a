// How the SQLite store keeps a vector in a BLOB: float32 (4 bytes a dimension, every store before this codec) or
// int8 with one float32 scale (4 + 1 byte a dimension). The format is told by the BLOB's length for the dimension
// the reader expects, so stores holding either (or both) stay readable without re-ingest. Pure; no SQL here.

export type VectorCodec = 'float32' | 'int8';

/**
 * The codec for an embedder's vectors. Only the built-in hashed n-gram embedder's are quantized: its ranking was
 * measured unchanged with int8 (retrieval-quality floors, recall@10 in vector-codec.test.ts), and its 512-d vectors
 * were 8x the source text of a note and most of the bytes ingest wrote. Model embedders (ONNX, OpenAI-compatible)
 * keep float32: no model's vectors can be checked here (no weights are downloaded), and their cosine must stay exact.
 * The prefix is builtinEmbedderId of src/models (the store may not import models; a test ties the two).
 */
export function codecForEmbedder(embedderId: string | undefined): VectorCodec {
  return embedderId?.startsWith(quantizedEmbedderPrefix) ? 'int8' : 'float32';
}

export const quantizedEmbedderPrefix = 'builtin-hashed-ngrams-';

/** The BLOB of one vector. */
export function encodeVector(vector: Float32Array, codec: VectorCodec): Buffer {
  if (codec === 'float32') return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
  const bytes = Buffer.allocUnsafe(int8Header + vector.length);
  let maxAbs = 0;
  let norm = 0;
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index] as number;
    const magnitude = value < 0 ? -value : value;
    if (magnitude > maxAbs) maxAbs = magnitude;
    norm += value * value;
  }
  // Each dimension is rounded on a grid of maxAbs/127; the stored scale then gives the decoded vector the norm of the
  // original (a unit vector decodes to a unit vector, so a dot product stays a cosine).
  const step = maxAbs > 0 ? 127 / maxAbs : 0;
  // Written through typed views: Buffer's writeInt8 checks its arguments at every call (a third of the main thread's
  // vector cost at ingest).
  const levels = new Int8Array(bytes.buffer, bytes.byteOffset + int8Header, vector.length);
  let quantizedNorm = 0;
  for (let index = 0; index < vector.length; index++) {
    const level = Math.round((vector[index] as number) * step);
    levels[index] = level;
    quantizedNorm += level * level;
  }
  bytes.writeFloatLE(quantizedNorm > 0 ? Math.sqrt(norm) / Math.sqrt(quantizedNorm) : 0, 0);
  return bytes;
}

/**
 * Decodes a BLOB of a `dimensions`-long vector into `target` at `offset`; false (target untouched) when the BLOB is
 * neither format for that dimension (a vector of another embedder).
 */
export function decodeVectorInto(bytes: Uint8Array, dimensions: number, target: Float32Array, offset = 0): boolean {
  if (bytes.byteLength === dimensions * 4) {
    // A copy through bytes: a BLOB's offset in its buffer need not be a multiple of 4.
    new Uint8Array(target.buffer, target.byteOffset + offset * 4, dimensions * 4).set(bytes);
    return true;
  }
  if (bytes.byteLength !== int8Header + dimensions) return false;
  // No view per BLOB (a full scan decodes every row): the scale goes through one scratch word, the levels are read as
  // bytes and sign-extended.
  const scale = int8Scale(bytes);
  for (let index = 0; index < dimensions; index++) {
    const level = bytes[int8Header + index] as number;
    target[offset + index] = (level > 127 ? level - 256 : level) * scale;
  }
  return true;
}

/** The format of a BLOB holding a `dimensions`-long vector, or undefined when it holds neither (another embedder's). */
export function vectorCodecOf(bytes: Uint8Array, dimensions: number): VectorCodec | undefined {
  if (bytes.byteLength === dimensions * 4) return 'float32';
  return bytes.byteLength === int8Header + dimensions ? 'int8' : undefined;
}

/**
 * Copies the int8 levels of a BLOB into `levelBytes` (the bytes of an Int8Array, so the copy is a plain memory copy)
 * at `offset` and returns its scale (level × scale is the decoded value); undefined, target untouched, when the BLOB
 * is not an int8 vector of that dimension.
 */
export function int8LevelsInto(bytes: Uint8Array, dimensions: number, levelBytes: Uint8Array, offset: number): number | undefined {
  if (bytes.byteLength !== int8Header + dimensions) return undefined;
  levelBytes.set(bytes.subarray(int8Header), offset);
  return int8Scale(bytes);
}

/** One decoded vector, or undefined when the BLOB does not hold a `dimensions`-long vector. */
export function decodeVector(bytes: Uint8Array, dimensions: number): Float32Array | undefined {
  const vector = new Float32Array(dimensions);
  return decodeVectorInto(bytes, dimensions, vector) ? vector : undefined;
}

/** The float32 scale before the int8 levels. */
const int8Header = 4;
/** The float32 scale in front of an int8 BLOB's levels, read through one scratch word (no view per BLOB). */
function int8Scale(bytes: Uint8Array): number {
  for (let index = 0; index < int8Header; index++) scratchBytes[index] = bytes[index] as number;
  return scratchView.getFloat32(0, true);
}

const scratchBytes = new Uint8Array(int8Header);
const scratchView = new DataView(scratchBytes.buffer);
