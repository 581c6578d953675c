import { Parser } from "htmlparser2";

/**
 * A Word file as mammoth renders it to HTML, turned into the lines the
 * plain-text import reads, so a .docx and the same text saved as plain text
 * give the same document. Nothing the HTML carries is run or kept as markup:
 * only its text and where its paragraphs end are read.
 *
 * - each paragraph, heading and list item is one line; a manual line break
 *   ends a line too; a table row is one line, its cells TAB-separated (a label
 *   cell and a text cell read as a labelled line);
 * - footnotes and endnotes are written as Word's plain text writes them,
 *   "[footnoteRef:N]" where referred to and "[N: text]" at the end of that
 *   line, numbered in reading order, for the importer to turn into plain text;
 * - items of a bulleted list get a dash label; items of a numbered list an
 *   empty label cell, since Word computes their numbers and the file does not
 *   hold them: the import says so;
 * - images are left out, and the import says so.
 */
export function wordHtmlToText(html: string): { text: string; warnings: string[] } {
  type Line = { text: string; notes: string[]; prefix: number };
  const notes = new Map<string, string>();
  const lines: Line[] = [];
  const warnings: string[] = [];
  const noteNumbers = new Map<string, number>();
  /** Notes whose text is already written after a reference: a second reference gets the number only. */
  const placed = new Set<string>();
  let current: Line | null = null;
  let noteId: string | null = null;
  let noteText = "";
  /** List items opened inside the note being read (a list in a footnote). */
  let noteItems = 0;
  let skipDepth = 0;
  const lists: ("ol" | "ul")[] = [];
  let numberedItems = 0;
  let nestedItems = 0;
  let images = 0;
  let cells: string[] | null = null;
  let cell: string | null = null;
  let rowNotes: string[] = [];
  /** Rows of tables inside the current cell: read as part of that cell. */
  let innerRows = 0;
  let innerTables = 0;

  const open = (prefix = "") => {
    close();
    current = { text: prefix, notes: [], prefix: prefix.length };
  };
  const close = () => {
    if (current && current.text.slice(current.prefix).trim() !== "") lines.push(current);
    current = null;
  };
  const write = (text: string) => {
    if (skipDepth > 0) return;
    if (noteId !== null) noteText += text;
    else if (cell !== null) cell += text;
    else if (current) current.text += text;
    else current = { text, notes: [], prefix: 0 };
  };
  /** A reference to a note, written where it stands; the note's text goes at the end of that line, once. */
  const refer = (id: string) => {
    if (!noteNumbers.has(id)) noteNumbers.set(id, noteNumbers.size + 1);
    write(`[footnoteRef:${noteNumbers.get(id)}]`);
    if (noteId !== null || placed.has(id)) return;
    placed.add(id);
    if (cell !== null) rowNotes.push(id);
    else (current ?? (current = { text: "", notes: [], prefix: 0 })).notes.push(id);
  };

  const parser = new Parser({
    onopentag(name, attrs) {
      if (skipDepth > 0) {
        skipDepth += 1;
        return;
      }
      const href = attrs.href ?? "";
      if (name === "li" && noteId === null && /^(foot|end)note-/.test(attrs.id ?? "")) {
        close();
        noteId = attrs.id!;
        noteText = "";
        noteItems = 0;
      } else if (name === "a" && /^#(foot|end)note-ref-/.test(href)) {
        skipDepth = 1; // the note's link back to its reference
      } else if (name === "a" && /^#(foot|end)note-/.test(href)) {
        refer(href.slice(1));
        skipDepth = 1; // its text, "[1]"
      } else if (noteId !== null) {
        if (name === "li") noteItems += 1;
        if ((name === "p" || name === "li" || name === "br") && noteText !== "") noteText += " ";
      } else if (cells !== null && cell !== null && (name === "table" || name === "tr" || name === "td" || name === "th")) {
        // A table inside a cell: its text is part of the cell.
        if (name === "table") innerTables += 1;
        if (name === "tr") innerRows += 1;
        if (cell !== "") cell += " ";
      } else if (name === "p" || /^h[1-6]$/.test(name)) {
        if (cell !== null) {
          if (cell !== "") cell += " ";
        } else if (!(current && lists.length > 0 && current.text.replace(/[\t–]/g, "") === "")) {
          open();
        }
      } else if (name === "ol" || name === "ul") {
        close();
        lists.push(name);
      } else if (name === "li") {
        const kind = lists[lists.length - 1] ?? "ul";
        if (kind === "ol") numberedItems += 1;
        if (lists.length > 1) nestedItems += 1;
        open(kind === "ul" ? "–\t" : "\t");
      } else if (name === "br") {
        if (cell !== null) cell += " ";
        else open();
      } else if (name === "tr") {
        close();
        cells = [];
        rowNotes = [];
      } else if ((name === "td" || name === "th") && cells !== null) {
        cell = "";
      } else if (name === "img") {
        images += 1;
      }
    },
    ontext(text) {
      write(text);
    },
    onclosetag(name) {
      if (skipDepth > 0) {
        skipDepth -= 1;
        return;
      }
      if (name === "li" && noteId !== null && noteItems > 0) {
        noteItems -= 1;
      } else if (name === "li" && noteId !== null) {
        notes.set(noteId, noteText.replace(/\s+/g, " ").trim());
        noteId = null;
      } else if (noteId !== null) {
        return;
      } else if (innerRows > 0 && cell !== null && (name === "tr" || name === "td" || name === "th" || name === "table")) {
        if (name === "tr") innerRows -= 1;
      } else if (name === "p" || /^h[1-6]$/.test(name) || name === "li") {
        if (cell === null) close();
      } else if (name === "ol" || name === "ul") {
        close();
        lists.pop();
      } else if ((name === "td" || name === "th") && cells !== null && cell !== null) {
        cells.push(cell.replace(/\s+/g, " ").trim());
        cell = null;
      } else if (name === "tr" && cells !== null) {
        const row = cells.filter((c, i) => c !== "" || i === 0);
        if (row.some((c) => c !== "")) lines.push({ text: row.join("\t"), notes: rowNotes, prefix: 0 });
        else if (rowNotes.length > 0) lines.push({ text: "", notes: rowNotes, prefix: 0 });
        cells = null;
        rowNotes = [];
      }
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  close();

  if (numberedItems > 0) {
    warnings.push(`${numberedItems} item(s) of numbered Word lists: Word computes their numbers and the file does not hold them, so the document numbers these paragraphs itself; check their labels.`);
  }
  if (nestedItems > 0) {
    warnings.push(`${nestedItems} item(s) of lists inside lists: the document reads their level from their labels (a bulleted item is a sub-paragraph), not from the nesting; check them.`);
  }
  if (innerTables > 0) warnings.push(`${innerTables} table(s) inside table cells: each is read as part of the cell that holds it.`);
  if (images > 0) warnings.push(`${images} image(s) in the Word file are not imported: a negotiated text holds words only.`);
  const text = lines.map((line) => {
    const bodies = line.notes.map((id) => `[${noteNumbers.get(id)}: ${(notes.get(id) ?? "").replace(/\[/g, "(").replace(/\]/g, ")")}]`);
    return [line.text, ...bodies].join(" ");
  }).join("\n");
  return { text, warnings };
}
