import type { Logger } from "pino";
import type { BracketPlacer } from "../../schemas/brackets.js";
import type { Role, StakeholderGroup } from "../../schemas/domain.js";
import { hashPassword } from "../auth/passwords.js";
import { ClientIdStore } from "../storage/clientIdStore.js";
import type { Db } from "../storage/database.js";
import type { DocumentStore } from "../storage/documentStore.js";
import type { UserStore } from "../storage/userStore.js";
import { declaration } from "./content/declaration.js";
import { vision } from "./content/vision.js";
import { outlineToYUpdate, type PlacerFor } from "../documents/outlineToYDoc.js";
import { ProposalStore } from "../storage/proposalStore.js";
import { seedVisionProposals } from "./proposalDrafts.js";
import { applyDemoProposals, VISION_PROPOSALS } from "./proposals.js";

/** Password of every demo account; printed in the README, never used outside the demo. */
export const DEMO_PASSWORD = "wsis-demo-2025";

const DELEGATIONS: { key: string; name: string; group: StakeholderGroup }[] = [
  { key: "arcadia", name: "Republic of Arcadia", group: "governments" },
  { key: "borealia", name: "Kingdom of Borealia", group: "governments" },
  { key: "civil", name: "Digital Rights Network", group: "civil_society" },
  { key: "business", name: "Global ICT Business Council", group: "private_sector" },
  { key: "tech", name: "Open Internet Research Consortium", group: "academia_technical" },
  { key: "igo", name: "International Digital Development Agency", group: "international_organizations" },
];

const ACCOUNTS: { email: string; displayName: string; role: Role; delegation: string | null }[] = [
  { email: "secretariat@demo.accord", displayName: "Samira Okafor", role: "secretariat", delegation: null },
  { email: "chair@demo.accord", displayName: "Jonas Lindqvist", role: "facilitator", delegation: null },
  { email: "arcadia@demo.accord", displayName: "Elena Marek", role: "delegate", delegation: "arcadia" },
  { email: "borealia@demo.accord", displayName: "Tomas Halvorsen", role: "delegate", delegation: "borealia" },
  { email: "civil@demo.accord", displayName: "Amara Diallo", role: "delegate", delegation: "civil" },
  { email: "business@demo.accord", displayName: "Kenji Watanabe", role: "delegate", delegation: "business" },
  { email: "tech@demo.accord", displayName: "Lucia Ferreira", role: "delegate", delegation: "tech" },
  { email: "igo@demo.accord", displayName: "Rahul Mehta", role: "delegate", delegation: "igo" },
  { email: "observer@demo.accord", displayName: "Nadia Petrova", role: "observer", delegation: null },
];

/**
 * Creates the demo process (delegations, accounts, the two WSIS+20 drafts) on
 * an empty database; does nothing when any account exists.
 */
export async function seedDemo(db: Db, users: UserStore, documents: DocumentStore, log: Logger): Promise<boolean> {
  if (users.count() > 0) return false;
  const hashes = await Promise.all(ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  db.transaction(() => {
    const delegationIds = new Map(DELEGATIONS.map((d) => [d.key, users.addDelegation(d.name, d.group)]));
    const bracketPlacers: BracketPlacer[] = [];
    const delegateOf = new Map<string, string>();
    ACCOUNTS.forEach((account, i) => {
      const userId = users.addUser({
        email: account.email,
        displayName: account.displayName,
        passwordHash: hashes[i]!,
        role: account.role,
        delegationId: account.delegation ? (delegationIds.get(account.delegation) ?? null) : null,
      });
      const delegation = DELEGATIONS.find((d) => d.key === account.delegation);
      if (delegation) {
        delegateOf.set(delegation.key, userId);
        bracketPlacers.push({ userId, name: account.displayName, delegation: delegation.name, group: delegation.group });
      }
    });
    // The drafts' brackets were placed by the demo delegations in turn during the first reading.
    const firstReading = Date.parse("2026-11-16T09:00:00Z");
    const placerFor: PlacerFor = (index) => ({
      placer: bracketPlacers[index % bracketPlacers.length]!,
      at: new Date(firstReading + index * 7 * 60_000).toISOString(),
    });
    const processId = documents.addProcess("WSIS+20 Multistakeholder Preparatory Platform");
    const clientIds = new ClientIdStore(db);
    const drafts = [[declaration, [], "WSIS+20/MPP/4/Rev.1"], [vision, VISION_PROPOSALS, "WSIS+20/MPP/5/Rev.1"]] as const;
    for (const [draft, proposals, symbol] of drafts) {
      // The Vision is in its second reading: some delegations have already proposed words.
      const proposed = applyDemoProposals(outlineToYUpdate(draft.blocks, placerFor), proposals, (key) => delegateOf.get(key)!);
      const id = documents.addDocument({
        processId,
        title: draft.title,
        style: draft.style,
        language: draft.language,
        initialState: proposed.state,
      });
      clientIds.bind(id, proposed.bindings);
      // What the exports print in their header; the secretariat changes it under Details….
      documents.describe(id, { symbol, dated: "2026-11-16", place: "Geneva" });
      if (draft === vision) {
        seedVisionProposals(new ProposalStore(db), id, proposed.state, (key) => ({ userId: delegateOf.get(key)!, delegationId: delegationIds.get(key)! }));
      }
    }
  })();
  log.info({ accounts: ACCOUNTS.length }, `demo process created; every demo account's password is ${DEMO_PASSWORD}`);
  return true;
}
