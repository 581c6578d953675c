import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Input, Label, Text, TextField } from "react-aria-components";
import type { CreatedScreenLink } from "../../../schemas/screenLinks.js";
import { copyText } from "../ui/copyText.js";

/**
 * A new screen link's full address, with a Copy button: shown this once,
 * since the server keeps only a hash of the key, so the page says so.
 */
export function ScreenLinkUrl({ created, onDone }: { created: CreatedScreenLink; onDone(): void }) {
  const { t } = useTranslation("admin");
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const url = location.origin + created.path;

  const copy = async () => setCopied((await copyText(url, input.current)) ? "yes" : "no");

  return (
    <div className="invitation-link screen-links__created">
      <div className="invitation-link__row">
        <TextField className="field invitation-link__field" value={url} isReadOnly>
          <Label>{t("screens.url", { label: created.link.label })}</Label>
          <Input ref={input} className="input invitation-link__input" onFocus={(e) => e.currentTarget.select()} />
          <Text slot="description" className="field-description">{t("screens.onlyOnce")}</Text>
        </TextField>
        <Button className="button button--primary" onPress={copy} autoFocus>{t("link.copy")}</Button>
      </div>
      <p role="status" className="invitation-link__status">
        {copied === "yes" && t("link.copied")}
        {copied === "no" && t("link.copyFailed")}
      </p>
      <Button className="button" onPress={onDone}>{t("screens.hide")}</Button>
    </div>
  );
}
