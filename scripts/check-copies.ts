/**
 * `npm run lint:copies`: copied code stays under its bar (issue 12): fewer than
 * 40 places in app/ and 5 in tests/ that repeat six or more lines of another.
 * A copy is a second place to mend; when this fails, it lists them.
 */
import { createRequire } from "node:module";
import type * as Jscpd from "jscpd";

// jscpd's ES module entry points at its TypeScript sources; its CommonJS build is the one that runs.
const { detectClones } = createRequire(import.meta.url)("jscpd") as typeof Jscpd;

const LIMITS = [
  { path: "app", below: 40, ignore: ["**/app/generated/**"] },
  { path: "tests", below: 5, ignore: ["**/tests/.tmp/**"] },
];

let failed = false;
for (const { path, below, ignore } of LIMITS) {
  const clones = await detectClones({
    path: [path],
    ignore,
    minLines: 6,
    minTokens: 40,
    format: ["typescript", "tsx", "css"],
    silent: true,
    reporters: [],
  });
  const verdict = clones.length < below ? "ok" : "too many";
  console.log(`${path}/: ${clones.length} copies of 6 or more lines (bar: fewer than ${below}) — ${verdict}`);
  if (clones.length >= below) {
    failed = true;
    for (const c of clones)
      console.log(
        `  ${c.duplicationA.sourceId}:${c.duplicationA.start.line}-${c.duplicationA.end.line}` +
          ` ~ ${c.duplicationB.sourceId}:${c.duplicationB.start.line}-${c.duplicationB.end.line}`,
      );
  }
}
process.exit(failed ? 1 : 0);
