import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox } from "react-aria-components";
import { fetchPeriod, setPeriod } from "../api/proposals.js";
import { useApi } from "../api/useApi.js";
import { refusalText } from "./proposalActions.js";

/** The secretariat's switch of a document's proposal period: while it is closed, no proposal is made or imported. */
export function PeriodSwitch({ documentId, notify }: {
  documentId: string;
  notify: (message: string, kind?: "polite" | "alert") => void;
}) {
  const { t } = useTranslation("proposals");
  const [period] = useApi(`proposal-period:${documentId}`, (signal) => fetchPeriod(documentId, signal));
  // What the server answered last; until then, what it said when the page opened.
  const [changed, setChanged] = useState<boolean | null>(null);
  const [pending, setPending] = useState(false);
  const open = changed ?? (period.state === "loaded" ? period.value.open : null);
  if (period.state === "failed" && changed === null) {
    return <p className="muted compilation__period">{t("period.unknown", { reason: refusalText(t, period.failure) })}</p>;
  }
  return (
    <Checkbox className="checkbox compilation__period" isSelected={open ?? false} isDisabled={open === null || pending}
      onChange={async (next) => {
        setPending(true);
        const result = await setPeriod(documentId, next);
        setPending(false);
        if (!result.ok) {
          notify(refusalText(t, result), "alert");
          return;
        }
        setChanged(result.value.open);
        notify(t(result.value.open ? "period.opened" : "period.closed"));
      }}>
      <span aria-hidden="true" className="checkbox__box" />
      {t("period.label")}
    </Checkbox>
  );
}
