// The detectors that are not lexicons. Each appends findings whose span is in *bytes* of the
// screened text (screen.cc converts spans to UTF-16 at the end). Inputs are the screened text
// (types.h) and, where words matter, its tokens (normalize.h). No failure modes.
#pragma once

#include <string_view>
#include <vector>

#include "core/safety/normalize.h"
#include "core/safety/types.h"

namespace tailor::safety {

// pii_leak: payment card numbers (13-19 digits, Luhn-valid: 6), IBANs (ISO 13616 mod-97
// checksum: 6), US social security numbers (valid area/group/serial: 6), passport numbers
// after "passport" (5), and contact details (emails, phone numbers: 1, informational, since
// a business's own contact details are normal in marketing).
void detect_pii(std::string_view text, const std::vector<Token>& tokens, std::vector<Finding>& out);

// unsubstantiated_claim (3): percentages, prices and amounts, multipliers ("3x", "twice"),
// "#1", and claim phrases ("guaranteed", "clinically proven", "doctor recommended", ...)
// that no approved claim supports. A number is supported when an approved claim states the
// same number in the same role (20% vs "20% off ..."); a phrase when an approved claim
// contains it. Amounts right after "total", "paid", "refund", "invoice"... are order facts,
// not claims.
void detect_claims(std::string_view text, const std::vector<Token>& tokens,
                   const std::vector<std::string>& approved_claims, std::vector<Finding>& out);

// unfilled_placeholder (4): {{name}}, {name}, ${name}, [UPPER CASE], [INSERT ...], %NAME%,
// *|MERGE|*, <<name>>.
void detect_placeholders(std::string_view text, std::vector<Finding>& out);

// missing_unsubscribe (4): `required` and no unsubscribe / opt-out wording in any supported
// language (for SMS, "reply STOP" counts, and so does a reply keyword in capitals with a
// cancelling word after it: "Responda SAIR p/ cancelar").
void detect_missing_unsubscribe(std::string_view text, const std::vector<Token>& tokens,
                                bool required, size_t text_size,
                                std::vector<Finding>& out);

// missing_unsubscribe (4), the category for CAN-SPAM footer requirements: `required` and no
// postal address (a number next to a street word in EN/ES/FR/DE/IT/PT, a PO box / Postfach /
// apartado / BP, a UK postcode, a US state code with a ZIP code; and, since round 5, postcodes
// of NL, DE/FR/IT/ES and other 4-5-digit countries before a place, PL/PT/BR hyphenated
// codes, IN PINs, CA and AU codes, street words ending a compound ("Keizersgracht 241"), a
// name between street word and number ("Via dei Calzaiuoli 5"), "4 Tech Park"; see
// postal_address_found in checks.cc).
void detect_missing_postal_address(std::string_view text, const std::vector<Token>& tokens,
                                   bool required, std::vector<Finding>& out);

// prompt_injection_artifact (4): chat-template control tokens ("<|im_start|>", "[INST]").
void detect_control_tokens(std::string_view text, std::vector<Finding>& out);

// spam_signals: points from the text's shape (mostly capitals: 1, each run of "!!!": 1, at
// most 3) plus `phrase_points` from the lexicon's spam phrases; one finding whose severity is
// 1 for 1 point, 2 for 2-3, 3 for 4-7, 4 for 8 or more.
void detect_spam_shape(std::string_view text, int phrase_points, std::string phrase_list,
                       std::vector<Finding>& out);

// Luhn checksum over the digits of `digits` (other characters ignored).
bool luhn_valid(std::string_view digits);
// ISO 13616 IBAN checksum of a compact IBAN ("GB82WEST12345698765432").
bool iban_valid(std::string_view compact);

}  // namespace tailor::safety
