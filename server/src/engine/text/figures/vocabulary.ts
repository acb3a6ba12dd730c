/**
 * The figure scanner's word lists: months, identifier keywords, currencies and scales, units,
 * durations, qualifiers and the words of spelled-out numbers. Data only, built once at load.
 */

function set(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

export const MONTHS = set(
  'January February March April May June July August September October November December ' +
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec',
);
export const MONTH_ABBREV = set('Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec');
export const WEEKDAYS = set('Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun');

/** Capitalised words that do not make the following number an identifier. */
export const ALLOWED_CAP = set(
  'The A An Of In On By Over Nearly About With From For To At Some Only Just Around Almost Approximately Roughly ' +
    'Between Among All Another Each These Those Its Their Our His Her Total And But Yet Since Until After Before ' +
    'During Under Above Below Up Less Fewer More Estimated Additional Exactly Fully Well Perhaps Maybe Probably ' +
    'Reportedly Barely Scarcely Upwards Least Most Than As Like Unlike Including Excluding Plus Minus Even Still ' +
    'Already Also Thus So Then Now Today Yesterday Some Another Every Where When While Whereas Although Though ' +
    'If Or Nor Both Either Neither Around Close Near Towards Toward Against Across Through Throughout Within ' +
    'Without Via Per Circa Approx Est Whereby Which That This What Who Whom Whose We They He She It You I ' +
    'There Here Last Next First Second Third Final Latest Recent Official Overall Average Median Roughly ' +
    'Respectively Nationwide Globally Worldwide Annually Monthly Weekly Daily Yearly Altogether Collectively ' +
    'Combined Together Additionally However Moreover Furthermore Meanwhile Currently Recently Previously Initially ' +
    'Originally Eventually Finally Ultimately Precisely Merely Further Since Once Whereas Besides Beyond Despite ' +
    'Almost Exactly Barely Nearly Roughly Approximately Around About Over Under Only Just Another Some Of',
);

/** Lower-case words after which a number is an identifier / reference (verbs such as "release" left out). */
export const IDENT_KEYWORDS = set(
  'page pages pg pgs para paras paragraph paragraphs section sections subsection subsections sec article articles ' +
    'art chapter chapters title titles part parts clause clauses subclause annex annexes annexure appendix appendices ' +
    'exhibit figure fig table tables chart charts box volume vol number no nr nos resolution resolutions rule ' +
    'regulation regulations directive item items line lines row rows column columns step steps phase tier version ' +
    'versions footnote footnotes endnote endnotes route flight room unit code grade class category type model option ' +
    'scenario recommendation recommendations goal goals indicator principle pillar priority round wave session law ' +
    'bill amendment protocol platform gate terminal sector ward district precinct zone verse verses psalm slide ' +
    'exercise objective outcome activity component serial id ref reference tab sheet folio docket edition episode ' +
    'season rev revision port ports suite floor ext extension tel telephone phone fax mobile whatsapp pin zip ' +
    'postcode kernel cvss sdg sdgs act acts ordinance iso rfc cve bulletin circular memorandum memo decision decree ' +
    'numbered level layer layers cohort batch stanza surah sura ayah requirement requirements ' +
    'aged age ages week day weeks days year years size',
);
/** Identifier keywords after which a list ("Articles 1 and 2") stays an identifier. */
export const NO_LIST_KEYWORDS = set('week day weeks days year years size');

/** Keywords that make the number an identifier when followed by a colon: "Number: 11". */
export const IDENT_KEYWORDS_COLON = set(
  'number no nos page pages issue volume vol tel telephone phone fax mobile ref reference id code serial version ' +
    'release edition file case docket item step phase level',
);

/** Abbreviations (word before a period) after which a number is an identifier. */
export const IDENT_ABBREV_DOT = set(
  'No Nos no nos Nr nr p pp P PP para paras Para Paras Art art Arts arts Sec sec Secs secs Sect sect Fig fig Figs ' +
    'figs Vol vol Vols vols Ch ch Chap chap Rev rev Res res Pub L S H R E O Cl cl Tab tab App app Ex Exh Ver ver v V ' +
    'Pt pt Sch Sched Reg Regs Dir Ord Doc Ref ref Ed ed Edn edn Iss iss Pg pg Ln ln Tel tel Ph ph Ext ext Mob Fax ' +
    'fax Sr Sl Nº Stat Supp Ser Art Amdt Const Cf cf n nn',
);

export const CURRENCY_SYMBOLS = new Set([
  '$', '€', '£', '¥', '₹', '₨', '₩', '₽', '₺', '₦', '₱', '₪', '₴', '₸', '฿', '₫', '₡', '₲', '₵', '₭', '₮', '₼', '₾',
  '﷼', '৳', '؋', '¢',
]);
export const DOLLAR_PREFIX = set('US U.S. A AU C CA NZ HK S SG NT R Z J M BZ TT EC FJ Mex NZ');
export const CURRENCY_CODES = set(
  'USD EUR GBP JPY CNY RMB INR PKR AFN BDT LKR NPR IRR TRY RUB UAH KZT UZS TJS KGS TMT EGP NGN KES ZAR BRL MXN HKD ' +
    'SGD KRW AUD CAD NZD CHF SEK NOK DKK PLN ILS QAR KWD OMR BHD AED SAR IQD SYP LBP JOD XOF XAF ETB GHS MAD DZD ' +
    'TND IDR MYR THB VND Rs Rp Tk Dh Dhs SR QR RM Ksh KSh Tsh',
);
export const MONEY_WORDS = set(
  'dollar dollars euro euros pound pounds sterling rupee rupees yuan renminbi yen rouble roubles ruble rubles ' +
    'afghani afghanis riyal riyals rial rials dirham dirhams lira liras taka naira rand franc francs won peso pesos ' +
    'shilling shillings dinar dinars tenge som somoni manat lari hryvnia baht ringgit rupiah',
);
export const SCALE_WORDS = new Map<string, number>([
  ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['crore', 1e7], ['crores', 1e7],
  ['lakh', 1e5], ['lakhs', 1e5], ['lac', 1e5], ['lacs', 1e5], ['mn', 1e6], ['mln', 1e6], ['bn', 1e9], ['tn', 1e12],
  ['trn', 1e12], ['millions', 1e6], ['billions', 1e9], ['thousands', 1e3],
]);
export const SCALE_SUFFIX = new Map<string, number>([
  ['k', 1e3], ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['bn', 1e9], ['b', 1e9], ['tn', 1e12], ['trn', 1e12], ['tr', 1e12],
  ['cr', 1e7], ['crore', 1e7], ['lakh', 1e5],
]);
export const UNIT_SUFFIX = set(
  'km kms kg kgs cm mw gw kw kwh mwh gwh twh mt kt bpd mph kph kmh ha sqkm lb lbs mbps gbps gb tb mb kbps mtoe ' +
    'bcm tcf mmbtu mtpa tpa',
);
export const DURATION_WORDS = set(
  'second seconds sec secs minute minutes min mins hour hours hr hrs day days night nights week weeks wk wks ' +
    'month months mo mos year years yr yrs decade decades century centuries fortnight fortnights weekend weekends ' +
    'quarter quarters semester semesters millennium millennia',
);
export const DURATION_MODS = set('calendar business working consecutive straight full more additional long whole successive');
export const DURATION_SUFFIX = set('h hr hrs yr yrs min mins d wk wks mo mos sec secs y');
export const ORDINAL_SUFFIX = set('st nd rd th d');
export const ORDINAL_NOUNS = set('congress parliament session amendment century anniversary birthday dynasty legislature plenum');
export const TIME_WORDS = set("am pm a.m. p.m. AM PM A.M. P.M. o'clock o’clock GMT UTC PST PDT EST EDT CET CEST BST IST PKT AFT hrs");
export const YEAR_PREPS = set(
  'in since until till before after during circa ca c of the year early late mid by from between and to fiscal ' +
    'calendar through',
);

/** Qualifier phrases (lower case) that belong to the figure's span. */
export const QUALIFIERS = set(
  [
    'over', 'nearly', 'almost', 'around', 'about', 'approximately', 'approx', 'approx.', 'roughly', 'some',
    'estimated', 'circa', 'ca.', 'c.', 'under', 'below', 'above',
  ].join(' '),
);
export const QUALIFIERS_2 = new Set([
  'more than', 'less than', 'fewer than', 'greater than', 'at least', 'at most', 'up to', 'an estimated',
  'just over', 'just under', 'close to', 'well over', 'well under', 'well above', 'well below', 'upwards of',
  'upward of', 'a mere', 'a reported', 'slightly over', 'slightly under', 'almost exactly',
]);
export const QUALIFIERS_3 = new Set([
  'as many as', 'as much as', 'as few as', 'as little as', 'no fewer than', 'no less than', 'no more than',
  'not more than', 'not less than', 'a little over', 'a little under', 'slightly more than', 'slightly less than',
  'just more than', 'just less than', 'a total of', 'in excess of', 'an average of', 'a maximum of',
  'a minimum of', 'well over a', 'more or less',
]);
/** Qualifiers that turn a year-looking number into a count (`nearly 2000`); not temporal ones like "over", "less than". */
export const STRONG_QUALIFIERS = new Set([
  'nearly', 'almost', 'approximately', 'approx', 'approx.', 'roughly', 'some', 'estimated', 'more than',
  'fewer than', 'at least', 'an estimated', 'upwards of', 'in excess of', 'as many as', 'as much as',
  'no fewer than', 'a total of',
]);
/** Determiners before which a spelled-out number refers to known things ("the two countries"). */
export const DETERMINERS = set(
  'the these those both all its their his her our my your whose first last next other every each any which what ' +
    'no another such either neither',
);

// Spelled-out numbers
export const SP_UNITS = new Map<string, number>([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15],
  ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30],
  ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);
export const SP_SCALES = new Map<string, number>([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['dozen', 12],
]);
export const SP_PLURALS = set('dozens hundreds thousands millions billions scores tens');
export const SP_FRACTIONS = set(
  'half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths seventh sevenths eighth ' +
    'eighths ninth ninths tenth tenths',
);

/** Words after which a bare decimal states a quantity ("a rate of 7.8", "rose to 4.5"), not a version or a section. */
export const QUANTITY_BEFORE = set(
  'of by to at from averaged average averages rate ratio score scored index reached reaching totalled totaled total stood hit was were is are be rose fell grew declined increased decreased dropped climbed jumped doubled tripled multiplied shrank expanded contracted equals equalled equaled measured weighed estimated ranged than',
);

/** Units of machines and text: a number of them is a setting or a size in a specification, not a statistic. */
export const TECHNICAL_UNITS = set(
  'bit bits byte bytes octet octets kb kib mb mib gb gib tb tib character characters char chars column columns digit digits ' +
    'pixel pixels px cpu cpus vcpu vcpus core cores thread threads argument arguments args parameter parameters field fields ' +
    'bytecode opcodes register registers spaces tabs hex ms milliseconds microseconds nanoseconds',
);

/** Verbs and words after which a plain number is a count of people or things ("killed 5", "from 980 to 1524"). */
export const COUNTING_BEFORE = set(
  'killed wounded injured displaced arrested detained kidnapped abducted executed rescued evacuated deported expelled ' +
    'hosted drew attracted employs employed numbered totalled totaled reached from to of by among ' +
    'died dead deaths casualties fatalities victims',
);

/** Words right after a plain number that make it a count ("600 more", "12 others", "5 of them", "980 in 2022"). */
export const COUNT_FOLLOWERS = set('more others other of each apiece altogether');

/** Words that cannot stand between a number and the noun it counts: verbs, articles, prepositions. */
export const NOT_A_MODIFIER = set(
  'is was are were be been being has have had do does did will would can could may might shall should must the a an ' +
    'and or but if then than to in on at by for with from into onto as that this which who when where while so not no ' +
    'it its their his her our your my we they he she you i',
);

/** Plural nouns a count can count that do not end in -s. */
const IRREGULAR_PLURALS = set(
  'people men women children staff police personnel cattle sheep fish troops crew feet teeth mice geese media criteria data ' +
    'militia youth clergy livestock poultry faculty aircraft offspring',
);

/** Words ending in -s that are not plurals. */
const NOT_PLURALS = set('is was has as its us thus this plus bus less unless across this always perhaps whereas various previous serious famous jus');

/** A plural noun: a word ending in -s (not -ss, `is`, `was` …), or an irregular plural. */
export function isPluralNoun(word: string): boolean {
  const lower = word.toLowerCase();
  if (IRREGULAR_PLURALS.has(lower)) return true;
  return lower.length >= 3 && lower.endsWith('s') && !lower.endsWith('ss') && !lower.endsWith('ous') && !NOT_PLURALS.has(lower);
}

/** Units of measure written as abbreviations after a number ("500 km²", "12 t"): the number measures something. */
export const MEASURE_ABBREVIATIONS = set('m cm mm ft mi yd t kt mt ha km kg g lb oz l ml gal psi hp');
