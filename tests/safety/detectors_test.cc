// PII, claims, placeholders, unsubscribe and spam detectors.
#include "core/safety/detectors.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace safety_test;

TEST_CASE("Luhn and IBAN checksums", "[safety][pii]") {
  CHECK(luhn_valid("4539 1488 0343 6467"));
  CHECK(luhn_valid("4111111111111111"));
  CHECK_FALSE(luhn_valid("4111111111111112"));
  CHECK(iban_valid("GB82WEST12345698765432"));  // ISO 13616 / ECBS examples
  CHECK(iban_valid("DE89370400440532013000"));
  CHECK(iban_valid("FR1420041010050500013M02606"));
  CHECK_FALSE(iban_valid("GB82WEST12345698765433"));
}

TEST_CASE("card numbers, IBANs and SSNs are blocked; near misses are not", "[safety][pii]") {
  auto card = screen_body("Card on file: 4539-1488-0343-6467, expiry 09/28.");
  CHECK(card.decision == Decision::kBlock);
  REQUIRE(card.findings.size() == 1);
  CHECK(card.findings[0].begin == 14);
  CHECK(card.findings[0].end == 33);
  CHECK(screen_body("Card: 4539.1488.0343.6467").decision == Decision::kBlock);
  CHECK(screen_body("Pay from GB82 WEST 1234 5698 7654 32 monthly.").decision == Decision::kBlock);
  CHECK(screen_body("SSN 536-22-8145 on file").decision == Decision::kBlock);
  CHECK(screen_body("Passport number X1234567 on file").decision == Decision::kBlock);
  // Not Luhn-valid, a bad IBAN checksum, an impossible SSN, an order number: no pii_leak.
  CHECK_FALSE(has(screen_body("Ref 4539 1488 0343 6468"), Category::kPiiLeak));
  CHECK_FALSE(has(screen_body("GB82 WEST 1234 5698 7654 33"), Category::kPiiLeak));
  CHECK_FALSE(has(screen_body("Code 666-22-8145 and 123-00-4567"), Category::kPiiLeak));
  CHECK_FALSE(has(screen_body("Invoice INV-20931, 1,240 points"), Category::kPiiLeak));
}

TEST_CASE("business contact details are informational only", "[safety][pii]") {
  auto s = screen_body("Email help@boxly.example or call 0800 123 4567.");
  CHECK(s.decision == Decision::kAllow);
  CHECK(s.findings.size() == 2);
  CHECK(s.severity == 1);
  CHECK(s.categories.empty());
}

TEST_CASE("claims must be supported by approved claims", "[safety][claims]") {
  CHECK(screen_body("Take 20% off today.", {"20% off everything"}).decision == Decision::kAllow);
  CHECK(screen_body("Take 25% off today.", {"20% off everything"}).decision == Decision::kReview);
  CHECK(screen_body("Now $249, was $329.", {"now $249, regular price $329"}).decision ==
        Decision::kAllow);
  CHECK(screen_body("Now $19.99.", {"Now $24.99"}).decision == Decision::kReview);
  CHECK(screen_body("Now $50.00", {"orders over $50"}).decision == Decision::kAllow);
  CHECK(screen_body("Gratis ab 50 euros", {"livraison offerte des 50 \xE2\x82\xAC"}).decision ==
        Decision::kAllow);
  CHECK(screen_body("Clinically proven to work.").decision == Decision::kReview);
  CHECK(screen_body("Clinically proven to work.", {"Clinically proven (2024 trial)"}).decision ==
        Decision::kAllow);
  CHECK(screen_body("Up to 10x faster.").decision == Decision::kReview);
  CHECK(screen_body("Rated #1 by readers.").decision == Decision::kReview);
  // Prices and rates are offer figures: checked against a campaign that approved offer
  // figures (above), not claims when it approved none. A discount, or a percentage with a
  // comparison or a statistic, is a claim either way.
  for (const char* offer : {"Flights + hotel from \xC2\xA3" "299pp.", "Our bond pays 4.25% AER.",
                            "Tacos: 2 for \xC2\xA3" "5 today only.", "Alcohol-free fizz, 0.0% ABV.",
                            "Our fund fell 3.1% this quarter.", "This hatchback is \xC2\xA3" "9,995."}) {
    INFO(offer);
    CHECK_FALSE(has(screen_body(offer), Category::kUnsubstantiatedClaim));
  }
  for (const char* claim : {"Our recipes are 50% healthier.", "97% of women saw longer lashes.",
                            "100% pass rate on every course.", "Up to 10x faster.",
                            "Save 70% today!", "Hasta un 40 % de descuento en abrigos."}) {
    INFO(claim);
    CHECK(screen_body(claim).decision == Decision::kReview);
    CHECK(has(screen_body(claim), Category::kUnsubstantiatedClaim));
  }
  CHECK(screen_body("Take 25% off today.", {"Free delivery on orders over $50"}).decision ==
        Decision::kReview);
  // Plain numbers are not claims.
  CHECK(screen_body("You have 1,240 points; your 10-class pack is active until 3 May.").decision ==
        Decision::kAllow);
}

TEST_CASE("unfilled placeholders are blocked", "[safety][placeholders]") {
  for (const char* text : {"Hi {{first_name}}!", "Hi {{ first_name }}", "Dear [CUSTOMER NAME],",
                           "Hello %FNAME%", "Hi {first_name}", "Hey ${customer.firstName}",
                           "In [INSERT CITY]", "Dear <<Name>>", "Hi *|FNAME|*",
                           "Dear <FIRST NAME>, your order shipped.", "Hello <First Name>",
                           "Hi [FNAME], welcome back"}) {
    INFO(text);
    CHECK(screen_body(text).decision == Decision::kBlock);
    CHECK(has(screen_body(text), Category::kUnfilledPlaceholder));
  }
  for (const char* text :
       {"Save 20% or 30% today", "Terms [sic] apply", "{ } and [ ]", "Use code {{ at checkout",
        "[ANCHORDESK] This week's picks", "Tips for [SQL] users", "Bold is <b>this</b>",
        "Write to <address> below", "Prices <LOW> now"}) {
    INFO(text);
    CHECK_FALSE(has(screen_body(text), Category::kUnfilledPlaceholder));
  }
}

TEST_CASE("unsubscribe wording is required only when the channel requires it",
          "[safety][canspam]") {
  CHECK(screen_body("Our sale is on.", {}, true).decision == Decision::kBlock);
  CHECK(screen_body("Our sale is on.", {}, false).decision == Decision::kAllow);
  CHECK(screen_body("Our sale is on. Unsubscribe here.", {}, true).decision == Decision::kAllow);
  CHECK(screen_body("Puedes darte de baja.", {}, true).decision == Decision::kAllow);
  CHECK(screen_body("Pour vous d\xC3\xA9sabonner, cliquez ici.", {}, true).decision ==
        Decision::kAllow);
  CHECK(screen_body("Vom Newsletter abmelden.", {}, true).decision == Decision::kAllow);
  CHECK(screen_body("Reply STOP to opt out.", {}, true).decision == Decision::kAllow);
}

TEST_CASE("spam signals add up: shape and phrases", "[safety][spam]") {
  CHECK(screen_body("Congratulations on your new home!").decision == Decision::kAllow);
  CHECK(screen_body("Click here for amazing offers!!!").decision == Decision::kReview);
  CHECK(screen_body("CLICK HERE NOW TO CLAIM YOUR FREE GIFT!!!").severity == 3);
  CHECK(screen_body("GET CASH NOW!!! NO CREDIT CHECK!!! CLICK HERE!!! 100% FREE!!! ACT NOW!!!")
            .decision == Decision::kBlock);
}

TEST_CASE("round 5: postal addresses as the world writes them, beside their nearest non-addresses",
          "[safety][canspam]") {
  auto screen_postal = [](const char* body) {
    Message m;
    m.body = body;
    m.has_postal_address_required = true;
    return default_screener().screen(m);
  };
  // Each address form (postcodes from the countries' postal formats; street words inside a
  // compound; a name between the street word and the number; number + name + Park).
  for (const char* body : {
           "Ledgerly BV, Keizersgracht 241, 1016 EA Amsterdam",  // NL compound + postcode
           "Kapsalon Knip, Dorpsstraat 8, Haarlem",             // NL -straat
           "Kaashandel, Markt 1, Gouda",                        // the street word alone
           "Rheintouren GmbH, Rheinufer 3, 56068 Koblenz",      // DE -ufer, 5-digit + city
           "Café Blau, Lindenstraße 12, Berlin",                // DE -straße (folded to ss)
           "Bottega, Via dei Calzaiuoli 5, 50122 Firenze",      // name before the number
           "Vuelalia, Gran Vía 30, 28013 Madrid",               // a name word before "Vía"
           "Libros, Calle de Alcalá 45, Madrid",
           "Maison Lune, 75001 Paris",                          // FR 5-digit + city alone
           "Uhrwerk AG, 8001 Zürich",                           // CH 4-digit + city
           "Sklep, 00-950 Warszawa",                            // PL NN-NNN
           "Loja, 1100-148 Lisboa",                             // PT NNNN-NNN
           "Quillnote, Bangalore 560103",                       // IN 6-digit PIN
           "Maple Co, Ottawa ON K1A 0B1",                       // CA
           "Surf Shack, Manly NSW 2095",                        // AU state + 4 digits
           "Quillnote, 4 Tech Park, Bangalore",                 // number + name + Park
           "Alpinova, 1 Route des Alpes, Annecy",               // number + street word + name
           "Pages Bookshop, 2 Market Sq, Hexham",
           "Hygge ApS, Østergade 12, København"}) {             // DK -gade, Latin-1 capital
    INFO(body);
    CHECK(screen_postal(body).decision == Decision::kAllow);
  }
  // Their nearest non-addresses: an address is still required and absent.
  for (const char* body : {
           "Reach us Via 3 channels.",                 // "Via" + number, no name
           "Chat with us Via WhatsApp 24 hours a day.",  // the number does not end the part
           "Top 10 Tips for winter.",                  // number + capitalised words, no street
           "Offer valid until 12 May 2026.",           // a date
           "Your Order 560103 has shipped.",           // six digits after a document word
           "Use code SAVE 123456 at checkout.",
           "Hurry, 10000 Customers already joined.",   // digits opening a part, no place
           "Win 2 Park Tickets today.",                // a street word not ending the part
           "Open house Saturday at 8 Elm Close.",      // a place to visit, no town after it
           "Platz 1 im Test der Stiftung.",            // a ranking, not a street
           "Celebrating 1066 AD with our history box."}) {
    INFO(body);
    CHECK(screen_postal(body).decision == Decision::kBlock);
  }
}

TEST_CASE("a postal address is required only when the channel requires it", "[safety][canspam]") {
  auto screen_postal = [](const char* body) {
    Message m;
    m.body = body;
    m.has_postal_address_required = true;
    return default_screener().screen(m);
  };
  CHECK(screen_postal("Our sale is on.").decision == Decision::kBlock);
  CHECK(screen_postal("Our sale is on.").findings[0].detail ==
        "the channel requires a postal address (CAN-SPAM) and none was found");
  for (const char* body : {"Tailor Ltd, 221B Baker Street, London", "Shop Co, 10 Downing St",
                           "PO Box 1234, Springfield", "Bloom & Co, Leeds LS1 4AP",
                           "Acme, 500 Main St, Portland, OR 97201", "Calle Mayor 5, Madrid",
                           "Tailor GmbH, Hauptstrasse 12, Berlin", "12 rue de Rivoli, Paris"}) {
    INFO(body);
    CHECK(screen_postal(body).decision == Decision::kAllow);
  }
}
