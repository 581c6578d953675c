import type { BrowserContext, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { clickInText, paragraph, useServerAndBrowser } from "../helpers/browser.js";

/*
 * The discussion after review: one press of the facilitator's key asks
 * once, held or repeated; the reference follows the text as it is
 * renumbered, in the document's language inside the interface's sentence;
 * the projector's header is readable from the back and brackets stay
 * visible in the highlight; the facilitator is not told of their own move,
 * and a move back to a paragraph is told again; presence counts people,
 * with their windows.
 */

const VISION = "WSIS+20 Vision";
const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();
/** Every window a test opened, closed after it whatever its outcome: a window left open would be one more in the next test's presence. */
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

async function signedIn(email: string, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const context = await room.browser.newContext({ viewport });
  contexts.push(context);
  const [name, value] = (await room.server.login(email)).split("=") as [string, string];
  await context.addCookies([{ name, value, url: room.server.url }]);
  return context;
}

async function opened(context: BrowserContext, path: string, ready = ".negotiation-text p.para", before?: (page: Page) => void): Promise<Page> {
  const page = await context.newPage();
  before?.(page);
  await page.goto(`${room.server.url}${path}`);
  await page.locator(ready).nth(2).waitFor(WAIT);
  if (!path.endsWith("/screen")) await page.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
  return page;
}

const discussed = (page: Page, pid: string) =>
  page.locator(`.negotiation-text p.para--discussed[data-pid="${pid}"]`).waitFor(WAIT);

/** The number in a margin label or reference ("12." -> "12"). */
const numberIn = (text: string | null) => /\d+/.exec(text ?? "")?.[0] ?? "";

/** WCAG contrast of two sRGB colours given as [r, g, b]. */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("the discussion follows the text", () => {
  it("asks once for a held key, follows renumbering, marks languages, and reads from the back of the hall", async () => {
    const id = await room.server.documentId(await room.server.login("chair@demo.accord"), VISION);
    const requests: number[] = [];
    const chair = await opened(await signedIn("chair@demo.accord"), `/documents/${id}`, undefined, (page) => page.on("websocket", (ws) =>
      ws.on("framesent", (frame) => {
        if (typeof frame.payload !== "string" && frame.payload[0] === 104) requests.push(Date.now());
      })));
    const projector = await opened(await signedIn("observer@demo.accord", { width: 1920, height: 1080 }), `/documents/${id}/screen`,
      ".screen .negotiation-text p.para");

    // A paragraph with brackets, some way down: the one to discuss.
    const pid = await chair.evaluate(() => [...document.querySelectorAll(".negotiation-text p.para")]
      .filter((p) => p.querySelector(".bracket") && /\d/.test(p.getAttribute("data-label") ?? ""))[2]!.getAttribute("data-pid")!);
    const target = chair.locator(`.negotiation-text p.para[data-pid="${pid}"]`);
    await clickInText(target, "start");
    await chair.keyboard.down("Control");
    await chair.keyboard.down("Alt");
    for (let i = 0; i < 6; i += 1) await chair.keyboard.down("KeyD");
    await chair.keyboard.up("KeyD");
    await chair.keyboard.press("Control+Alt+KeyD");
    await chair.keyboard.up("Alt");
    await chair.keyboard.up("Control");
    await discussed(chair, pid);
    await discussed(projector, pid);
    await chair.waitForTimeout(1_000);
    expect(requests).toHaveLength(1);
    // The facilitator made the move: their own window does not tell them of it.
    expect(await chair.locator(".discussion [role=status]").textContent()).toBe("");

    // A paragraph added above renumbers it: the bar and the projector say the new number.
    const before = numberIn(await target.getAttribute("data-label"));
    await clickInText(target, "start");
    await chair.keyboard.press("Enter");
    await expect.poll(async () => numberIn(await target.getAttribute("data-label")), WAIT).not.toBe(before);
    const after = numberIn(await target.getAttribute("data-label"));
    await expect.poll(async () => numberIn(await chair.locator(".discussion__current").textContent()), WAIT).toBe(after);
    await expect.poll(async () => numberIn(await projector.locator(".screen__current").textContent()), WAIT).toBe(after);

    // The sentence is the interface's; the reference alone is the document's; the marker is the interface's.
    expect(await projector.locator(".screen__current").getAttribute("lang")).toBeNull();
    expect(await projector.locator(".screen__current span[lang=en][dir=ltr]").textContent()).toContain(after);
    expect(await chair.locator(".discussion__current span[lang=en]").textContent()).toContain(after);
    expect(await projector.locator(".discussion-marker").getAttribute("lang")).toBe(await projector.evaluate(() => document.documentElement.lang));

    // From the back of the hall: the current line about two thirds of the text, the status discreet.
    const sizes = await projector.evaluate(() => {
      const size = (selector: string) => parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
      return { text: size(".screen .negotiation-text"), current: size(".screen__current"), status: size(".screen__connection") };
    });
    expect(sizes.current / sizes.text).toBeGreaterThan(0.6);
    expect(sizes.status).toBeLessThan(sizes.current / 1.5);

    // Brackets inside the highlighted paragraph stand out from it, and the words stay at 7:1 or more.
    const colours = await projector.evaluate(() => {
      const rgba = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
      const para = document.querySelector(".screen .para--discussed")!;
      const bracket = para.querySelector(".bracket")!;
      const [pr, pg, pb] = rgba(getComputedStyle(para).backgroundColor) as [number, number, number];
      const [br, bg, bb, alpha = 1] = rgba(getComputedStyle(bracket).backgroundColor) as [number, number, number, number?];
      const over = (top: number, under: number) => top * alpha + under * (1 - alpha);
      return { para: [pr, pg, pb], bracket: [over(br, pr), over(bg, pg), over(bb, pb)], ink: rgba(getComputedStyle(bracket).color).slice(0, 3) };
    });
    expect(contrast(colours.bracket, colours.para)).toBeGreaterThan(1.2);
    expect(contrast(colours.ink, colours.bracket)).toBeGreaterThanOrEqual(7);
  });

  it("tells a facilitator of others' moves, again for a move back, not of their own; and counts people, not windows", async () => {
    const id = await room.server.documentId(await room.server.login("chair@demo.accord"), VISION);
    const chairContext = await signedIn("chair@demo.accord");
    const chair = await opened(chairContext, `/documents/${id}`);
    const samira = await opened(await signedIn("secretariat@demo.accord"), `/documents/${id}`);
    await chair.evaluate(() => {
      const region = document.querySelector(".discussion [role=status]")!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, { childList: true, subtree: true, characterData: true });
    });
    const heard = () => chair.evaluate(() => (window as unknown as { heard: string[] }).heard.filter((t, i, all) => t !== all[i - 1]));

    const [a, b] = [paragraph(samira, 3), paragraph(chair, 6)];
    const aPid = (await a.getAttribute("data-pid"))!;
    // The secretariat leads from the paragraph list (its text is not editable for it).
    const fromList = async () => {
      await samira.locator(`.paragraph-list__item[data-pid="${aPid}"]`).focus();
      await samira.keyboard.press("Control+Alt+KeyD");
    };
    await fromList();
    await discussed(chair, aPid);
    await expect.poll(heard, WAIT).toEqual([expect.stringMatching(/^The discussion moved to /)]);
    const movedToA = (await heard())[0]!;

    const bPid = (await b.getAttribute("data-pid"))!;
    await chair.locator(`.paragraph-list__item[data-pid="${bPid}"]`).focus();
    await chair.keyboard.press("Control+Alt+KeyD");
    await discussed(chair, bPid);
    await chair.waitForTimeout(800);
    expect(await heard()).toEqual([movedToA]);

    await discussed(samira, bPid);
    await fromList();
    await discussed(chair, aPid);
    // Emptied, then the same words: a live region speaks them again.
    await expect.poll(heard, WAIT).toEqual([movedToA, "", movedToA]);

    // A second window of the same account: one person, "2 windows", "(you)" after a space.
    await opened(chairContext, `/documents/${id}`);
    const me = chair.locator(".presence__list .presence__person", { hasText: "Jonas Lindqvist" });
    await me.filter({ hasText: "2 windows" }).waitFor(WAIT);
    expect(await chair.locator(".presence__open > span").first().textContent()).toBe("2 people present");
    expect(await me.locator(".presence__you").evaluate((el) => el.previousSibling?.textContent)).toBe(" ");
    await chair.locator(".presence__open").click();
    await chair.getByRole("button", { name: "Secretariat and facilitators (2)", exact: true }).waitFor(WAIT);
  });
});
