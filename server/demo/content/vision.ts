import type { DemoDocument } from "./types.js";

/** The demo resolution-style draft, written for the demo process. */
export const vision: DemoDocument = {
  slug: "wsis20-vision",
  title: "Draft WSIS+20 Vision",
  style: "resolution",
  language: "en",
  blocks: [
    { type: "title", text: "Draft WSIS+20 Vision" },
    {
      type: "openingLine",
      text: "The High-Level Event on the twenty-year review of the World Summit on the Information Society (Geneva, 2025),",
    },

    { type: "verbPhrase", part: "preambular", text: "recalling" },
    {
      type: "paragraph",
      level: 1,
      text: "the Geneva Declaration of Principles and the Geneva Plan of Action, adopted in 2003, and the Tunis Commitment and the Tunis Agenda for the Information Society, adopted in 2005, which together constitute the outcomes of the World Summit on the Information Society (WSIS);",
    },
    {
      type: "paragraph",
      level: 1,
      text: "United Nations General Assembly resolution 70/125, on the outcome document of the high-level meeting of the General Assembly on the overall review of the implementation of the outcomes of WSIS, which called for a high-level meeting on the overall review to be held in 2025;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "General Assembly resolution 70/1, \u201cTransforming our world: the 2030 Agenda for Sustainable Development\u201d, and the recognition therein that the spread of information and communications technology and global interconnectedness has great potential to accelerate human progress, to bridge the digital divide and to develop knowledge societies;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "General Assembly resolution 79/1, \u201cThe Pact for the Future\u201d, and its annex I, the Global Digital Compact,",
    },

    { type: "verbPhrase", part: "preambular", text: "recalling further" },
    {
      type: "paragraph",
      level: 1,
      text: "the WSIS+10 Statement on the Implementation of WSIS Outcomes and the WSIS+10 Vision for WSIS Beyond 2015, adopted at the WSIS+10 High-Level Event (Geneva, 2014);",
    },
    {
      type: "paragraph",
      level: 1,
      text: "the resolutions of the Economic and Social Council on the assessment of the progress made in the implementation of and follow-up to the outcomes of WSIS, and the report of the Commission on Science and Technology for Development (CSTD) on the twenty-year review;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[the outcome of the Fourth International Conference on Financing for Development (Sevilla, 2025)[, in particular its commitments on digital infrastructure, data and digital public goods]],",
    },

    { type: "verbPhrase", part: "preambular", text: "considering" },
    {
      type: "paragraph",
      level: 1,
      text: "that the WSIS vision of a people-centred, inclusive and development-oriented information society, grounded in the purposes and principles of the Charter of the United Nations, international law and the Universal Declaration of Human Rights, remains valid twenty years after the Summit;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that, according to the latest ITU estimates, some 2.6 billion people remain offline, the overwhelming majority of them in developing countries and in rural and remote areas, and that many of those who are connected lack the quality, affordability and skills needed for meaningful use;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that emerging and frontier technologies offer significant opportunities for sustainable development, but also risk deepening existing divides, in particular with regard to:",
    },
    {
      type: "paragraph",
      level: 2,
      text: "the concentration of the computing capacity, data and skills needed to develop and deploy artificial intelligence in a small number of countries and companies;",
    },
    {
      type: "paragraph",
      level: 2,
      text: "the governance of data flowing across borders and the capacity of developing countries to derive value from data;",
    },
    {
      type: "paragraph",
      level: 2,
      text: "[the security and resilience of critical information infrastructure, including submarine cables and satellite systems];",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that the environmental footprint of the digital sector, including the energy and water consumption of data centres and the growing volume of electronic waste, must be addressed if digital transformation is to support the 2030 Agenda for Sustainable Development,",
    },

    { type: "verbPhrase", part: "preambular", text: "recognizing" },
    {
      type: "paragraph",
      level: 1,
      text: "that the eleven WSIS Action Lines continue to provide a comprehensive and technology-neutral framework for digital development, and that their implementation by the Action Line facilitators has contributed to progress towards the Sustainable Development Goals;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "the contribution of the Internet Governance Forum (IGF), over twenty years, as a platform for multistakeholder dialogue on public policy issues related to the Internet, as well as that of national, regional and youth IGF initiatives;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that the WSIS process and the Global Digital Compact share the objective of an inclusive, open, sustainable, fair, safe and secure digital future for all, and that their implementation should be complementary and mutually reinforcing, [Alt 1: avoiding duplication of efforts] [Alt 2: building on the existing WSIS architecture];",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that the gender digital divide persists, with women and girls less likely than men and boys to use the Internet in most regions, and that closing this divide is essential to achieving gender equality and the empowerment of all women and girls;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[that the right to development [and the principle of common but differentiated responsibilities] should guide international cooperation in the digital field;]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "the importance of multilingualism and cultural diversity online, and of content in local and indigenous languages, for an inclusive information society,",
    },

    { type: "verbPhrase", part: "preambular", text: "noting with appreciation" },
    {
      type: "paragraph",
      level: 1,
      text: "the work of the United Nations Group on the Information Society (UNGIS) in coordinating system-wide implementation of the WSIS outcomes, and of ITU, UNESCO and UNDP as lead facilitators of the WSIS process;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "the annual WSIS Forum, co-organized by ITU, UNESCO, UNDP and UNCTAD, as a platform for all stakeholders to share good practices and report on the implementation of the Action Lines, together with the WSIS Stocktaking database and the WSIS Prizes;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "the contribution of the Partnership on Measuring ICT for Development to the development of internationally comparable indicators on the information society,",
    },

    { type: "verbPhrase", part: "preambular", text: "bearing in mind" },
    {
      type: "paragraph",
      level: 1,
      text: "that the financing needed to achieve universal and meaningful connectivity by 2030 far exceeds current levels of public and private investment, in particular in the least developed countries, landlocked developing countries and small island developing States;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "the UNESCO Recommendation on the Ethics of Artificial Intelligence and General Assembly resolution 78/265, on seizing the opportunities of safe, secure and trustworthy artificial intelligence systems for sustainable development;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "the need to preserve the stability, security and resilience of the Internet and its system of unique identifiers, and the role of the technical community in this regard,",
    },

    { type: "verbPhrase", part: "operative", text: "resolves" },
    {
      type: "paragraph",
      level: 1,
      text: "that the vision of WSIS beyond 2025 is of an information society in which every person, everywhere, enjoys universal and meaningful connectivity and can use digital technologies safely, securely and in full enjoyment of human rights to improve their lives and livelihoods;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that the WSIS Action Lines shall remain the framework for implementation of the WSIS outcomes beyond 2025[, and shall be updated [by their facilitators, in consultation with all stakeholders,] to take into account developments in artificial intelligence, data and other emerging technologies];",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that priority in implementation should be given to:",
    },
    {
      type: "paragraph",
      level: 2,
      text: "universal and meaningful connectivity, including affordability[, with entry-level broadband costing less than 2 per cent of monthly gross national income per capita by 2030];",
    },
    {
      type: "paragraph",
      level: 2,
      text: "digital literacy and skills at all ages, from basic skills to advanced competencies in data and artificial intelligence, with particular attention to closing the gender digital divide and to the needs of persons with disabilities;",
    },
    {
      type: "paragraph",
      level: 2,
      text: "[inclusive, interoperable and trusted digital public infrastructure];",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Alt 1: to recommend that the General Assembly make the Internet Governance Forum a permanent forum of the United Nations, with a strengthened secretariat and sustainable funding;] [Alt 2: to recommend that the General Assembly extend the mandate of the Internet Governance Forum for a further ten years, with a review of its working methods in 2030;]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "that the follow-up to the WSIS outcomes and the follow-up to the Global Digital Compact shall be aligned through a joint implementation roadmap, drawing on UNGIS and the CSTD and avoiding the creation of parallel reporting obligations,",
    },

    { type: "verbPhrase", part: "operative", text: "instructs the Secretary-General" },
    {
      type: "paragraph",
      level: 1,
      text: "to transmit this Vision to the President of the General Assembly as a contribution to the high-level meeting on the overall review of the implementation of the WSIS outcomes;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to prepare, in coordination with the members of UNGIS, a draft joint implementation roadmap for the WSIS Action Lines and the objectives of the Global Digital Compact[, within existing resources];",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to report annually, through the CSTD, to the Economic and Social Council on progress made in the implementation of this Vision, using data disaggregated by sex, age, disability and geographic location where available;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[to establish a voluntary WSIS trust fund to support the participation of stakeholders from developing countries in the WSIS Forum, the IGF and related processes,]",
    },

    { type: "verbPhrase", part: "operative", text: "invites Member States" },
    {
      type: "paragraph",
      level: 1,
      text: "to develop, update and implement national digital strategies aligned with the WSIS Action Lines and the Sustainable Development Goals, through inclusive multistakeholder consultation;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to promote affordable access to digital services, including through:",
    },
    {
      type: "paragraph",
      level: 2,
      text: "competitive markets, infrastructure sharing and the transparent, efficient and timely assignment of radio-frequency spectrum;",
    },
    {
      type: "paragraph",
      level: 2,
      text: "universal service and access funds that are effectively disbursed and regularly evaluated;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to refrain from measures that intentionally prevent or disrupt access to or dissemination of information online[, in accordance with their obligations under international human rights law];",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to strengthen national cybersecurity capacities, including computer incident response teams, and to participate in regional and international cooperation on cybersecurity capacity building;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to mainstream gender equality and accessibility in national digital policies and in the design of digital public services,",
    },

    { type: "verbPhrase", part: "operative", text: "invites all stakeholders" },
    {
      type: "paragraph",
      level: 1,
      text: "to contribute, in their respective roles and responsibilities, to the implementation of this Vision and to the joint implementation roadmap;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to participate actively in the WSIS Forum, the IGF and the national and regional initiatives of the IGF, and to report on their activities through the WSIS Stocktaking process;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to develop and deploy artificial intelligence systems that are safe, secure and trustworthy, and to share knowledge, data and good practices that support capacity building in developing countries;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "to reduce the environmental footprint of digital technologies, including through energy-efficient networks and data centres, circular economy approaches and the environmentally sound management of electronic waste,",
    },

    { type: "verbPhrase", part: "operative", text: "encourages" },
    {
      type: "paragraph",
      level: 1,
      text: "ITU, UNESCO and UNDP to continue to serve as lead facilitators of the WSIS process, and all Action Line facilitators to update their implementation plans in the light of this Vision;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "multilateral development banks and other financial institutions to scale up investment in digital infrastructure and skills[, including through concessional and blended finance], with particular attention to the least developed countries;",
    },
    {
      type: "paragraph",
      level: 1,
      text: "academia and research institutions to strengthen evidence on the social, economic and environmental impact of digital technologies, in order to inform policy-making at all levels.",
    },
  ],
};
