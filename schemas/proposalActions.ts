/** Bodies of the proposal commands beyond making one: revising a draft, applying, the proposal period. */
import { z } from "zod";

/** Body of `PATCH /api/documents/:id/proposals/:proposal`: a draft's new text or reasons. */
export const ProposalEdit = z.strictObject({
  text: z.string().trim().min(1).max(20_000).optional(),
  reasons: z.string().trim().max(5_000, "Reasons are at most 5,000 characters.").optional(),
}).refine((body) => body.text !== undefined || body.reasons !== undefined, "Give the text or the reasons to change.");
export type ProposalEdit = z.infer<typeof ProposalEdit>;

/** Body of `POST /api/documents/:id/proposals/:proposal/apply`: in brackets attributed to the proposer, or as agreed text. */
export const ApplyBody = z.strictObject({ as: z.enum(["bracketed", "agreed"]) });
export type ApplyBody = z.infer<typeof ApplyBody>;

/** Body of `PUT /api/documents/:id/proposals/period`, and the answer of GET and PUT. */
export const ProposalPeriod = z.strictObject({ open: z.boolean() });
export type ProposalPeriod = z.infer<typeof ProposalPeriod>;
