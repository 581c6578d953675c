import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type * as Y from "yjs";
import type { CompareJob, ComparisonResult } from "../compare/compareJob.js";
import type { ExportJob, ExportResult } from "./exportDocument.js";
import { ExportThread } from "./exportThread.js";
import type { CompilationFile, CompilationJob } from "./proposalCompilationJob.js";
import { escapeHtml } from "./html.js";

/** Why PDF cannot be made on this machine, in words that say how to fix it; null when it can. */
export function pdfUnavailable(chromiumPath: string): string | null {
  return fs.existsSync(chromiumPath) ? null
    : `PDF is printed by Chromium, which is not installed at ${chromiumPath}. Install Debian's package ` +
      "(apt-get install chromium) or set CHROMIUM_PATH; every other format works without it.";
}

const CHRT = "/usr/bin/chrt";

const shellQuote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/** Too many PDFs asked for at once: the caller should try again shortly. */
export class PrinterBusy extends Error {}

/**
 * How much less the export thread and the Chromium it starts weigh with the
 * scheduler than the rest of the server (a Linux nice value, per thread:
 * the room's event loop keeps 0). An export may wait for a busy machine; the
 * edits of a room in session should not wait for an export.
 */
export const EXPORT_NICENESS = 10;

/**
 * Renders exports and prints PDFs off the server's event loop: on one worker
 * thread of its own ({@link ExportThread}, started on first use, at a lower
 * scheduling priority), which prints with the system Chromium, headless (one
 * browser started on first use and closed after `idleMs` without printing).
 * At most `concurrent` PDFs are made at once and `waiting` more queued (a
 * budget: printing is the heaviest thing a reader can ask for); past that,
 * refused with {@link PrinterBusy}. Other formats are not queued here.
 */
export class PdfPrinter {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private thread: ExportThread | null = null;

  constructor(
    private readonly chromiumPath: string,
    private readonly limits: { concurrent: number; waiting: number } = { concurrent: 2, waiting: 8 },
    private readonly idleMs = 60_000,
  ) {}

  /** Renders an export of `text` (a document now, or a whole Yjs state) on the export thread (a PDF within the printing budget). */
  async export(job: ExportJob, text: Y.Doc | Uint8Array): Promise<ExportResult> {
    if (job.query.format !== "pdf") return this.exportThread().render(job, text);
    await this.slot();
    try {
      return await this.exportThread().render(job, text);
    } finally {
      this.release();
    }
  }

  /** Compares two texts of a document on the export thread (a PDF within the printing budget). */
  async compare(job: CompareJob, from: Uint8Array, text: Y.Doc | Uint8Array): Promise<ComparisonResult> {
    if (job.format !== "pdf") return this.exportThread().compare(job, from, text);
    await this.slot();
    try {
      return await this.exportThread().compare(job, from, text);
    } finally {
      this.release();
    }
  }

  /** Renders the compilation of proposals on the export thread (a PDF within the printing budget). */
  async compilation(job: CompilationJob): Promise<CompilationFile> {
    if (job.format !== "pdf") return this.exportThread().compilation(job);
    await this.slot();
    try {
      return await this.exportThread().compilation(job);
    } finally {
      this.release();
    }
  }

  /** The HTML page as an A4 PDF with `title` at the top of every page and page numbers at the bottom. */
  async print(html: string, title: string): Promise<Uint8Array> {
    await this.slot();
    try {
      return await this.exportThread().print(html, title);
    } finally {
      this.release();
    }
  }

  /** Closes the browser and stops the export thread (a later export starts them again). */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    if (thread) await thread.close();
  }

  private exportThread(): ExportThread {
    this.thread ??= new ExportThread({ chromiumPath: this.chromiumPath, idleMs: this.idleMs, niceness: EXPORT_NICENESS });
    return this.thread;
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
    if (next) next();
    else this.running--;
  }
}

/**
 * Chromium printing in the thread that creates it (the export thread): one
 * headless browser started on first use and closed after `idleMs` without
 * work. A page that printed is kept for the next print (a new page costs a
 * renderer process: about twice the printing's own CPU); each print replaces
 * its whole content. A page that failed is closed, and a browser that went
 * away is started again.
 */
export class ChromiumPrinter {
  private browser: Promise<Browser> | null = null;
  /** Pages that printed and wait for the next print, with the browser they belong to. */
  private readonly pages: { page: Page; browser: Promise<Browser> }[] = [];
  private running = 0;
  private idle: NodeJS.Timeout | null = null;
  /** The script that starts Chromium at idle priority, null when there is none; undefined before the first launch. */
  private wrapper: string | null | undefined;

  constructor(private readonly chromiumPath: string, private readonly idleMs = 60_000) {}

  /** The HTML page as an A4 PDF with `title` at the top of every page and page numbers at the bottom. */
  async print(html: string, title: string): Promise<Uint8Array> {
    this.running++;
    if (this.idle) clearTimeout(this.idle);
    try {
      const browser = this.launch();
      let page: Page | null = null;
      while (!page) {
        const kept = this.pages.pop();
        if (!kept) page = await (await browser).newPage();
        else if (kept.browser === browser && !kept.page.isClosed()) page = kept.page;
      }
      let printed = false;
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
        printed = true;
        return new Uint8Array(pdf);
      } finally {
        if (printed && this.browser === browser) this.pages.push({ page, browser });
        else await page.close().catch(() => {});
      }
    } finally {
      this.running--;
      if (this.running === 0) this.idle = setTimeout(() => void this.close(), this.idleMs);
    }
  }

  /**
   * What to start: Chromium itself, or on Linux with `chrt` a script that
   * starts it under the idle scheduling policy (SCHED_IDLE, inherited by
   * every process it starts). A nice value is not enough: Chromium sets its
   * threads' nice values itself, down to -8 where it may (as root).
   */
  private executable(): string {
    if (this.wrapper !== undefined) return this.wrapper ?? this.chromiumPath;
    this.wrapper = null;
    if (process.platform === "linux" && fs.existsSync(CHRT)) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-chromium-"));
      const script = path.join(dir, "chromium");
      fs.writeFileSync(script, `#!/bin/sh\nexec ${CHRT} --idle 0 ${shellQuote(this.chromiumPath)} "$@"\n`, { mode: 0o755 });
      this.wrapper = script;
    }
    return this.wrapper ?? this.chromiumPath;
  }

  /** Closes the browser (and with it every kept page). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const browser = this.browser;
    this.browser = null;
    this.pages.length = 0;
    if (browser) await (await browser).close().catch(() => {});
    if (this.wrapper) fs.rmSync(path.dirname(this.wrapper), { recursive: true, force: true });
    this.wrapper = undefined;
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    const launched = chromium.launch({ executablePath: this.executable(), args: ["--no-sandbox", "--disable-dev-shm-usage"] });
    this.browser = launched;
    launched.then(
      (browser) => browser.on("disconnected", () => {
        if (this.browser === launched) this.browser = null;
      }),
      () => {
        if (this.browser === launched) this.browser = null;
      },
    );
    return launched;
  }
}
