import type { OutlineBlock } from "../../schemas/outline.js";
import { outlineToYUpdate } from "../documents/outlineToYDoc.js";

/** Builds a document's Yjs state from blocks, brackets attributed to the benchmark. */
export function blocksToYUpdate(blocks: OutlineBlock[]): Uint8Array {
  return outlineToYUpdate(blocks, () => ({
    placer: { userId: "bench", name: "Benchmark", delegation: null, group: null },
    at: new Date(0).toISOString(),
  }));
}
