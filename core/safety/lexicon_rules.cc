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
  "gypsies|roma|travellers|zigeuner|trans|transgender|bisexuals|queers|africans|nigerians|"    \
  "somalis|pakistanis|indians|chinese|romanians|bulgarians|albanians|poles|the+polish|turks|"   \
  "syrians|afghans|asylum+seekers|illegals|illegal+immigrants|hindus|sikhs|catholics|"          \
  "moros|negros|polacos|rumanos|africains|arabes|roumains|polonais|turken|rumanen|afrikaner|"   \
  "the+irish|the+english|the+scots|the+welsh|disabled+people|the+disabled|cripples|roms|"      \
  "black+customers|gay+couples|hindus+and+sikhs"

const std::vector<LexiconClass> kClasses = {
    {"group", GROUPS},
    // Groups named in exclusion slogans; not "trans" ("better without trans fats") or
    // "travellers" ("we send travellers home happy").
    {"hated",
     "immigrants|migrants|refugees|foreigners|muslims|jews|blacks|gays|gypsies|roma|africans|"
     "asians|arabs|mexicans|asylum+seekers|illegals|poles|romanians|pakistanis|the+polish|"
     "hindus|sikhs|black+people|roms|moros|gay+people|the+jews|the+muslims|los+extranjeros|"
     "les+juifs|les+etrangers|die+auslander|zigeuner|gitanos|black+customers|"
     "inmigrantes|extranjeros|etrangers|immigres|auslander|fluchtlinge"},
    {"minority",
     "immigrants|foreigners|muslims|jews|hindus|sikhs|catholics|christians|gays|gay+couples|"
     "lesbians|refugees|migrants|mothers|single+mothers|pregnant+women|disabled+people|"
     "the+disabled|black+customers|black+people|asians|arabs|mexicans|people+on+benefits|"
     "over+50s|over+60s|over+40s|inmigrantes|extranjeros|etrangers|auslander|roms|moros|"
     "musulmanes|detrangers|dimmigres|travellers|gypsies"},
    {"person",
     "you|u|ya|him|her|them|everyone|everybody|anyone|anybody|somebody|someone|people|staff|"
     "whoever|the+next+person|the+next+courier|the+next+customer|"
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
     "ungeziefer|parasiten|abschaum|tiere|disgusting|degenerates|disease|a+disease|a+cancer|"
     "a+virus|a+plague|a+curse|locusts|leeches|apes|monkeys|barbarians|primitive|inbred|"
     "like+rats|like+animals|like+vermin|like+cockroaches|like+dogs|like+pigs|like+locusts|"
     "una+plaga|una+enfermedad|une+maladie|une+plaie|eine+plage|eine+krankheit|a+burden|"
     "a+drain|a+waste+of+space|an+infestation|infestation|trash|garbage|lazy+scroungers|"
     "scroungers|benefit+scroungers|freeloaders|all+criminals|all+thieves|all+terrorists|"
     "violent+by+nature|evil|backward|smelly|stinking|greedy+liars|liars+and+cheats"},
    {"copula", "are|r|were|is|son|sont|sind|seid|ist"},
    // Round 5: who an exclusion is about (an origin, a religion, a colour, a nationality as an
    // adjective) and the people it is said of.
    {"origin_adj",
     "immigrant|migrant|foreign|muslim|jewish|black|gay|gypsy|refugee|arab|asian|african|"
     "mexican|polish|romanian|islamic|christian|white|european|native|british|english|french|"
     "german|spanish|dutch|chinese|indian|pakistani|nigerian|turkish|hindu|sikh|catholic|"
     "latino|hispanic|middle+eastern|nederlandse|espanolas|espanoles|espanola|espanol|"
     "francais|francaises|deutsche|deutschen|italiani|italiane|blancos|blancas|blancs|"
     "blanches|weisse|witte|extranjeros|extranjeras|etrangers|etrangeres|auslandische|"
     "francesas|franceses|alemanes|alemanas|inglesas|ingleses|italianas|italianos|"
     "cristianas|cristianos|catolicas|catolicos|europeas|europeos|britanicos|britanicas|"
     "espagnols|espagnoles|allemands|allemandes|anglais|anglaises|blanke|christliche"},
    {"people_noun",
     "families|family|people|persons|couples|tenants|buyers|applicants|candidates|guests|"
     "customers|men|women|workers|staff|drivers|familias|parejas|personas|inquilinos|"
     "candidatos|compradores|familles|personnes|menages|couples|locataires|candidats|"
     "mannen|vrouwen|gezinnen|huurders|kandidaten|familien|paare|mieter|bewerber|"
     "bewerberinnen|manner|frauen|famiglie|coppie|inquilini|candidati"},
    // Group names used as adjectives ("immigrant vermin", "muslim scum").
    {"group_adj",
     "immigrant|migrant|foreign|muslim|jewish|black|gay|gypsy|refugee|arab|asian|african|"
     "mexican|polish|romanian|paki|islamic|trans|queer|tranny|migrant+worker"},
    // A body part or a belonging of the reader's, as the object of a harm verb.
    {"body",
     "bone|bones|legs|arms|face|hand|hands|kneecaps|knees|jaw|nose|teeth|neck|ribs|skull|"
     "gambe|braccia|faccia|piernas|brazos|cara|beine|knochen|arme|jambes|bras|figure|gueule"},
    // Who threatens, and the modal that makes it a promise ("we'll", "I'm going to").
    {"threat_subject",
     "i|we|ill|well|im|were|someone|somebody|my+lads|the+lads|my+boys|our+guys|they|theyll"},
    {"threat_modal",
     "will|ll|gonna|going+to|are+going+to|am+going+to|is+going+to|shall|can|could|would"},
    // Harm done to a person ("hurt", "batter"); "shoot" and "beat" are left out ("shoot you a
    // message", "we'll beat any price").
    {"harm_person_verb",
     "hurt|harm|kill|murder|stab|batter|punch|strangle|drown|poison|maim|cripple|torch|bury|"
     "slash|knife|glass|kneecap|throttle|choke|smack|thump|deck|floor|waste|end|finish+off|"
     "beat+up|rough+up|do+in|sort+out"},
    {"you_object", "you|u|ya|him|her|them|your+family|your+kids|your+wife|your+husband"},
    {"removal",
     "deported|removed|banned|gassed|shot|eliminated|exterminated|locked+up|sterilised|"
     "sterilized|wiped+out|thrown+out|kicked+out|sent+back|burned|burnt|hanged|hung|lynched|"
     "rounded+up|put+down|culled|purged|segregated|expelled|abgeschoben|deportados|expulses"},
    {"harm_verb",
     "break|breaking|smash|smashing|shatter|crack|spezziamo|spezzo|spacco|spacchiamo|rompemos|"
     "rompo|romperemos|brechen|breche|cassons|casser|casse"},
    {"you",
     "you|u|ya|youre|ur|eres|espece+de|du|vous+etes|tes+vraiment|tes+trop|tes+un|tes+une|"
     "tu+es"},
    {"insult",
     "idiot|idiots|moron|morons|stupid|loser|losers|pathetic|worthless|deadbeat|dumb|"
     "imbecile|cretin|retard|retarded|scumbag|idiota|imbecil|estupido|estupida|tonto|connard|"
     "debile|vollidiot|trottel|depp|blode|hasslich|fat+pig|fool|freak|clown|useless|brainless|"
     "clueless|dimwit|halfwit|nitwit|numpty|muppet|slob|pig|cow|brat|embarrassment|disgrace|"
     "waste+of+space|waste+of+oxygen|leech|parasite|lardass|freeloader|scrounger|cheapskate|"
     "failure|totaler+versager|gros+nul|prat|twit|plonker|pillock|wally|berk|dunce|buffoon|"
     "simpleton|weirdo|psycho|lunatic|peasant|pleb|sponger|"
     "payaso|fracasado|fracasada|inutiles|bouffon|cretin|cretins|vollpfosten|lappen|"
     "cretino|stupido|stupida|imbecille|fallito|fallita|sfigato|otario|fracassado|"
     "babaca|inutil|inutile|versager|dummkopf|"
     "dummer|dumme|bete|nul|nulle|idiote|tonta|estupido|pringado|perdedor|minable|abruti|"
     "blodmann|penner"},
    {"cure_verb",
     "cure|cures|cured|curing|heal|heals|healed|reverse|reverses|reversed|eliminate|eliminates|"
     "eradicate|eradicates|prevent|prevents|curan|cura|curar|guerit|guerir|"
     "guerissent|heilt|heilen|besiegt|besiegen|fixes|shrinks|shrink|dissolves|dissolve|destroys|destroy|"
     "wipes+out|wipe+out|flushes+out|flush+out|regrows|regrow|beats|defeats|elimina|eliminan|"
     "fait+disparaitre|font+disparaitre|beseitigt|beseitigen|bekampft"},
    {"disease",
     "cancer|cancers|diabetes|arthritis|hypertension|covid|coronavirus|alzheimers|alzheimer|"
     "dementia|parkinsons|hiv|aids|depression|anxiety|insomnia|asthma|obesity|herpes|autism|"
     "disease|diseases|illness|illnesses|infection|infections|disorder|disorders|syndrome|"
     "eczema|psoriasis|migraine|migraines|fibromyalgia|lupus|autoimmune|cholesterol|stroke|"
     "adhd|tumor|tumors|viruses|kidney+stones|gallstones|joint+pain|chronic+pain|back+pain|"
     "heart+attack|heart+attacks|clogged+arteries|baldness|hair+loss|bluthochdruck|"
     "leczema|lasthme|larthrite|lhypertension|le+cancer|el+cancer|la+diabetes|asthme|"
     "arthrose|hipertension|la+hipertension|migraines|"
     "tumour|tumours|krebs|artritis|diabete|hepatitis|malaria|epilepsy|schizophrenia|"
     "blood+pressure|heart+disease|multiple+sclerosis"},
    {"guarantee",
     "guaranteed|guarantee|guarantees|garantizado|garantizados|garantizada|garantizadas|"
     "garanti|garantis|garantie|garanties|garantierte|garantiert|garantierter|asegurado|"
     "asegurados|asegurada|aseguradas|assure|assures|assuree|assurees"},
    {"gain",
     "profit|profits|income|gains|yield|yields|roi|payout|payouts|approval|rendimientos|"
     "mietrendite|renditen|mieteinnahmen|rentabilidad|rentabilidade|rendimento|rendimenti|"
     "trading|forex|bitcoin|crypto|"
     "rendimiento|ganancias|rendement|rendements|benefices|rendite|gewinn|gewinne|ertrag|"
     "retire|zinsen|annual+return|monthly+return|intereses|interets"},
    {"no_risk",
     "risk+free|zero+risk|no+risk|sin+riesgo|sans+risque|ohne+risiko|no+risk+at+all|"
     "without+any+risk|sin+ningun+riesgo|aucun+risque|aucun+risque+de+perte|"
     "ganz+ohne+risiko|kein+risiko|safe+as+houses|cant+lose|cannot+lose|never+lose|"
     "ohne+jedes+risiko|ohne+jegliches+risiko|sem+risco|sem+nenhum+risco|senza+rischi|"
     "senza+alcun+rischio|zonder+risico"},
    {"investment",
     "invest|investing|investment|investments|profit|trading|placement|inversion|"
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
     "wohnung|mieter|vermieten|kredit|credit+card|bank+account|insure|insurer|appartments|"
     "apartments|rooms+to+let|to+let|gesucht|lagerhelfer|vendeuse|preventivi|assicurazione|"
     "assicuriamo|conducenti|mortgages|landlord|pcm|"
     "mortgages|approvals|se+busca|buscamos|camarera|camarero|recrute|recrutons|gesucht|"
     // Round 5: Dutch, German, French, Italian job, home and credit words; property and cover.
     "vacature|gezocht|zoekt|huur|huren|woning|sollicitatie|aushilfe|aushilfen|bewerbung|"
     "bewerbungen|mitarbeiterin|mitarbeiter|einstellen|stellen+ein|pret|immobilier|"
     "logements|locataire|affitto|affittiamo|lavoro|cercasi|assumiamo|plots|property|"
     "properties|villas|rentals|cover|policy|quote|buyers|tenancy"},
    {"minor",
     "kids|kid|teens|teen|teenagers|teenager|children|child|underage|minors|high+school|"
     "high+schoolers|schoolers|freshmen|pupils|graders|sixth+formers|year+7s|year+8s|year+9s|"
     "year+10s|year+11s|"
     "middle+school|school+students|after+class|under+18|under+21|your+parents|no+id|"
     "without+id|asks+for+id|ninos|ninas|menores|enfants|ados|adolescents|kinder|jugendliche|"
     "schuler|turning+13|turning+14|turning+15|turning+16|turning+17|under+13|under+14|"
     "under+15|under+16|under+17|aged+13|aged+14|aged+15|aged+16|aged+17|13+year+olds|"
     "14+year+olds|15+year+olds|16+year+olds|ask+mum|ask+your+mum|ask+mom|ask+your+mom|"
     "ask+your+dad|mums+card|moms+card|your+mums+card|your+moms+card|back+to+school|"
     "schoolkids|school+kids|fortnite+fans|roblox+fans|minecraft+fans|under+age|"
     // Saying the seller skips the age check is aiming at those it would stop.
     "dont+id|we+dont+id|no+id+needed|no+id+required|no+id+verification|no+id+checks|"
     "keine+ausweiskontrolle|ohne+ausweis|sem+bi|sin+dni|sans+carte+didentite|youngsters|"
     "sixth+formers|schools+out|13th+bday|13th+birthday|14th+birthday|15th+birthday|"
     "16th+birthday|13+anos|14+anos|15+anos|16+anos|13+jahre|14+jahre|15+jahre|16+jahre|"
     "study+break|school+halls"},
    {"restricted",
     "alcohol|beer|beers|seltzer|seltzers|vodka|whisky|whiskey|rum|tequila|cigarettes|cigarette|"
     "cigs|smoke|smoking|vape|vapes|vaping|nicotine|tobacco|betting|first+bet|free+bet|casino|"
     "gamble|gambling|poker|loot+boxes|apuesten|apuestas|apostar|cerveza|alcool|biere|bier|"
     "round+of+shots|shots+on+us|tequila+shots|jello+shots|alcopop|alcopops|cider|lager|"
     "slots+app|slot+machines|online+slots|sportsbook|scratchcards|lottery+tickets|"
     "spirits|liquor|booze|hard+lemonade|"
     "zigaretten|wetten|real+money|win+real+money|spin+the+wheel|loot+crates|loot+crate|"
     "bet+your+skins|skin+betting|skins+betting|nicotine+pouches|snus|shisha|hookah|"
     "rolling+papers|alcopop|ipa|hard+seltzer|elf+bar|elf+bars|wodka|saufen|cerveja|"
     "roulette|blackjack|free+bet|sports+bet"},
};

const std::vector<LexiconRule> kRules = {
    // hate: slurs, dehumanisation of a group, exclusion slogans, violence against a group.
    {C::kHate, 6, "slur",
     "nigger*|nigga|niggas|faggot*|fags|fag|kike|kikes|spics|wetback*|raghead*|towelhead*|"
     "tranny|trannies|chinks|gooks|sudaca|sudacas|bougnoule*|kanake*|gyppo|gyppos|hymie|hymies|"
     "japs|redskin|redskins"},
    {C::kHate, 6, "dehumanising a group", "@group ~1:@copula ~2:@dehumanize"},
    {C::kHate, 6, "violence against a group", "@threat_verb ~2:@group"},
    {C::kHate, 6, "dehumanising a group",
     "@group ~1:breed+like|multiply+like|breed+faster; "
     "cleaner|better|safer|nicer|purer ~0:without ~1:@hated; "
     "@group ~1:control ~1:the+banks|the+media|the+world|hollywood|the+government|everything; "
     "muslim|jew|jewish|black|gay|immigrant|foreigner|migrant|gypsy|roma|arab|asian|african "
     "~0:free ~0:zone|area|shop|store|street|town|country"},
    {C::kHate, 5, "exclusion slogan",
     "keep ~2:@hated ~0:out; kick ~2:@hated ~0:out; send ~2:@hated ~0:back|home; "
     "deport ~2:@hated; get+rid+of ~2:@hated; "
     "we+hate|i+hate|odiamos|odio+a|hassen|wir+hassen|detestons|on+deteste ~2:@hated; "
     "no ~0:@hated ~0:allowed|welcome|please; not+for ~0:@hated; real+locals ~2:not; "
     "@hated ~1:cant|cannot|can+not ~0:shop|come|eat|stay|enter|live; "
     "@hated ~1:ruin|ruins|destroy|destroys|spoil|spoils ~1:everything|our+country|"
     "this+country|the+neighbourhood|our+town; "
     "@group ~0:raus; dehors+les|fuera+los|fuera+las|raus+mit+den ~0:@group; "
     "go+back+where|back+where+they+came+from|back+where+you+came+from; "
     "wir+bedienen+keine|no+atendemos+a|nous+ne+servons+pas|we+dont+serve|we+do+not+serve ~1:@group; "
     "deserve+to+be+wiped+out|dont+deserve+to+live|deserve+to+die|should+be+exterminated|"
     "exterminate|wipe+out ~2:@hated; world+needs+fewer|needs+fewer ~0:@hated; "
     "@hated ~1:deserve+to+be+wiped+out|dont+deserve+to+live|deserve+to+die; "
     "que+se+vayan|dass+sie+verschwinden|quils+partent"},
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
    {C::kHarassment, 5, "insult aimed at the reader",
     "what+kind+of|what+sort+of ~0:loser|losers|idiot|idiots|moron|morons|freak|muppet; "
     "hey|listen+up|oi ~0:loser|losers|idiot|idiots|stupid|fool|moron|dummy|numpty|muppet; "
     "numpty|idiot|moron|loser|worthless|useless|fool|clown ~2:like+you; "
     "you+look ~1:ugly|fat|old|disgusting|pathetic|stupid; too+ugly|too+stupid|too+dumb|too+fat+to; "
     "seul+un|solo+un|nur+ein|only+an+idiot|only+a+loser ~0:nul|inutil|versager|idiot|abruti|"
     "imbecile|loser|idiota|tonto; "
     "cant+hide+from+us|you+cant+hide|we+have+your+address|we+will+be+visiting|"
     "well+be+visiting|your+family+will+hear|your+employer+will+hear|your+boss+will+hear|"
     "well+tell+your+family|well+tell+your+boss; "
     "nobody+wants ~4:your+ugly|you+around; "
     "your ~0:ugly|fat|stupid|pathetic|useless|worthless ~0:face|self|body|opinion; "
     "youre+a+burden|you+are+a+burden|nobody+loves+you|no+one+loves+you|nobody+likes+you|"
     "no+one+likes+you|personne+ne+taime|nadie+te+quiere|niemand+liebt+dich|"
     "ni+siquiera+sabes|youre+too+stupid|you+are+too+stupid|too+dumb+to"},
    {C::kHarassment, 5, "intimidation",
     "we+have+photos+of+your|we+have+pictures+of+your|were+watching+you|we+are+watching+you|"
     "we+know+your+address; we+know+where+your ~1:kids|children|family|wife|husband; "
     "we+know+where+you ~0:live|work|sleep"},
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
     "pornstar|pornstars|cam+girls|cam+models|camgirls|dick+pics|sex+toys|sex+toy|dildo|dildos|"
     "orgasm|orgasms|masturbation|threesome|threesomes|one+night+stand|one+night+stands|"
     "rencontres+coquines|coquines|sans+lendemain|sexo+contigo|quieren+sexo|suchen+sex|"
     "sex+in+deiner|geile+frauen; geile|chaudes|calientes ~0:mujeres|chicas|frauen|femmes; "
     "get+her+wet|make+her+wet|wet+in+seconds|hot+singles|sexy+teens|enlarge+your+penis|"
     "penis+enlargement|hot+babes|hookups|hook+ups|pornos|sext|our+strippers|strippers+will|"
     "strippers+at+your|satisfy+her+all+night; no+strings+attached ~6:hookups|hookup|discreet|"
     "singles|sex|dating|babes; "
     "hardcore|uncensored|explicit ~2:scenes|clips|videos|movies|pics|photos|cams; "
     "want|wants|looking+for|suchen|quieren|cherchent|veulent ~2:sex|sexo|sexe; "
     "sex|sexo|sexe ~2:tonight|near+you|in+your+area|contigo|avec+toi|esta+noche|ce+soir|"
     "heute+nacht"},
    {C::kSexual, 5, "explicit sexual content",
     "strip+for+you|will+strip|strippers+for|no+limits+girls|"
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
    {C::kViolence, 5, "threat of violence",
     "punch|smash|kick|knock|bash|cave ~2:teeth|skull|skulls|lights+out|head+in|face+in; "
     "slit ~2:throat|throats|wrists; cut+your+throat|cut+their+throat|cut+his+throat; "
     "shoot+them+dead|shoot+anyone+who|shoot+shoplifters|shoot+intruders|shoot+trespassers|"
     "shoot+looters|shoot+protesters|shoot+first+ask+questions+later|shoot+on+sight|"
     "shoot+to+kill; hunt+down ~4:protesters|people|@group|every+last+one; "
     "youll+be|you+will+be|youll+end+up|you+will+end+up ~1:found+in+a+ditch|in+a+ditch|"
     "found+dead|in+a+body+bag|in+a+coffin|in+the+morgue|in+hospital|in+the+hospital; "
     "machete|machetes|pitchforks|molotov|molotovs ~6:neighbourhood|neighborhood|those+people|"
     "@hated; clear+out+the+neighbourhood|clear+out+the+neighborhood|"
     "cleanse+the+streets|cleanse+the+neighbourhood; "
     "put+a+bullet+in|bullet+in+your|bullet+in+his|should+be+shot|deserve+to+be+shot|"
     "youll+bleed|you+will+bleed|make+you+bleed|strangle+whoever|stab+the+next|"
     "coming ~4:with+guns|with+knives|with+bats; "
     "wir+bringen+dich+um|bringen+dich+um|brechen+dir ~1:die+beine|die+knochen; "
     "zunden+dein+haus|zuenden+dein+haus|dein+haus+an|te+rompemos|te+rompo|on+te+casse|te+casse "
     "~2:las+piernas|la+cara|les+jambes|la+gueule|les+bras; "
     "vamos+a+quemar ~1:tu+casa|tu+tienda; "
     "schadel+ein|schaedel+ein|die+fresse+polieren|zahne+ein|zaehne+ein|te+rompo+la+cara|"
     "te+parto+la+cara|casser+la+figure|casse+la+gueule; "
     "burn|brule|brulera|brulerons|bruler|quemamos|quemaremos|verbrennen|abfackeln ~2:your+house|"
     "your+home|your+shop|your+car|ta+maison|votre+maison|ton+magasin|votre+magasin|ta+voiture|"
     "tu+casa|tu+tienda|dein+haus|deinen+laden; "
     "shame+if+something+happened|shame+if+anything+happened|shame+if+something+were+to|"
     "something+might+happen+to+you|make+sure+you+regret|well+make+you+regret|"
     "youll+regret+crossing|accidents+happen+to+people+who"},
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
    {C::kSelfHarm, 6, "encouraging self-harm",
     "stop+eating ~0:for+a+few+days|for+days|for+a+week|for+weeks|entirely|altogether; "
     "just+stop+eating; dont+eat ~0:for+days|for+a+week|anything+for; "
     "favour|favor ~2:and+disappear|and+die|and+end+it|and+kill+yourself|disappear+forever; "
     "jump+in+front+of|jump+off+a+bridge|jump+off+a+roof|jump+off+a+cliff|"
     "throw+yourself+off|throw+yourself+under|drink+bleach|"
     "ana+buddies|ana+buddy|ana+coach|mia+buddies|thinspiration|meanspo|bonespo|"
     "quitate+la+vida|quitarte+la+vida|matate|muerete|fin+a+tes+jours|fin+a+vos+jours|"
     "nimm+dir+das+leben|bring+dich+doch+um; "
     "swallow+the+whole+bottle|take+the+whole+bottle|take+all+the+pills|throw+up+after|"
     "skip+meals+until|until+you+faint|hasta+desmayarte|deja+de+comer|arrete+de+manger|"
     "hor+auf+zu+essen; "
     "just+end+it|end+it+now ~6:nobody+will+notice|no+one+will+notice|nobody+would+notice|"
     "nobody+cares|no+one+cares|miserable|worthless; hazte+un+favor+y ~2:muere|desaparece"},
    // profanity: strong (block) and mild (review).
    {C::kProfanity, 4, "profanity",
     "suck+balls|sucks+balls|fuck*|fck|fcking|fuk|fukin*|motherf*|mofo|shit|shits|shitty|shitting|bullshit|horseshit|"
     "bitch|bitches|cunt|cunts|asshole*|arsehole*|dumbass|jackass|dickhead*|bastard|"
     "bastards|wanker*|twat|twats|puta|putas|hostia|joder|gilipollas|cabron|mierda|putain|merde|"
     "connard|salope|encule|scheisse|scheiss|arschloch|fotze|wichser|vaffanculo|cazzo|stronzo; "
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
    {C::kProhibitedHealthClaim, 5, "tells the reader to drop medical treatment",
     "ditch|ditched|throw+away|stop+taking|bin|quit|replace|replaces|no+need+for|dont+need|"
     "instead+of ~2:insulin|chemo|chemotherapy|medication|medications|meds|antibiotics|inhaler|"
     "statins|antidepressants|vaccines|vaccine|your+doctor; "
     "no ~0:chemo|medication|antibiotics|insulin ~0:needed|required; "
     "never+get+sick|never+be+sick|never+get+ill|never+fall+ill|never+catch+a+cold; "
     "beat|beats|fix|fixes|kill|kills|zap|zaps ~1:@disease ~4:guaranteed|overnight|in+#+days|"
     "in+days|for+good|forever|naturally; @disease ~6:reverses+it|cures+it|fixes+it|heals+it; "
     "fixes|detox+away|adios+a|goodbye+to ~1:@disease; "
     "melt ~1:belly+fat|fat|the+fat ~2:overnight|in+days|in+a+week; "
     "drop ~0:# ~0:dress+sizes|sizes ~2:in; burn+fat+while+you+sleep|"
     "lose+weight+while+you+sleep|blocks+all+the+fat; "
     "# ~0:kilos|kg|pounds|lbs ~0:in ~0:# ~0:days"},
    {C::kProhibitedHealthClaim, 5, "prohibited health claim",
     "lose|drop|shed|melt|burn ~1:# ~0:pounds|lbs|kg|kilos|stone ~2:in|within ~1:#|one|two|three|"
     "four|five|six|a ~0:days|weeks|week|month|day; "
     "regrows+hair|regrow+hair|regrow+your+hair|hair+on+bald; "
     "clear|unclog ~1:your|the ~0:arteries; never+worry+about ~2:@disease; "
     "@disease ~2:gone|disappears|vanishes|is+gone|are+gone|is+history; "
     "vaccines|vaccine|vaccinations|vacunas|impfungen ~1:are|is|cause|causes|sind|son "
     "~1:poison|toxic|dangerous|autism|deadly|gift|veneno"},
    {C::kProhibitedHealthClaim, 5, "prohibited health claim",
     "eating+whatever+you+want|eat+whatever+you+want|eat+anything+you+want|"
     "without+giving+up+food",
     "kilos|kg|pounds|lbs|stone|weight|fat|slim|slimming"},
    // financial_guarantee: guaranteed gains, risk-free investing, money doubling.
    {C::kFinancialGuarantee, 5, "guaranteed financial gain", "&@guarantee ~3:@gain"},
    {C::kFinancialGuarantee, 5, "guaranteed financial gain",
     "guaranteed ~2:monthly+returns|weekly+returns|annual+returns|investment+returns; "
     "guaranteed+returns|returns+guaranteed|risk+free+returns|no+risk+returns|zero+risk+returns|"
     "returns+risk+free|double+your+money|triple+your+money|doblar+tu+dinero|"
     "doublez+votre+argent|verdoppeln+sie+ihr+geld|get+rich+quick|duplica+tu+dinero|"
     "duplique+su+dinero|double+your+investment"},
    {C::kFinancialGuarantee, 5, "risk-free investment", "&@no_risk ~3:@investment"},
    {C::kFinancialGuarantee, 5, "promised multiplication of money", "turn ~0:# ~0:into ~0:#"},
    {C::kFinancialGuarantee, 5, "promised periodic returns",
     "earn|earns|make|makes|return|returns|gana|ganan|gagnez|verdienen ~2:# ~0:a|per|every|al|"
     "par|pro ~0:month|week|day|mes|mois|monat|woche|tag",
     "invest|investing|investment|members|capital|crypto|trading|fund|portfolio|inversion|"
     "placement|anlage"},
    {C::kFinancialGuarantee, 5, "guaranteed financial gain",
     "sichere|sicherer|sicheren ~2:zinsen|rendite|rendite; placement+sur|rendement+assure|"
     "ganancias+aseguradas|your+profits+are+certain|profits+are+certain|returns+are+certain|"
     "never+lose+money|"
     "cant+lose+money|returns+cant+fall|returns+never+fall|never+loses|cannot+lose+money|"
     "guaranteed+no+matter+what+the+market|no+matter+what+the+market+does; "
     "double|triple|quadruple ~0:your ~0:savings|cash|pension|capital|stake|deposit; "
     "# ~0:a|per|every ~0:month|week|day|year ~1:guaranteed|with+zero+risk|zero+risk|no+risk|"
     "risk+free; "
     "be+a+millionaire|become+a+millionaire|youll+be+a+millionaire ~3:by|in|within|overnight"},
    {C::kFinancialGuarantee, 5, "risk-free investment", "@no_risk",
     "invest|investment|investing|investments|investors|fund|crypto|profit|profits|"
     "zinsen|ganancias|placement|rendement|rendite|millionaire|trading|signals|"
     "portfolio|inversion|inversiones|anlage|geldanlage|dividend|dividends"},
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
    {C::kDiscriminatoryTargeting, 5, "excludes a protected group",
     "only|exclusively ~5:born+in|natives|native+born|british+born|uk+born|nationals|"
     "white+british; cant|cannot|dont|do+not|wont|will+not|refuse+to ~0:insure|hire|employ|"
     "rent+to|lend+to|offer|rent|lend|sell+to ~4:@minority; no+se+admiten|no+aceptamos ~1:@minority; "
     "@protected ~0:abstenerse; not+available+for|not+available+to|not+offered+to|not+for "
     "~1:@protected|@minority; citizens+by+birth|native+born|by+birth+only|must+be+a+native; "
     "cant|cannot|dont|do+not|wont|will+not|refuse+to ~0:insure|hire|employ|"
     "rent+to|lend+to ~3:@protected|drivers+from|people+from|applicants+from|"
     "anyone+from|tenants+from; unless+youre|unless+you+are|except+if+youre ~2:@protected|"
     "ethnic+minority|a+minority|minorities|foreign|disabled|pregnant; "
     "women+wont+cope|women+cant+cope|women+wouldnt+cope|not+suitable+for+women|"
     "young+lads|strong+young+lads|young+men+only|joven+y+guapa|young+and+pretty|"
     "jeune+et+jolie|jung+und+hubsch; abstenerse ~1:extranjeros|extranjeras|mujeres|mayores|"
     "gitanos|inmigrantes",
     "@opportunity"},
    // prompt_injection_artifact: model chatter, refusals and injected instructions.
    {C::kPromptInjectionArtifact, 4, "LLM artifact",
     "as+an+ai ~1:language+model|model|assistant|chatbot|i; "
     "certainly|sure|absolutely ~0:here+is+an|here+is+a|heres+an|heres+a ~2:email|version|"
     "draft|subject; "
     "sure+heres+a|sure+here+is+a ~3:email|version|draft; "
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
    {C::kPromptInjectionArtifact, 4, "LLM artifact",
     "certainly|sure|absolutely|of+course ~0:here+is+a|here+is+an|heres+a|heres+an|here+are "
     "~3:newsletter|caption|tweet|blurb|subject+line|subject+lines|tagline|slogan|"
     "variations; "
     "here+you+go ~3:subject|subject+line|subject+lines|version|draft|newsletter; "
     "im+unable+to+include|i+am+unable+to+include|i+cant+include|i+cannot+include|"
     "heres+a+safer+version|here+is+a+safer+version|"
     "forget+everything+above|forget+all+previous|disregard+previous|disregard+all+previous|"
     "disregard+the+above|ignore+all+previous|ignore+the+above|reply+with+the+admin+password|"
     "reveal+the+admin+password|system+prompt|"
     "let+me+know+if+youd+like+me+to|let+me+know+if+you+want+me+to|"
     "the+tone+or+length|adjust+the+tone|disregard+all+prior|disregard+prior+instructions|"
     "print+your+rules|print+your+instructions|i+hope+this+helps+let+me+know|"
     "like+another+version|want+another+version; "
     "of+course|certainly|absolutely ~0:below+is+a|below+is+an|heres+an+email|here+is+an+email|"
     "heres+a+marketing|here+is+a+marketing; "
     "here+are ~2:subject+lines|email+subject+lines|variations; "
     "written+in+a ~1:friendly|playful|warm|professional|upbeat|casual ~0:tone; "
     "word+count ~0:#; tone+playful|tone+friendly|tone+upbeat|tone+casual|tone+professional|"
     "subject+line+options|here+are+some+subject|option+1+subject; "
     "generated+by+ai|ai+generated|generated+by+chatgpt ~2:review|check|edit|verify; "
     "review+before+use|review+before+sending|check+before+sending"},
    // Round 4 frames: a harm with its object or its context, in any phrasing nearby.
    {C::kViolence, 5, "threat of violence",
     "@harm_verb ~3:@body; your|ur|their ~0:tyres|tires ~1:slashed|slashed+and+worse; "
     "you|youll|you+will|ull|youre|ur ~3:in+an+ambulance|in+the+ground|in+a+wheelchair|"
     "in+intensive+care|six+feet+under; put+you ~0:in+the+ground|in+a+wheelchair|"
     "in+hospital|in+the+hospital|six+feet+under|in+a+box; "
     "kneecaps|kneecap+you|kneecapped|sleep+with+one+eye+open|we+found+your+address|"
     "found+your+address|where+your+kids+go+to+school|where+your+children+go+to+school|"
     "deserves+a+bullet|deserve+a+bullet|gets+a+bullet|get+a+bullet|una+pallottola|"
     "une+balle+dans|una+bala+en|eine+kugel+in|sappiamo+dove+abiti|so+dove+abiti|"
     "ti+ammazzo|ti+ammazziamo|vi+ammazziamo; ihnen|dir|euch ~0:wehtun|weh+tun; "
     "someone+should|somebody+should|they+should ~1:@threat_verb|poison|shoot|stab|"
     "beat|burn; poison ~4:owner|owners|you|him|her|them|neighbour|neighbor; "
     "come|coming|come+round|come+over|turn+up|show+up ~4:with ~2:a+hammer|hammer|"
     "baseball+bat|a+bat|crowbar|a+knife|knives|a+gun|guns|machete|a+machete; "
     "getting+shot|get+shot|be+shot ~4:land|property|shop|store|again"},
    {C::kViolence, 5, "threat of violence",
     "paying|pay|give ~2:your+family|your+kids|your+wife|your+husband|you ~1:a+visit|a+little+visit",
     "owe|debt|pay+up|last+warning|final+warning|or+else|if+you+dont|if+you+do+not|complain|"
     "review|balance|outstanding"},
    {C::kSelfHarm, 6, "encouraging self-harm",
     "kill|k1ll ~0:yrself|yaself|ya+self|your+slef|urslef|yoself; "
     "better+off+gone|better+off+dead|you+know+the+way+out|know+the+way+out|"
     "nobody+will+miss+you|no+one+will+miss+you|nobody+would+even+notice|"
     "nadie+te+echara+de+menos|personne+ne+te+manquera|niemand+wird+dich+vermissen|"
     "nessuno+ti+manchera|deja+de+luchar|stop+fighting+it; "
     "world ~3:better ~2:if+you|if+u|without+you|without+u ~2:ended+it|end+it|were+gone|"
     "died|disappeared|werent+here; if+u+just+ended+it|if+you+just+ended+it|just+end+it+all; "
     "take|swallow ~2:all ~2:pills|tablets|meds ~2:at+once|together; "
     "take|swallow ~0:all+ur+pills|all+your+pills|the+whole+bottle|every+pill; "
     "purge ~0:if|when|after|whenever; push+through ~6:dizzy|faint|fainting|pass+out|"
     "blackout; dizzy|faint|fainting ~6:push+through|keep+going|thats+the+fat|thats+weakness; "
     "cut+deeper|cutting+deeper|cut+yourself+deeper|razor+blades ~6:feel+something|release|"
     "marks|sleeves; hide+the+marks|hide+your+marks|hide+the+scars|hide+your+scars|"
     "feel+something+again ~6:razor|blade|blades|cut|cutting"},
    {C::kSelfHarm, 6, "encouraging self-harm",
     "# ~0:calories|kcal ~0:a+day|per+day|daily; skip+meals|skipping+meals|if+u+eat|"
     "if+you+eat|water+only+fast|# ~0:hr+fasts|hour+fasts|day+fast|hr+fast|hour+fast",
     "skinny|size+0|size+zero|purge|thinspo|bones|girls+only|teens|faint|dizzy|squats+as+punishment|"
     "punish|jealous|thigh+gap"},
    {C::kHate, 6, "dehumanising a group",
     "@group_adj ~0:@dehumanize; @group ~2:stink|smell|reek|stinks|smells; "
     "paki|pakis|paki+bashing|untermensch|gentuza|sieg+heil|heil+hitler|white+pride|"
     "white+power|europe+for+europeans|nur+fur+arier|fur+arier|for+aryans|aryans+only|"
     "whites+only|white+only|blood+and+soil|remigration|great+replacement; "
     "no ~0:irish|blacks|gypsies|travellers|jews|muslims|pakis|mexicans|immigrants ~1:no; "
     "go+home|go+back|get+out ~1:invaders|vermin|scum|parasites|@hated; "
     "women|ladies|girls|females ~1:shouldnt|should+not|cant|cannot|can+not ~0:drive|vote|"
     "think|lead|do+maths|do+math; like+every+woman|like+all+women|typical+woman|"
     "all+women+are|women+are+all ~3:hopeless|useless|stupid|inferior|bad|dumb"},
    {C::kHarassment, 5, "insult aimed at the reader",
     "what+is+wrong+with+you|whats+wrong+with+you|what+the+hell+is+wrong+with+you|"
     "whats+wrong+with+u|your+family+is+ashamed|ashamed+of+you|du+bist ~2:@insult; "
     "no+wonder ~4:ashamed|hates+you|left+you|youre+single|nobody+likes|no+one+likes; "
     "thats+your+problem|your+problem|thats+on+you|not+our+problem ~2:genius|einstein|"
     "sherlock|idiot|pal|buttercup|sunshine"},
    // General frames: who threatens, a promise, a harm and a person as its object; a person
    // promised a harm in the passive; a group with a removal it "should" suffer; encouragement
    // of suicide in slang; an insult built from "you" and a contemptuous adjective.
    {C::kViolence, 5, "threat of violence",
     "@threat_subject ~1:@threat_modal ~1:@harm_person_verb ~1:@you_object; "
     "you|youll|u|ull ~1:will|ll|gonna|are+going+to ~0:get|be ~0:hurt|stabbed|shot|beaten|"
     "battered|buried|glassed|kneecapped|strangled|killed|murdered|done+in|beaten+up; "
     "or+else ~2:@harm_person_verb|well+hurt|youll+get+hurt|you+will+get+hurt; "
     "vou+te|vamos+te|vou+lhe ~0:matar|pegar|quebrar|furar|encontrar; je+vais+te|on+va+te|"
     "on+va+vous ~0:tuer|buter|casser|frapper|crever|retrouver; ich+mach+dich+fertig|"
     "wir+kriegen+dich|wir+machen+dich+fertig|ti+spacco|ti+faccio+male|vi+facciamo+male; "
     "te|vous ~0:vamos+a|voy+a|va|allons ~0:matar|pegar|quemar|apunalar|tuer|frapper|"
     "buter|cramer; wir|ich ~0:werden|werde ~1:dich|sie|euch ~0:toten|umbringen|verletzen|"
     "verprugeln|abstechen"},
    {C::kHate, 6, "violence or removal demanded for a group",
     "@group ~2:should+be|must+be|need+to+be|needs+to+be|deserve+to+be|ought+to+be|"
     "have+to+be ~1:@removal; @group ~1:@copula ~1:nothing+but|just|all|basically|simply "
     "~1:@dehumanize; all ~0:@group ~1:should+die|must+die|deserve+to+die|need+to+go|"
     "must+go|should+go|should+leave|must+leave"},
    {C::kSelfHarm, 6, "encouraging self-harm",
     "ammazzati|ucciditi|suicidati|buttati+giu|mate+se|se+mata|va+te+pendre|pends+toi|"
     "haz+el+mundo+un+favor|faites+nous+une+faveur|tu+dich+um|bring+dich+einfach+um; "
     "unalive|unalive+yourself|unalive+urself|kms|off+yourself|top+yourself|neck+yourself|"
     "rope+yourself|end+yourself|delete+yourself; "
     "you|u|ya ~1:should|shud|need+to|ought+to|might+as+well ~1:just ~0:die|end+it|"
     "disappear|give+up+on+life|stop+living|not+exist|not+wake+up; "
     "do+everyone+a+favour|do+everyone+a+favor|do+us+all+a+favour|do+us+all+a+favor "
     "~2:die|disappear|end+it|jump|vanish"},
    {C::kHarassment, 5, "insult aimed at the reader",
     "you|u|ya ~0:fat|ugly|stupid|thick|pathetic|useless|worthless|brainless|sad|miserable|"
     "lazy|dumb|greedy|cheap|broke ~0:@insult|piece+of+work|sack+of|excuse+for+a|bastard|"
     "waste|failure|joke; "
     "you|youre|ur ~1:such+a|a+complete|a+total|an+absolute|a+pathetic|a+useless ~0:@insult|"
     "failure|joke|disgrace|embarrassment|waste"},
    {C::kDiscriminatoryTargeting, 5, "excludes a protected group",
     "not+available+to|not+open+to|prefers|prefer|no+one|nobody|not+for ~1:applicants|tenants|"
     "people|anyone|customers|couples|drivers ~1:who+are|who+is|on ~1:not ~3:pregnant|"
     "wheelchair+users|disabled|on+benefits|on+maternity+leave|foreign|immigrants|muslim|"
     "jewish|black|gay|older|over+#; "
     "not+available+to|not+open+to|prefers+tenants+who+are+not|who+are+not ~4:pregnant|"
     "wheelchair+users|on+benefits|maternity+leave; pas+de|keine|no|sin|sem ~0:femmes+voilees|"
     "kopftuchtragerinnen|kopftuchtraegerinnen|hijabs|headscarves|mujeres+con+velo|"
     "peoples+from|people+from|familys+from; only+for ~0:european|white|christian|british|"
     "native ~1:family|families|people|tenants|applicants|couples; "
     "nur ~0:deutsche|deutschen ~1:muttersprachler|bewerber|mieter; "
     "non ~0:assicuriamo|assumiamo|affittiamo ~2:@minority|stranieri|donne|anziani|immigrati",
     "@opportunity"},
    {C::kHarassment, 5, "intimidation",
     "seen+your+photos|have+your+photos|weve+seen+your|we+have+seen+your|got+your+photos|"
     "send+them+to ~2:employer|boss|family|contacts|everyone",
     "pay|owe|outstanding|balance|unless|or+we|employer|contacts"},
    // Assistant chatter: an offer to revise, a note on what was generated or translated, a
    // "here is a <kind of copy> for your ..." preamble ("Here's a treat for your weekend" is
    // not one: a treat is not a kind of copy).
    {C::kPromptInjectionArtifact, 4, "LLM artifact",
     "here+is+a|heres+a|here+is+an|heres+an|here+is+the|heres+the ~2:description|"
     "product+description|email|newsletter|sms|text+message|post|caption|draft|version|"
     "translation|rewrite|subject+line|promo+email|promotional+email|marketing+email|"
     "character+sms|word+email ~1:for+your|you+asked+for|as+requested|you+requested; "
     "would+you+like+me+to|do+you+want+me+to|shall+i|should+i|want+me+to ~2:make+it|"
     "shorten|lengthen|add|adjust|rewrite|translate|tweak|change+the|include|write+another|"
     "try+another|make+another; "
     "based+on+the+information+provided|based+on+the+details+provided|i+have+generated|"
     "ive+generated|i+generated+the|i+have+written+the|ive+written+a|ive+drafted|"
     "i+have+drafted|heres+a+draft|here+is+a+draft|ecco+una ~4:come+richiesto; "
     "come+richiesto|traduction+demandee|voici+la+traduction|aqui+tienes+la+traduccion|"
     "hier+ist+die+ubersetzung|fammi+sapere+se+vuoi|hazme+saber+si+quieres|"
     "dis+moi+si+tu+veux|lass+mich+wissen+ob|je+nai+pas+traduit|no+he+traducido|"
     "non+ho+tradotto|ich+habe+nicht+ubersetzt|i+didnt+translate|i+did+not+translate"},
    {C::kFinancialGuarantee, 5, "promised multiplication of money",
     "invest|deposit|put+in|stake ~1:# ~2:get|receive|earn|make|see|turn+into|back ~1:#; "
     "&@guarantee ~2:to+grow|growth|annual+growth|to+double|to+rise|to+increase"},
    // Round 5: frames over who is excluded, insulted, attacked or urged to self-harm. Each has
    // its nearest innocent phrase beside it in tests/safety/lexicon_test.cc ("round 5").
    // An exclusion or a restriction said of people by origin, religion or colour: "we do not
    // rent to Asian tenants", "sold exclusively to Christian families", "solo parejas
    // francesas" (noun before adjective), "of foreign origin", "nada de extranjeros".
    {C::kDiscriminatoryTargeting, 5, "excludes a protected group",
     "dont|do+not|never|wont|will+not|cannot|cant|refuse+to|decline+to|filter+out|screen+out|"
     "weed+out ~3:@origin_adj ~2:@people_noun; "
     "exclusively+to|only+to|exclusively+for|only+for|reserved+for|alleen|nur+fur|nur+an "
     "~0:@origin_adj ~2:@people_noun; "
     "solo|solamente|unicamente|uniquement|seulement|exclusivement|soltanto|alleen|nur "
     "~5:@people_noun ~0:@origin_adj; "
     "de+souche|d+origine+etrangere|origine+etrangere|of+foreign+origin|of+foreign+descent|"
     "auslandischer+herkunft|deutscher+herkunft|nichtdeutscher+herkunft|de+origen+extranjero|"
     "origine+straniera|buitenlandse+afkomst|migratieachtergrond|migrationshintergrund; "
     "of ~0:middle+eastern|african|asian|arab|turkish|jewish|muslim|immigrant|foreign "
     "~0:origin|descent|background|heritage; "
     "nada+de|geen|niente|ningun|ninguna|keine ~0:extranjeros|extranjeras|buitenlanders|"
     "allochtonen|stranieri|auslander|immigranten|migranten|immigrati",
     "@opportunity"},
    // Insults by comparison and by the reader's body: "people like you are leeches", "a hopeless
    // case like you", "you're embarrassing", "your ugly thighs"; Dutch "je bent een ...".
    {C::kHarassment, 5, "insult aimed at the reader",
     "people+like+you|someone+like+you|the+likes+of+you|your+kind|losers+like+you ~1:are|is|re "
     "~1:@dehumanize|@insult; "
     "lost+cause|hopeless+case|basket+case|charity+case ~0:like+you; "
     "you+are|youre|and+youre ~0:embarrassing|pitiful|disgusting|repulsive|revolting|"
     "a+laughingstock|laughable; "
     "your|those ~0:disgusting|gross|ugly|hideous|flabby|revolting|fat ~0:bodies|thighs|"
     "bellies|faces|rolls; "
     "je+bent|jij+bent|ben+je ~2:mislukkeling|idioot|sukkel|loser|stommeling|zielig|zielige|"
     "waardeloos|nietsnut"},
    // Attacks on a place or on people said as a plan: "someone should torch the place", "bring
    // petrol to their office", "hay que darles una paliza", "bruciamo le loro sedi".
    {C::kViolence, 5, "threat of violence",
     "torch|firebomb|petrol+bomb|burn+down|set+fire+to|torch+down ~2:the+place|their|his|her|"
     "@place; "
     "bring|take ~1:a+lighter|matches|petrol|gasoline|a+jerrycan|molotovs ~0:to ~1:their|his|"
     "her|@place; "
     "bring|grab ~1:your|their ~0:rifles|guns|firearms|weapons|baseball+bats|crowbars|machetes "
     "~0:to ~1:the ~2:office|offices|count|polling|rally|protest|meeting|town+hall|county; "
     "darles|darle|pegarles|partirles|romperles ~1:una+paliza|la+cara|las+piernas; "
     "bruciamo|incendiamo|bruciate|incendiate|quememos|quemad|brulons|brulez|abfackeln "
     "~1:le+loro|sus|leurs|ihre|their"},
    // Self-harm sold as relief or as a right: "a little cutting relieves the pressure",
    // "taking your own life is a choice", "purging is allowed", "starve your way to".
    {C::kSelfHarm, 6, "encouraging self-harm",
     "cutting|cortar|cortarse|ritzen|se+couper|selfharm|self+harm|purging|starving "
     "~0:releases|relieves|helps|alivia|alivio|soulage|hilft|works; "
     "taking|take|end|ending ~0:your+own+life|their+own+life ~0:is ~0:a+choice|an+option|"
     "allowed|okay|ok|the+answer|the+way+out|your+right; "
     "purging|vomiting|throwing+up|self+harm ~0:is ~0:allowed|fine|okay|ok|encouraged; "
     "starve+your+way|starve+yourself+to|starving+your+way"},
    // Minors told the age check is skipped, and gambling's own words.
    {C::kMinorTargeting, 5, "age-restricted product aimed at minors",
     "&not+18+yet|not+yet+18|arent+18+yet|youre+not+18|under+18+yet|no+parent+needed|"
     "no+parents+needed|without+your+parents|we+dont+check|kein+ausweis|sin+padres "
     "~12:@restricted|bets|free+bets|coinflip|skins|casino|gambling|betting"},
    // Assistant chatter by what it does, not its exact words: an instruction to forget earlier
    // instructions in any language; variants offered ("Here are three catchier options",
    // "Would you like a version for TikTok?"); the assistant reporting its own edits ("I've
    // added hashtags to make it pop"); "Sure, here's a ... you can send".
    {C::kPromptInjectionArtifact, 4, "LLM artifact",
     "ignore|ignora|ignoren|ignorez|ignoriere|ignorieren|ignorate|ignorar|olvida|oublie|"
     "vergiss|dimentica ~2:all|todas+las|todas|toutes+les|alle|tutte+le|previous|prior|las|les "
     "~1:instructions|instrucciones|anweisungen|istruzioni|instrucoes|consignes|prompts; "
     "here+are|heres ~2:punchier|catchier|shorter|snappier|alternative|alternate|more ~0:options|"
     "versions|subject+lines|headlines|taglines|variations|rewrites; "
     "would+you+like|do+you+want|want ~0:a+version|another+version|a+shorter+version|"
     "more+options|a+different+tone|more+variations|a+longer+version; "
     "ive+added|i+added|i+have+added|ive+made|ive+kept|ive+included|i+included|ive+tweaked "
     "~3:to+make+it|emojis|hashtags|a+call+to+action|a+cta; "
     "sure+heres|sure+here+is|certainly+heres|certainly+here+is|of+course+heres "
     "~4:you+can+send|you+can+use|you+can+post|for+your+client|for+your+customers"},
    // Round 8: incitement in the imperative, a harm the reader is urged to do to a third
    // person or their things ("slash his tires and key his car", "rough him up", "give him a
    // smack", "load the shotgun and aim for the knees", "Crève-lui ses pneus", "Stich ihm die
    // Reifen auf", "romperle la cara", "dar uma surra nele", "Bruciagli la macchina"). Each
    // verb needs its object (a third person, their car, a weapon with a purpose): "smash your
    // goals", "punch up your copy", "knock out your to-do list" have none of them.
    {C::kViolence, 5, "incitement to violence",
     "slash|key|smash|torch|trash|egg|wreck|scratch|puncture|vandalise|vandalize|firebomb|"
     "burn ~0:his|her|their ~1:tires|tyres|car|cars|windows|window|windscreen|house|van|truck|"
     "bike|door|shop|mailbox|letterbox; "
     "rough|beat|duff|smack|knock ~0:him|her|them ~0:up|about|around; "
     "punch|slap|smack|deck|headbutt|batter|thump|clobber|whack|kneecap|glass|stab|knife "
     "~0:him|her|the+driver|the+rider|the+landlord|the+referee|the+ref|your+ex|your+neighbour|"
     "your+neighbor|your+boss|your+wife|your+husband|that+pharmacist|the+pharmacist|the+cashier; "
     "give ~0:him|her|them ~0:a+smack|a+slap|a+punch|a+kicking|a+beating|a+good+hiding|"
     "a+hiding|a+clip+round; "
     "aim+for+the|aim+for+his|aim+for+her|aim+at+the|aim+at+his ~0:knees|kneecaps|head|legs|"
     "face; "
     "load ~0:the|your ~0:shotgun|gun|rifle|pistol ~6:aim|knees|teach|wont+try|wont+come|"
     "pirate|pirates|intruder|intruders|thief|thieves; "
     "bring|grab|keep|take ~0:a|the|your ~0:bat|baseball+bat|crowbar|knife|brick|bricks|"
     "tire+iron|tyre+iron|cricket+bat|hockey+stick|golf+club ~8:teach|lesson|manners|taste|"
     "mouths+off|mouth+off|knees|smack|hit+him|hit+them|sort+him|sort+them; "
     "teach ~1:him|her|them|that+? ~0:some+manners; "
     "put|throw|chuck|lob ~0:a+brick|bricks|a+rock|rocks|a+bottle|bottles ~0:through|at; "
     "bottles|cans|rocks|stones|bricks ~0:to+throw+at; "
     "find+out+where|find+where|look+up+where ~0:he|she ~0:lives; "
     "hunt+him+down|hunt+her+down|track+him+down+and|track+her+down+and; "
     "romperle|partirle|estamparle|reventarle|partile|rompele|reventale ~2:la+cara|la+cabeza|"
     "las+piernas|los+dientes|la+boca|el+coche|el+auto|la+jeta|la+crisma; "
     "quemarle|rayarle|pincharle|pinchale|rayale|quemale|pinchales|rayales ~1:el+coche|el+auto|"
     "las+ruedas|las+gomas|el+carro|la+casa|la+moto; "
     "tirales|tirale|disparales|disparale ~0:primero|a+matar|a+las+piernas; "
     "esperarlo|esperarla|esperarlos|esperalo|esperala|esperenlo ~2:a+la+salida|afuera|"
     "en+la+puerta; "
     "dar|da|de|vai+la+dar ~0:uma+surra|uma+coca|porrada|um+soco|uns+socos|um+tapa|uns+tapas "
     "~0:nele|nela|neles|nelas; "
     "descer+a+porrada|meter+a+porrada|encher+de+porrada|cair+de+porrada|levar+com+um+tijolo|"
     "tijolo+na+cabeca|furar+os+pneus|fura+os+pneus|fure+os+pneus|riscar+o+carro|"
     "risca+o+carro|queimar+o+carro|queima+o+carro; "
     "bruciagli|brucialo|bruciale|spaccagli|spaccategli|picchialo|picchiala|picchiateli|"
     "picchiatelo|menalo|menateli|menatelo|rigagli|tagliagli|squarciagli|sfondagli|gonfialo|"
     "gonfiatelo|aspettateli|aspettatelo|aspettalo ~3:macchina|auto|gomme|faccia|testa|fuori|"
     "spranghe|mazze|bastoni|pagare; "
     "con+le+spranghe|con+le+mazze|fategliela+pagare|fagliela+pagare; "
     "creve|crevez|casse|cassez|brule|brulez|raye|rayez ~0:lui|leur ~0:ses|les|sa|son|leurs "
     "~0:pneus|vitres|vitre|voiture|bagnole|maison|portieres|gueule|figure|dents; "
     "frappe|frappez|frapper|cogne|cognez|tapez ~4:se+taise|quelle+se+taise|quil+se+taise|"
     "ferme+sa+gueule; "
     "stich|zerstich|stecht|zerstecht ~1:ihm|ihr|ihnen|die|seine|ihre ~1:reifen; "
     "fackel|fackelt|zunde|zundet ~2:karre|auto|wagen|haus|laden|bude ~0:ab|an; "
     "verprugel|verprugelt|verprugeln|vermobel|vermobelt|verkloppt|verkloppe ~0:ihn|sie|den|die; "
     "hau|haut|schlag|schlagt ~0:ihm|ihn|ihr ~1:eine+rein|ins+gesicht|die+fresse|eine+runter; "
     "pak+slaag|in+elkaar+slaan|in+elkaar+trappen|geef+hem+een+klap|geef+hem+een+dreun|"
     "banden+lek+steken|steek+zijn+banden|steek+haar+banden"},
    // Round 8: slurs in the markets' other languages (words with an innocent sense — "bicha",
    // a queue in Portugal, "finocchi", fennel, "chink", a gap — are left out), a group said to
    // breed like animals, and nationality adjectives joining the dehumanising frame
    // ("Venezuelan parasites").
    {C::kHate, 6, "slur",
     "chinky|chinkies|schwuchtel|schwuchteln|kanaken|tunte|tunten|maricones|maricon|viados|"
     "viado|froci|frocio|ricchioni|negri|spacko|spasti|spastis|mongoloide|mongoloid|"
     "zigeunerpack|sudacas; fresh+off+the+boat ~0:types|lot|ones|crowd|immigrants|people|guys|"
     "kind"},
    {C::kHate, 6, "dehumanising a group",
     "those+people|these+people|they ~2:breed+like|multiply+like|breed+faster; "
     "venezuelan|colombian|bolivian|paraguayan|peruvian|haitian|cuban|honduran|guatemalan|"
     "salvadoran|somali|eritrean|moroccan|algerian|tunisian|egyptian|syrian|iraqi|iranian|"
     "afghan|bangladeshi|vietnamese|filipino|albanian|kosovar|bulgarian|ukrainian|kurdish|"
     "lithuanian|brazilian|venezolanos|bolivianos|paraguayos|peruanos|marroquies ~0:@dehumanize"},
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
