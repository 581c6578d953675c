import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import type { TestProject } from "vitest/node";
import { seedDemo } from "../../server/demo/seed.js";
import { openDatabase } from "../../server/storage/database.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { UserStore } from "../../server/storage/userStore.js";

/**
 * Seeds the demo data once into a template directory; each test server
 * starts from a copy, so the scrypt hashing of nine accounts runs once per run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-template-"));
  const db = openDatabase(dir);
  await seedDemo(db, new UserStore(db), new DocumentStore(db), pino({ level: "silent" }));
  db.close();
  project.provide("templateDataDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDataDir: string;
  }
}
