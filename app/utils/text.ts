/**
 * Characters that reorder what follows them (U+202A-U+202E embeddings and
 * overrides, U+2066-U+2069 isolates, and the invisible marks U+200E, U+200F,
 * U+061C): "report\u202Efdp.exe" reads as "reportexe.pdf". No name, note or file
 * name here needs them (every ASEAN language writes left to right), so the form
 * helpers and upload naming remove them.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export const withoutBidiControls = (value: string) => value.replace(BIDI_CONTROLS, "");
