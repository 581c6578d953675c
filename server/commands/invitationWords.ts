/**
 * The message that goes with an invitation or a new password link, in the
 * invited account's interface language: what the secretariat pastes into an
 * e-mail. One table per language, the same keys in each.
 */
import type { DocumentLanguage } from "../../schemas/domain.js";

interface InvitationWords {
  subject: string;
  /** {name}, {link}, {until}: the person, the one-time link, its expiry as a date and time. */
  invited: string;
  reset: string;
}

export const INVITATION_WORDS: Record<DocumentLanguage, InvitationWords> = {
  en: {
    subject: "Your Accord account",
    invited: "Dear {name},\n\nAn account has been created for you in Accord, the platform for negotiating the outcome documents. Choose your password with this one-time link, valid until {until}:\n\n{link}",
    reset: "Dear {name},\n\nChoose a new password for your Accord account with this one-time link, valid until {until}:\n\n{link}",
  },
  fr: {
    subject: "Votre compte Accord",
    invited: "Madame, Monsieur, {name},\n\nUn compte a été créé à votre nom dans Accord, la plateforme de négociation des documents finals. Choisissez votre mot de passe au moyen de ce lien à usage unique, valable jusqu’au {until} :\n\n{link}",
    reset: "Madame, Monsieur, {name},\n\nChoisissez un nouveau mot de passe pour votre compte Accord au moyen de ce lien à usage unique, valable jusqu’au {until} :\n\n{link}",
  },
  es: {
    subject: "Su cuenta de Accord",
    invited: "Estimado/a {name}:\n\nSe ha creado una cuenta a su nombre en Accord, la plataforma de negociación de los documentos finales. Elija su contraseña con este enlace de un solo uso, válido hasta el {until}:\n\n{link}",
    reset: "Estimado/a {name}:\n\nElija una nueva contraseña para su cuenta de Accord con este enlace de un solo uso, válido hasta el {until}:\n\n{link}",
  },
  ru: {
    subject: "Ваша учетная запись в Accord",
    invited: "Уважаемый(ая) {name}!\n\nДля вас создана учетная запись в Accord — платформе для переговоров по итоговым документам. Выберите пароль по этой одноразовой ссылке, действительной до {until}:\n\n{link}",
    reset: "Уважаемый(ая) {name}!\n\nВыберите новый пароль для своей учетной записи в Accord по этой одноразовой ссылке, действительной до {until}:\n\n{link}",
  },
  ar: {
    subject: "حسابك في Accord",
    invited: "السيد/السيدة {name}،\n\nأُنشئ لكم حساب في Accord، منصة التفاوض على الوثائق الختامية. يرجى اختيار كلمة المرور عن طريق هذا الرابط الصالح لمرة واحدة حتى {until}:\n\n{link}",
    reset: "السيد/السيدة {name}،\n\nيرجى اختيار كلمة مرور جديدة لحسابكم في Accord عن طريق هذا الرابط الصالح لمرة واحدة حتى {until}:\n\n{link}",
  },
  zh: {
    subject: "您的 Accord 账户",
    invited: "{name}：\n\n已在 Accord（成果文件谈判平台）为您创建账户。请通过以下一次性链接设置密码，链接有效期至 {until}：\n\n{link}",
    reset: "{name}：\n\n请通过以下一次性链接为您的 Accord 账户设置新密码，链接有效期至 {until}：\n\n{link}",
  },
};

/** The subject and text of the message for `kind`, in `language` (English when the account chose none). */
export function invitationMessage(
  kind: "invited" | "reset",
  language: DocumentLanguage | null,
  values: { name: string; link: string; expiresAt: string },
): { language: DocumentLanguage; subject: string; text: string } {
  const lang = language ?? "en";
  const words = INVITATION_WORDS[lang];
  const until = `${new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(values.expiresAt))} UTC`;
  const text = words[kind].replace("{name}", values.name).replace("{link}", values.link).replace("{until}", until);
  return { language: lang, subject: words.subject, text };
}
