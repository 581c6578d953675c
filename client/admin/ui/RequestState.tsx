/* How a request looks while it runs or after it failed: alerts, field errors, loading placeholders. */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import { errorWords } from "../../api/errorWords.js";
import { NETWORK_FAILURE, type ApiFailure } from "../../api/http.js";
import type { ApiState } from "../../api/useApi.js";
import { useSessionContext } from "../../session/SessionContext.js";

/** The sentence that explains a failed call: the server's own, or a generic one. */
export function failureMessage(t: ReturnType<typeof useTranslation>["t"], failure: ApiFailure): string {
  if (failure.status === NETWORK_FAILURE) return t("errors.network", { ns: "translation" });
  return errorWords(t, failure.error) || t("errors.unexpected", { ns: "translation", status: failure.status });
}

/** Server-side field problems keyed by field name, for a react-aria `Form`'s `validationErrors`. */
export function fieldErrors(failure: ApiFailure | null): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of failure?.error.issues ?? []) errors[issue.path] = issue.message;
  return errors;
}

/** Props of {@link FailureAlert}. */
export interface FailureAlertProps {
  failure: ApiFailure;
  /** Adds a "Try again" button. */
  onRetry?: () => void;
  /** Field problems already shown beside their field are not repeated. */
  shownBesideField?: (path: string) => boolean;
}

/** A refused or failed call, announced to assistive technology. */
export function FailureAlert({ failure, onRetry, shownBesideField }: FailureAlertProps) {
  const { t } = useTranslation("admin");
  const unmatched = (failure.error.issues ?? []).filter((issue) => !shownBesideField?.(issue.path));
  return (
    <div className="alert" role="alert">
      <p>{failureMessage(t, failure)}</p>
      {unmatched.length > 0 && (
        <ul>
          {unmatched.map((issue) => <li key={issue.path}>{`${issue.path}: ${issue.message}`}</li>)}
        </ul>
      )}
      {onRetry && <Button className="button" onPress={onRetry}>{t("errors.retry", { ns: "translation" })}</Button>}
    </div>
  );
}

/** Loading and failure states of a page's GET; a 401 ends the session. Renders nothing once loaded. */
export function LoadState<T>({ state, onRetry }: { state: ApiState<T>; onRetry: () => void }) {
  const { t } = useTranslation("admin");
  const session = useSessionContext();
  const expired = state.state === "failed" && state.failure.status === 401;
  useEffect(() => {
    if (expired) session.signedOut(true);
  }, [expired, session]);
  if (state.state === "loading") return <p role="status">{t("app.loading", { ns: "translation" })}</p>;
  if (state.state === "failed" && !expired) return <FailureAlert failure={state.failure} onRetry={onRetry} />;
  return null;
}

/** A value still on its way, in a table cell: an ellipsis for the eye, "Loading…" for a screen reader. */
export function Pending() {
  const { t } = useTranslation("admin");
  return (
    <>
      <span aria-hidden="true" className="muted">…</span>
      <span className="visually-hidden">{t("app.loading", { ns: "translation" })}</span>
    </>
  );
}
