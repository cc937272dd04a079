// The built-in lexicons (English, Spanish, French, German). Words are written as the
// normaliser produces them: lower case, no diacritics ("etrangers", "auslander", "scheisse"),
// no apostrophes ("youre", "cant"), hyphenated words split ("pro+ana").
//
// Why rules and not word lists: most harmful words are ordinary words in marketing copy
// ("killer deals", "shoot us an email", "prices that kill", "drop-dead gorgeous"), so threats,
// insults, dehumanisation, health and money promises are matched as a verb or predicate *with*
// its target. Only words with no innocent marketing use (slurs, explicit terms) stand alone.
#include "core/safety/lexicon.h"

namespace tailor::safety {
namespace {

using C = Category;

#define GROUPS                                                                                  \
  "immigrants|migrants|refugees|foreigners|muslims|jews|christians|blacks|whites|asians|"       \
  "mexicans|hispanics|latinos|arabs|gays|lesbians|homosexuals|transgender+people|trans+people|" \
  "gay+people|black+people|white+people|inmigrantes|extranjeros|musulmanes|judios|gitanos|"     \
  "immigres|etrangers|musulmans|juifs|auslander|auslaender|fluchtlinge|muslime|juden|"          \
  "gypsies|roma|travellers|zigeuner|trans|transgender|bisexuals|queers"

const std::vector<LexiconClass> kClasses = {
    {"group", GROUPS},
    {"person",
     "you|u|ya|him|her|them|everyone|everybody|anyone|anybody|somebody|someone|people|staff|"
     "employees|customers|your+family|your+kids|your+children|your+wife|your+husband|"
     "your+whole+family|the+staff|" GROUPS},
    {"threat_verb",
     "kill|murder|stab|strangle|behead|slaughter|butcher|torture|kidnap|hurt|rape|shoot+down"},
    {"place",
     "house|home|store|shop|warehouse|office|school|church|mosque|synagogue|temple|building|"
     "mall|restaurant|factory|headquarters|hq"},
    {"dehumanize",
     "vermin|parasites|parasite|subhuman|subhumans|untermenschen|animals|cockroaches|rats|scum|"
     "filth|filthy|dirty|savages|criminals|thieves|invaders|inferior|infesting|plague|plaga|"
     "freaks|mentally+ill|perverts|degenerate|abominations|groomers|terrorists|rapists|"
     "parasitos|ratas|escoria|animales|ladrones|vermine|cafards|voleurs|diebe|"
     "ungeziefer|parasiten|abschaum|tiere|disgusting|degenerates"},
    {"copula", "are|r|were|is|son|sont|sind|seid|ist"},
    {"you", "you|u|ya|youre|ur|eres|espece+de|du|vous+etes"},
    {"insult",
     "idiot|idiots|moron|morons|stupid|loser|losers|pathetic|worthless|deadbeat|dumb|"
     "imbecile|cretin|retard|retarded|scumbag|idiota|imbecil|estupido|estupida|tonto|connard|"
     "debile|vollidiot|trottel|depp|blode|hasslich|fat+pig|fool|freak|clown|useless|brainless|"
     "clueless|dimwit|halfwit|nitwit|numpty|muppet|slob|pig|cow"},
    {"cure_verb",
     "cure|cures|cured|curing|heal|heals|healed|reverse|reverses|reversed|eliminate|eliminates|"
     "eradicate|eradicates|prevent|prevents|curan|cura|curar|guerit|guerir|"
     "guerissent|heilt|heilen|besiegt"},
    {"disease",
     "cancer|cancers|diabetes|arthritis|hypertension|covid|coronavirus|alzheimers|alzheimer|"
     "dementia|parkinsons|hiv|aids|depression|anxiety|insomnia|asthma|obesity|herpes|autism|"
     "disease|diseases|illness|illnesses|infection|infections|disorder|disorders|syndrome|"
     "eczema|psoriasis|migraine|migraines|fibromyalgia|lupus|autoimmune|cholesterol|stroke|"
     "adhd|tumor|tumors|"
     "tumour|tumours|krebs|artritis|diabete|hepatitis|malaria|epilepsy|schizophrenia|"
     "blood+pressure|heart+disease|multiple+sclerosis"},
    {"guarantee",
     "guaranteed|guarantee|guarantees|garantizado|garantizados|garantizada|garantizadas|"
     "garanti|garantis|garantie|garanties|garantierte|garantiert|garantierter"},
    {"gain",
     "profit|profits|income|gains|yield|yields|roi|payout|payouts|approval|rendimientos|"
     "trading|forex|bitcoin|crypto|"
     "rendimiento|ganancias|rendement|rendements|benefices|rendite|gewinn|gewinne|ertrag"},
    {"no_risk", "risk+free|zero+risk|no+risk|sin+riesgo|sans+risque|ohne+risiko"},
    {"investment",
     "invest|investing|investment|investments|returns|profit|trading|placement|inversion|"
     "inversiones|anlage|geldanlage|rendite|crypto|fund|capital|portfolio"},
    {"comp_ref",
     "competitors|competitor|competition|other+brands|other+banks|other+stores|other+companies|"
     "rivals|our+rivals|the+other+guys|big+banks|"
     "unlike|competencia|concurrents|concurrence|konkurrenz|wettbewerber|other+?|los+demas|"
     "les+autres|andere"},
    {"disparage",
     "crooks|thieves|liars|cheats|scam|scammers|frauds|fraudsters|garbage|trash|ripoff|rip+off|"
     "basura|estafadores|ladrones|escrocs|voleurs|arnaqueurs|betruger|abzocker|schrott|dumps|"
     "dump|joke|rubbish|overpriced|clowns|amateurs|cowboys|rip+you+off|con+artists|crooked"},
    {"protected",
     "immigrants|foreigners|muslims|jews|christians|catholics|hindus|sikhs|blacks|whites|black|"
     "white|hispanic|hispanics|asian|asians|latinos|latino|arabs|mexicans|gays|lesbians|women|"
     "men|disabled|pregnant|seniors|families+with+children|families+with+kids|hombres|mujeres|"
     "inmigrantes|extranjeros|immigres|etrangers|femmes|hommes|auslander|auslaender|frauen|"
     "manner"},
    {"opportunity",
     "hiring|hire|apply|applicants|applicant|candidates|job|jobs|role|position|vacancy|"
     "employment|tenant|tenants|rent|rental|apartment|flat|room|housing|lease|loan|loans|credit|"
     "seeking|wanted|receptionist|recruiting|vacancies|cv|resume|"
     "mortgage|insurance|empleo|trabajo|vendedores|alquiler|piso|emploi|logement|poste|stelle|"
     "wohnung|mieter|vermieten|kredit"},
    {"minor",
     "kids|kid|teens|teen|teenagers|teenager|children|child|underage|minors|high+school|"
     "high+schoolers|schoolers|freshmen|pupils|graders|sixth+formers|year+7s|year+8s|year+9s|"
     "year+10s|year+11s|"
     "middle+school|school+students|after+class|under+18|under+21|your+parents|no+id|"
     "without+id|asks+for+id|ninos|ninas|menores|enfants|ados|adolescents|kinder|jugendliche|"
     "schuler"},
    {"restricted",
     "alcohol|beer|beers|seltzer|seltzers|vodka|whisky|whiskey|rum|tequila|cigarettes|cigarette|"
     "cigs|smoke|smoking|vape|vapes|vaping|nicotine|tobacco|betting|first+bet|free+bet|casino|"
     "gamble|gambling|poker|loot+boxes|apuesten|apuestas|apostar|cerveza|alcool|biere|bier|"
     "round+of+shots|shots+on+us|tequila+shots|jello+shots|alcopop|alcopops|cider|lager|"
     "slots+app|slot+machines|online+slots|sportsbook|scratchcards|lottery+tickets|"
     "spirits|liquor|booze|hard+lemonade|"
     "zigaretten|wetten"},
};

const std::vector<LexiconRule> kRules = {
    // hate: slurs, dehumanisation of a group, exclusion slogans, violence against a group.
    {C::kHate, 6, "slur",
     "nigger*|nigga|niggas|faggot*|fags|fag|kike|kikes|spics|wetback*|raghead*|towelhead*|"
     "tranny|trannies|chinks|gooks|sudaca|sudacas|bougnoule*|kanake*|gyppo|gyppos|hymie|hymies|"
     "japs|redskin|redskins"},
    {C::kHate, 6, "dehumanising a group", "@group ~1:@copula ~2:@dehumanize"},
    {C::kHate, 6, "violence against a group", "@threat_verb ~2:@group"},
    {C::kHate, 5, "exclusion slogan",
     "go+back+to ~2:country|countries|where+you+came+from; dont+want+your+kind|"
     "auslander+raus|auslaender+raus|fluchtlinge+raus|juden+raus|etrangers+dehors|"
     "fuera+inmigrantes|should+be+banned|should+be+deported; "
     "dont+serve|wont+serve|do+not+serve|refuse+to+serve ~1:@group; "
     "@group ~6:not+welcome|arent+welcome|not+allowed|dont+belong|do+not+belong|go+home"},
    // harassment: insults aimed at the reader, intimidation.
    {C::kHarassment, 5, "insult aimed at the reader", "@you ~2:@insult"},
    {C::kHarassment, 5, "insult",
     "fatso|scumbag|dipshit|you+are+so+ugly|youre+so+ugly|you+are+ugly|youre+ugly|vollidiot|pauvre+"
     "con|hijo+de+puta|no+wonder+youre+single|"
     "nobody+cares+about+your|nadie+quiere+tu+opinion|niemand+interessiert+sich; "
     "shut+up ~3:@insult; personne+ne+veut ~2:avis; "
     "only+a|only+an|what+a|what+an|such+a|such+an ~0:@insult; "
     "are+you+really|are+you+that|are+you+this|how+can+you+be ~1:@insult|dense|thick|blind; "
     "moron|morons|imbecile|imbeciles|cretin|cretins|retard|retards|retarded|scumbags|"
     "dimwits|halfwits|nitwits|idiota|idiotas|imbecil|connards|trottel"},
    {C::kHarassment, 5, "intimidation",
     "we+know+where+you+live|make+your+life+hell|make+your+life+a+living+hell|"
     "sabemos+donde+vives|on+sait+ou+tu+habites|wir+wissen+wo+du+wohnst"},
    // sexual: explicit terms and solicitation ("sexy" and "Sussex" are not).
    {C::kSexual, 5, "explicit sexual content",
     "porn|porno|pornography|porns|pornhub|xxx|xxxx|hentai|blowjob*|handjob*|milf|milfs|horny|"
     "nudes|camgirl*|sexcam*|cumshot*|escorts|escort+service|escort+girls|sex+chat|sex+cam|"
     "hot+girls|heisse+girls|geile+girls|chicas+calientes|filles+chaudes|send+nudes|"
     "sex+ohne|sex+sin|sex+sans|sex+tonight|sex+heute|sex+now|"
     "sex+cams|sex+video|sex+videos|hook+up+tonight|want+to+hook+up"},
    {C::kSexual, 5, "explicit sexual content",
     "&naked|nude|nackte|nackt|desnudas|desnudos|nues|nue ~2:girls|women|teens|cams|cam|pics|"
     "photos|chicks|madchen|chicas|filles|videos|selfies|webcam|webcams; live+nude"},
    {C::kSexual, 5, "sexual services", "happy+ending|happy+endings|full+service|extras",
     "massage|girls|rooms|private|parlour|parlor"},
    {C::kSexual, 5, "explicit sexual content",
     "strip+club|lap+dance|lap+dances|sexting|sugar+daddy|onlyfans|nsfw|camshow|erotic+massage"},
    // violence: threats (a violent verb with a person as its object), arson, bombing.
    {C::kViolence, 5, "threat of violence", "@threat_verb ~2:@person"},
    {C::kViolence, 5, "threat of violence",
     "break+your ~1:legs|neck|arms|bones|face; beat ~1:staff|employees|workers|wife|husband|"
     "children; shoot+up ~1:@place; shoot ~1:everyone|everybody|people; burn+down ~3:@place; "
     "bomb ~3:@place; blow+up ~3:@place; smash ~2:windows; "
     "beat+up ~1:anyone|anybody|everyone|you|them; end+up ~1:in+a+ditch|dead|in+hospital|"
     "six+feet+under; we+know+where+you ~1:work|sleep; sabemos+donde ~1:vives|trabajas; "
     "on+sait+ou ~1:tu+habites|tu+travailles; wir+wissen+wo ~1:du+wohnst|du+arbeitest; "
     "te+haremos+dano|le+haremos+dano|te+vamos+a+hacer+dano|on+va+te+faire+du+mal|"
     "wir+tun+dir+weh|hunt+you+down|wish+you+were+dead|"
     "well+find+you|we+will+find+you|watch+your+back|casser+la+gueule|te+casser|"
     "ich+bring+dich+um|mach+dich+kalt|ich+schlag+dich|te+voy+a+pegar|te+voy+a+romper|"
     "te+vamos+a+matar|te+voy+a+matar|vamos+a+matarte|voy+a+matarte|"
     "te+matare|te+tuer|vous+tuer|dich+umbringen|euch+umbringen|sie+umbringen|dich+toten|"
     "bring+your+guns"},
    // self_harm: encouragement; mentions of support services are not findings.
    {C::kSelfHarm, 6, "encouraging self-harm",
     "kill+yourself|kill+urself|kill+your+self|kys|kill+yourselves|starve+yourself|"
     "cut+yourself|cutting+yourself|hang+yourself|end+it+all|end+your+life|pro+ana|proana|"
     "thinspo*|purge+after|suicidarte|suicidate|matate|te+suicider|suicide+toi|tue+toi|"
     "toete+dich|tote+dich; purge ~2:every+meal; bring+dich ~3:um; "
     "make+yourself ~1:throw+up|vomit|puke|sick; eat+nothing ~2:week|days|until; "
     "laxatives ~3:lose|weight|thin; pain+is+weakness|skip+every+meal|starve+for; "
     "better+without+you|better+off+dead|better+off+without+you|no+one+would+miss+you|"
     "nobody+would+miss+you|you+should+just+die|just+die|go+die|mejor+sin+ti|"
     "mieux+sans+toi|besser+ohne+dich"},
    // profanity: strong (block) and mild (review).
    {C::kProfanity, 4, "profanity",
     "fuck*|fck|fcking|fuk|fukin*|motherf*|mofo|shit|shits|shitty|shitting|bullshit|horseshit|"
     "bitch|bitches|cunt|cunts|asshole*|arsehole*|dumbass|jackass|dickhead*|bastard|"
     "bastards|wanker*|twat|twats|puta|putas|hostia|joder|gilipollas|cabron|mierda|putain|merde|"
     "connard|salope|encule|scheisse|scheiss|arschloch|fotze|wichser; "
     "your|my|his|her|their|fat|lazy|smart|kiss+my|kick+your ~0:ass|arse"},
    {C::kProfanity, 2, "mild profanity",
     "damn|dammit|goddamn|the+hell|hell+of+a|crap|crappy|verdammt|fing|effing|kick+ass|"
     "ass+kicking|badass"},
    // prohibited_health_claim: curing, reversing or preventing disease; miracle weight loss.
    {C::kProhibitedHealthClaim, 5, "claims to cure or prevent a disease",
     "@cure_verb ~4:@disease; goodbye+to ~1:@disease"},
    {C::kProhibitedHealthClaim, 5, "a product claims to treat a disease",
     "treats|treat|fights|fight|kills|combats|relieves ~4:@disease",
     "oil|tea|supplement|supplements|capsules|pills|remedy|juice|cream|bracelet|insoles|"
     "extract|powder|vitamin|vitamins|herbal|cbd|tonic|drops|detox|blend|gummies"},
    {C::kProhibitedHealthClaim, 5, "prohibited health claim",
     "lose ~1:# ~0:pounds|lbs|kg|kilos|stone ~1:in ~1:# ~0:days|weeks; "
     "throw+away ~3:medication|medications|pills|meds|insulin; "
     "without+diet+or+exercise|without+dieting|sin+dieta|sans+regime|ohne+diat|miracle+cure|"
     "replaces+your+vaccine|replace+your+vaccine|instead+of+vaccines|no+need+for+vaccines"},
    // financial_guarantee: guaranteed gains, risk-free investing, money doubling.
    {C::kFinancialGuarantee, 5, "guaranteed financial gain", "&@guarantee ~3:@gain"},
    {C::kFinancialGuarantee, 5, "guaranteed financial gain",
     "guaranteed ~2:monthly+returns|weekly+returns|annual+returns|investment+returns; "
     "guaranteed+returns|returns+guaranteed|double+your+money|triple+your+money|doblar+tu+dinero|"
     "doublez+votre+argent|verdoppeln+sie+ihr+geld|get+rich+quick|duplica+tu+dinero|"
     "duplique+su+dinero|double+your+investment"},
    {C::kFinancialGuarantee, 5, "risk-free investment", "&@no_risk ~3:@investment"},
    {C::kFinancialGuarantee, 5, "promised multiplication of money", "turn ~0:# ~0:into ~0:#"},
    {C::kFinancialGuarantee, 5, "promised periodic returns",
     "earn|earns|make|makes|return|returns|gana|ganan|gagnez|verdienen ~2:# ~0:a|per|every|al|"
     "par|pro ~0:month|week|day|mes|mois|monat|woche|tag",
     "invest|investing|investment|members|capital|crypto|trading|fund|portfolio|inversion|"
     "placement|anlage"},
    // deceptive_urgency: false deadlines, threats to an account, fake scarcity.
    {C::kDeceptiveUrgency, 3, "deceptive urgency",
     "expires+in ~0:# ~0:minutes|mins|seconds; action+required ~2:account; "
     "account+will+be ~1:closed|suspended|deleted|terminated|locked; only ~0:# ~1:left; "
     "will+be+cancelled|will+be+canceled ~1:unless; unless+you ~1:confirm|verify|act|respond; "
     "will+never+be+repeated|never+be+repeated|or+lose+access|will+be+deleted+forever|"
     "deleted+forever|will+be+permanently+deleted|"
     "final+notice|act+now|act+immediately|never+come+back|last+chance+ever|"
     "before+its+too+late|urgent+action+required|avoid+suspension|verify+your+account|"
     "or+it+will+be+returned|people+are+viewing|people+are+looking|actua+ahora|"
     "ultima+oportunidad|perderas+tu+cuenta|agissez+maintenant|trop+tard|handeln+sie+sofort|"
     "sofort+handeln"},
    // competitor_disparagement: insults aimed at competitors (comparison itself is fine).
    {C::kCompetitorDisparagement, 3, "disparages competitors", "&@comp_ref ~4:@disparage"},
    {C::kCompetitorDisparagement, 3, "disparages competitors",
     "is+a+scam|is+a+total+scam|is+a+complete+scam|is+a+ripoff|are+scammers|are+crooks",
     "switch|unlike|compared|compare|instead|than|cambia|changez|wechseln"},
    // discriminatory_targeting: excluding a protected group from a job, home, loan or service.
    {C::kDiscriminatoryTargeting, 5, "excludes a protected group",
     "no|excluding|except|keine|kein|sin|sans|pas+de|not+available+to|not+open+to ~1:@protected",
     "@opportunity"},
    {C::kDiscriminatoryTargeting, 5, "restricted to a protected group",
     "@protected ~2:only|need+not+apply|neednt+apply|not+welcome", "@opportunity"},
    {C::kDiscriminatoryTargeting, 5, "restricted to a protected group",
     "only|solo|solamente|seulement|uniquement|nur ~1:@protected", "@opportunity"},
    {C::kDiscriminatoryTargeting, 5, "age or sex requirement for a job",
     "under|over|aged ~0:#; must+be+female|must+be+male|female+only|male+only|females+only|"
     "males+only|young+and+attractive",
     "hiring|applicants|candidates|vacancy|vacancies|seeking|receptionist|recruiting|cv|resume|"
     "job|role|position"},
    // minor_targeting: age-restricted products pitched to minors.
    {C::kMinorTargeting, 5, "age-restricted product aimed at minors", "&@minor ~12:@restricted"},
    // prompt_injection_artifact: model chatter, refusals and injected instructions.
    {C::kPromptInjectionArtifact, 4, "LLM artifact",
     "as+an+ai ~1:language+model|model|assistant|chatbot|i; "
     "certainly|sure|absolutely ~0:here+is+an|here+is+a|heres+an|heres+a ~2:email|message|"
     "version|draft|subject; "
     "sure+heres+a|sure+here+is+a ~3:email|message|version|draft; "
     "ignore ~2:previous+instructions|prior+instructions|above+instructions; "
     "as+a+language+model|as+a+large+language+model|i+cannot+fulfill|i+cant+fulfill|"
     "i+cant+assist|i+cannot+assist|im+sorry+but+i+cant|im+sorry+but+i+cannot|"
     "i+am+unable+to+comply|here+is+the+revised|here+is+a+revised|heres+the+revised|"
     "subject+line+and+body|feel+free+to+adjust|feel+free+to+tweak|feel+free+to+customize|"
     "you+can+use+this+email|"
     "reveal+the+system+prompt|i+have+made+up|please+verify+before+sending|knowledge+cutoff|"
     "note+to+self|lorem+ipsum|replace+this+paragraph|replace+this+text|replace+this+section|"
     "once+legal+approves|insert+offer+here|add+link+here|"
     "en+tant+que+modele+de+langage|como+modelo+de+lenguaje|als+ki+sprachmodell|"
     "als+sprachmodell"},
    // spam_signals: each phrase is one point; screen.cc turns points into a severity.
    {C::kSpamSignals, 1, "spam phrase",
     "click+here|click+now|free+gift|claim+your|you+have+been+selected|lucky+winner|winner|"
     "congratulations|felicitations|felicidades|herzlichen+gluckwunsch|100+free|no+catch|"
     "earn+extra+cash|from+home|no+experience+needed|make+money+fast|haga+clic|cliquez+ici|"
     "klicken+sie+hier|gratis|vous+avez+gagne|has+ganado|buy+now|limited+offer|limited+time|"
     "act+now|no+credit+check|cash+now|amazing+offers"},
};

}  // namespace

const std::vector<LexiconRule>& builtin_rules() { return kRules; }
const std::vector<LexiconClass>& builtin_classes() { return kClasses; }

}  // namespace tailor::safety
