import { z } from "zod";

/** The five WSIS stakeholder groups; every delegation belongs to exactly one. */
export const StakeholderGroup = z.enum([
  "governments",
  "private_sector",
  "civil_society",
  "academia_technical",
  "international_organizations",
]);
export type StakeholderGroup = z.infer<typeof StakeholderGroup>;

/** Process-wide roles; facilitators may later be narrowed per document. */
export const Role = z.enum(["secretariat", "facilitator", "delegate", "observer"]);
export type Role = z.infer<typeof Role>;

/** Paragraph status as stored on paragraph-level nodes. */
export const ParagraphStatus = z.enum(["open", "agreed", "deleted"]);
export type ParagraphStatus = z.infer<typeof ParagraphStatus>;

/** Shape of a document: continuously numbered declaration or resolution with verb-phrase blocks. */
export const DocumentStyle = z.enum(["declaration", "resolution"]);
export type DocumentStyle = z.infer<typeof DocumentStyle>;

/** Language of a document's text; drives label formats. */
export const DocumentLanguage = z.enum(["ar", "zh", "en", "fr", "ru", "es"]);
export type DocumentLanguage = z.infer<typeof DocumentLanguage>;
