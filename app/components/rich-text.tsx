import { createElement, type ReactNode } from "react";
import type { ProseMirrorNode } from "~/collab/schema";

/**
 * Renders a stored document (ProseMirror JSON) as plain HTML, for reading and
 * printing without loading the editor.
 */
export function RichText({ doc }: { doc: ProseMirrorNode }) {
  return <div className="rich-text">{renderChildren(doc.content)}</div>;
}

function renderChildren(nodes: ProseMirrorNode[] | undefined): ReactNode[] {
  return (nodes ?? []).map((node, i) => renderNode(node, i));
}

const BLOCKS: Record<string, string> = {
  paragraph: "p",
  blockquote: "blockquote",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  codeBlock: "pre",
  table: "table",
  tableRow: "tr",
  tableCell: "td",
  tableHeader: "th",
};

function renderNode(node: ProseMirrorNode, key: number): ReactNode {
  switch (node.type) {
    case "text":
      return renderMarks(node, key);
    case "heading": {
      // Plan headings sit below the page's own h1 and h2.
      const level = Math.min(6, Math.max(3, Number(node.attrs?.level ?? 2) + 1));
      return createElement(`h${level}`, { key }, renderChildren(node.content));
    }
    case "hardBreak":
      return <br key={key} />;
    case "horizontalRule":
      return <hr key={key} />;
    case "table":
      return (
        <div className="table-wrap" key={key}>
          <table>
            <tbody>{renderChildren(node.content)}</tbody>
          </table>
        </div>
      );
    default: {
      const tag = BLOCKS[node.type];
      return tag ? createElement(tag, { key }, renderChildren(node.content)) : null;
    }
  }
}

function renderMarks(node: ProseMirrorNode, key: number): ReactNode {
  let out: ReactNode = node.text ?? "";
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "underline") out = <u>{out}</u>;
    else if (mark.type === "strike") out = <s>{out}</s>;
    else if (mark.type === "code") out = <code>{out}</code>;
    else if (
      mark.type === "link" &&
      typeof mark.attrs?.href === "string" &&
      /^(https?:|mailto:)/.test(mark.attrs.href)
    ) {
      out = (
        <a href={mark.attrs.href} rel="noopener noreferrer">
          {out}
        </a>
      );
    }
  }
  return <span key={key}>{out}</span>;
}
