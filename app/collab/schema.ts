import { getSchema, type Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";

/**
 * The document model shared by the browser editor and the server (seed,
 * version diffs, print): the same extensions on both sides, or a document
 * written by one could not be read by the other.
 */
export const YJS_FRAGMENT = "default";

export const documentExtensions: Extensions = [
  // Yjs keeps the history of a shared document; the editor's own undo would fight it.
  StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
  TableKit.configure({ table: { resizable: false } }),
];

export const documentSchema = getSchema(documentExtensions);

/** A document as ProseMirror JSON, as the server renders it for reading and printing. */
export type ProseMirrorNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
};
