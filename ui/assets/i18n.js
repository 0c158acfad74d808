// Interface strings in English and Arabic. The data keep both languages
// side by side whatever the interface language; this only picks the
// language (and direction) of the page's own words.

// Left-to-right isolation for dates and numbers inside plain strings
// (tooltips, options): in Arabic text, "2025-09-01" would otherwise be
// shown as 01-09-2025.
export const ltr = (x) => `\u2066${x}\u2069`;

const STRINGS = {
  en: {
    title: 'who said what',
    navTable: 'Statements', navTimeline: 'Timeline', navNetwork: 'Network', navPlayground: 'API playground',
    filters: 'Filters', topics: 'Topics', speaker: 'Speaker', speakerHint: 'name or id',
    state: 'State', anyState: 'any state', from: 'From', to: 'To', text: 'Text',
    textHint: 'words in the statement (Arabic or English)', kind: 'Kind', kindAll: 'quotes and reported',
    kindDirect: 'direct quotes', kindReported: 'reported speech', language: 'Article language', langAll: 'all',
    reset: 'Clear filters',
    timelineTitle: 'Statements per week, by topic',
    timelineHint: "click a bar to see that week's statements; a statement counts once for each of its topics",
    tableTitle: 'Who said what', order: 'Order', newest: 'newest first', oldest: 'oldest first',
    relevance: 'best match (with text)', confidence: 'most confident', pageSize: 'Per page',
    colDate: 'Date', colSpeaker: 'Speaker and role at the time', colState: 'State', colTopics: 'Topics',
    colStatement: 'Statement', colSource: 'Source',
    prev: '‹ Previous', next: 'Next ›',
    networkTitle: 'Network', networkCentre: 'Actor or event', networkHint: 'e.g. Mark Rutte, روسيا, Paris summit',
    depth: 'Depth', show: 'Show', nodeTypes: 'Node types (click a node to expand it; drag to pin)',
    networkEmpty: 'Pick an actor or an event above, or click a speaker, event or place in the table.',
    footer: 'Built on the public GraphQL API at <code>/query</code>; the queries are in <a href="api.js"><code>api.js</code></a>. Offline: no external resources.',
    totals: (s, a) => `${s} statements from ${a} articles`,
    count: (n) => (n === 1 ? '1 statement' : `${n} statements`),
    pageInfo: (a, b, n, p) => `${a}–${b} of ${n} · page ${p}`,
    noRows: 'No statement matches these filters.',
    loading: 'Loading…',
    direct: 'quote', reported: 'reported',
    sourceDetails: 'sentence in the article',
    offsets: (s, e) => `characters ${s}–${e}`,
    openArticle: 'open the article',
    at: 'at', in: 'in',
    since: 'since', until: 'until',
    filterSpeaker: 'Show only this speaker', networkOf: 'Show the network around it',
    active: 'Showing', clear: 'remove',
    fSpeaker: 'speaker', fState: 'state', fFrom: 'from', fTo: 'to', fText: 'text', fTopics: 'topics',
    fEvent: 'at event', fPlace: 'at place', fDirect: 'kind', fLanguage: 'language',
    week: (s, e) => `week ${ltr(s)} – ${ltr(e)}`,
    statementsN: (n) => (n === 1 ? '1 statement' : `${n} statements`),
    noTopic: 'no topic',
    truncated: 'Only part of the neighbourhood is shown (limit reached).',
    nothingNew: 'Expanded: all its neighbours of the chosen types are shown already.',
    nodesEdges: (n, e) => `${n} nodes, ${e} edges`,
    type: {
      PERSON: 'person', STATE: 'state', ORGANIZATION: 'organisation', GROUP: 'group', PLACE: 'place',
      EVENT: 'event', STATEMENT: 'statement', ARTICLE: 'article', TOPIC: 'topic',
    },
    edge: {
      SAID: 'said', ABOUT: 'about', MENTIONS: 'mentions', REPORTED_IN: 'reported in', MADE_AT: 'made at',
      HOLDS_ROLE: 'holds role', ATTENDED: 'attended', HELD_IN: 'held in', IN: 'in',
    },
    expand: 'Expand', recentre: 'Centre the network here', statementsBy: 'Statements by it',
    statementsAt: 'Statements made there', statementsAbout: 'Statements about it',
    statementsOfficials: "Statements by its officials", statementsIn: 'Statements it reports',
    notFound: (q) => `Nothing found for “${q}”.`,
    apiError: 'The API answered with an error:',
  },
  ar: {
    title: 'من قال ماذا',
    navTable: 'التصريحات', navTimeline: 'الخط الزمني', navNetwork: 'الشبكة', navPlayground: 'ساحة تجربة الواجهة',
    filters: 'عوامل التصفية', topics: 'المواضيع', speaker: 'المتحدث', speakerHint: 'الاسم أو المعرف',
    state: 'الدولة', anyState: 'كل الدول', from: 'من', to: 'إلى', text: 'نص',
    textHint: 'كلمات من التصريح (بالعربية أو الإنجليزية)', kind: 'النوع', kindAll: 'اقتباسات ونقل',
    kindDirect: 'اقتباس مباشر', kindReported: 'كلام منقول', language: 'لغة المقال', langAll: 'الكل',
    reset: 'مسح عوامل التصفية',
    timelineTitle: 'التصريحات أسبوعيًا حسب الموضوع',
    timelineHint: 'انقر عمودًا لعرض تصريحات ذلك الأسبوع؛ يُحسب التصريح مرة لكل موضوع من مواضيعه',
    tableTitle: 'من قال ماذا', order: 'الترتيب', newest: 'الأحدث أولًا', oldest: 'الأقدم أولًا',
    relevance: 'الأكثر تطابقًا (مع نص)', confidence: 'الأعلى ثقة', pageSize: 'في الصفحة',
    colDate: 'التاريخ', colSpeaker: 'المتحدث ومنصبه حينها', colState: 'الدولة', colTopics: 'المواضيع',
    colStatement: 'التصريح', colSource: 'المصدر',
    prev: '› السابق', next: 'التالي ‹',
    networkTitle: 'الشبكة', networkCentre: 'جهة فاعلة أو حدث', networkHint: 'مثل: مارك روته، Russia، قمة باريس',
    depth: 'العمق', show: 'اعرض', nodeTypes: 'أنواع العقد (انقر عقدة لتوسيعها، واسحبها لتثبيتها)',
    networkEmpty: 'اختر جهة فاعلة أو حدثًا أعلاه، أو انقر متحدثًا أو حدثًا أو مكانًا في الجدول.',
    footer: 'مبنية على واجهة GraphQL العامة في <code>/query</code>؛ الاستعلامات في <a href="api.js"><code>api.js</code></a>. تعمل دون اتصال: لا موارد خارجية.',
    totals: (s, a) => `${s} تصريحًا من ${a} مقالًا`,
    count: (n) => `${n} تصريحًا`,
    pageInfo: (a, b, n, p) => `${a}–${b} من ${n} · الصفحة ${p}`,
    noRows: 'لا تصريحات تطابق عوامل التصفية هذه.',
    loading: 'جارٍ التحميل…',
    direct: 'اقتباس', reported: 'منقول',
    sourceDetails: 'الجملة في المقال',
    offsets: (s, e) => `المحارف ${s}–${e}`,
    openArticle: 'افتح المقال',
    at: 'في', in: 'في',
    since: 'منذ', until: 'حتى',
    filterSpeaker: 'اعرض هذا المتحدث فقط', networkOf: 'اعرض الشبكة حوله',
    active: 'المعروض', clear: 'إزالة',
    fSpeaker: 'المتحدث', fState: 'الدولة', fFrom: 'من', fTo: 'إلى', fText: 'النص', fTopics: 'المواضيع',
    fEvent: 'في الحدث', fPlace: 'في المكان', fDirect: 'النوع', fLanguage: 'اللغة',
    week: (s, e) => `أسبوع ${ltr(s)} – ${ltr(e)}`,
    statementsN: (n) => `${n} تصريحًا`,
    noTopic: 'بلا موضوع',
    truncated: 'يظهر جزء من الجوار فقط (بلغ الحد).',
    nothingNew: 'وُسّعت: كل جيرانها من الأنواع المختارة ظاهرون.',
    nodesEdges: (n, e) => `${n} عقدة، ${e} صلة`,
    type: {
      PERSON: 'شخص', STATE: 'دولة', ORGANIZATION: 'منظمة', GROUP: 'مجموعة', PLACE: 'مكان',
      EVENT: 'حدث', STATEMENT: 'تصريح', ARTICLE: 'مقال', TOPIC: 'موضوع',
    },
    edge: {
      SAID: 'قال', ABOUT: 'عن', MENTIONS: 'يذكر', REPORTED_IN: 'ورد في', MADE_AT: 'قيل في',
      HOLDS_ROLE: 'يشغل منصب', ATTENDED: 'حضر', HELD_IN: 'عُقد في', IN: 'في',
    },
    expand: 'وسّع', recentre: 'اجعلها مركز الشبكة', statementsBy: 'تصريحاته',
    statementsAt: 'التصريحات التي قيلت هناك', statementsAbout: 'التصريحات عنه',
    statementsOfficials: 'تصريحات مسؤوليه', statementsIn: 'التصريحات الواردة فيه',
    notFound: (q) => `لم يُعثر على «${q}».`,
    apiError: 'أجابت الواجهة بخطأ:',
  },
};

let lang = 'en';


/** The interface language: "en" or "ar". */
export function currentLang() { return lang; }

/** A string (or a function making one) of the interface language. */
export function t(key, ...args) {
  const v = STRINGS[lang][key] ?? STRINGS.en[key];
  return typeof v === 'function' ? v(...args) : v;
}

/**
 * Switches the interface language: the page's lang and dir, and every
 * element marked with data-i18n (text), data-i18n-html (trusted markup
 * from the table above) or data-i18n-placeholder.
 */
export function setLang(l) {
  lang = STRINGS[l] ? l : 'en';
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-html]')) el.innerHTML = t(el.dataset.i18nHtml);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const b of document.querySelectorAll('.lang-switch [data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

/** Formats a number for the interface language (Western digits in both). */
export function num(n) {
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : 'en').format(n);
}
