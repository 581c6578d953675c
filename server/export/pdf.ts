import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { escapeHtml } from "./html.js";

/** Why PDF cannot be made on this machine, in words that say how to fix it; null when it can. */
export function pdfUnavailable(chromiumPath: string): string | null {
  return fs.existsSync(chromiumPath) ? null
    : `PDF is printed by Chromium, which is not installed at ${chromiumPath}. Install Debian's package ` +
      "(apt-get install chromium) or set CHROMIUM_PATH; every other format works without it.";
}

/** Too many PDFs asked for at once: the caller should try again shortly. */
export class PrinterBusy extends Error {}

/**
 * Prints HTML exports to PDF with the system Chromium, headless: one browser
 * started on first use and closed after a minute without work, at most
 * `concurrent` pages printing at once and `waiting` more queued (a budget:
 * printing is the heaviest thing a reader can ask for); past that, refused.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private readonly chromiumPath: string,
    private readonly limits: { concurrent: number; waiting: number } = { concurrent: 2, waiting: 8 },
    private readonly idleMs = 60_000,
  ) {}

  /** The HTML page as an A4 PDF with `title` at the top of every page and page numbers at the bottom. */
  async print(html: string, title: string): Promise<Uint8Array> {
    await this.slot();
    try {
      const browser = await this.launch();
      const page = await browser.newPage();
      try {
        await page.setContent(html, { waitUntil: "load" });
        const pdf = await page.pdf({
          format: "A4",
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: `<div style="font-size:8pt;width:100%;text-align:right;padding:0 2.2cm;font-family:serif">${escapeHtml(title)}</div>`,
          footerTemplate: `<div style="font-size:9pt;width:100%;text-align:center;font-family:serif"><span class="pageNumber"></span></div>`,
          margin: { top: "2.5cm", bottom: "2.5cm", left: "2.2cm", right: "2.2cm" },
        });
        return new Uint8Array(pdf);
      } finally {
        await page.close();
      }
    } finally {
      this.release();
    }
  }

  /** Closes the browser. */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser).close().catch(() => {});
  }

  private launch(): Promise<Browser> {
    if (this.idle) clearTimeout(this.idle);
    this.browser ??= chromium.launch({ executablePath: this.chromiumPath, args: ["--no-sandbox", "--disable-dev-shm-usage"] })
      .catch((err: unknown) => {
        this.browser = null;
        throw err;
      });
    return this.browser;
  }

  private async slot(): Promise<void> {
    if (this.running < this.limits.concurrent) {
      this.running++;
      return;
    }
    if (this.queue.length >= this.limits.waiting) throw new PrinterBusy("Too many PDFs are being printed; try again in a moment.");
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) {
      next();
      return;
    }
    this.running--;
    if (this.running === 0) this.idle = setTimeout(() => void this.close(), this.idleMs);
  }
}
