import { createElement } from "react";
import { renderToString } from "react-dom/server";
import type { Socket } from "socket.io-client";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { syncUpdateMessage } from "~/collab/protocol";
import { appendUpdate, loadYDoc } from "~/collab/storage.server";
import { RichText } from "~/components/rich-text";
import { loader as planLoader } from "~/routes/_app+/action-plans+/$planId._index";
import { action as outcomesAction, loader as outcomesLoader } from "~/routes/_app+/workshops+/$workshopId+/outcomes";
import { db } from "~/utils/db.server";
import { liveServer, typeParagraph, until } from "../support/collab-clients";
import { requestAs, routeContext, settle } from "../support/requests";
import { demo } from "../support/people";

/**
 * What one editor's update may do to a document everyone shares: not nest it
 * deeper than the editor allows, not add what the editor does not know, not
 * fill it past its size; and a document stored before these limits still
 * shows on its pages.
 */

const live = liveServer();

async function planOf(code: string) {
  return db.actionPlan.findFirstOrThrow({ where: { country: { code } }, select: { id: true, documentId: true } });
}

/** A socket that has joined the document, as the editor's provider would. */
async function joined(email: string, documentId: string): Promise<Socket> {
  const socket = await live.socket(email);
  expect(await socket.emitWithAck("doc:join", { documentId })).toMatchObject({ ok: true });
  return socket;
}

/**
 * The update a new editor (its own Yjs client) makes on top of `state`:
 * `levels` blockquotes, each inside the one before, around a paragraph.
 */
function nestedBlocks(state: Uint8Array, levels: number, text = "deep inside"): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment("default");
    for (let i = 0; i < levels; i++) {
      const quote = new Y.XmlElement("blockquote");
      parent.insert(parent.length, [quote]);
      parent = quote;
    }
    const paragraph = new Y.XmlElement("paragraph");
    parent.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText(text)]);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

/** The update a new editor makes on top of `state` by changing the document with `change`. */
function edit(state: Uint8Array, change: (fragment: Y.XmlFragment) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  change(doc.getXmlFragment("default"));
  return Y.encodeStateAsUpdate(doc, before);
}

const storedState = async (documentId: string) => Y.encodeStateAsUpdate((await loadYDoc(documentId))!.doc);
const storedUpdates = (documentId: string) => db.documentUpdate.count({ where: { documentId } });
const send = (socket: Socket, documentId: string, update: Uint8Array) =>
  socket.emitWithAck("doc:message", documentId, syncUpdateMessage(update));

describe("what one update may do to a shared document", () => {
  it("refuses 20,000 nested blocks before storing anything, and the document stays open to everyone", async () => {
    const { documentId } = await planOf("VN");
    const attacker = await joined(demo.focalPoint("VN"), documentId);
    const colleague = await live.editor(demo.taskForce("VN"), documentId);
    const before = colleague.text();
    const storedBefore = await storedUpdates(documentId);

    const update = nestedBlocks(await storedState(documentId), 20_000);
    expect(update.byteLength).toBeGreaterThan(300_000);
    expect(await send(attacker, documentId, update)).toEqual({
      ok: false,
      error: "blocks may be nested at most 32 levels deep",
    });
    expect(await storedUpdates(documentId)).toBe(storedBefore);
    // The sender's next edit reaches the colleague after anything the server could have sent on before it.
    const later = edit(await storedState(documentId), (fragment) => typeParagraph(fragment, "after the refusal"));
    expect(await send(attacker, documentId, later)).toEqual({ ok: true });
    await until(() => colleague.text().includes("after the refusal"));
    expect(colleague.text()).toBe(`${before}<paragraph>after the refusal</paragraph>`);
  });

  it("accepts blocks nested as deep as the limit, and not one level more", async () => {
    const { documentId } = await planOf("TH");
    const editor = await joined(demo.focalPoint("TH"), documentId);
    // 30 quotes, then a paragraph (31) and its text (32).
    expect(await send(editor, documentId, nestedBlocks(await storedState(documentId), 30, "at the limit"))).toEqual({
      ok: true,
    });
    expect(await send(editor, documentId, nestedBlocks(await storedState(documentId), 31, "too deep"))).toEqual({
      ok: false,
      error: "blocks may be nested at most 32 levels deep",
    });
    const stored = (await loadYDoc(documentId))!.doc.getXmlFragment("default").toString();
    expect(stored).toContain("at the limit");
    expect(stored).not.toContain("too deep");
  });

  it("refuses an element the editor does not know", async () => {
    const { documentId } = await planOf("TH");
    const editor = await joined(demo.focalPoint("TH"), documentId);
    const storedBefore = await storedUpdates(documentId);
    const update = edit(await storedState(documentId), (fragment) => {
      const script = new Y.XmlElement("script");
      fragment.insert(0, [script]);
      script.insert(0, [new Y.XmlText("alert(1)")]);
    });
    expect(await send(editor, documentId, update)).toEqual({
      ok: false,
      error: 'the editor has no element called "script"',
    });
    expect(await storedUpdates(documentId)).toBe(storedBefore);
  });

  it("refuses additions to a full document, still takes deletions, and has room again once they are folded", async () => {
    const { documentId } = await planOf("MM");
    const editor = await joined(demo.focalPoint("MM"), documentId);
    const bigParagraph = (fragment: Y.XmlFragment) => {
      const paragraph = new Y.XmlElement("paragraph");
      fragment.insert(fragment.length, [paragraph]);
      paragraph.insert(0, [new Y.XmlText("x".repeat(450_000))]);
    };
    const replies = [];
    for (let i = 0; i < 5; i++)
      replies.push(await send(editor, documentId, edit(await storedState(documentId), bigParagraph)));
    expect(replies.slice(0, 4)).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    expect(replies[4]).toEqual({
      ok: false,
      error: "the document is full (2 MB); remove something before adding more",
    });

    // Deleting is always possible…
    const trimmed = edit(await storedState(documentId), (fragment) => fragment.delete(fragment.length - 1, 1));
    expect(await send(editor, documentId, trimmed)).toEqual({ ok: true });
    // …and once the deleted text is folded away, there is room for more.
    await until(async () => {
      const reply = await send(editor, documentId, edit(await storedState(documentId), bigParagraph));
      return reply.ok === true;
    }, 10_000);
  });
});

describe("a document stored before the limits", () => {
  /** Stores the nested blocks as they were stored before the server checked them. */
  async function storeNested(documentId: string) {
    await appendUpdate(documentId, nestedBlocks(await storedState(documentId), 20_000, "the bottom of the well"), null);
  }

  it("still shows on the plan page, its deepest blocks as plain text", async () => {
    const plan = await planOf("LA");
    await storeNested(plan.documentId);
    const page = await planLoader({
      request: await requestAs(demo.focalPoint("LA"), `/action-plans/${plan.id}`),
      params: { planId: plan.id },
      context: routeContext,
    });
    const html = renderToString(createElement(RichText, { doc: page.plan.narrative }));
    expect(html).toContain("Priorities for 2025-2027");
    expect(html).toContain("the bottom of the well");
  });

  it("still shows as workshop minutes", async () => {
    const workshop = await db.workshop.findFirstOrThrow({
      where: { facilitators: { some: { user: { email: demo.facilitator } } } },
      select: { id: true },
    });
    const open = async () =>
      outcomesLoader({
        request: await requestAs(demo.facilitator, `/workshops/${workshop.id}/outcomes`),
        params: { workshopId: workshop.id },
        context: routeContext,
      });
    // A facilitator starts the minutes (the page's button); only then does their document exist.
    await settle(async () =>
      outcomesAction({
        request: await requestAs(demo.facilitator, `/workshops/${workshop.id}/outcomes`, {
          intent: "start-minutes",
        }),
        params: { workshopId: workshop.id },
        context: routeContext,
      }),
    );
    const { minutesDocumentId } = await open();
    await storeNested(minutesDocumentId!);
    const { minutes } = await open();
    expect(renderToString(createElement(RichText, { doc: minutes! }))).toContain("the bottom of the well");
  });
});
