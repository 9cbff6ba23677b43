import type { ReactNode } from "react";

/** One term and its value in a `<dl>` of facts about a record (a project's donor, a period's dates). */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
