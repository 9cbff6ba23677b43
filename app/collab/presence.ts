import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { z } from "zod";
import { YJS_FRAGMENT } from "./schema";

/**
 * Presence (y-protocols awareness) as the browser and the server both read it.
 * A presence update lists, per Yjs client, a clock and a state; the state of a
 * person in a document is their name and colour, which the server fills from
 * the session (decision 014), and their caret: two Yjs relative positions, as
 * the editor's caret extension writes them.
 */

const CARET_COLOURS = ["#b3261e", "#1b6e3a", "#6a3fb5", "#9a4d00", "#0b6e8a", "#a1286a", "#3d5a00", "#12467f"];

/** A person's colour in every document, the same in each browser. */
export function colourFor(userId: string) {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return CARET_COLOURS[hash % CARET_COLOURS.length]!;
}

// A Yjs id: client ids are 32-bit, clocks count operations.
const YjsIdSchema = z.object({
  client: z.number().int().min(0).max(0xffffffff),
  clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/**
 * A Yjs relative position as JSON (the editor sends the RelativePosition itself, whose
 * empty fields are null), pointing into the document's fragment or an item of it.
 */
const RelativePositionSchema = z
  .object({
    type: YjsIdSchema.nullish(),
    tname: z.literal(YJS_FRAGMENT).nullish(),
    item: YjsIdSchema.nullish(),
    assoc: z.number().int().min(-1).max(1).nullish(),
  })
  .refine((position) => position.item || position.type || position.tname, "a position needs a place");

const CaretSchema = z.object({ anchor: RelativePositionSchema, head: RelativePositionSchema });
type Caret = z.infer<typeof CaretSchema>;

/** The caret if it is well formed (so every editor can resolve it without throwing), else null. */
export function wellFormedCaret(cursor: unknown): Caret | null {
  const parsed = CaretSchema.safeParse(cursor);
  return parsed.success ? parsed.data : null;
}

export type PresenceEntry = { clientId: number; clock: number; state: unknown };

/** Reads a presence update: count, then (client id, clock, state as JSON) each. Throws on anything malformed. */
export function readPresence(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: PresenceEntry[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return entries;
}

export function encodePresence(entries: PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The presence update with every malformed caret dropped (and states that are
 * not objects removed), for the browser: the editor's caret extension resolves
 * every caret on each change and throws on a malformed one. Null when the
 * update cannot be read at all.
 */
export function withWellFormedCarets(update: Uint8Array): Uint8Array | null {
  let entries: PresenceEntry[];
  try {
    entries = readPresence(update);
  } catch {
    return null;
  }
  return encodePresence(
    entries.map((entry) => {
      if (entry.state === null) return entry;
      if (!isRecord(entry.state)) return { ...entry, state: null };
      return { ...entry, state: { ...entry.state, cursor: wellFormedCaret(entry.state.cursor) } };
    }),
  );
}
