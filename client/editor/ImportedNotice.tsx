import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import { useLocation } from "react-router";
import { z } from "zod";

/** What the import page hands over when it opens the new document. */
export const ImportedState = z.object({ imported: z.object({ paragraphs: z.number(), warnings: z.array(z.string()) }) });
export type ImportedState = z.infer<typeof ImportedState>;

/** After an import: how many paragraphs were read and the server's warnings about the file, until dismissed. */
export function ImportedNotice() {
  const { t } = useTranslation();
  const parsed = ImportedState.safeParse(useLocation().state);
  const [dismissed, setDismissed] = useState(false);
  if (!parsed.success || dismissed) return null;
  const { paragraphs, warnings } = parsed.data.imported;
  return (
    <div className="notice" role="status">
      <p className="alert__title">{t("editor.importedTitle")}</p>
      <p>{t("editor.importedParagraphs", { count: paragraphs })}</p>
      <p>{t("editor.importedDraft")}</p>
      {warnings.length > 0 && (
        <>
          <p>{t("editor.importWarnings")}</p>
          <ul className="import-warnings">
            {warnings.map((warning, i) => <li key={i}>{warning}</li>)}
          </ul>
        </>
      )}
      <Button className="button" onPress={() => setDismissed(true)}>{t("editor.dismiss")}</Button>
    </div>
  );
}
