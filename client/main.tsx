import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App, createAppRouter } from "./App.js";
import { createI18n, initI18n } from "./i18n/index.js";
import { reflectLanguage, startingLanguage } from "./i18n/language.js";
import "./ui/app.css";
import "./ui/widgets.css";

/**
 * The composition root of the browser client. It starts in this device's or
 * the browser's language, loaded before the first paint; once signed in, the
 * account's choice takes over (AccountLanguage).
 */
async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("index.html has no #root");
  // A language whose resources cannot be fetched (offline) must not keep the page blank.
  const i18n = await initI18n(startingLanguage()).catch(() => createI18n("en"));
  reflectLanguage(i18n);
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App router={createAppRouter()} />
      </I18nextProvider>
    </StrictMode>,
  );
}

void main();
