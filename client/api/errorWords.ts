import type { TFunction } from "i18next";
import type { ApiError } from "../../schemas/api.js";
import { RefusalReason } from "../../schemas/refusal.js";
import { describeViolation } from "../editor/violationMessage.js";
import { NETWORK_FAILURE, type ApiFailure } from "./http.js";

/** Any namespace's t: error words live in the default one and are read with `ns: "translation"`. */
type AnyT = TFunction<"translation"> | TFunction<"admin"> | TFunction<"proposals">;

/**
 * The server's error in the interface language: `errors.<id>` worded with
 * the error's params when the key exists, a rule the room refused worded as
 * the editor words it, else the server's own (English) sentence, else "".
 */
export function errorWords(t: AnyT, error: ApiError): string {
  const translate = t as TFunction<"translation">;
  if (error.error === "refused_by_rules") {
    const rule = RefusalReason.safeParse(error.params);
    if (rule.success) return describeViolation(translate, rule.data, () => null);
  }
  const key = `errors.${error.error}` as "errors.network";
  // An unknown key (a newer server's error) reads as the empty default, and the server's sentence is shown.
  const worded = translate(key, { ...error.params, ns: "translation", defaultValue: "" });
  return worded || error.message;
}

/** The sentence for a failed call: offline, the server's error in words, else `generic` or "Something went wrong (status)". */
export function failureWords(t: AnyT, failure: ApiFailure, generic?: string): string {
  const translate = t as TFunction<"translation">;
  if (failure.status === NETWORK_FAILURE) return translate("errors.network", { ns: "translation" });
  return errorWords(t, failure.error) || generic || translate("errors.unexpected", { ns: "translation", status: failure.status });
}
