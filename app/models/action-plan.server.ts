import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { Actor } from "~/auth/permissions";
import { YJS_FRAGMENT } from "~/editor/schema";
import { db } from "~/utils/db.server";
import type { PlanStatus } from "~/utils/domain";
import { todayIn } from "~/utils/format";
import { readableCountryFilter } from "./milestone.server";

export type PlanFilter = { countryId?: string; status?: PlanStatus };

/** Plans of the countries the person may read, with how many items are overdue. */
export async function listPlans(actor: Actor, filter: PlanFilter = {}) {
  const readable = readableCountryFilter(actor);
  const today = todayIn();
  const plans = await db.actionPlan.findMany({
    where: {
      AND: [{ countryId: readable }, filter.countryId ? { countryId: filter.countryId } : {}],
      status: filter.status,
    },
    orderBy: [{ country: { sortOrder: "asc" } }, { periodStart: "desc" }],
    select: {
      id: true,
      title: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      updatedAt: true,
      country: { select: { id: true, code: true, name: true } },
      items: { select: { status: true, dueOn: true } },
    },
  });
  return plans.map(({ items, ...plan }) => ({
    ...plan,
    itemCount: items.length,
    overdueCount: items.filter((i) => i.status !== "done" && i.dueOn && i.dueOn < today).length,
  }));
}

/** A plan with its items and its narrative as ProseMirror JSON (snapshot plus stored updates). */
export async function getPlanForReading(planId: string) {
  const plan = await db.actionPlan.findUnique({
    where: { id: planId },
    include: {
      country: { select: { id: true, code: true, name: true } },
      submittedBy: { select: { name: true } },
      endorsedBy: { select: { name: true } },
      document: { select: { snapshot: true, snapshotUpdateId: true, updates: { orderBy: { id: "asc" }, select: { id: true, update: true } } } },
      items: {
        orderBy: { sortOrder: "asc" },
        include: {
          milestone: { select: { id: true, stage: { select: { name: true } }, sector: { select: { name: true } } } },
          sourceOutcome: { select: { workshop: { select: { id: true, title: true } } } },
        },
      },
    },
  });
  if (!plan) return null;
  const doc = new Y.Doc();
  if (plan.document.snapshot) Y.applyUpdate(doc, new Uint8Array(plan.document.snapshot));
  for (const u of plan.document.updates) if (u.id > plan.document.snapshotUpdateId) Y.applyUpdate(doc, new Uint8Array(u.update));
  const narrative = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(YJS_FRAGMENT)) as ProseMirrorNode;
  const today = todayIn();
  const { document: _, items, ...rest } = plan;
  return { ...rest, narrative, items: items.map((i) => ({ ...i, overdue: i.status !== "done" && Boolean(i.dueOn && i.dueOn < today) })) };
}

export type ProseMirrorNode = { type: string; attrs?: Record<string, unknown>; content?: ProseMirrorNode[]; text?: string; marks?: { type: string; attrs?: Record<string, unknown> }[] };
