// Declared uncompressed size of a zip archive (DOCX), read from its central directory without inflating anything,
// so a zip bomb is refused before mammoth expands it. Pure; the inflater still caps what it really produces.

/** Sum of the uncompressed sizes in the central directory; undefined when the archive has no readable directory. */
export function declaredUncompressedBytes(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory record: signature 0x06054b50, within the last 65,557 bytes (22 + max comment).
  const lowest = Math.max(0, bytes.length - 65_557);
  let end = -1;
  for (let offset = bytes.length - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end === -1) return undefined;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const size = view.getUint32(offset + 24, true);
    // 0xffffffff means a ZIP64 size: far over any limit we set.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}
