import "i18next";
import type en from "./en.json";
import type adminEn from "./admin.en.json";
import type proposalsEn from "./proposals.en.json";

// Makes `t("some.key")` a compile error when the key does not exist in en.json.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en; admin: typeof adminEn; proposals: typeof proposalsEn };
  }
}
