// Context that changes what a piece of evidence means (applied to findings in bytes of the
// screened text, before scoring; see score.h):
//   - negation scope: a claim, guarantee, cure or urgency finding with a negator in the five
//     tokens before it in the same sentence, or inside it, is dropped ("we never guarantee
//     returns", "results are not guaranteed", "not intended to diagnose, treat, cure or
//     prevent any disease"), as VADER scopes negation over the preceding tokens;
//   - a safety notice: a finding inside quotation marks, in a text that warns about scams or
//     phishing, becomes informational (severity 1): quoting the bad message is not sending it;
//   - the organisation's own details (Message::own_details): a pii_leak finding whose letters
//     and digits equal one of them is dropped (its own IBAN, phone, email);
//   - a help article about merge tags (Message::explains_merge_tags): placeholders are the
//     subject, not a mistake, so unfilled_placeholder findings are dropped.
#pragma once

#include <string_view>
#include <vector>

#include "core/safety/normalize.h"
#include "core/safety/types.h"

namespace tailor::safety {

void apply_context(const Message& message, std::string_view text, const std::vector<Token>& tokens,
                   std::vector<Finding>& findings);

// Required elements by channel and vertical, category missing_unsubscribe (4), one finding
// per element missing: the supplement disclaimer (DSHEA: "not been evaluated by the Food and
// Drug Administration" / "not intended to diagnose, treat, cure or prevent"), the investment
// risk warning ("capital at risk", "past performance", "you may lose", "can go down as well as
// up", ...), and SMS HELP wording ("reply HELP", "text HELP"), each when the message's context
// requires it.
void detect_missing_disclaimers(const Message& message, const std::vector<Token>& tokens,
                                size_t text_size, std::vector<Finding>& out);

}  // namespace tailor::safety
