import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentSchema, YJS_FRAGMENT } from "../../app/collab/schema";

type Node = { type: string; attrs?: Record<string, unknown>; content?: Node[]; text?: string };

const text = (value: string): Node => ({ type: "text", text: value });
const heading = (value: string): Node => ({ type: "heading", attrs: { level: 2 }, content: [text(value)] });
const paragraph = (value: string): Node => ({ type: "paragraph", content: [text(value)] });
const bullets = (items: string[]): Node => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
});

export type NarrativeInput = {
  country: string;
  ministry: string;
  sectors: string[];
  partners: string[];
  context: string;
};

/** A country's action plan narrative as a Yjs update, in the editor's document model. */
export function narrativeUpdate(input: NarrativeInput): Uint8Array {
  const json: Node = {
    type: "doc",
    content: [
      heading("Context"),
      paragraph(input.context),
      heading("Priorities for 2025-2027"),
      paragraph(
        `${input.country} will concentrate the Mutual Recognition of Skills on ${input.sectors.join(", ")}, where labour mobility within ASEAN is highest and national standards can be benchmarked against the Regional Model Competency Standards.`,
      ),
      bullets([
        "Complete or revise national competency standards benchmarked to the RMCS in each priority sector.",
        "Put competency-based assessment and certification in place, with trained and accredited assessors.",
        "Reference the national qualifications to the AQRF at levels 1-4 and report progress to the AQRF Committee.",
        `Open mutual recognition discussions with ${input.partners.join(" and ")}.`,
      ]),
      heading("Coordination"),
      paragraph(
        `The ${input.ministry} leads, with the national skills focal point coordinating the agencies concerned, employers' and workers' organisations and training providers. The Task Force-AQRF representative keeps the referencing work aligned with the region.`,
      ),
      heading("Monitoring"),
      paragraph(
        "Progress is reviewed quarterly by the national working group and reported at each ASEAN Meeting of Skills Focal Points; milestones and action items in FocalPoint are the record of that progress.",
      ),
    ],
  };
  const doc = prosemirrorJSONToYDoc(documentSchema, json, YJS_FRAGMENT);
  return Y.encodeStateAsUpdate(doc);
}
