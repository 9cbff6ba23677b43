import type { Prisma } from "~/utils/db.server";
import type { DocumentVersionKind } from "~/domain/vocabulary";

/**
 * Keeps a co-edited document's whole state (Y.encodeStateAsUpdate) as a version inside `tx`:
 * a submission keeps the plan as submitted in the transaction that changes its status, a
 * restore keeps what it replaces in the one that stores it (app/collab/versions.server.ts).
 */
export function keepVersionIn(
  tx: Prisma.TransactionClient,
  documentId: string,
  version: { name: string; kind: DocumentVersionKind; note?: string | null; state: Uint8Array },
  actorId: string,
) {
  return tx.documentVersion.create({
    data: { documentId, ...version, state: Buffer.from(version.state), createdById: actorId },
    select: { id: true },
  });
}
