import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as sync from "y-protocols/sync";
import { z } from "zod";

/**
 * The co-editing wire format, shared by the browser and the server: y-protocols
 * messages (as y-websocket frames them: an outer type, then the sync or
 * awareness payload) carried as binary arguments of socket.io events, each
 * event naming its document.
 *
 *   client → server  "doc:join"      { documentId }                       ack { ok, readOnly } | { ok: false, error }
 *   client → server  "doc:leave"     { documentId }                       ack { ok } | { ok: false, error }
 *   both ways        "doc:message"   documentId, Uint8Array message      ack (client → server) { ok } | { ok: false, error }
 *   server → client  "doc:closed"    { documentId, reason }               the server let go of this socket's
 *                                                                        membership; see DocumentCloseReason
 */

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** Larger updates are refused: a paste of a long report is far below this (what a document may hold: limits.server.ts). */
export const MAX_MESSAGE_BYTES = 512 * 1024;

/**
 * Larger presence updates are refused: a person's presence is a name, a colour
 * and a caret, and the server sends it on to everyone in the document on every
 * renewal.
 */
export const MAX_PRESENCE_BYTES = 8 * 1024;

export const JoinSchema = z.object({ documentId: z.string().regex(/^[a-z0-9]{10,40}$/) });
export const DocumentIdSchema = JoinSchema.shape.documentId;

/**
 * Why the server closed a socket's membership of a document.
 * - "access_changed": what the person may do changed (a plan was endorsed or
 *   reopened, their roles changed). The client joins again at once and the
 *   join decides afresh: editor, read-only, or refused.
 */
type DocumentCloseReason = "access_changed";
export type DocumentClosed = { documentId: string; reason: DocumentCloseReason };

export type JoinReply = { ok: true; readOnly: boolean } | { ok: false; error: string };
export type MessageReply = { ok: true } | { ok: false; error: string };

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  sync.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export type ParsedMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-step2"; update: Uint8Array }
  | { kind: "sync-update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array };

/** Reads one frame; throws on anything malformed, so callers refuse it before it touches a document. */
export function parseMessage(message: Uint8Array): ParsedMessage {
  const decoder = decoding.createDecoder(message);
  const outer = decoding.readVarUint(decoder);
  if (outer === MESSAGE_AWARENESS) return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
  if (outer !== MESSAGE_SYNC) throw new Error(`unknown message type ${outer}`);
  const inner = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (inner === sync.messageYjsSyncStep1) return { kind: "sync-step1", stateVector: payload };
  if (inner === sync.messageYjsSyncStep2) return { kind: "sync-step2", update: payload };
  if (inner === sync.messageYjsUpdate) return { kind: "sync-update", update: payload };
  throw new Error(`unknown sync message type ${inner}`);
}

export function syncStep1Message(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, sync.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, sync.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The browser's msgpack encoder sends only ArrayBuffers as binary (a Uint8Array
 * would arrive as a map of numbers), so messages travel as ArrayBuffers.
 */
export function toWire(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}
