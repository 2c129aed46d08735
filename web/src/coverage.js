// What the page says about each shipped standard beyond its own text: how much of the document is
// encoded, and the bibliography its `source` codes point to. Written from each file's header comment
// and the project's reference (shared/reference/cn-sanitary-standards.md, "Sources"). A browser test
// fails when a shipped standard has no entry here, so a new standard cannot look more complete than it is.

/** Confidence tiers of the sources (the reference's own definitions). */
export const TIERS = {
  A: { zh: '政府网站、正式通知或同行评审论文', en: 'government site, official notice or peer-reviewed paper' },
  B: { zh: '可靠的二手来源（新闻、疾控网站、书籍摘录）', en: 'reputable secondary source (news, CDC site, book excerpt)' },
  C: { zh: '质量较低的转载或第三方应用：只是线索，不是权威', en: 'low-quality mirror or third-party app: a lead, not an authority' },
  D: { zh: '未经核实', en: 'unverified' },
  S: { zh: '只见于本项目起步时的示例文档（创卫长效管理工作总结范文）', en: 'only in the seed documents this project started from (sample work summaries on the campaign’s long-term management)' },
};

/** The source codes used in the standards' `source` lines. */
export const SOURCES = {
  S2: { zh: '2014 年以前的“十项基本条件”（中文清单与英文译本，两个独立副本一致）', en: 'the pre-2014 ten basic conditions (a Chinese list and an English rendering, two independent copies agreeing)' },
  S3: { zh: '2014 版标准的施行日期与空气质量条款', en: 'the 2014 edition: its in-force date and air rule' },
  S6: { zh: '2021 版标准文本第一章（jzcdc.cn）', en: 'the 2021 text, chapter one (jzcdc.cn)' },
  S7: { zh: '2021 版标准第十至十五条（ynlf.gov.cn）', en: 'the 2021 edition, items 十 to 十五 (ynlf.gov.cn)' },
  S8: { zh: '2021 版标准释义，绵阳日报 2025-02-24 引述', en: 'the 2021 interpretation (标准释义), quoted by 绵阳日报 on 2025-02-24' },
  S15: { zh: '蝇类 C 级限值（创卫知识文章）', en: 'fly C-level values (a sanitary-city campaign knowledge article)' },
  S16: { zh: '开源检查应用 PestCS（可信度 C，已知有错误）', en: 'the open-source inspection app PestCS (tier C, known bugs)' },
  S17: { zh: '西安鼠类调查，《中华卫生杀虫药械》2021(5):432–435', en: 'Xi’an rodent survey, 中华卫生杀虫药械 2021(5):432–435' },
  S18: { zh: '西安 2019 年蚊虫调查，《中华卫生杀虫药械》2021,27(4):343–346', en: 'Xi’an 2019 mosquito survey, 中华卫生杀虫药械 2021,27(4):343–346' },
  S19: { zh: '海淀病媒生物调查，《中华卫生杀虫药械》2019,25(01):29–33', en: 'Haidian vector survey, 中华卫生杀虫药械 2019,25(01):29–33' },
  S22: { zh: '2001 年除四害考核标准（多个副本）', en: 'the 2001 four-pest criteria (several copies)' },
  S25: { zh: '2008–2021 年复审通知及省级规定（西藏 2024）', en: 'review notices 2008–2021 and provincial rules (Tibet 2024)' },
  S26: { zh: '湖北考核权重与某市扣分表', en: 'Hubei assessment weights and a city’s deduction sheet' },
  S28: { zh: '番禺（广州）公布的伊蚊密度表', en: 'Panyu (Guangzhou) published Aedes density tables' },
  S29: { zh: '县、市关于 C 级要求的报告', en: 'county and city reports on the C-level requirement' },
  S30: { zh: '县、市关于 C 级要求的报告', en: 'county and city reports on the C-level requirement' },
  S31: { zh: '县、市关于 C 级要求的报告', en: 'county and city reports on the C-level requirement' },
  S32: { zh: '县、市关于 C 级要求的报告', en: 'county and city reports on the C-level requirement' },
  S33: { zh: '某镇病媒生物防制评估报告（模板文件，2018）', en: 'a town’s vector-control assessment report (template document, 2018)' },
  S34: { zh: '《商洛日报》2018-10-20', en: 'Shangluo Daily (商洛日报), 2018-10-20' },
  S35: { zh: '《湖北省2014-2016年城市病媒生物密度控制水平的比较及启示》，《中国媒介生物学及控制杂志》2018,29(3):263-266', en: 'a comparison of Hubei cities’ vector density control levels 2014–2016, Chinese Journal of Vector Biology and Control 2018,29(3):263-266' },
  S36: { zh: '《南京日报》2016 年创建国家卫生城市知识竞答（引用 2014 版原文）', en: 'Nanjing Daily (南京日报), 2016 sanitary-city quiz (quotes the 2014 text)' },
  S37: { zh: '《绵阳日报》2024-04-12《创卫，这些知识我们要知道》', en: 'Mianyang Daily (绵阳日报), 2024-04-12, a sanitary-city explainer' },
  S38: { zh: '《内江日报》2018 年知识竞答', en: 'Neijiang Daily (内江日报), 2018 quiz' },
  S39: { zh: '《福州日报》2006-05-21《“创卫”知识问答》', en: 'Fuzhou Daily (福州日报), 2006-05-21, sanitary-city questions and answers' },
  S40: { zh: '中国新闻网 2014-09-29 关于广州登革热的报道', en: 'China News Service (中国新闻网), 2014-09-29, on dengue in Guangzhou' },
  seed: { zh: '本项目起步时的示例文档（创卫长效管理工作总结范文）', en: 'the seed documents this project started from (sample work summaries)' },
};

/** The codes a `source` line cites, in order: `S16 (A, B); S15 (C)` → [S16, S15]; `S6-S8` → S6, S7, S8;
 * `seed documents…` → seed; a GB/T number stays as written. */
export function sourceCodes(text) {
  const out = [];
  const add = c => { if (!out.includes(c)) out.push(c); };
  for (const m of String(text).matchAll(/S(\d+)\s*[-–]\s*S(\d+)|S(\d+)|GB\/T\s*[\d.]+-\d{4}|seed documents/g)) {
    if (m[1]) for (let n = +m[1]; n <= +m[2] && n - +m[1] < 20; n++) add('S' + n);
    else if (m[3]) add('S' + m[3]);
    else if (m[0].startsWith('seed')) add('seed');
    else add(m[0].replace(/\s+/g, ' '));
  }
  return out;
}

/**
 * How much of each shipped document is encoded, keyed `id@version`: `complete` is true only when every
 * clause of the document (as the reference knows it) is a rule here; `zh`/`en` say what is left out.
 */
export const COVERAGE = {
  'cn.sanitary_city.national@pre-2014': { complete: true,
    zh: '十项基本条件全部编码，每一项都是否决项。', en: 'All ten basic conditions are encoded; each is a veto.' },
  'cn.sanitary_city.national@2014': { complete: false,
    zh: '已编码：空气质量、病媒生物控制（四种病媒均达到 C 级及以上，重点行业防鼠防蝇设施合格率 > 95%）、食品安全事故、餐饮量化分级、免疫接种与建卡、严重精神障碍患者管理、疾控实验室设备，以及群众满意率（可信度 C，未经核实）；第一章为定性要求，按声明编码；其余指标的数值未找到或只有可信度 C 的来源，没有编码。',
    en: 'Encoded: air quality, vector control (level C or better for each of the four species, and rodent- and fly-proofing in key industries > 95%), food-safety incidents, food-service grading, immunisation and record cards, severe mental disorder management, CDC lab equipment, and residents’ satisfaction (tier C, unverified); chapter one is qualitative and encoded as an attestation; other thresholds were not found or have only tier-C sources, and are left out.' },
  'cn.sanitary_city.national@2021': { complete: false,
    zh: '原文大多为定性要求，数值见官方释义。只编码了参考资料中有数值的几条规则；病媒生物控制水平及第一至八章的其他条款没有编码。',
    en: 'The text is mostly qualitative; its numbers are in the official interpretation. Only the few rules with numbers in the reference are encoded; the vector-control levels and every other clause of chapters 1 to 8 are not.' },
  'cn.sanitary_city.provincial@seed': { complete: false,
    zh: '在 2014 年以前的国家标准上加严：满意率须高于 90%，增加城中村与城乡结合部的“八无”；新增章节共 7 条，只知道“八无”，其余没有编码。',
    en: 'Tightens the pre-2014 national standard: satisfaction strictly above 90%, plus the “eight nos” for urban villages and the urban-rural fringe; of the new chapter’s 7 clauses only the eight nos are known and encoded.' },
  'cn.phc.four_pests@2001': { complete: true,
    zh: '鼠、蚊、蝇、蟑螂四项考核标准全部编码；各副本数值不一致处取多数值，并注明其他副本。',
    en: 'The rodent, mosquito, fly and cockroach criteria are all encoded; where copies disagree the majority value is used and the others are noted.' },
  'cn.vector.fly@GB/T 27772-2011': { complete: false,
    zh: '各项指标的 A、B、C 级限值已编码（A、B 级及防蝇设施限值只来自可信度 C 的来源）；按受检房间数确定 C 级允许阳性间数的单位规则没有编码。',
    en: 'The A, B and C limits of every indicator are encoded (A, B and proofing limits only from a tier-C source); the unit-level C rule (positive rooms allowed by the number of rooms inspected) is not.' },
  'cn.vector.mosquito@GB/T 27771-2011': { complete: true,
    zh: '各项指标的分级限值已编码；限值来自可信度 C 的来源，路径指数与人诱停落指数与公开调查一致。',
    en: 'The limits of every indicator are encoded; they come from a tier-C source, with the path and landing indices consistent with published surveys.' },
  'cn.vector.cockroach@GB/T 27773-2011': { complete: true,
    zh: '各项指标的分级限值已编码；只有侵害率的 C 级限值有可信度 A 的来源确认，其余未经核实。',
    en: 'The limits of every indicator are encoded; only the C limit of the infestation rate is confirmed by a tier-A source, the rest are unverified.' },
  'cn.guangdong.aedes@2019': { complete: false,
    zh: '布雷图指数与诱蚊诱卵指数的分级界限从公开的密度表读出（推断，不是规则原文）；标准间指数和成蚊密度的界限未知，可能改变分级时结果为“尚不能确定”。',
    en: 'The Breteau and ovitrap index cut-offs are read off published density tables (inferred, not quoted from a rule text); the cut-offs of the standard-room index and adult density are not known, so the grade is “not yet known” where they could change it.' },
  'cn.vector.rodent@GB/T 27770-2011': { complete: false,
    zh: '标准原文未找到，大多数限值未知：只知道室内鼠迹阳性率的 C 级限值（≤ 5%，可信度 C）和防鼠设施合格率的 B 级限值（> 95%，可信度 A）；其余限值写作“未知”，只有已知限值能判定时才给出等级。',
    en: 'The text of the standard was not found and most limits are unknown: only the indoor rodent-sign rate’s C limit (≤ 5%, tier C) and the proofing compliance B limit (> 95%, tier A) are known; the rest are written “unknown”, so a level is given only where a known limit decides it.' },
  'city.district_assessment@seed': { complete: false,
    zh: '月度考核（暗访 40%、明查 50%、数字城管 10%，满分 1000 分）已编码；季度排名和奖金没有编码。',
    en: 'The monthly assessment (unannounced 40%, announced 50%, digital 10%, on 1000 points) is encoded; the quarterly ranking and the prize money are not.' },
  'school.hygiene_rating@seed': { complete: false,
    zh: '每日评分与等级（90 分及以上优秀，85–89 良好）已编码；月度前十名排名没有编码。',
    en: 'The daily score and its bands (90 and above excellent, 85–89 good) are encoded; the monthly top-ten ranking is not.' },
};
