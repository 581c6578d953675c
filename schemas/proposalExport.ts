/** The export of the compilation of proposals: its query. */
import { z } from "zod";
import { CompilationQuery } from "./proposals.js";

/** Query of `GET /api/documents/:id/proposals/compilation/export`: a format and the compilation's filters. */
export const CompilationExportQuery = CompilationQuery.extend({
  format: z.enum(["docx", "pdf", "html"]),
});
export type CompilationExportQuery = z.infer<typeof CompilationExportQuery>;
