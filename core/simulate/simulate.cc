#include "core/simulate/simulate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "core/bandit/random.h"
#include "core/dataset/read.h"
#include "core/json/js.h"

namespace tailor::simulate {
namespace {

constexpr size_t kMaxName = 256;
constexpr double kDayMs = 86'400'000;

uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t splitmix64(uint64_t x) {
  uint64_t z = x + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A draw of the exponential with rate `rate` truncated to [0, 1), from u uniform on [0, 1).
double truncated_exponential(double u, double rate) {
  return -std::log1p(-u * -std::expm1(-rate)) / rate;
}

struct Column {
  size_t index = 0;
  bool boolean = false;
};

std::string unit_path(size_t i) { return "units[" + std::to_string(i) + "]"; }

// Arms by index: 0 is control, then kStrategies in order.
constexpr size_t kArms = 1 + std::size(kStrategies);
std::string_view arm_name(size_t a) { return a == 0 ? kControl : kStrategies[a - 1]; }
size_t arm_index(std::string_view v) {
  for (size_t a = 0; a < kArms; ++a) {
    if (arm_name(a) == v) return a;
  }
  return kArms;
}
bool known_variant(std::string_view v) { return arm_index(v) < kArms; }

}  // namespace

uint64_t customer_seed(uint64_t truth_seed, std::string_view customer) {
  return fnv1a64(customer) ^ splitmix64(truth_seed);
}

Result<std::vector<Outcome>> simulate(const dataset::Table& table, const std::vector<Unit>& units,
                                      const Truth& truth) {
  using dataset::ColumnType;
  std::vector<Column> columns;
  for (const auto& a : truth.attributes) {
    const auto index = table.find_column(a.column);
    const std::string at = "simulation.attributes[" + json::quoted(a.column) + "]";
    if (!index) {
      return Result<std::vector<Outcome>>::failure(at + ": the customer table has no column " +
                                                   json::quoted(a.column));
    }
    const ColumnType type = table.column_type(*index);
    if (type != ColumnType::kNumber && type != ColumnType::kInteger &&
        type != ColumnType::kBoolean) {
      return Result<std::vector<Outcome>>::failure(
          at + ": column " + json::quoted(a.column) + " is " +
          std::string(dataset::column_type_name(type)) +
          ", expected a number, integer or boolean column");
    }
    columns.push_back({*index, type == ColumnType::kBoolean});
  }

  std::unordered_set<std::string_view> seen;
  seen.reserve(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    auto bad = [&](const std::string& what) {
      return Result<std::vector<Outcome>>::failure(unit_path(i) + " " + what);
    };
    if (u.row >= table.row_count()) {
      return bad("has row " + std::to_string(u.row) + ", but the table has " +
                 std::to_string(table.row_count()) + " rows");
    }
    if (u.customer.empty() || u.customer.size() > kMaxName) {
      return bad("has a customer id of " + std::to_string(u.customer.size()) +
                 " bytes, expected 1 to 256");
    }
    if (!table.may_contact(u.row)) {
      return bad("sends to customer " + json::quoted(u.customer) +
                 ", who may not be contacted (no consent)");
    }
    if (!seen.insert(u.customer).second) {
      return bad("repeats customer " + json::quoted(u.customer) + " (one send per customer)");
    }
    if (u.experiment.empty() || u.experiment.size() > kMaxName) {
      return bad("has an experiment name of " + std::to_string(u.experiment.size()) +
                 " bytes, expected 1 to 256");
    }
    if (!known_variant(u.variant)) {
      return bad("has variant " + json::quoted(u.variant) +
                 ", expected control, benefit, social_proof, loyalty or urgency");
    }
  }

  const double window = truth.days * kDayMs;
  const double send = static_cast<double>(truth.start_ms);
  const double end = send + window;
  const double sigma = truth.base.revenue_sigma;
  // The (segment, arm) terms, computed once per distinct segment name.
  std::unordered_map<std::string_view, size_t> segment_index;
  std::vector<std::array<ArmTerms, kArms>> terms;
  std::string_view last_segment;
  size_t last_index = 0;
  std::vector<Outcome> out(units.size());
  std::vector<double> z(truth.attributes.size());
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    if (terms.empty() || u.segment_name != last_segment) {
      auto [it, added] = segment_index.emplace(u.segment_name, terms.size());
      if (added) {
        terms.emplace_back();
        for (size_t a = 0; a < kArms; ++a) {
          terms.back()[a] = arm_terms(truth, u.segment_name, arm_name(a));
        }
      }
      last_segment = u.segment_name;
      last_index = it->second;
    }
    for (size_t k = 0; k < columns.size(); ++k) {
      const auto& a = truth.attributes[k];
      if (table.missing(u.row, columns[k].index)) {
        z[k] = 0;
        continue;
      }
      const double x = columns[k].boolean ? (table.boolean(u.row, columns[k].index) ? 1.0 : 0.0)
                                          : table.number(u.row, columns[k].index);
      z[k] = (x - a.center) / a.scale;
    }
    const Probabilities p = evaluate(truth, terms[last_index][arm_index(u.variant)], z);

    // The same uniforms in the same order for every customer; the revenue's normal last, and
    // only after a purchase, so no draw ever shifts another.
    bandit::Rng rng(customer_seed(truth.seed, u.customer));
    double draw[8];
    for (double& d : draw) d = rng.uniform();
    const auto [u_open, u_click, u_purchase, u_unsubscribe, f_open, f_click, f_purchase,
                f_unsubscribe] = draw;

    Outcome& o = out[i];
    o.send_ms = send;
    o.opened = u_open < p.open;
    if (!o.opened) continue;
    o.open_ms = send + std::floor(window * truncated_exponential(f_open, 6));
    o.clicked = u_click < p.click;
    o.unsubscribed = u_unsubscribe < p.unsubscribe;
    if (o.unsubscribed) {
      o.unsubscribe_ms =
          o.open_ms + std::floor((end - o.open_ms) * truncated_exponential(f_unsubscribe, 30));
    }
    if (!o.clicked) continue;
    o.click_ms = o.open_ms + std::floor((end - o.open_ms) * truncated_exponential(f_click, 40));
    o.purchased = u_purchase < p.purchase;
    if (!o.purchased) continue;
    o.purchase_ms =
        o.click_ms + std::floor((end - o.click_ms) * truncated_exponential(f_purchase, 10));
    const double revenue = p.revenue_mean * std::exp(sigma * rng.normal() - sigma * sigma / 2);
    o.revenue = std::max(0.01, std::round(revenue * 100) / 100);
  }
  return out;
}

}  // namespace tailor::simulate
