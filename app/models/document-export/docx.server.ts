import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Cell, DocumentBlock, ExportDocument } from "./document";

/** DOCX (Word) bytes of a document: real headings (navigation pane, table of contents) and real tables. */

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const RULE = { style: BorderStyle.SINGLE, size: 4, color: "B8C2CC" };
const BRAND = "1F4E79";

const cellText = (value: Cell) => (value === null ? "—" : String(value));

function table(block: Extract<DocumentBlock, { kind: "table" }>): Table {
  const cell = (value: Cell, numeric: boolean, header: boolean) =>
    new TableCell({
      shading: header ? { type: ShadingType.CLEAR, color: "auto", fill: "E8EEF4" } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: cellText(value), bold: header, size: 18 })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: block.columns.map((c) => cell(c.header, c.numeric ?? false, true)),
      }),
      ...block.rows.map(
        (row) =>
          new TableRow({ children: row.map((value, i) => cell(value, block.columns[i]?.numeric ?? false, false)) }),
      ),
    ],
  });
}

function render(block: DocumentBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case "heading":
      return [new Paragraph({ heading: HEADINGS[block.level], text: block.text })];
    case "paragraph":
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: [
            new TextRun({
              text: block.text,
              bold: block.style === "strong",
              color: block.style === "muted" ? "555F6B" : undefined,
              size: block.style === "muted" ? 18 : 21,
            }),
          ],
        }),
      ];
    case "list":
      return block.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case "table":
      // A paragraph after a table keeps the next heading from sticking to it.
      return [table(block), new Paragraph({ text: "" })];
    case "pageBreak":
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

export function docxBytes(doc: ExportDocument): Promise<Buffer> {
  const document = new Document({
    creator: "FocalPoint",
    title: doc.title,
    subject: doc.subject,
    styles: {
      default: { document: { run: { font: "Calibri", size: 21 } } },
      paragraphStyles: [1, 2, 3].map((level) => ({
        id: `Heading${level}`,
        name: `Heading ${level}`,
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { bold: true, color: BRAND, size: [0, 32, 26, 22][level] },
        paragraph: { spacing: { before: level === 1 ? 0 : 240, after: 120 } },
      })),
    },
    sections: [{ children: doc.blocks.flatMap(render) }],
  });
  return Packer.toBuffer(document);
}
