import * as Y from "yjs";
import { documentSchema } from "./schema";
import { RefusedMessage } from "./refused.server";

/**
 * What a co-edited document may become (decision 014). The editor's schema
 * lets lists and quotes nest without end, but every reader of the document
 * (the page that prints it, the editor in each browser, Yjs itself when it
 * deletes a block) walks it recursively: 20,000 nested blocks in one update
 * broke the plan page for everyone. So an update is checked for what the
 * document would be once it is applied, before it is stored:
 * - no element deeper than MAX_DOCUMENT_DEPTH (a paragraph in the document is
 *   at depth 1, its text at 2; a table cell's text at 5; a list nested twelve
 *   levels deep reaches about 26);
 * - only elements the editor knows;
 * - no more than MAX_DOCUMENT_BYTES stored for the document (its snapshot and
 *   the updates after it); a change that only deletes is always accepted, so a
 *   full document can be trimmed.
 *
 * The check reads the update once and looks up only the parents of the
 * elements it adds: typing, which adds characters, costs no lookup at all.
 */

export const MAX_DOCUMENT_DEPTH = 32;
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

const ELEMENT_NAMES = new Set(Object.keys(documentSchema.nodes).filter((name) => name !== "doc" && name !== "text"));

/** An update read once: its items, and where each client's changes start and end (as Y.parseUpdateMeta). */
export type DecodedUpdate = { items: Y.Item[]; from: Map<number, number>; to: Map<number, number> };

/** Reads a whole update; throws on anything malformed. */
export function decodeUpdate(update: Uint8Array): DecodedUpdate {
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  const items: Y.Item[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    const { client, clock } = struct.id;
    if (!from.has(client)) from.set(client, clock);
    to.set(client, clock + struct.length);
    if (struct instanceof Y.Item) items.push(struct);
  }
  return { items, from, to };
}

/**
 * Items of updates accepted but not yet applied to the document (they wait
 * for their group commit): a later update may build on them.
 */
export class PendingItems {
  private readonly byClient = new Map<number, Y.Item[]>();

  add(items: Y.Item[]) {
    for (const item of items) {
      const list = this.byClient.get(item.id.client);
      if (list) list.push(item);
      else this.byClient.set(item.id.client, [item]);
    }
  }

  remove(items: Y.Item[]) {
    for (const item of items) {
      const list = this.byClient.get(item.id.client);
      const at = list?.indexOf(item) ?? -1;
      if (at >= 0) list!.splice(at, 1);
      if (list?.length === 0) this.byClient.delete(item.id.client);
    }
  }

  clear() {
    this.byClient.clear();
  }

  find(id: Y.ID): Y.Item | undefined {
    return this.byClient.get(id.client)?.find((item) => covers(item, id));
  }
}

const covers = (item: Y.Item, id: Y.ID) => id.clock >= item.id.clock && id.clock < item.id.clock + item.length;

/** The items of one update by client, for finding the one an id points into. */
function indexByClient(items: Y.Item[]): (id: Y.ID) => Y.Item | undefined {
  const byClient = new Map<number, Y.Item[]>();
  for (const item of items) {
    const list = byClient.get(item.id.client);
    if (list) list.push(item);
    else byClient.set(item.id.client, [item]);
  }
  return (id) => {
    // Sorted by clock within a client, as Yjs writes them.
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const item = list[middle]!;
      if (covers(item, id)) return item;
      if (id.clock < item.id.clock) high = middle - 1;
      else low = middle + 1;
    }
    return undefined;
  };
}

/** How many elements enclose an item of the document (0 for an item at the top of the document). */
function integratedDepth(item: Y.Item): number {
  let depth = 0;
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type?._item) {
    depth++;
    type = type._item.parent as Y.AbstractType<unknown> | null;
  }
  return depth;
}

/**
 * Throws RefusedMessage if applying the update to the document (with the
 * pending items applied too) would add an element deeper than
 * MAX_DOCUMENT_DEPTH or one the editor does not know. An added item names its
 * parent only when it has no neighbour; otherwise it sits in its neighbour's
 * parent, so the depth is found by following parents and neighbours, through
 * the update itself, then the pending items, then the document.
 */
export function checkShape(
  update: DecodedUpdate,
  doc: Y.Doc,
  pending: PendingItems,
  /** what the document holds with the pending updates, as a state vector: older items are not new */
  known: Map<number, number>,
) {
  const elements = update.items.filter(
    (item) => item.content instanceof Y.ContentType && item.id.clock >= (known.get(item.id.client) ?? 0),
  );
  if (elements.length === 0) return;
  const inUpdate = indexByClient(update.items);
  /** the depth of the type an item sits in, for items of the update and pending ones */
  const depths = new Map<Y.Item, number>();

  const depthOfParent = (start: Y.Item): number => {
    // Iterative: an update can chain thousands of items, each inside or beside the previous one.
    const path: { item: Y.Item; step: number }[] = [];
    const visited = new Set<Y.Item>();
    let item = start;
    let base: number;
    for (;;) {
      const cached = depths.get(item);
      if (cached !== undefined) {
        base = cached;
        break;
      }
      if (visited.has(item)) throw new RefusedMessage("this change refers to itself");
      visited.add(item);
      if (typeof item.parent === "string") {
        path.push({ item, step: 0 });
        base = 0;
        break;
      }
      const insideOf = item.parent !== null;
      const ref = (item.parent ?? item.origin ?? item.rightOrigin) as Y.ID | null;
      if (!ref) throw new RefusedMessage("this change has an element with no place in the document");
      const step = insideOf ? 1 : 0;
      path.push({ item, step });
      const next = inUpdate(ref) ?? pending.find(ref);
      if (next) {
        item = next;
        continue;
      }
      if (Y.getState(doc.store, ref.client) <= ref.clock)
        throw new RefusedMessage("this update depends on changes the server does not have; sync again");
      const found = Y.getItem(doc.store, ref);
      // Beside or inside something collected: Yjs drops the new item.
      if (!(found instanceof Y.Item)) base = 0;
      else base = integratedDepth(found) + step;
      // The step into `found` is counted in `base`.
      path[path.length - 1]!.step = 0;
      break;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      base += path[i]!.step;
      depths.set(path[i]!.item, base);
    }
    return depths.get(start)!;
  };

  for (const element of elements) {
    const type = (element.content as Y.ContentType).type;
    if (type instanceof Y.XmlElement && !ELEMENT_NAMES.has(type.nodeName))
      throw new RefusedMessage(`the editor has no element called "${type.nodeName.slice(0, 40)}"`);
    if (depthOfParent(element) + 1 > MAX_DOCUMENT_DEPTH)
      throw new RefusedMessage(`blocks may be nested at most ${MAX_DOCUMENT_DEPTH} levels deep`);
  }
}
