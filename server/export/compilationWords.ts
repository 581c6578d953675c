/**
 * Every fixed word the compilation of proposals prints (Word, PDF, web
 * page), one table per document language, chosen by the document's language
 * as the other exports' words are (exportWords.ts). The kinds MOD, ADD, SUP
 * and NOC stay as they are: ITU writes them so in every language.
 */
import type { DocumentLanguage, StakeholderGroup } from "../../schemas/domain.js";
import type { CompilationQuery, ProposalCompilation } from "../../schemas/proposals.js";

/** The words of one language. */
export interface CompilationWords {
  heading: string;
  counts: (counts: ProposalCompilation["counts"]) => string;
  noFilters: string;
  /** "Shown only: delegation Republic of Arcadia; kind MOD." */
  shownOnly: (parts: string[]) => string;
  filter: Record<keyof CompilationQuery, string>;
  none: string;
  reasons: string;
  noChange: string;
  applied: { bracketed: string; agreed: string };
  conflict: (a: string, b: string) => string;
  orphans: string;
  orphanBase: string;
  unknownProposer: string;
  /** "Republic of Arcadia (Governments)". */
  proposer: (who: string, group: string) => string;
  /** How a block without a label is named above its text. */
  block: { title: string; openingLine: string; sectionHeading: string; verbPhrase: string; paragraph: string };
  groups: Record<StakeholderGroup, string>;
}

const kinds = (c: ProposalCompilation["counts"], comma = ", ") => `MOD ${c.MOD}${comma}ADD ${c.ADD}${comma}SUP ${c.SUP}${comma}NOC ${c.NOC}`;
const total = (c: ProposalCompilation["counts"]) => c.MOD + c.ADD + c.SUP + c.NOC;

const EN: CompilationWords = {
  heading: "Compilation of proposals",
  counts: (c) => `${total(c)} proposal${total(c) === 1 ? "" : "s"}: ${kinds(c)}.`,
  noFilters: "All submitted proposals.", shownOnly: (parts) => `Shown only: ${parts.join("; ")}.`,
  filter: { delegation: "delegation", group: "stakeholder group", kind: "kind" },
  none: "No proposals match.", reasons: "Reasons:", noChange: "No change",
  applied: { bracketed: "Applied, in brackets", agreed: "Applied as agreed" },
  conflict: (a, b) => `${a} and ${b} change the same words.`,
  orphans: "Proposals on paragraphs no longer in the text", orphanBase: "The paragraph as it was:",
  unknownProposer: "Proposer unknown", proposer: (who, group) => `${who} (${group})`,
  block: { title: "Title", openingLine: "Opening line", sectionHeading: "Heading", verbPhrase: "Verb phrase", paragraph: "Paragraph" },
  groups: {
    governments: "Governments", private_sector: "Private sector", civil_society: "Civil society",
    academia_technical: "Academia and technical community", international_organizations: "International organizations",
  },
};

const FR: CompilationWords = {
  heading: "Compilation des propositions",
  // French writes the singular for 0 and 1.
  counts: (c) => `${total(c)} proposition${total(c) > 1 ? "s" : ""} : ${kinds(c)}.`,
  noFilters: "Toutes les propositions soumises.", shownOnly: (parts) => `Affichage limité à : ${parts.join(" ; ")}.`,
  filter: { delegation: "délégation", group: "groupe de parties prenantes", kind: "type" },
  none: "Aucune proposition ne correspond.", reasons: "Motifs :", noChange: "Sans changement",
  applied: { bracketed: "Appliquée, entre crochets", agreed: "Appliquée comme approuvée" },
  conflict: (a, b) => `${a} et ${b} modifient les mêmes mots.`,
  orphans: "Propositions portant sur des paragraphes qui ne figurent plus dans le texte", orphanBase: "Le paragraphe tel qu’il était :",
  unknownProposer: "Auteur inconnu", proposer: (who, group) => `${who} (${group})`,
  block: { title: "Titre", openingLine: "Phrase d’introduction", sectionHeading: "Intertitre", verbPhrase: "Verbe d’introduction", paragraph: "Paragraphe" },
  groups: {
    governments: "Gouvernements", private_sector: "Secteur privé", civil_society: "Société civile",
    academia_technical: "Milieux universitaires et communauté technique", international_organizations: "Organisations internationales",
  },
};

const ES: CompilationWords = {
  heading: "Compilación de propuestas",
  counts: (c) => `${total(c)} propuesta${total(c) === 1 ? "" : "s"}: ${kinds(c)}.`,
  noFilters: "Todas las propuestas presentadas.", shownOnly: (parts) => `Se muestran solo: ${parts.join("; ")}.`,
  filter: { delegation: "delegación", group: "grupo de partes interesadas", kind: "tipo" },
  none: "Ninguna propuesta coincide.", reasons: "Motivos:", noChange: "Sin modificación",
  applied: { bracketed: "Aplicada, entre corchetes", agreed: "Aplicada como acordada" },
  conflict: (a, b) => `${a} y ${b} modifican las mismas palabras.`,
  orphans: "Propuestas sobre párrafos que ya no figuran en el texto", orphanBase: "El párrafo tal como estaba:",
  unknownProposer: "Autor desconocido", proposer: (who, group) => `${who} (${group})`,
  block: { title: "Título", openingLine: "Frase inicial", sectionHeading: "Encabezamiento", verbPhrase: "Verbo introductorio", paragraph: "Párrafo" },
  groups: {
    governments: "Gobiernos", private_sector: "Sector privado", civil_society: "Sociedad civil",
    academia_technical: "Instituciones académicas y comunidad técnica", international_organizations: "Organizaciones internacionales",
  },
};

const RU: CompilationWords = {
  heading: "Сводный перечень предложений",
  // "Предложений: 5" reads right for every number, where "5 предложений" needs three plural forms.
  counts: (c) => `Предложений: ${total(c)} (${kinds(c)}).`,
  noFilters: "Все представленные предложения.", shownOnly: (parts) => `Показаны только: ${parts.join("; ")}.`,
  filter: { delegation: "делегация", group: "группа заинтересованных сторон", kind: "вид" },
  none: "Соответствующих предложений нет.", reasons: "Основания:", noChange: "Без изменений",
  applied: { bracketed: "Внесено в квадратных скобках", agreed: "Внесено как согласованное" },
  conflict: (a, b) => `${a} и ${b} изменяют одни и те же слова.`,
  orphans: "Предложения по пунктам, которых больше нет в тексте", orphanBase: "Пункт в прежней редакции:",
  unknownProposer: "Автор неизвестен", proposer: (who, group) => `${who} (${group})`,
  block: { title: "Название", openingLine: "Вступительная строка", sectionHeading: "Заголовок", verbPhrase: "Вводный глагол", paragraph: "Пункт" },
  groups: {
    governments: "Правительства", private_sector: "Частный сектор", civil_society: "Гражданское общество",
    academia_technical: "Научные круги и техническое сообщество", international_organizations: "Международные организации",
  },
};

const AR: CompilationWords = {
  heading: "تجميع المقترحات",
  // "عدد المقترحات: 5" reads right for every number, where Arabic counted nouns take six forms.
  counts: (c) => `عدد المقترحات: ${total(c)} (${kinds(c, "، ")}).`,
  noFilters: "جميع المقترحات المقدمة.", shownOnly: (parts) => `المعروض فقط: ${parts.join("؛ ")}.`,
  filter: { delegation: "الوفد", group: "فئة أصحاب المصلحة", kind: "النوع" },
  none: "لا توجد مقترحات مطابقة.", reasons: "الأسباب:", noChange: "بدون تغيير",
  applied: { bracketed: "أدرج بين قوسين معقوفين", agreed: "أدرج بصيغة متفق عليها" },
  conflict: (a, b) => `${a} و${b} يعدلان الكلمات نفسها.`,
  orphans: "مقترحات بشأن فقرات لم تعد واردة في النص", orphanBase: "الفقرة كما كانت:",
  unknownProposer: "مقدم المقترح غير معروف", proposer: (who, group) => `${who} (${group})`,
  block: { title: "العنوان", openingLine: "السطر الافتتاحي", sectionHeading: "العنوان الفرعي", verbPhrase: "العبارة الاستهلالية", paragraph: "فقرة" },
  groups: {
    governments: "الحكومات", private_sector: "القطاع الخاص", civil_society: "المجتمع المدني",
    academia_technical: "الأوساط الأكاديمية والمجتمع التقني", international_organizations: "المنظمات الدولية",
  },
};

const ZH: CompilationWords = {
  heading: "提案汇编",
  counts: (c) => `共${total(c)}项提案：${kinds(c, "，")}。`,
  noFilters: "所有已提交的提案。", shownOnly: (parts) => `仅显示：${parts.join("；")}。`,
  filter: { delegation: "代表团", group: "利益攸关方群体", kind: "类型" },
  none: "没有符合条件的提案。", reasons: "理由：", noChange: "不作修改",
  applied: { bracketed: "已纳入，置于方括号内", agreed: "已作为商定案文纳入" },
  conflict: (a, b) => `${a}和${b}修改相同的文字。`,
  orphans: "针对已不在案文中的段落的提案", orphanBase: "段落原文：",
  unknownProposer: "提案方不详", proposer: (who, group) => `${who}（${group}）`,
  block: { title: "标题", openingLine: "开头语", sectionHeading: "小标题", verbPhrase: "引导语", paragraph: "段落" },
  groups: {
    governments: "政府", private_sector: "私营部门", civil_society: "民间社会",
    academia_technical: "学术界和技术界", international_organizations: "国际组织",
  },
};

/** Every language's compilation words; a language without them does not compile. */
export const COMPILATION_WORDS: Readonly<Record<DocumentLanguage, CompilationWords>> = { ar: AR, zh: ZH, en: EN, fr: FR, ru: RU, es: ES };

/** The words a document's compilation of proposals prints. */
export function compilationWordsOf(language: DocumentLanguage): CompilationWords {
  return COMPILATION_WORDS[language];
}
