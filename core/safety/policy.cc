#include "core/safety/policy.h"

#include <cmath>

#include "core/json/js.h"
#include "core/safety/normalize.h"

namespace tailor::safety {
namespace {

using json::Value;

bool small_int(const Value* v, int lo, int hi, int& out) {
  if (v == nullptr || !v->is_number()) return false;
  const double d = v->as_number();
  if (std::floor(d) != d || d < lo || d > hi) return false;
  out = static_cast<int>(d);
  return true;
}

}  // namespace

std::string_view decision_name(Decision d) {
  switch (d) {
    case Decision::kAllow:
      return "allow";
    case Decision::kReview:
      return "review";
    case Decision::kBlock:
      return "block";
  }
  return "allow";
}

Decision Policy::decide(int severity) const {
  if (severity >= block_at) return Decision::kBlock;
  if (severity >= review_at) return Decision::kReview;
  return Decision::kAllow;
}

int Policy::review_threshold(Category c) const {
  const int own = categories[static_cast<size_t>(c)].review_at;
  return own > 0 ? own : review_at;
}

Decision Policy::decide(Category c, int severity) const {
  const CategoryPolicy& cp = categories[static_cast<size_t>(c)];
  if (severity >= (cp.block_at > 0 ? cp.block_at : block_at)) return Decision::kBlock;
  if (severity >= review_threshold(c)) return Decision::kReview;
  return Decision::kAllow;
}

Policy default_policy() { return Policy{}; }

Result<Policy> parse_policy(const Value& v) {
  using R = Result<Policy>;
  if (!v.is_object()) return R::failure("policy is not a JSON object");
  Policy p;
  for (const auto& [key, member] : v.as_object()) {
    if (key == "version") {
      if (!member.is_string() || member.as_string().empty())
        return R::failure("policy.version is not a non-empty string");
      p.version = member.as_string();
    } else if (key == "review_at" || key == "block_at") {
      int n = 0;
      if (!small_int(&member, 1, 8, n))
        return R::failure("policy." + key + " is not valid, expected an integer 1-8");
      (key == "review_at" ? p.review_at : p.block_at) = n;
    } else if (key == "categories") {
      if (!member.is_object()) return R::failure("policy.categories is not an object");
      for (const auto& [name, c] : member.as_object()) {
        auto category = parse_category(name);
        const std::string where = "policy.categories." + name;
        if (!category) return R::failure(where + " is not a category name");
        if (!c.is_object()) return R::failure(where + " is not an object");
        CategoryPolicy& cp = p.categories[static_cast<size_t>(*category)];
        for (const auto& [field, fv] : c.as_object()) {
          if (field == "enabled") {
            if (!fv.is_bool()) return R::failure(where + ".enabled is not true or false");
            cp.enabled = fv.as_bool();
            continue;
          }
          // Severity clamps are 0-7; thresholds 1-8 (8 never fires on the 0-7 scale).
          const struct {
            const char* name;
            int lo, hi;
            int* out;
          } fields[] = {{"floor", 0, 7, &cp.floor},
                        {"cap", 0, 7, &cp.cap},
                        {"review_at", 1, 8, &cp.review_at},
                        {"block_at", 1, 8, &cp.block_at}};
          bool known = false;
          for (const auto& f : fields) {
            if (field != f.name) continue;
            known = true;
            if (!small_int(&fv, f.lo, f.hi, *f.out)) {
              return R::failure(where + "." + field + " is " + json::stringify(fv) +
                                ", expected an integer " + std::to_string(f.lo) + "-" +
                                std::to_string(f.hi));
            }
          }
          if (!known) {
            return R::failure(where + "." + field +
                              " is not a member, expected enabled, floor, cap, review_at or "
                              "block_at");
          }
        }
        if (cp.floor > cp.cap) return R::failure(where + ".floor is above its cap");
        if (cp.review_at > 0 && cp.block_at > 0 && cp.review_at > cp.block_at)
          return R::failure(where + ".review_at is above its block_at");
      }
    } else if (key == "allow_terms") {
      if (!member.is_array()) return R::failure("policy.allow_terms is not an array");
      for (const auto& t : member.as_array()) {
        if (!t.is_string()) return R::failure("policy.allow_terms holds a non-string");
        p.allow_terms.push_back(normalised(t.as_string()));
      }
    } else if (key == "moderator") {
      const std::string m = member.is_string() ? member.as_string() : json::stringify(member);
      if (m == "either_blocks") {
        p.moderator = ModeratorCombine::kEitherBlocks;
      } else if (m == "review_on_disagreement") {
        p.moderator = ModeratorCombine::kReviewOnDisagreement;
      } else {
        return R::failure("policy.moderator is \"" + m +
                          "\", expected either_blocks or review_on_disagreement");
      }
    } else {
      return R::failure("policy." + key +
                        " is not a member, expected version, review_at, block_at, categories, "
                        "allow_terms or moderator");
    }
  }
  if (!v.contains("version")) return R::failure("policy.version is missing");
  if (p.review_at > p.block_at) return R::failure("policy.review_at is above policy.block_at");
  return p;
}

std::string_view moderator_combine_name(ModeratorCombine c) {
  return c == ModeratorCombine::kEitherBlocks ? "either_blocks" : "review_on_disagreement";
}

Value policy_to_json(const Policy& p) {
  json::Object categories;
  for (int i = 0; i < kCategoryCount; ++i) {
    const auto& c = p.categories[static_cast<size_t>(i)];
    Value entry = Value::object(
        {{"enabled", Value(c.enabled)}, {"floor", Value(c.floor)}, {"cap", Value(c.cap)}});
    if (c.review_at > 0) entry.set("review_at", Value(c.review_at));
    if (c.block_at > 0) entry.set("block_at", Value(c.block_at));
    categories.emplace_back(std::string(category_name(static_cast<Category>(i))), std::move(entry));
  }
  json::Array terms;
  for (const auto& t : p.allow_terms) terms.emplace_back(t);
  return Value::object({{"version", Value(p.version)},
                        {"review_at", Value(p.review_at)},
                        {"block_at", Value(p.block_at)},
                        {"categories", Value::object(std::move(categories))},
                        {"allow_terms", Value(std::move(terms))},
                        {"moderator", Value(moderator_combine_name(p.moderator))}});
}

}  // namespace tailor::safety
