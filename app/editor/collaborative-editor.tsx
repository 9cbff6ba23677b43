import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { colourFor } from "~/collab/presence";
import { getSocket } from "~/realtime/socket.client";
import { CollabProvider, type CollabStatus } from "./collab-provider";
import { documentExtensions, YJS_FRAGMENT } from "~/collab/schema";

/**
 * The co-edited narrative: Tiptap on a Yjs document that the provider keeps in
 * step with the server; a copy in IndexedDB keeps local edits made offline
 * through a closed tab or a reload: when the page opens again, the copy is
 * loaded into the document and the sync sends the server whatever it lacks.
 * (A reload while still offline cannot fetch the page itself: there is no
 * service worker.) Client-only: the page renders the stored text on the server.
 */

type Person = { clientId: number; name: string; color: string };

/** The IndexedDB database that keeps a person's copy of a document in this browser. */
const localCopyName = (userId: string, documentId: string) => `focalpoint-document-${userId}-${documentId}`;

export default function CollaborativeEditor({
  documentId,
  user,
  canEdit,
  label,
  readOnlyNote,
}: {
  documentId: string;
  user: { id: string; name: string };
  canEdit: boolean;
  label: string;
  /** what a reader is told instead of the toolbar; the plan's wording unless the page says otherwise */
  readOnlyNote?: string;
}) {
  const { t } = useTranslation("plans");
  const { doc, provider } = useMemo(() => {
    const doc = new Y.Doc();
    return { doc, provider: new CollabProvider(getSocket(), documentId, doc) };
  }, [documentId]);
  const [status, setStatus] = useState<CollabStatus>(provider.status);
  const [readOnly, setReadOnly] = useState(true);
  const [people, setPeople] = useState<Person[]>([]);

  useEffect(() => {
    // One copy per person: on a shared computer, the next person to sign in must
    // neither see nor send edits someone else typed offline.
    const local = new IndexeddbPersistence(localCopyName(user.id, documentId), doc);
    const stopStatus = provider.onChange((p) => {
      setStatus(p.status);
      setReadOnly(p.readOnly || !canEdit);
    });
    const updatePeople = () =>
      setPeople(
        [...provider.awareness.getStates().entries()]
          .filter(([, state]) => state.user)
          .map(([clientId, state]) => ({ clientId, name: String(state.user.name), color: String(state.user.color) })),
      );
    provider.awareness.on("change", updatePeople);
    return () => {
      stopStatus();
      provider.awareness.off("change", updatePeople);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [doc, provider, documentId, canEdit, user.id]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      extensions: [
        ...documentExtensions,
        Collaboration.configure({ document: doc, field: YJS_FRAGMENT }),
        CollaborationCaret.configure({ provider, user: { name: user.name, color: colourFor(user.id) } }),
      ],
      editorProps: {
        attributes: { "aria-label": label, class: "editor-content", role: "textbox", "aria-multiline": "true" },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    editor?.setEditable(!readOnly);
  }, [editor, readOnly]);

  const statusText =
    status === "offline"
      ? t("editor.offline")
      : status === "saving"
        ? t("editor.saving")
        : status === "error"
          ? t("editor.error", { error: provider.error ?? "" })
          : status === "saved"
            ? t("editor.saved")
            : t("editor.connecting");

  return (
    <div className="editor">
      <div className="editor-bar">
        {editor && !readOnly ? (
          <Toolbar editor={editor} />
        ) : (
          <span className="small muted">{readOnlyNote ?? t("editor.readOnly")}</span>
        )}
        <span className="editor-status" data-status={status} role="status">
          {statusText}
        </span>
      </div>
      <EditorContent editor={editor} />
      <div className="editor-presence" aria-label={t("editor.present")}>
        <span className="small muted">{t("editor.present")}:</span>
        {people.map((p) => (
          <span key={p.clientId} className="presence-person" style={{ borderColor: p.color }}>
            <span className="presence-dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
          </span>
        ))}
      </div>
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation("plans");
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      link: e.isActive("link"),
    }),
  });
  const chain = () => editor.chain().focus();
  const buttons: { label: string; text: string; active?: boolean; run: () => void }[] = [
    { label: t("editor.bold"), text: "B", active: state.bold, run: () => chain().toggleBold().run() },
    { label: t("editor.italic"), text: "I", active: state.italic, run: () => chain().toggleItalic().run() },
    { label: t("editor.heading"), text: "H2", active: state.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
    {
      label: t("editor.subheading"),
      text: "H3",
      active: state.h3,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    { label: t("editor.bulletList"), text: "•", active: state.bullet, run: () => chain().toggleBulletList().run() },
    { label: t("editor.orderedList"), text: "1.", active: state.ordered, run: () => chain().toggleOrderedList().run() },
    {
      label: t("editor.link"),
      text: t("editor.link"),
      active: state.link,
      run: () => {
        const href = window.prompt(t("editor.linkPrompt"), editor.getAttributes("link").href ?? "https://");
        if (href === null) return;
        if (href === "" || !/^(https?:|mailto:)/.test(href)) chain().unsetLink().run();
        else chain().extendMarkRange("link").setLink({ href }).run();
      },
    },
    {
      label: t("editor.table"),
      text: "▦",
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
    { label: t("editor.undo"), text: "↶", run: () => chain().undo().run() },
    { label: t("editor.redo"), text: "↷", run: () => chain().redo().run() },
  ];
  return (
    <div role="toolbar" aria-label={t("editor.toolbar")} className="editor-toolbar">
      {buttons.map((b) => (
        <button
          key={b.label}
          type="button"
          className="tool"
          aria-label={b.label}
          title={b.label}
          aria-pressed={b.active ?? undefined}
          onClick={b.run}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}
