import { unzipSync } from "fflate";
import mammoth from "mammoth";
import { wordHtmlToText } from "./wordHtml.js";

/** How large a Word file may grow once unpacked (a .docx is a zip), and how many parts it may hold. */
export interface WordLimits {
  maxUnpackedBytes: number;
  maxEntries: number;
}

export const DEFAULT_WORD_LIMITS: WordLimits = { maxUnpackedBytes: 64 * 1024 * 1024, maxEntries: 2_000 };

/** The media type of a .docx file. */
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Whether bytes begin as a zip file does (and so a .docx). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const MiB = 1024 * 1024;

/**
 * The text of a Word (.docx) file, one line per paragraph, for the same
 * structure recognition as a plain-text file (wordHtml.ts: mammoth's HTML
 * read for its text, footnotes kept). Before anything is unpacked, the zip's
 * directory is read for what each part says it unpacks to: a file that would
 * unpack past the limit, or holds too many parts, is refused unread (a zip
 * bomb never reaches memory).
 */
export async function wordFileText(
  bytes: Uint8Array,
  limits: WordLimits = DEFAULT_WORD_LIMITS,
): Promise<{ ok: true; text: string; warnings: string[] } | { ok: false; error: string }> {
  let unpacked = 0;
  let entries = 0;
  let hasDocument = false;
  try {
    // The filter sees each part's declared sizes and unpacks none of them.
    unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        entries += 1;
        if (file.name === "word/document.xml") hasDocument = true;
        return false;
      },
    });
  } catch {
    return { ok: false, error: "The file is not a readable Word (.docx) file: it is damaged or another kind of file." };
  }
  if (entries > limits.maxEntries) {
    return { ok: false, error: `The Word file holds ${entries} parts, more than the ${limits.maxEntries} a document needs; it is refused unread.` };
  }
  if (unpacked > limits.maxUnpackedBytes) {
    return { ok: false, error: `The Word file would unpack to ${Math.ceil(unpacked / MiB)} MiB, more than the limit of ${Math.floor(limits.maxUnpackedBytes / MiB)} MiB; it is refused unread.` };
  }
  if (!hasDocument) return { ok: false, error: "The file is a zip but not a Word document (it has no word/document.xml)." };
  try {
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    const { text, warnings } = wordHtmlToText(value);
    if (hasTrackedChanges(bytes)) {
      warnings.unshift("The Word file holds tracked changes: they are read as accepted (deleted words left out, inserted words kept). Accept or reject them in Word first if that is not what is meant.");
    }
    warnings.unshift("Line numbers below count the lines read from the Word file: each paragraph, list item, table row and manual line break starts one.");
    return { ok: true, text, warnings };
  } catch (err) {
    return { ok: false, error: `The Word file could not be read: ${(err as Error).message}` };
  }
}

/** Whether the document part records insertions, deletions or moves not yet accepted (read after the size checks). */
function hasTrackedChanges(bytes: Uint8Array): boolean {
  const parts = unzipSync(bytes, { filter: (file) => file.name === "word/document.xml" });
  const xml = parts["word/document.xml"];
  return xml !== undefined && /<w:(ins|del|moveFrom|moveTo)\b/.test(new TextDecoder().decode(xml));
}
