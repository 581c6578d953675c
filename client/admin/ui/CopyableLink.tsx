import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Input, Label, Text, TextField } from "react-aria-components";

/** Copies text; falls back to the selection when the Clipboard API is unavailable (plain http). */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand("copy");
  }
}

/** An address to pass on, read-only and selected on focus, with a Copy button and whether copying worked. */
export function CopyableLink({ url, label, description }: { url: string; label: string; description: string }) {
  const { t } = useTranslation("admin");
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => setCopied((await copyText(url, input.current)) ? "yes" : "no");
  return (
    <>
      <div className="invitation-link__row">
        <TextField className="field invitation-link__field" value={url} isReadOnly>
          <Label>{label}</Label>
          <Input ref={input} className="input invitation-link__input" onFocus={(e) => e.currentTarget.select()} />
          <Text slot="description" className="field-description">{description}</Text>
        </TextField>
        <Button className="button button--primary" onPress={copy} autoFocus>{t("link.copy")}</Button>
      </div>
      <p role="status" className="invitation-link__status">
        {copied === "yes" && t("link.copied")}
        {copied === "no" && t("link.copyFailed")}
      </p>
    </>
  );
}
