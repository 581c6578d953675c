/**
 * Every fixed word the exports print (the document, the comments and the
 * comparison), one table per document language, chosen by the document's
 * language: a document in Arabic is exported with Arabic words around its
 * text. The compilation of proposals has its own tables (compilationWords.ts).
 */
import type { DocumentLanguage } from "../../schemas/domain.js";

/** The words of one language. */
export interface ExportWords {
  /** The locale dates are written in (Intl.DateTimeFormat): "16 December 2025", "16 ديسمبر 2025", "2025年12月16日". */
  dateLocale: string;
  /** Between place and date, and between parts of a line: ", ", "، ", "，". */
  comma: string;
  /** Between a title and what it is of ("X: comments"). */
  colon: string;
  status: { agreed: string; deleted: string };
  notAgreed: string;
  proposedBy: string;
  comments: string;
  /** How a block without a reference is named in a heading. */
  block: { title: string; sectionHeading: string };
  gone: string;
  quoteDeleted: string;
  quoteNow: string;
  resolved: string;
  resolvedBy: string;
  edited: string;
  commentDeleted: string;
  hiddenBySecretariat: string;
  hiddenFromParticipants: string;
  compare: {
    comparison: string;
    textNow: string;
    summary: (s: { changed: number; added: number; deleted: number; moved: number; agreed: number }) => string;
    inserted: string;
    deleted: string;
    movedHere: string;
    movedAway: string;
    /** "Inserted by Arcadia". */
    by: (what: string, who: string) => string;
    statusNow: { agreed: string; deleted: string; open: string };
    moved: string;
    splitFrom: string;
    mergedInto: string;
  };
}

const EN: ExportWords = {
  // United Nations English writes "16 December 2025".
  dateLocale: "en-GB", comma: ", ", colon: ": ",
  status: { agreed: "[agreed ad ref]", deleted: "[deleted]" }, notAgreed: "[not yet agreed]", proposedBy: "Proposed by:",
  comments: "comments", block: { title: "Title", sectionHeading: "Heading" }, gone: "Paragraphs no longer in the document",
  quoteDeleted: "the quoted words were deleted", quoteNow: "now:", resolved: "Resolved", resolvedBy: "Resolved by", edited: "edited",
  commentDeleted: "[comment deleted]", hiddenBySecretariat: "hidden by the secretariat", hiddenFromParticipants: "hidden from participants",
  compare: {
    comparison: "comparison", textNow: "the text now",
    summary: (s) => `${s.changed} changed, ${s.added} added, ${s.deleted} deleted, ${s.moved} moved, ${s.agreed} newly agreed.`,
    inserted: "Inserted", deleted: "Deleted", movedHere: "Moved here; written", movedAway: "Moved to another paragraph",
    by: (what, who) => `${what} by ${who}`, statusNow: { agreed: "agreed ad ref", deleted: "marked deleted", open: "reopened" },
    moved: "moved", splitFrom: "split from", mergedInto: "merged into",
  },
};

const FR: ExportWords = {
  dateLocale: "fr", comma: ", ", colon: " : ",
  status: { agreed: "[approuvé ad ref]", deleted: "[supprimé]" }, notAgreed: "[pas encore approuvé]", proposedBy: "Proposé par :",
  comments: "commentaires", block: { title: "Titre", sectionHeading: "Intertitre" }, gone: "Paragraphes qui ne figurent plus dans le document",
  quoteDeleted: "les mots cités ont été supprimés", quoteNow: "désormais :", resolved: "Réglé", resolvedBy: "Réglé par", edited: "modifié",
  commentDeleted: "[commentaire supprimé]", hiddenBySecretariat: "masqué par le secrétariat", hiddenFromParticipants: "masqué pour les participants",
  compare: {
    comparison: "comparaison", textNow: "le texte actuel",
    summary: (s) => `${s.changed} modifiés, ${s.added} ajoutés, ${s.deleted} supprimés, ${s.moved} déplacés, ${s.agreed} nouvellement approuvés.`,
    inserted: "Inséré", deleted: "Supprimé", movedHere: "Déplacé ici ; écrit", movedAway: "Déplacé dans un autre paragraphe",
    by: (what, who) => `${what} par ${who}`, statusNow: { agreed: "approuvé ad ref", deleted: "marqué supprimé", open: "rouvert" },
    moved: "déplacé", splitFrom: "scindé de", mergedInto: "fusionné avec",
  },
};

const ES: ExportWords = {
  dateLocale: "es", comma: ", ", colon: ": ",
  status: { agreed: "[acordado ad ref.]", deleted: "[suprimido]" }, notAgreed: "[aún no acordado]", proposedBy: "Propuesto por:",
  comments: "comentarios", block: { title: "Título", sectionHeading: "Encabezamiento" }, gone: "Párrafos que ya no figuran en el documento",
  quoteDeleted: "las palabras citadas se suprimieron", quoteNow: "ahora:", resolved: "Resuelto", resolvedBy: "Resuelto por", edited: "modificado",
  commentDeleted: "[comentario suprimido]", hiddenBySecretariat: "ocultado por la secretaría", hiddenFromParticipants: "ocultado a los participantes",
  compare: {
    comparison: "comparación", textNow: "el texto actual",
    summary: (s) => `${s.changed} modificados, ${s.added} añadidos, ${s.deleted} suprimidos, ${s.moved} desplazados, ${s.agreed} acordados ahora.`,
    inserted: "Insertado", deleted: "Suprimido", movedHere: "Desplazado aquí; escrito", movedAway: "Desplazado a otro párrafo",
    by: (what, who) => `${what} por ${who}`, statusNow: { agreed: "acordado ad ref.", deleted: "marcado suprimido", open: "reabierto" },
    moved: "desplazado", splitFrom: "separado de", mergedInto: "fusionado con",
  },
};

const RU: ExportWords = {
  dateLocale: "ru", comma: ", ", colon: ": ",
  status: { agreed: "[согласовано ad ref]", deleted: "[исключено]" }, notAgreed: "[еще не согласовано]", proposedBy: "Предложено:",
  comments: "замечания", block: { title: "Название", sectionHeading: "Заголовок" }, gone: "Пункты, которых больше нет в документе",
  quoteDeleted: "цитируемые слова исключены", quoteNow: "теперь:", resolved: "Решено", resolvedBy: "Решено:", edited: "изменено",
  commentDeleted: "[замечание удалено]", hiddenBySecretariat: "скрыто секретариатом", hiddenFromParticipants: "скрыто от участников",
  compare: {
    comparison: "сопоставление", textNow: "текущий текст",
    summary: (s) => `Изменено: ${s.changed}, добавлено: ${s.added}, исключено: ${s.deleted}, перемещено: ${s.moved}, вновь согласовано: ${s.agreed}.`,
    inserted: "Вставлено", deleted: "Исключено", movedHere: "Перемещено сюда; написано", movedAway: "Перемещено в другой пункт",
    by: (what, who) => `${what}: ${who}`, statusNow: { agreed: "согласовано ad ref", deleted: "помечено как исключенное", open: "вновь открыто" },
    moved: "перемещено", splitFrom: "отделено от", mergedInto: "объединено с",
  },
};

const AR: ExportWords = {
  // Western digits, as United Nations Arabic writes dates: "16 ديسمبر 2025".
  dateLocale: "ar-u-nu-latn", comma: "، ", colon: ": ",
  status: { agreed: "[متفق عليه بشرط الاستشارة]", deleted: "[محذوف]" }, notAgreed: "[لم يتفق عليه بعد]", proposedBy: "مقدم من:",
  comments: "التعليقات", block: { title: "العنوان", sectionHeading: "العنوان الفرعي" }, gone: "فقرات لم تعد واردة في الوثيقة",
  quoteDeleted: "حذفت الكلمات المقتبسة", quoteNow: "الآن:", resolved: "تمت تسويته", resolvedBy: "سواه", edited: "معدل",
  commentDeleted: "[حذف التعليق]", hiddenBySecretariat: "أخفته الأمانة", hiddenFromParticipants: "مخفي عن المشاركين",
  compare: {
    comparison: "مقارنة", textNow: "النص الحالي",
    summary: (s) => `عدد الفقرات المعدلة: ${s.changed}، المضافة: ${s.added}، المحذوفة: ${s.deleted}، المنقولة: ${s.moved}، المتفق عليها حديثاً: ${s.agreed}.`,
    inserted: "أدرجه", deleted: "حذفه", movedHere: "نقل إلى هنا؛ كتبه", movedAway: "نقل إلى فقرة أخرى",
    by: (what, who) => `${what} ${who}`, statusNow: { agreed: "متفق عليه بشرط الاستشارة", deleted: "وسم بالحذف", open: "أعيد فتحه" },
    moved: "منقول", splitFrom: "مفصول عن", mergedInto: "مدمج في",
  },
};

const ZH: ExportWords = {
  dateLocale: "zh-CN", comma: "，", colon: "：",
  status: { agreed: "[暂定商定]", deleted: "[已删除]" }, notAgreed: "[尚未商定]", proposedBy: "提议方：",
  comments: "评论", block: { title: "标题", sectionHeading: "小标题" }, gone: "已不在文件中的段落",
  quoteDeleted: "所引文字已删除", quoteNow: "现为：", resolved: "已解决", resolvedBy: "解决人：", edited: "已编辑",
  commentDeleted: "[评论已删除]", hiddenBySecretariat: "已被秘书处隐藏", hiddenFromParticipants: "对与会者隐藏",
  compare: {
    comparison: "对照", textNow: "现行案文",
    summary: (s) => `修改${s.changed}段，新增${s.added}段，删除${s.deleted}段，移动${s.moved}段，新商定${s.agreed}段。`,
    inserted: "插入", deleted: "删除", movedHere: "移至此处；撰写", movedAway: "移至另一段",
    by: (what, who) => `${who}${what}`, statusNow: { agreed: "暂定商定", deleted: "标记为删除", open: "重新开放" },
    moved: "已移动", splitFrom: "拆分自", mergedInto: "合并入",
  },
};

/** Every language's words; a language without them does not compile. */
export const EXPORT_WORDS: Readonly<Record<DocumentLanguage, ExportWords>> = { ar: AR, zh: ZH, en: EN, fr: FR, ru: RU, es: ES };

/** The words a document's exports print. */
export function exportWordsOf(language: DocumentLanguage): ExportWords {
  return EXPORT_WORDS[language];
}
