import type { DemoDocument } from "./types.js";

/** The demo declaration-style draft, written for the demo process. */
export const declaration: DemoDocument = {
  slug: "wsis20-declaration",
  title: "Draft WSIS+20 Declaration",
  style: "declaration",
  language: "en",
  blocks: [
    { type: "title", text: "Draft WSIS+20 Declaration" },
    {
      type: "openingLine",
      text: "We, the Ministers and High Representatives of States, together with representatives of the private sector, civil society, academia and the technical community, and international organizations, assembled in Geneva for the High-Level Event on the twenty-year review of the World Summit on the Information Society,",
    },

    { type: "sectionHeading", text: "A. Preamble" },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm our common desire and commitment, expressed in the Geneva Declaration of Principles and the Tunis Commitment, to build a people-centred, inclusive and development-oriented information society, where everyone can create, access, utilize and share information and knowledge, enabling individuals, communities and peoples to achieve their full potential in promoting their sustainable development and improving their quality of life.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm that the information society must be grounded in the purposes and principles of the Charter of the United Nations, international law and multilateralism, and in full respect for and upholding of the Universal Declaration of Human Rights.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recall General Assembly resolution 70/125 on the outcome document of the high-level meeting of the General Assembly on the overall review of the implementation of the outcomes of the World Summit on the Information Society, and take note of the report of the Commission on Science and Technology for Development on the twenty-year review. We express our appreciation to all stakeholders who contributed to the open consultations held throughout the review process.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm the 2030 Agenda for Sustainable Development and recognize that information and communications technologies are critical enablers for the achievement of all seventeen Sustainable Development Goals, while noting with concern that, with five years remaining, progress towards most targets is off track.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Welcome the adoption of the Pact for the Future and its annex, the Global Digital Compact, and stress that the implementation of the Compact and of the outcomes of the Summit should be complementary and mutually reinforcing, building on the existing WSIS architecture [and avoiding the creation of new or parallel processes].",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Reaffirm the right to development, and urge States to refrain from promulgating and applying any unilateral economic, financial or trade measures not in accordance with international law and the Charter of the United Nations that impede the full achievement of economic and social development, including access to information and communications technologies, particularly in developing countries.]",
    },

    { type: "sectionHeading", text: "B. Achievements and lessons of twenty years" },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize that remarkable progress has been made since the Summit: the proportion of the world's population using the Internet has grown from under one fifth in 2005 to more than two thirds today, mobile broadband networks now cover the large majority of the world's inhabited areas, and the cost of connectivity has fallen significantly in most regions.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Note with concern, however, that an estimated 2.6 billion people remain offline, the overwhelming majority of them in developing countries, and that in the least developed countries only about a third of the population uses the Internet. Digital divides persist between and within countries, between urban and rural areas and between women and men, and new divides are emerging in speed, quality, skills and the capacity to benefit from data and artificial intelligence.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize that the eleven Action Lines of the Geneva Plan of Action, as technology-neutral and development-oriented commitments, have provided an enduring framework for cooperation, and commend the Action Line facilitators, the United Nations regional commissions and all stakeholders for their work in their implementation.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize the value of the multistakeholder model established by the Summit, in which Governments, the private sector, civil society, academia and the technical community, and international organizations contribute in their respective roles and responsibilities, and affirm that this model is one of the most important legacies of the WSIS process.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Acknowledge that the scale and speed of technological change since 2005, including the rise of online platforms, cloud computing, the Internet of Things and artificial intelligence, have transformed economies and societies in ways not foreseen at the Summit, creating new opportunities as well as new risks to privacy, security, information integrity and fair competition.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Note with concern the growing environmental footprint of the digital sector, including greenhouse gas emissions and the energy and water consumption of data centres, and that only a small fraction of the more than 60 million tonnes of electronic waste generated each year is documented as formally collected and recycled. We commit to promote energy-efficient digital infrastructure, circular economy approaches and the environmentally sound management of electronic waste.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Alt 1: Decide that the WSIS Action Lines shall be reviewed and updated by their facilitators, through an open and inclusive process, to reflect technological developments since 2005, and mapped against the objectives of the Global Digital Compact and the Sustainable Development Goals.] [Alt 2: Decide that the WSIS Action Lines remain valid in their current form and shall continue to be implemented, while inviting their facilitators to take new technological developments into account in their implementation plans.]",
    },

    { type: "sectionHeading", text: "C. Bridging digital divides" },
    {
      type: "paragraph",
      level: 1,
      text: "Commit to achieving universal and meaningful connectivity by 2030, understood as the ability of every person to enjoy a safe, satisfying, enriching and productive online experience at an affordable cost, with adequate speed, an appropriate device, regular access and the skills needed to make use of it.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize that affordability remains the principal barrier to Internet use in many developing countries, and commit to work towards the target that entry-level broadband services cost less than [2] per cent of monthly gross national income per capita [by 2026] [by 2030], including by promoting competition, infrastructure sharing and the transparent and efficient management of spectrum.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Express deep concern that women and girls remain less likely than men and boys to use the Internet, to own a mobile phone or to pursue studies and careers in science, technology, engineering and mathematics, and commit to [halve the gender digital divide by 2030] [close the gender digital divide], including by mainstreaming a gender perspective in digital policies and addressing technology-facilitated gender-based violence.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Stress the particular needs of the least developed countries, landlocked developing countries and small island developing States, whose connectivity is constrained by geography, small markets and vulnerability to climate-related disasters, and call for targeted support for backbone infrastructure, international connectivity and affordable access to satellite services.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Commit to ensuring that digital technologies, services and content are accessible to persons with disabilities and older persons, in line with the Convention on the Rights of Persons with Disabilities, including through accessibility requirements in public procurement and in the design of digital public services.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm that multilingualism and cultural diversity are essential to an inclusive information society, and support the creation and dissemination of local content and of content in local and indigenous languages, including in the context of the International Decade of Indigenous Languages 2022-2032 and the work of UNESCO.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Recognize that [open-source,] safe, inclusive and interoperable digital public infrastructure, together with digital public goods, can accelerate the delivery of public services and financial inclusion at scale, and encourage the sharing of good practices and the provision of technical assistance to countries that request it.]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Commit to support digital literacy and skills at all ages, from basic skills to advanced competencies in data and artificial intelligence, through formal education, lifelong learning and community-based initiatives, and to work towards connecting every school to the Internet.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Encourage innovative and complementary approaches to last-mile connectivity, including community networks, the use of licence-exempt and shared spectrum, and the reform of universal service and access funds to make them more transparent, effective and responsive to local needs.",
    },

    { type: "sectionHeading", text: "D. Human rights and ethics in the information society" },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm that the same rights that people have offline must also be protected online, including the right to freedom of expression, which includes the freedom to seek, receive and impart information, and the right to privacy, in accordance with the Universal Declaration of Human Rights and the International Covenant on Civil and Political Rights.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Alt 1: Condemn measures that intentionally prevent or disrupt access to or dissemination of information online, including Internet shutdowns, in violation of international human rights law, and call upon all States to refrain from and cease such measures.] [Alt 2: Express concern at measures that intentionally prevent or disrupt access to information online, and call upon States to ensure that any restriction is consistent with their obligations under international law.]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Stress that the design, development, deployment and use of artificial intelligence and other emerging technologies should be human-centred, transparent and accountable, and take note of the UNESCO Recommendation on the Ethics of Artificial Intelligence as a framework to inform national policies.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize the importance of information integrity and of a free, diverse and independent media landscape, and call for measures to counter misinformation, disinformation and hate speech online that are consistent with international human rights law, including the principles of legality, necessity and proportionality.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Commit to protect children online and to empower them to use digital technologies safely, including through age-appropriate design, digital literacy and cooperation with online service providers, while respecting the rights of children to access information and to participate in the digital environment.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Call upon all stakeholders to respect and protect personal data and privacy, including with regard to surveillance, the processing of biometric data and automated decision-making, and underline the importance of access to effective remedies for individuals whose rights have been violated.",
    },

    { type: "sectionHeading", text: "E. Trust, security and resilience" },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm that building confidence and security in the use of ICTs, as set out in Action Line C5, is a precondition for the development of the information society and for trust in digital services, and that cybersecurity is a shared responsibility of all stakeholders in their respective roles.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize the widening gap in cybersecurity capacities between countries, and commit to scale up demand-driven cybersecurity capacity building, including the establishment and strengthening of national computer incident response teams, the development of national cybersecurity strategies and the training of a diverse cybersecurity workforce.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Reaffirm that international law, and in particular the Charter of the United Nations, is applicable [and essential] to maintaining peace and stability and promoting an open, secure, stable, accessible and peaceful ICT environment.]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Welcome the work of the open-ended working group on security of and in the use of information and communications technologies 2021-2025, and look forward to [the establishment of a [single-track,] permanent mechanism under the auspices of the United Nations] to advance responsible State behaviour and capacity building in the use of ICTs.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Note the adoption by the General Assembly of the United Nations Convention against Cybercrime, and call for enhanced international cooperation and technical assistance to prevent and combat the use of ICTs for criminal purposes, with full respect for human rights.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Stress the importance of the resilience of critical digital infrastructure, including submarine cables, terrestrial networks, satellite systems and data centres, and encourage cooperation among Governments, operators and relevant international organizations for their protection and timely repair.",
    },

    { type: "sectionHeading", text: "F. Internet governance" },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm the working definition of Internet governance contained in the Tunis Agenda, as the development and application by Governments, the private sector and civil society, in their respective roles, of shared principles, norms, rules, decision-making procedures and programmes that shape the evolution and use of the Internet.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Commit to an open, global, interoperable, secure, stable and reliable Internet, and express concern at the risk of Internet fragmentation, whether technical, commercial or governmental, which could undermine the universal character of the Internet and its benefits for sustainable development.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize the Internet Governance Forum as the primary multistakeholder platform for discussion of Internet governance issues, and welcome its contribution over twenty years, including through national, regional and youth initiatives and its intersessional work.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Alt 1: Decide to make the Internet Governance Forum a permanent forum of the United Nations, with a strengthened secretariat and stable and predictable funding [, including from the regular budget of the United Nations].] [Alt 2: Decide to extend the mandate of the Internet Governance Forum for a further period of ten years, and to review its working methods in 2030.]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Reaffirm the need for enhanced cooperation to enable Governments, on an equal footing, to carry out their roles and responsibilities in international public policy issues pertaining to the Internet, but not in the day-to-day technical and operational matters that do not impact on international public policy issues, and call for the full operationalization of enhanced cooperation [through an intergovernmental mechanism].]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize the role of the technical community in the development, maintenance and stewardship of the technical infrastructure of the Internet, including its system of unique identifiers, and support the continued evolution of open, transparent and consensus-based standards development processes.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Welcome the establishment of a dedicated multistakeholder working group on data governance at all levels within the Commission on Science and Technology for Development, as well as of the Independent International Scientific Panel on Artificial Intelligence and the Global Dialogue on Artificial Intelligence Governance, and call for their work to take into account the outcomes of the Summit and the contributions of the Internet Governance Forum.",
    },

    { type: "sectionHeading", text: "G. Financing and capacity development" },
    {
      type: "paragraph",
      level: 1,
      text: "Recognize that the investment needed to achieve universal and meaningful connectivity by 2030 is estimated at several hundred billion United States dollars, and that public resources alone will not suffice. We call for enabling policy and regulatory environments that mobilize private investment, alongside public funding for areas that are not commercially viable.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Call upon development partners to increase official development assistance for digital infrastructure, skills and institutions, and upon multilateral development banks to expand concessional and blended finance for digital development, in line with the outcome of the Fourth International Conference on Financing for Development.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "[Decide to establish a voluntary [global] fund for digital development, to be administered [Alt 1: by UNDP] [Alt 2: by ITU] with the participation of all stakeholders, to support connectivity and digital capacity in the least developed countries.]",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm the importance of the transfer of technology to developing countries [on favourable terms, including on concessional and preferential terms,] [on voluntary and mutually agreed terms], and of South-South, North-South and triangular cooperation in building digital capacity.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Stress that capacity development should strengthen the ability of all countries, in particular developing countries, to participate meaningfully in international digital policy processes, including the Internet Governance Forum, technical standards bodies and the emerging governance of artificial intelligence.",
    },

    { type: "sectionHeading", text: "H. Follow-up and review" },
    {
      type: "paragraph",
      level: 1,
      text: "Reaffirm the role of the General Assembly in the overall review of the outcomes of the Summit, and of the Economic and Social Council, through the Commission on Science and Technology for Development, in the system-wide follow-up, and request the Commission to continue to report annually on progress made.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Call upon the United Nations Group on the Information Society, with ITU, UNESCO and UNDP as lead agencies, to develop a joint implementation roadmap aligning the WSIS Action Lines with the commitments of the Global Digital Compact, to be presented to the Commission on Science and Technology for Development at its next session.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Welcome the annual WSIS Forum as a platform for stakeholders to take stock of the implementation of the Action Lines and to share good practices, and encourage its continued organization in close coordination with the Internet Governance Forum.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Call for strengthened measurement of the information society, including through the Partnership on Measuring ICT for Development, with data disaggregated by income, sex, age, disability, geographic location and other characteristics relevant in national contexts.",
    },
    {
      type: "paragraph",
      level: 1,
      text: "Decide to conduct the next overall review of the implementation of the outcomes of the Summit in [2030] [2035] [, in conjunction with [the review of] the 2030 Agenda for Sustainable Development].",
    },
  ],
};
