import * as Y from "yjs";
import { attributeRule, markOfKey, missingAttribute, nodeRule, ROOT, validAttribute, validMarkValue } from "../documentRules.js";

/**
 * Something in a document that the allow-list (shared/documentRules.ts)
 * does not describe. `block` is the index of the top-level block it is in
 * (null for other roots); `pid` that block's pid when it has one.
 */
export type ContentProblem = { block: number | null; pid: string | null } & (
  | { kind: "unknownRoot"; name: string }
  | { kind: "notAnElement"; what: string }
  | { kind: "unknownNode"; node: string }
  | { kind: "misplacedNode"; node: string }
  | { kind: "unknownAttribute"; node: string; attribute: string }
  | { kind: "invalidAttribute"; node: string; attribute: string }
  | { kind: "missingAttribute"; node: string; attribute: string }
  | { kind: "unknownMark"; key: string }
  | { kind: "invalidMark"; key: string }
  | { kind: "unknownContent"; what: string }
  | { kind: "duplicatePid" }
);

/**
 * Problems the editor cannot show without losing something: its schema has no
 * place for the content, so the editor binding would fail or delete it. The
 * others (a bad value, a missing or repeated pid) show and edit as they are.
 */
const CANNOT_SHOW = new Set<ContentProblem["kind"]>([
  "notAnElement", "unknownNode", "misplacedNode", "unknownAttribute", "unknownMark", "invalidMark", "unknownContent",
]);

/** Whether the editor can show content with this problem without losing any of it. */
export function editorCanShow(problem: ContentProblem): boolean {
  return !CANNOT_SHOW.has(problem.kind);
}

/** A short name for a Yjs type or content, for messages ("Y.Map", "text"). */
export function describeType(type: unknown): string {
  if (type instanceof Y.XmlElement) return `<${type.nodeName}>`;
  if (type instanceof Y.XmlText) return "text";
  if (type instanceof Y.XmlHook) return "Y.XmlHook";
  if (type instanceof Y.XmlFragment) return "Y.XmlFragment";
  if (type instanceof Y.Text) return "Y.Text";
  if (type instanceof Y.Map) return "Y.Map";
  if (type instanceof Y.Array) return "Y.Array";
  return (type as { constructor?: { name?: string } })?.constructor?.name ?? typeof type;
}

/** Checks one text of a block: only known marks with valid values, no embeds, no text attributes. */
function checkText(text: Y.XmlText, at: { block: number; pid: string | null }, out: ContentProblem[]): void {
  for (const key of text._map.keys()) {
    if (!text._map.get(key)!.deleted) out.push({ ...at, kind: "unknownContent", what: `text attribute "${key}"` });
  }
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentString) continue;
    if (content instanceof Y.ContentFormat) {
      const mark = markOfKey(content.key);
      // `null` ends a mark and carries nothing: an unknown mark is one problem, where it starts.
      if (!mark && content.value !== null) out.push({ ...at, kind: "unknownMark", key: content.key });
      else if (mark && !validMarkValue(mark, content.value)) out.push({ ...at, kind: "invalidMark", key: content.key });
      continue;
    }
    out.push({ ...at, kind: "unknownContent", what: content instanceof Y.ContentType ? describeType(content.type) : "embedded object" });
  }
}

/**
 * Checks one top-level element of the content fragment against the
 * allow-list: its node type, attributes and everything inside it.
 */
export function validateBlock(element: Y.XmlElement, index: number): ContentProblem[] {
  const out: ContentProblem[] = [];
  const pidValue = element.getAttribute("pid");
  const at = { block: index, pid: typeof pidValue === "string" ? pidValue : null };
  const rule = nodeRule(element.nodeName);
  if (!rule) return [{ ...at, kind: "unknownNode", node: element.nodeName }];
  if (rule.place !== "block") return [{ ...at, kind: "misplacedNode", node: element.nodeName }];
  checkAttributes(element, at, out);
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) checkText(child, at, out);
    else if (child instanceof Y.XmlElement) {
      const inline = nodeRule(child.nodeName);
      if (!inline) out.push({ ...at, kind: "unknownNode", node: child.nodeName });
      else if (inline.place !== "inline") out.push({ ...at, kind: "misplacedNode", node: child.nodeName });
      else {
        checkAttributes(child, at, out);
        if (child.length > 0) out.push({ ...at, kind: "unknownContent", what: `content inside <${child.nodeName}>` });
      }
    } else out.push({ ...at, kind: "unknownContent", what: describeType(child) });
  }
  return out;
}

function checkAttributes(element: Y.XmlElement, at: { block: number; pid: string | null }, out: ContentProblem[]): void {
  const attrs = element.getAttributes() as Record<string, unknown>;
  for (const [attribute, value] of Object.entries(attrs)) {
    // A shared type or bytes as a value: the editor could only mangle it (a Y.Map as a paragraph's level crashes the page).
    if (value instanceof Y.AbstractType || value instanceof Uint8Array) {
      out.push({ ...at, kind: "unknownContent", what: `${describeType(value)} as the value of "${attribute}" on <${element.nodeName}>` });
      continue;
    }
    const rule = attributeRule(element.nodeName, attribute);
    if (!rule) out.push({ ...at, kind: "unknownAttribute", node: element.nodeName, attribute });
    else if (!validAttribute(rule, value)) out.push({ ...at, kind: "invalidAttribute", node: element.nodeName, attribute });
  }
  const missing = missingAttribute(element.nodeName, attrs);
  if (missing) out.push({ ...at, kind: "missingAttribute", node: element.nodeName, attribute: missing });
}

function holdsAnything(type: Y.AbstractType<Y.YEvent<any>>): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any
  for (let item = type._start; item; item = item.right) if (!item.deleted) return true;
  for (const item of type._map.values()) if (!item.deleted) return true;
  return false;
}

/** Checks a whole document: its roots, every block, and that no two blocks share a pid. */
export function validateContent(doc: Y.Doc): ContentProblem[] {
  const out: ContentProblem[] = [];
  for (const [name, type] of doc.share) {
    // Asking for a root creates an empty one; only roots with something in them count.
    if (name !== ROOT && holdsAnything(type)) out.push({ block: null, pid: null, kind: "unknownRoot", name });
  }
  const seen = new Set<string>();
  doc.getXmlFragment(ROOT).toArray().forEach((node, index) => {
    if (!(node instanceof Y.XmlElement)) {
      out.push({ block: index, pid: null, kind: "notAnElement", what: describeType(node) });
      return;
    }
    const problems = validateBlock(node, index);
    out.push(...problems);
    const pid = node.getAttribute("pid");
    if (typeof pid === "string") {
      if (seen.has(pid)) out.push({ block: index, pid, kind: "duplicatePid" });
      seen.add(pid);
    }
  });
  return out;
}

/** One line for a problem, in English, for logs, the audit log and the command line. */
export function describeProblem(p: ContentProblem): string {
  const where = p.block === null ? "" : `block ${p.block + 1}${p.pid ? ` (${p.pid})` : ""}: `;
  switch (p.kind) {
    case "unknownRoot": return `a root "${p.name}" besides "${ROOT}"`;
    case "notAnElement": return `${where}${p.what} where a block should be`;
    case "unknownNode": return `${where}unknown node type <${p.node}>`;
    case "misplacedNode": return `${where}<${p.node}> where it may not stand`;
    case "unknownAttribute": return `${where}unknown attribute "${p.attribute}" on <${p.node}>`;
    case "invalidAttribute": return `${where}invalid value of "${p.attribute}" on <${p.node}>`;
    case "missingAttribute": return `${where}<${p.node}> without "${p.attribute}"`;
    case "unknownMark": return `${where}unknown mark "${p.key}"`;
    case "invalidMark": return `${where}invalid value of mark "${p.key}"`;
    case "unknownContent": return `${where}${p.what}`;
    case "duplicatePid": return `${where}pid used by an earlier block too`;
  }
}
