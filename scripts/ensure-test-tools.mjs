#!/usr/bin/env node
// Makes sure the Debian packages the tests use are present: Chromium for the
// browser tests and PDF exports, the Noto faces Chromium prints Arabic and
// Chinese with (fonts-noto-core, fonts-noto-cjk: a server prints with the
// fonts it has, and downloads none at run time), poppler-utils (pdftotext,
// pdffonts) to read exported PDFs back. Installs what is missing with
// apt-get when running as root, otherwise explains how.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PDFTOTEXT = "/usr/bin/pdftotext";
const NOTO_ARABIC = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf";
const NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

/** What is missing: [package, path, what it is for]. */
const missing = [
  [CHROMIUM === "/usr/bin/chromium" ? "chromium" : null, CHROMIUM, "the browser tests and PDF exports"],
  ["poppler-utils", PDFTOTEXT, "reading exported PDFs back"],
  ["fonts-noto-core", NOTO_ARABIC, "printing Arabic (and other scripts) in PDF exports"],
  ["fonts-noto-cjk", NOTO_CJK, "printing Chinese in PDF exports"],
].filter(([, path]) => !existsSync(path));

if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const packages = missing.map(([pkg]) => pkg).filter(Boolean);
if (!isRoot || packages.length < missing.length) {
  for (const [, path, purpose] of missing) console.error(`${path} is missing; the tests need it for ${purpose}.`);
  console.error(
    `Install Debian's packages as root:  apt-get update && apt-get install -y chromium poppler-utils fonts-noto-core fonts-noto-cjk\n` +
      "or point CHROMIUM_PATH at an existing Chromium binary.",
  );
  process.exit(1);
}

console.log(`Installing Debian's ${packages.join(", ")} with apt-get ...`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
try {
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { stdio: "inherit", env });
} catch (err) {
  console.error(`Installing ${packages.join(", ")} failed: ${err.message}`);
  process.exit(1);
}
for (const [, path] of missing) {
  if (!existsSync(path)) {
    console.error(`apt-get finished but ${path} is still missing.`);
    process.exit(1);
  }
}
