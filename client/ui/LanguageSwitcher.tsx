import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from "react-aria-components";
import { updateMe } from "../api/auth.js";
import { interfaceLanguageOf, type InterfaceLanguage } from "../i18n/index.js";
import { LANGUAGE_NAMES, directionOf, rememberOnDevice, showLanguage } from "../i18n/language.js";
import { useSessionContext } from "../session/SessionContext.js";

/**
 * The interface language, each language named in itself. Signed in, the choice
 * is stored with the account (it follows the account to every device); on the
 * sign-in page it is remembered on this device only. `onDark` for the header's bar.
 */
export function LanguageSwitcher({ onDark = false }: { onDark?: boolean }) {
  const { t, i18n } = useTranslation();
  const session = useSessionContext();
  const [notSaved, setNotSaved] = useState(false);
  const current = interfaceLanguageOf(i18n.language) ?? "en";

  const choose = async (key: Key | null) => {
    const language = interfaceLanguageOf(key === null ? null : String(key));
    if (!language || language === current) return;
    setNotSaved(false);
    try {
      await showLanguage(i18n, language);
    } catch {
      // Its words could not be fetched (offline): the interface stays as it is, nothing is remembered.
      return;
    }
    rememberOnDevice(language);
    if (session.state.status !== "signed-in") return;
    const saved = await updateMe({ locale: language });
    // The interface has switched either way; the account keeps its earlier choice if the server refused.
    if (saved.ok) session.signedIn(saved.value);
    else setNotSaved(true);
  };

  return (
    <Select className="language-switcher" value={current} onChange={(key) => void choose(key)}>
      <Label className="visually-hidden">{t("interfaceLanguage.label")}</Label>
      <Button className={`button language-switcher__button${onDark ? " button--quiet" : ""}`}>
        <SelectValue<{ language: InterfaceLanguage; name: string }>>
          {({ selectedItem }) => selectedItem && <LanguageName {...selectedItem} />}
        </SelectValue>
        <span aria-hidden="true" className="select-chevron">▾</span>
      </Button>
      {notSaved && <span className="language-switcher__error" role="alert">{t("interfaceLanguage.notSaved")}</span>}
      <Popover className="popover">
        <ListBox className="listbox" items={LANGUAGE_NAMES}>
          {(item) => (
            <ListBoxItem className="listbox__item" id={item.language} textValue={item.name} lang={item.language} dir={directionOf(item.language)}>
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

function LanguageName({ language, name }: { language: InterfaceLanguage; name: string }) {
  return <span lang={language} dir={directionOf(language)}>{name}</span>;
}
