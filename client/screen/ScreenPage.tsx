import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-aria-components";
import { useLocation, useParams } from "react-router";
import type { DocumentSummary } from "../../schemas/api.js";
import { fetchDocument } from "../api/documents.js";
import type { ApiResult } from "../api/http.js";
import { useSessionContext } from "../session/SessionContext.js";
import type { ReturnTo } from "../session/RequireSession.js";
import { HallScreen } from "./HallScreen.js";
import { openScreen, screenKeyOf } from "./openScreen.js";
import { ScreenMessage } from "./ScreenMessage.js";
import "./screen.css";

type Opening =
  | { state: "opening" }
  | { state: "open"; document: DocumentSummary }
  | { state: "notFound" }
  | { state: "failed"; status: number };

/** Turns an answer into what the page shows. */
function opened(result: ApiResult<DocumentSummary>): Opening {
  if (result.ok) return { state: "open", document: result.value };
  return result.status === 404 ? { state: "notFound" } : { state: "failed", status: result.status };
}

/**
 * `/documents/:id/screen`: the projector view. A hall screen opens it with
 * the key of a screen link in the fragment, without signing in; a signed-in
 * user opens it without a key, with their own session.
 */
export function ScreenPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const location = useLocation();
  const [key] = useState(() => screenKeyOf(location.hash));
  const session = useSessionContext();
  const signedIn = session.state.status === "signed-in";
  const [opening, setOpening] = useState<Opening>({ state: "opening" });

  useEffect(() => {
    if (!key && !signedIn) return;
    const controller = new AbortController();
    const request = key
      ? openScreen(key, controller.signal).then((r) => (r.ok ? { ok: true as const, value: r.value.document } : r))
      : fetchDocument(id, controller.signal);
    request.then((result) => setOpening(opened(result)), () => undefined);
    return () => controller.abort();
  }, [id, key, signedIn]);

  if (!key && session.state.status === "signed-out") {
    const returnTo: ReturnTo = { from: location.pathname };
    return (
      <ScreenMessage title={t("screen.signInLink")}>
        <p>{t("screen.signIn")}</p>
        <Link className="button" href="/login" routerOptions={{ state: returnTo }}>{t("screen.signInLink")}</Link>
      </ScreenMessage>
    );
  }
  switch (opening.state) {
    case "opening":
      return <ScreenMessage title={t("screen.opening")} />;
    case "notFound":
      return (
        <ScreenMessage title={key ? t("screen.notFoundTitle") : t("editor.notFound")}>
          <p>{key ? t("screen.notFoundDetail") : t("editor.notFoundDetail")}</p>
        </ScreenMessage>
      );
    case "failed":
      return <ScreenMessage title={t("errors.unexpected", { status: opening.status })} />;
    case "open":
      return <HallScreen key={opening.document.id} document={opening.document} screenKey={key} />;
  }
}
