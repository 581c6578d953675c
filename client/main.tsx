import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App, createAppRouter } from "./App.js";
import { createI18n } from "./i18n/index.js";
import "./ui/app.css";
import "./ui/widgets.css";

/** The composition root of the browser client. */
function main(): void {
  const container = document.getElementById("root");
  if (!container) throw new Error("index.html has no #root");
  const i18n = createI18n();
  document.documentElement.lang = i18n.language;
  document.title = i18n.t("app.name");
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App router={createAppRouter()} />
      </I18nextProvider>
    </StrictMode>,
  );
}

main();
