/**
 * A document as a list of blocks (headings, paragraphs, tables, page breaks), written once by a
 * report or brief and turned into DOCX (docx.server.ts) by the same shape; the XLSX side
 * (xlsx.server.ts) takes tables. Kept small and neutral so the donor report reuses it.
 */
export type Cell = string | number | null;

// `typed`: what people wrote (an activity, a comment, a note), shown as written in every language.
export type DocumentBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string; style?: "muted" | "strong"; typed?: boolean }
  | { kind: "list"; items: string[]; typed?: boolean }
  | { kind: "table"; columns: { header: string; numeric?: boolean; typed?: boolean }[]; rows: Cell[][] }
  | { kind: "pageBreak" };

export type ExportDocument = { title: string; subject?: string; blocks: DocumentBlock[] };
