import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const LETTER = /\p{L}/u;

/** Props that users read (or hear) as words: they go through t() like text. */
const WORDED_PROPS = new Set(["aria-label", "title", "placeholder", "alt", "label"]);

/**
 * Words that are the same in every language, each with why. Matched against
 * the whole trimmed text of a node or literal.
 */
const UNTRANSLATED: Record<string, string> = {
  Accord: "the product's name",
  "WSIS+20/MPP/3/Rev.2": "an example of a document symbol: UN symbols are the same in every language",
  "EUR/12A3/1": "an example of an ITU proposal id, the same in every language",
};

function tsxUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxUnder(path);
    return entry.name.endsWith(".tsx") ? [path] : [];
  });
}

const worded = (text: string) => LETTER.test(text) && !(text.trim() in UNTRANSLATED);

/**
 * The literals a value renders: the value itself, a branch of `c ? a : b`,
 * the right of `c && a`, either side of `a ?? b` and `a || b`; not a
 * comparison's operand, a call's argument (t("key") is a key), an object's
 * property: those are data, not words shown.
 */
function literalWords(expression: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) return literalWords(expression.expression);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return worded(expression.text) ? [expression] : [];
  if (ts.isTemplateExpression(expression)) {
    return worded([expression.head.text, ...expression.templateSpans.map((s) => s.literal.text)].join(" ")) ? [expression] : [];
  }
  if (ts.isConditionalExpression(expression)) return [...literalWords(expression.whenTrue), ...literalWords(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    switch (expression.operatorToken.kind) {
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return literalWords(expression.right);
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.PlusToken:
        return [...literalWords(expression.left), ...literalWords(expression.right)];
    }
  }
  return [];
}

/** Every untranslated text in one file, as "file:line: what". */
function literalsIn(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push(`${relative(ROOT, file)}:${line + 1}: ${what}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && worded(node.text)) report(node, `text ${JSON.stringify(node.text.trim())}`);
    // {"Loading"} or {busy ? "Saving" : t("saved")} as a child is text too.
    if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      for (const literal of literalWords(node.expression)) report(literal, `text {${literal.getText(source)}}`);
    }
    if (ts.isJsxAttribute(node) && WORDED_PROPS.has(node.name.getText(source)) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value) && worded(value.text)) report(value, `${node.name.getText(source)}=${JSON.stringify(value.text)}`);
      if (ts.isJsxExpression(value) && value.expression) {
        for (const literal of literalWords(value.expression)) report(literal, `${node.name.getText(source)}={${literal.getText(source)}}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe("no literal text in the interface", () => {
  const files = tsxUnder(join(ROOT, "client"));

  it("reads every component", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it("finds a literal in a text node and in a worded prop, and none inside t() or in other props", () => {
    const sample = [
      "export const Panel = ({ open, what }: { open: boolean; what: string }) => (",
      '  <section className="panel" data-state="open-panel">',
      '    <h2>{t("panel.heading")}</h2>',
      "    Close the panel",
      '    <button aria-label="Close" title={t("panel.close", { who: "Arcadia" })}>×</button>',
      '    <span title={open ? "Hide" : t("panel.show")}>{what} — 3</span>',
      "    <input placeholder={`Search ${what}`} alt={`${t(\"panel.search\")} ${what}`} />",
      "    <Option label={kind}>Accord</Option>",
      '    <p>{open ? "Open" : t("panel.shut")}{" · "}</p>',
      "  </section>",
      ");",
    ].join("\n");
    expect(literalsIn(join(ROOT, "client/Sample.tsx"), sample)).toEqual([
      'client/Sample.tsx:4: text "Close the panel"',
      'client/Sample.tsx:5: aria-label="Close"',
      'client/Sample.tsx:6: title={"Hide"}',
      "client/Sample.tsx:7: placeholder={`Search ${what}`}",
      'client/Sample.tsx:9: text {"Open"}',
    ]);
  });

  it("has every JSX text node and every worded prop of client/ through t()", () => {
    expect(files.flatMap((file) => literalsIn(file))).toEqual([]);
  });
});
