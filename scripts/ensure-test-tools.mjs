#!/usr/bin/env node
// Makes sure the Debian packages the tests use are present: Chromium for the
// browser tests and PDF exports, poppler-utils (pdftotext) to read exported
// PDFs back. Installs what is missing with apt-get when running as root,
// otherwise explains how.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PDFTOTEXT = "/usr/bin/pdftotext";

/** What is missing: [package, path, what it is for]. */
const missing = [
  [CHROMIUM === "/usr/bin/chromium" ? "chromium" : null, CHROMIUM, "the browser tests and PDF exports"],
  ["poppler-utils", PDFTOTEXT, "reading exported PDFs back"],
].filter(([, path]) => !existsSync(path));

if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const packages = missing.map(([pkg]) => pkg).filter(Boolean);
if (!isRoot || packages.length < missing.length) {
  for (const [, path, purpose] of missing) console.error(`${path} is missing; the tests need it for ${purpose}.`);
  console.error(
    `Install Debian's packages as root:  apt-get update && apt-get install -y chromium poppler-utils\n` +
      "or point CHROMIUM_PATH at an existing Chromium binary.",
  );
  process.exit(1);
}

console.log(`Installing Debian's ${packages.join(" and ")} with apt-get ...`);
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
