import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import type { CreatedScreenLink } from "../../../schemas/screenLinks.js";
import { CopyableLink } from "../ui/CopyableLink.js";

/**
 * A new screen link's full address, with a Copy button: shown this once,
 * since the server keeps only a hash of the key, so the page says so.
 */
export function ScreenLinkUrl({ created, onDone }: { created: CreatedScreenLink; onDone(): void }) {
  const { t } = useTranslation("admin");
  const url = location.origin + created.path;

  return (
    <div className="invitation-link screen-links__created">
      <CopyableLink url={url} label={t("screens.url", { label: created.link.label })} description={t("screens.onlyOnce")} />
      <Button className="button" onPress={onDone}>{t("screens.hide")}</Button>
    </div>
  );
}
