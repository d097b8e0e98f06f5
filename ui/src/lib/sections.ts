import { api } from "./api";
import type { Block } from "./bindings/Block";

/** A heading of an outline version a comment can be about: its index among the blocks. */
export type Section = { index: number; text: string };

/** The headings of an outline version, in order (none when no version was presented). */
export async function sectionsOf(versionId: number | null | undefined): Promise<Section[]> {
  if (versionId == null) return [];
  const outline = await api.outlineText(versionId);
  return outline.blocks
    .map((b: Block, index: number) => ({ b, index }))
    .filter(({ b }) => b.kind === "heading")
    .map(({ b, index }) => ({ index, text: b.text }));
}
