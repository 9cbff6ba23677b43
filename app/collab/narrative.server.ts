import type { NarrativeSection, PeriodRow, ReportBody } from "~/models/project-report.server";
import { documentContent } from "./content.server";
import type { ProseMirrorNode } from "./schema";

/**
 * A report's narrative as plain sections, the shape the exports and the locked report read: each
 * heading starts a section, and every paragraph, list item or table row under it is one paragraph
 * of text (formatting is not kept). Text before the first heading is a section without heading.
 */

/** The text of a node and everything under it, hard breaks as spaces. */
function textOf(node: ProseMirrorNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return " ";
  return (node.content ?? []).map(textOf).join("");
}

/** The paragraphs of a block: one per list item, per table row (cells separated by " | "), per text block. */
function paragraphsOf(block: ProseMirrorNode): string[] {
  switch (block.type) {
    case "bulletList":
    case "orderedList":
      return (block.content ?? []).map((item) => textOf(item).trim());
    case "table":
      return (block.content ?? []).map((row) =>
        (row.content ?? [])
          .map((cell) => textOf(cell).trim())
          .join(" | ")
          .trim(),
      );
    case "blockquote":
      return (block.content ?? []).flatMap(paragraphsOf);
    default:
      return [textOf(block).trim()];
  }
}

export function narrativeSections(doc: ProseMirrorNode): NarrativeSection[] {
  const sections: NarrativeSection[] = [];
  for (const block of doc.content ?? []) {
    if (block.type === "heading") {
      sections.push({ heading: textOf(block).trim(), paragraphs: [] });
      continue;
    }
    const paragraphs = paragraphsOf(block).filter((p) => p.replace(/[\s|]/g, "") !== "");
    if (paragraphs.length === 0) continue;
    if (sections.length === 0) sections.push({ heading: "", paragraphs: [] });
    sections.at(-1)!.paragraphs.push(...paragraphs);
  }
  return sections.filter((s) => s.heading !== "" || s.paragraphs.length > 0);
}

/** A stored narrative document's sections, read when a period is locked. */
export async function readNarrative(documentId: string): Promise<NarrativeSection[]> {
  return narrativeSections(await documentContent(documentId));
}

/**
 * The period's narrative: as it was at lock for a locked period (from its snapshot), else the
 * document as it stands; none before a manager has started it.
 */
export async function periodNarrative(period: PeriodRow): Promise<NarrativeSection[]> {
  if (period.status === "locked" && period.snapshot) return (JSON.parse(period.snapshot) as ReportBody).narrative ?? [];
  return period.narrativeDocumentId ? readNarrative(period.narrativeDocumentId) : [];
}
