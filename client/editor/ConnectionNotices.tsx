import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import type { TFunction } from "i18next";
import { CloseCode, closeReason } from "../../shared/collab/closeCodes.js";
import { readRefusalReason } from "../../shared/collab/refusalReason.js";
import type { CollabState, Refusal } from "../collab/useCollaboration.js";
import { describeViolation } from "./violationMessage.js";

const KNOWN = [CloseCode.MalformedMessage, CloseCode.Forbidden, CloseCode.DocumentNotFound, CloseCode.UnknownMessageType,
  CloseCode.UnsupportedEncoding, CloseCode.InvalidChange, CloseCode.ClientOutdated, CloseCode.TooManyConnections,
  CloseCode.UpdateTooLarge, CloseCode.DocumentFull] as const;

/** Names a paragraph as the editor on screen does ("OP7"), or null when it is not there. */
export type ReferenceOf = (pid: string) => string | null;

/**
 * What the server gave as its reason, in words: a refused rule worded in the
 * interface language; a sentence from an older server (or a protocol error's
 * text) shown as it came; nothing when it only repeats the close code.
 */
function serverReason(t: TFunction, { code, reason }: { code: number; reason: string }, referenceOf: ReferenceOf): string | null {
  const rule = readRefusalReason(reason);
  if (rule) return describeViolation(t, rule, referenceOf);
  if (!reason || reason === closeReason(code)) return null;
  return t("editor.refusedReason", { reason });
}

/** Why the server closed the connection for good, and a way to start over. */
export function ClosedNotice({ closed, unsaved, referenceOf }: {
  closed: NonNullable<CollabState["closed"]>;
  unsaved: boolean;
  referenceOf: ReferenceOf;
}) {
  const { t } = useTranslation();
  const known = (KNOWN as readonly number[]).includes(closed.code);
  const reason = known
    ? t(`closeCodes.${closed.code as (typeof KNOWN)[number]}`)
    : t("closeCodes.other", { reason: closed.reason || String(closed.code) });
  const why = known && closed.code !== CloseCode.ClientOutdated ? serverReason(t, closed, referenceOf) : null;
  return (
    <div className="alert" role="alert">
      <p className="alert__title">{t("editor.closedTitle")}</p>
      <p>{reason}</p>
      {why && <p>{why}</p>}
      {unsaved && <p>{t("editor.closedUnsaved")}</p>}
      <Button className="button" onPress={() => window.location.reload()}>{t("editor.reload")}</Button>
    </div>
  );
}

/**
 * The server refused a change from this window: what it said, and that the
 * text on screen is again the server's (the refused change is gone).
 */
export function RefusalNotice({ refusal, recovering, onDismiss, referenceOf }: {
  refusal: Refusal;
  recovering: boolean;
  onDismiss: () => void;
  referenceOf: ReferenceOf;
}) {
  const { t } = useTranslation();
  const why = serverReason(t, refusal, referenceOf) ?? t(`closeCodes.${refusal.code as 4403 | 4422 | 4423}`);
  return (
    <div className="alert" role="alert" data-refusal={refusal.code} data-rule={readRefusalReason(refusal.reason)?.rule}>
      <p className="alert__title">{t("editor.refusedTitle")}</p>
      <p>{why}</p>
      <p>{recovering ? t("editor.refusedRecovering") : t("editor.refusedRecovered")}</p>
      <Button className="button" onPress={onDismiss}>{t("editor.dismiss")}</Button>
    </div>
  );
}
