// Context that changes what evidence means: negation scope, quotation in a safety notice, the
// organisation's own details, merge-tag help articles, required disclaimers.
#include "core/safety/context.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace safety_test;

namespace {

Screening screen_message(Message m) {
  m.id = "t";
  return default_screener().screen(m);
}

}  // namespace

TEST_CASE("negation scope suppresses claims and guarantees", "[safety][context]") {
  for (const char* negated :
       {"We never guarantee returns.", "Returns are not guaranteed.",
        "There is no risk-free investment.", "Past performance does not guarantee future returns.",
        "This product is not intended to diagnose, treat, cure, or prevent any disease.",
        "We will never hurt you or your data."}) {
    INFO(negated);
    CHECK(screen_body(negated).decision == Decision::kAllow);
  }
  // The scope ends at the clause: these are still promises.
  for (const char* promise :
       {"Our crypto fund can't lose: guaranteed profit every week.",
        "No risk, no fees, guaranteed returns.", "Don't wait. Guaranteed returns of 12%."}) {
    INFO(promise);
    CHECK(screen_body(promise).decision == Decision::kBlock);
  }
}

TEST_CASE("quoted unsafe text in a safety notice is informational", "[safety][context]") {
  const auto notice = screen_body(
      "Beware of scams: we will never text \"your account will be closed unless you verify\".");
  CHECK(notice.decision == Decision::kAllow);
  REQUIRE_FALSE(notice.findings.empty());
  CHECK(notice.findings[0].detail.find("quoted in a safety notice") != std::string::npos);
  // Quotation alone is no excuse, and a notice does not clear what is outside the quotes.
  CHECK(screen_body("Our motto: \"guaranteed returns\" for every investor.").decision ==
        Decision::kBlock);
  CHECK(screen_body("Beware of \"fake\" brands: guaranteed returns with us.").decision ==
        Decision::kBlock);
}

TEST_CASE("single quotation marks, negated compounds and proper names", "[safety][context]") {
  // A safety notice quoting the claim in single quotes.
  auto quoted = screen_body(
      "Our advisers never promise 'guaranteed profits every month'. If someone does, tell us.");
  CHECK(quoted.decision != Decision::kBlock);
  // The same claim, not quoted, blocks; an apostrophe is not a quotation mark.
  CHECK(screen_body("That's right: guaranteed profits every month.").decision ==
        Decision::kBlock);
  CHECK(screen_body("There is no such thing as a risk-free investment fund.").decision ==
        Decision::kAllow);
  CHECK(screen_body("A risk-free investment fund for you.").decision == Decision::kBlock);
  // A profanity that is a proper name: capitalised, mid-sentence, beside a naming word.
  CHECK(screen_body("Stay a night near the Austrian village Fucking, now renamed.").decision ==
        Decision::kAllow);
  CHECK(screen_body("Meet our shop dog Bastard, named by the previous owner.").decision ==
        Decision::kAllow);
  CHECK(screen_body("Try the Fat Bastard wine with your cheese board.").decision ==
        Decision::kAllow);
  CHECK(screen_body("This sale is fucking huge.").decision == Decision::kBlock);
  CHECK(screen_body("Fucking great prices in the village store.").decision == Decision::kBlock);
}

TEST_CASE("the organisation's own payment and contact details are not a leak",
          "[safety][context]") {
  Message m;
  m.body = "Donate to IBAN GB82 WEST 1234 5698 7654 32 or call +44 20 7946 0018.";
  CHECK(screen_message(m).decision == Decision::kBlock);  // an IBAN, nobody said whose
  m.own_details = {"GB82WEST12345698765432", "020 7946 0018"};
  const auto s = screen_message(m);
  CHECK(s.decision == Decision::kAllow);
  CHECK(s.findings.empty());
}

TEST_CASE("merge tags in a help article about merge tags", "[safety][context]") {
  Message m;
  m.body = "Type {{first_name}} and we fill in each customer's name.";
  CHECK(screen_message(m).decision == Decision::kBlock);
  m.explains_merge_tags = true;
  CHECK(screen_message(m).decision == Decision::kAllow);
}

TEST_CASE("required elements by vertical and channel", "[safety][context]") {
  Message supplement;
  supplement.body = "Our magnesium gummies are back.";
  supplement.has_supplement_disclaimer_required = true;
  CHECK(screen_message(supplement).decision == Decision::kBlock);
  supplement.body +=
      " These statements have not been evaluated by the Food and Drug Administration.";
  CHECK(screen_message(supplement).decision == Decision::kAllow);

  Message invest;
  invest.body = "Open an ISA from 25 pounds.";
  invest.approved_claims = {"from 25 pounds"};
  invest.has_risk_disclaimer_required = true;
  CHECK(screen_message(invest).decision == Decision::kBlock);
  invest.body += " Capital at risk.";
  CHECK(screen_message(invest).decision == Decision::kAllow);

  Message sms;
  sms.channel = Channel::kSms;
  sms.body = "Bundle renews tomorrow. Reply STOP to opt out.";
  sms.has_unsubscribe_required = true;
  sms.has_sms_help_required = true;
  CHECK(screen_message(sms).decision == Decision::kBlock);
  sms.body += " HELP for help.";
  CHECK(screen_message(sms).decision == Decision::kAllow);
}

TEST_CASE("opt-out wording and addresses in other languages", "[safety][context]") {
  for (const char* body : {"Ofertas. Para darse de baja, haga clic aqui. Calle Mayor 12, Madrid.",
                           "Nouveautes. Se desinscrire : cliquez ici. 12 rue de Rivoli, Paris.",
                           "Neu. Abmelden: hier klicken. Hauptstrasse 12, Berlin.",
                           "Novita. Per disiscriverti clicca qui. Via Roma 12, Milano.",
                           "Novidades. Para descadastrar, clique aqui. Rua Augusta 12, Lisboa.",
                           "Ricette nuove. Puoi annullare l'iscrizione quando vuoi. Via Po 3, Torino.",
                           "Receitas. Para cancelar a sua inscrição, clique aqui. Rua Nova 8, Porto.",
                           "Angebote. Sie können sich jederzeit abmelden. Hauptstrasse 4, Wien.",
                           "Nouveautés. Pour annuler l'abonnement : cliquez ici. 3 rue Nationale, Lille.",
                           "Weekly deals. To stop receiving these emails, click here. 12 High Street, Leeds.",
                           "Black Friday. Para deixar de receber os nossos emails, clique aqui. Rua Nova 8, Porto.",
                           "Ofertas. Si ya no deseas recibir correos, pulsa aqui. Av. del Puerto 45, 46023 Valencia.",
                           "New in. If you no longer wish to hear from us, click here. 4 Mill Lane, York."}) {
    Message m;
    m.body = body;
    m.has_unsubscribe_required = true;
    m.has_postal_address_required = true;
    INFO(body);
    CHECK(screen_message(m).decision == Decision::kAllow);
  }
  Message via;
  via.body = "Reach us via 3 channels. Unsubscribe here.";
  via.has_unsubscribe_required = true;
  via.has_postal_address_required = true;
  CHECK(screen_message(via).decision == Decision::kBlock);  // "via 3" is not a street
}

TEST_CASE("round 5: opt-out keywords, risk warnings in other words, reflexive beneficiaries",
          "[safety][context]") {
  auto optout = [](const char* body) {
    Message m;
    m.channel = Channel::kSms;
    m.body = body;
    m.has_unsubscribe_required = true;
    return screen_message(m).decision;
  };
  // A reply keyword in capitals with a cancelling word after it is opt-out wording...
  CHECK(optout("Churrasco sabado! Responda SAIR p/ cancelar") == Decision::kAllow);
  CHECK(optout("New menu Friday. Reply END to cancel.") == Decision::kAllow);
  // ...a keyword that books, or a cancelling word with no keyword, is not.
  CHECK(optout("New menu Friday. Reply YES to book a table.") == Decision::kBlock);
  CHECK(optout("New menu Friday. Reply to this text to cancel your booking.") == Decision::kBlock);
  // Cancelling the receiving, by its noun ("recebimento", "réception").
  CHECK(optout("Pontos expirando. Para cancelar o recebimento, clique aqui.") == Decision::kAllow);
  CHECK(optout("Pontos expirando. Para cancelar a reserva, clique aqui.") == Decision::kBlock);

  Message invest;
  invest.body = "Crypto Weekly: Ethereum's upgrade and stablecoin rules. Not financial advice.";
  invest.has_risk_disclaimer_required = true;
  CHECK(screen_message(invest).decision == Decision::kBlock);  // "not advice" warns of no risk
  invest.body += " Crypto prices can fall sharply.";
  CHECK(screen_message(invest).decision == Decision::kAllow);
  invest.body = "Returns are not guaranteed and the value of your pot may go down.";
  CHECK(screen_message(invest).decision == Decision::kAllow);

  // A reflexive followed by a determiner and a noun is who gets the thing.
  CHECK(screen_body("Busy week? Cut yourself some slack and let us do the cleaning.").decision ==
        Decision::kAllow);
  CHECK(screen_body("Cut yourself a slice of our new lemon drizzle.").decision ==
        Decision::kAllow);
  CHECK(screen_body("Go cut yourself, nobody would care.").decision == Decision::kBlock);
  CHECK(screen_body("Just cut yourself a little deeper tonight.").decision == Decision::kBlock);
}

TEST_CASE("round 4: word senses, minors excluded, warnings that call a promise a lie",
          "[safety][context]") {
  // A breeder's "brood bitch" and a cafe's "faggots and peas" are the everyday sense; the
  // same words aimed at a person are not.
  CHECK(screen_body("Whether your girl is a first-time mum or a seasoned brood bitch, our "
                    "whelping kits have everything for a safe litter.")
            .decision == Decision::kAllow);
  CHECK(screen_body("Faggots and mushy peas are back on the cafe menu, \xC2\xA3" "7.50.")
            .decision == Decision::kAllow);
  CHECK(screen_body("Shut up, you stupid bitch, and pay.").decision == Decision::kBlock);
  CHECK(screen_body("Faggots are not welcome in our shop.").decision == Decision::kBlock);
  // A restricted product named as absent, or minors named as refused, is not aimed at them.
  CHECK_FALSE(has(screen_body("Alcohol-free fizz for kids' parties, in apple and grape."),
                  Category::kMinorTargeting));
  CHECK(screen_body("We check ID on vape purchases. If you're under 18, we can't sell to you.")
            .decision == Decision::kAllow);
  CHECK(screen_body("Under 18? No problem, our beer delivery never asks for ID.").decision ==
        Decision::kBlock);
  CHECK(screen_body("Cheap cigarettes delivered to your school gate, no ID.").decision ==
        Decision::kBlock);
  CHECK(screen_body("Turning 16? Celebrate with a free bottle of vodka.").decision ==
        Decision::kBlock);
  // A warning that quotes the promise and calls it a lie, or its maker a loan shark.
  CHECK(screen_body("If a lender says you're 'guaranteed approval' on a loan with profits, it's "
                    "probably a loan shark. Talk to us first.")
            .decision != Decision::kBlock);
  CHECK(screen_body("Wer 'garantierte Gewinne' verspricht, lügt.").decision != Decision::kBlock);
  CHECK(screen_body("Garantierte Gewinne jeden Monat!").decision == Decision::kBlock);
}

TEST_CASE("round 7: required elements in the languages of the markets", "[safety][context]") {
  auto decide = [](const char* body, auto set) {
    Message m;
    m.body = body;
    set(m);
    return screen_message(m).decision;
  };
  auto invest = [](Message& m) { m.has_risk_disclaimer_required = true; };
  // A risk word near a loss word is a risk warning, in any of the languages...
  for (const char* body :
       {"Avisos: toda inversión conlleva riesgos y puedes perder parte de tu capital.",
        "Avvertenza: ogni investimento comporta rischi, inclusa la perdita del capitale investito.",
        "Aviso: todo o investimento envolve riscos, incluindo a perda do capital investido.",
        "Avertissement : investir comporte un risque de perte en capital.",
        "Risikohinweis: Verluste bis hin zum Totalverlust des eingesetzten Kapitals sind möglich.",
        "Let op: beleggen brengt risico's met zich mee. U kunt uw inleg verliezen.",
        "Don't invest unless you're prepared to lose all the money you invest.",
        "Las rentabilidades pasadas no son indicativas de resultados futuros."}) {
    INFO(body);
    CHECK(decide(body, invest) == Decision::kAllow);
  }
  // ...but a risk denied or dared is not one.
  CHECK(decide("Don't risk losing out: open your fund account today.", invest) ==
        Decision::kBlock);
  CHECK(decide("Nuestro fondo, sin riesgo de perder: abre tu cuenta hoy.", invest) ==
        Decision::kBlock);

  auto supplement = [](Message& m) { m.has_supplement_disclaimer_required = true; };
  CHECK(decide("Vitamina D3 de VitaGrove. Este producto no está destinado a diagnosticar, "
               "tratar, curar ni prevenir ninguna enfermedad.",
               supplement) == Decision::kAllow);
  CHECK(decide("Vitamina D3. Estas declaraciones no han sido evaluadas por la FDA.", supplement) ==
        Decision::kAllow);
  CHECK(decide("Vitamina D3 de VitaGrove: ¡previene los resfriados!", supplement) ==
        Decision::kBlock);

  auto sms = [](Message& m) {
    m.channel = Channel::kSms;
    m.has_unsubscribe_required = true;
    m.has_sms_help_required = true;
  };
  CHECK(decide("Pinewolf: nuovo boss. STOP per annullare, AIUTO per assistenza.", sms) ==
        Decision::kAllow);
  CHECK(decide("De Vlinder: ontworming deze week. Vragen? Sms INFO naar 4411. Afmelden? Sms STOP "
               "naar 4411",
               sms) == Decision::kAllow);
  CHECK(decide("De Vlinder: meer info op de site. Sms STOP naar 4411", sms) == Decision::kBlock);

  auto optout = [](Message& m) {
    m.channel = Channel::kSms;
    m.has_unsubscribe_required = true;
  };
  // An opt-out keyword standing alone in capitals at the end is the instruction...
  CHECK(decide("Aurora: batons nude chegaram! Leve 3, pague 2. Sair: SAIR", optout) ==
        Decision::kAllow);
  // ...a headline in capitals is not.
  CHECK(decide("Aurora: last chance, END OF SEASON SALE", optout) == Decision::kBlock);
  CHECK(decide("Comida Já. Para sair da lista, clique aqui.", optout) == Decision::kAllow);
  CHECK(decide("Comida Já. Hora de sair da rotina!", optout) == Decision::kBlock);
  CHECK(decide("Volare Sereno. Puoi cancellarti qui.", optout) == Decision::kAllow);

  auto address = [](Message& m) {
    m.has_unsubscribe_required = true;
    m.has_postal_address_required = true;
  };
  CHECK(decide("Tyre swap. Unsubscribe: https://x.se/p\nHallberg Bil AB, Industrivägen 8, 171 48 "
               "Solna, Sweden",
               address) == Decision::kAllow);
  CHECK(decide("Wi-Fi calling. Unsubscribe any time.\nCorvane Mobile Ireland Ltd, Block C, "
               "Eastpoint Business Park, Dublin 3, D03 K7W8, Ireland",
               address) == Decision::kAllow);
  CHECK(decide("Wi-Fi calling. Unsubscribe any time. Use code D03 to save.", address) ==
        Decision::kBlock);
}

TEST_CASE("round 7: a safety notice quoting a list of promises", "[safety][context]") {
  CHECK(screen_body("Scammers love phrases like \"guaranteed returns\", \"double your Bitcoin in "
                    "24 hours\" and \"risk-free profit\". If you see them, walk away.")
            .decision == Decision::kAllow);
  CHECK(screen_body("Vorsicht vor Anlagebetrug: Wer Ihnen „garantiert 20 % Rendite“ verspricht, "
                    "sagt nicht die Wahrheit.")
            .decision == Decision::kAllow);
  // Unquoted words between the quotations are the sender's own promise.
  CHECK(screen_body("Scammers say \"guaranteed\" but we guarantee returns of 20% \"with no risk\".")
            .decision == Decision::kBlock);
}

TEST_CASE("round 8: reported claims, notices about abuse, more risk warnings",
          "[safety][context]") {
  // A claim reported as someone else's is not the sender's claim; the sender's own is.
  CHECK(screen_body("If anyone promises you guaranteed returns, walk away.").decision ==
        Decision::kAllow);
  CHECK(screen_body("You might see apps promising guaranteed returns. We won't.").decision ==
        Decision::kAllow);
  CHECK(screen_body("No supplement cures insomnia, and we won't pretend ours does.").decision ==
        Decision::kAllow);
  CHECK(screen_body("We promise guaranteed returns of 12% a year.").decision == Decision::kBlock);
  CHECK(screen_body("Our fund promises guaranteed returns of 12% a year.").decision ==
        Decision::kBlock);
  // A notice on reporting abuse may quote the abuse.
  CHECK(screen_body("Nachrichten wie «Du bist hässlich» musst du nicht hinnehmen. Tippe auf "
                    "Melden.")
            .decision == Decision::kAllow);
  auto invest = [](const char* body) {
    Message m;
    m.body = body;
    m.has_risk_disclaimer_required = true;
    return screen_message(m).decision;
  };
  for (const char* body :
       {"Mutual fund investments are subject to market risks, read all scheme related documents.",
        "Der Wert Ihrer Anlage kann steigen oder fallen.",
        "Leur valeur peut augmenter ou diminuer.",
        "You may get back less than you invest.",
        "Kapitalanlagen sind mit Risiken verbunden.",
        "Las recompensas no están garantizadas. Inversión de alto riesgo."}) {
    INFO(body);
    CHECK(invest(body) == Decision::kAllow);
  }
  CHECK(invest("Our fund is up 12% this year. Join today.") == Decision::kBlock);
  // "rise" and "fall" as a warning only when joined by "or": not the season.
  CHECK(invest("Watch your savings rise this fall with our fund.") == Decision::kBlock);
  // A claim made about the sender's own product through "who" is the sender's claim.
  CHECK(screen_body("Ledgerly, the broker who offers guaranteed returns of 12% a year.").decision ==
        Decision::kBlock);
}

TEST_CASE("an Eircode's routing key at the very end of a message", "[safety][context]") {
  // "D0" and "D03" end the text: the check must stop at its end (it once read a byte past it).
  for (const char* body : {"Unsubscribe here. Dublin D0", "Unsubscribe here. Dublin D03",
                           "Unsubscribe here. Dublin D03 K7W"}) {
    Message m;
    m.body = body;
    m.has_unsubscribe_required = true;
    m.has_postal_address_required = true;
    INFO(body);
    CHECK(screen_message(m).decision == Decision::kBlock);  // no postal address
  }
}
