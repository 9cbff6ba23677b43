import type { DocumentBlock } from "~/models/document-export/document";

/**
 * A document's blocks (a brief, the regional pack, a report) on a page that looks like the
 * paper it prints to: the same blocks the DOCX is written from, so what is read on screen, printed
 * to PDF and downloaded say the same.
 */
export function DocumentView({ blocks }: { blocks: DocumentBlock[] }) {
  return (
    <article className="document-sheet">
      {blocks.map((block, i) => (
        <DocumentBlockView key={i} block={block} />
      ))}
    </article>
  );
}

function DocumentBlockView({ block }: { block: DocumentBlock }) {
  switch (block.kind) {
    case "heading": {
      const Heading = `h${block.level}` as const;
      return <Heading>{block.text}</Heading>;
    }
    case "paragraph":
      return (
        <p className={block.style ? `document-${block.style}` : undefined} data-user-content={block.typed || undefined}>
          {block.text}
        </p>
      );
    case "list":
      return (
        <ul data-user-content={block.typed || undefined}>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case "table":
      return (
        <div className="document-table">
          <table>
            <thead>
              <tr>
                {block.columns.map((c, i) => (
                  <th key={i} scope="col" className={c.numeric ? "num" : undefined}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td
                      key={i}
                      className={block.columns[i]?.numeric ? "num" : undefined}
                      data-user-content={block.columns[i]?.typed || undefined}
                    >
                      {cell ?? "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "pageBreak":
      return <hr className="document-page-break" />;
  }
}
