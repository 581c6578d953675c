import { useTranslation } from "react-i18next";
import type { SaveStatus } from "./saveTracker.js";

/** The save and connection indicator; a polite live region so changes are announced. */
export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  return (
    <p className="save-indicator" role="status" data-status={status}>
      <span className="save-indicator__dot" aria-hidden="true" />
      <span className="save-indicator__label">{t(`saveStatus.${status}`)}</span>
    </p>
  );
}
