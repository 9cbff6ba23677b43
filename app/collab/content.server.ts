import * as Y from "yjs";
import { YJS_FRAGMENT, type ProseMirrorNode } from "./schema";
import { MAX_DOCUMENT_DEPTH } from "./limits.server";
import { loadYDoc } from "./storage.server";

/**
 * A stored document as pages show it without the editor: ProseMirror JSON for
 * RichText (reading, printing, the page before the editor has loaded), and
 * text lines for comparing versions. Both walk the document without recursion,
 * and the JSON is never deeper than MAX_DOCUMENT_DEPTH: a document stored
 * before the limits, nested thousands of levels deep, shows what lies below
 * that depth as plain text instead of overflowing the stack of whoever renders
 * it (a 500 for everyone who opened the page).
 */

type YNode = Y.XmlElement | Y.XmlText;
type Delta = { insert: unknown; attributes?: Record<string, Record<string, unknown>> }[];

// y-tiptap's suffix for two marks of one kind on the same text ("link--a1b2c3d4").
const HASHED_MARK_NAME = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

function textNodes(text: Y.XmlText): ProseMirrorNode[] {
  return (text.toDelta() as Delta).flatMap(({ insert, attributes }) => {
    if (typeof insert !== "string" || insert === "") return [];
    const node: ProseMirrorNode = { type: "text", text: insert };
    if (attributes)
      node.marks = Object.entries(attributes).map(([name, attrs]) => ({
        type: HASHED_MARK_NAME.exec(name)?.[1] ?? name,
        attrs,
      }));
    return [node];
  });
}

/** Pushes a node's children so that they come off the stack in document order. */
function pushChildren<T>(stack: T[], parent: Y.XmlFragment | Y.XmlElement, entry: (child: YNode) => T) {
  const children = parent.toArray() as YNode[];
  for (let i = children.length - 1; i >= 0; i--) stack.push(entry(children[i]!));
}

/** All the text under an element, its blocks separated by spaces. */
function plainText(element: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: YNode[] = [element];
  while (stack.length) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) for (const { text } of textNodes(node)) parts.push(text!);
    else if (node instanceof Y.XmlElement) pushChildren(stack, node, (child) => child);
  }
  return parts.join(" ");
}

/** The fragment as ProseMirror JSON (as y-tiptap's yXmlFragmentToProsemirrorJSON gives it, within the depth limit). */
function fragmentContent(fragment: Y.XmlFragment): ProseMirrorNode {
  const doc: ProseMirrorNode = { type: "doc", content: [] };
  const stack: { node: YNode; into: ProseMirrorNode[]; depth: number }[] = [];
  pushChildren(stack, fragment, (node) => ({ node, into: doc.content!, depth: 1 }));
  while (stack.length) {
    const { node, into, depth } = stack.pop()!;
    if (node instanceof Y.XmlText) {
      for (const text of textNodes(node)) into.push(text);
    } else if (node instanceof Y.XmlElement) {
      if (depth > MAX_DOCUMENT_DEPTH) {
        const text = plainText(node);
        if (text) into.push({ type: "text", text });
        continue;
      }
      const element: ProseMirrorNode = { type: node.nodeName };
      const attrs = node.getAttributes();
      if (Object.keys(attrs).length) element.attrs = attrs;
      into.push(element);
      if (node.length) {
        const content: ProseMirrorNode[] = (element.content = []);
        pushChildren(stack, node, (child) => ({ node: child, into: content, depth: depth + 1 }));
      }
    }
  }
  return doc;
}

/** A document's stored content as ProseMirror JSON; empty when there is no such document. */
export async function documentContent(documentId: string): Promise<ProseMirrorNode> {
  const loaded = await loadYDoc(documentId);
  if (!loaded) return { type: "doc", content: [] };
  const content = fragmentContent(loaded.doc.getXmlFragment(YJS_FRAGMENT));
  loaded.doc.destroy();
  return content;
}

/** A kept version's content (its whole state) as ProseMirror JSON, for reading it without the editor. */
export function stateContent(state: Uint8Array): ProseMirrorNode {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const content = fragmentContent(doc.getXmlFragment(YJS_FRAGMENT));
  doc.destroy();
  return content;
}

/** A document's text as lines (one per paragraph, heading, list item or table cell), for comparing versions. */
export function documentLines(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const lines: string[] = [];
  const stack: (Y.XmlFragment | Y.XmlElement)[] = [doc.getXmlFragment(YJS_FRAGMENT)];
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.toArray();
    if (children.some((child) => child instanceof Y.XmlText)) {
      const text = children
        .map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]+>/g, "") : ""))
        .join("")
        .trim();
      if (text) lines.push(text);
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child instanceof Y.XmlElement) stack.push(child);
    }
  }
  doc.destroy();
  return lines;
}
