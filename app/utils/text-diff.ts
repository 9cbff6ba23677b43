/** A line-by-line comparison (longest common subsequence), enough for a plan's paragraphs. */
export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

export function diffLines(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lengths[i][j] = LCS length of before[i..] and after[j..]
  const lengths = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] =
        before[i] === after[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: "same", text: before[i]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) {
      out.push({ kind: "removed", text: before[i++]! });
    } else {
      out.push({ kind: "added", text: after[j++]! });
    }
  }
  while (i < n) out.push({ kind: "removed", text: before[i++]! });
  while (j < m) out.push({ kind: "added", text: after[j++]! });
  return out;
}
