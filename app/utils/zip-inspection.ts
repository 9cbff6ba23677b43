/**
 * A look at a ZIP file's table of contents (an XLSX is one) before anything is unpacked: how
 * many entries, how large they say they unpack to, and whether one is a macro project. A zip
 * bomb (a few kilobytes that unpack to gigabytes) and a macro-enabled workbook renamed to .xlsx
 * are refused here, before a parser inflates a single byte.
 */

/** Far more parts than a workbook of some thousands of rows has. */
const MAX_ENTRIES = 1000;
/** What the entries may unpack to in all: a 20,000-row sheet is some tens of megabytes of XML. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** A sheet's XML packs to about a tenth of its size; a thousand times is a bomb's ratio. */
const MAX_RATIO = 200;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

export type ZipProblem = "unreadable" | "zipBomb" | "macros";

export function inspectZip(bytes: Uint8Array): { ok: true; entries: string[] } | { ok: false; problem: ZipProblem } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record is within the last 22 bytes plus a comment of at most 64 KB.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return { ok: false, problem: "unreadable" };
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  // ZIP64 (counts or offsets that do not fit 16/32 bits) is nothing a template needs.
  if (count === 0xffff || directoryOffset === 0xffffffff) return { ok: false, problem: "zipBomb" };
  if (count > MAX_ENTRIES) return { ok: false, problem: "zipBomb" };
  const entries: string[] = [];
  let unpacked = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      return { ok: false, problem: "unreadable" };
    const packedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (size === 0xffffffff || packedSize === 0xffffffff) return { ok: false, problem: "zipBomb" };
    if (size > 1024 * 1024 && size > packedSize * MAX_RATIO) return { ok: false, problem: "zipBomb" };
    unpacked += size;
    if (unpacked > MAX_UNPACKED_BYTES) return { ok: false, problem: "zipBomb" };
    if (/vbaProject\.bin$|(^|\/)macrosheets\//i.test(name)) return { ok: false, problem: "macros" };
    entries.push(name);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}
