#!/usr/bin/env node
// Makes sure Debian's Chromium is present for the browser tests: installs it
// with apt-get when missing and running as root, otherwise explains how.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `Chromium is not installed at ${CHROMIUM}; the browser tests need it.\n` +
      "Install Debian's package as root:  apt-get update && apt-get install -y chromium\n" +
      "or point CHROMIUM_PATH at an existing Chromium binary.",
  );
  process.exit(1);
}

console.log("Chromium is missing; installing Debian's chromium package with apt-get ...");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
try {
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
} catch (err) {
  console.error(`Installing chromium failed: ${err.message}`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
