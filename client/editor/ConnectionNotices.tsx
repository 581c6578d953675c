import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import type { CollabState, Refusal } from "../collab/useCollaboration.js";

const KNOWN = [CloseCode.MalformedMessage, CloseCode.Forbidden, CloseCode.DocumentNotFound, CloseCode.UnknownMessageType,
  CloseCode.UnsupportedEncoding, CloseCode.InvalidChange, CloseCode.ClientOutdated, CloseCode.TooManyConnections,
  CloseCode.UpdateTooLarge, CloseCode.DocumentFull] as const;

/** Why the server closed the connection for good, and a way to start over. */
export function ClosedNotice({ closed, unsaved }: { closed: NonNullable<CollabState["closed"]>; unsaved: boolean }) {
  const { t } = useTranslation();
  const known = (KNOWN as readonly number[]).includes(closed.code);
  const reason = known
    ? t(`closeCodes.${closed.code as (typeof KNOWN)[number]}`)
    : t("closeCodes.other", { reason: closed.reason || String(closed.code) });
  return (
    <div className="alert" role="alert">
      <p className="alert__title">{t("editor.closedTitle")}</p>
      <p>{reason}</p>
      {closed.code !== CloseCode.ClientOutdated && known && closed.reason && <p>{t("editor.refusedReason", { reason: closed.reason })}</p>}
      {unsaved && <p>{t("editor.closedUnsaved")}</p>}
      <Button className="button" onPress={() => window.location.reload()}>{t("editor.reload")}</Button>
    </div>
  );
}

/**
 * The server refused a change from this window: what it said, and that the
 * text on screen is again the server's (the refused change is gone).
 */
export function RefusalNotice({ refusal, recovering, onDismiss }: { refusal: Refusal; recovering: boolean; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert" role="alert" data-refusal={refusal.code}>
      <p className="alert__title">{t("editor.refusedTitle")}</p>
      <p>{refusal.reason ? t("editor.refusedReason", { reason: refusal.reason }) : t(`closeCodes.${refusal.code as 4403 | 4422 | 4423}`)}</p>
      <p>{recovering ? t("editor.refusedRecovering") : t("editor.refusedRecovered")}</p>
      <Button className="button" onPress={onDismiss}>{t("editor.dismiss")}</Button>
    </div>
  );
}
