#include "core/simulate/demo.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/bandit/random.h"
#include "core/dataset/types.h"
#include "core/simulate/simulate.h"

namespace tailor::simulate {
namespace {

// Keeps the demo's draws apart from the simulator's, which seeds by the same customer ids.
constexpr uint64_t kDemoStream = 0x6e6f72746877696eULL;

constexpr std::array<std::string_view, 48> kFirstNames = {
    "Olivia",   "Liam",  "Emma",    "Noah",     "Ava",    "Oliver",   "Sophia", "Elijah",
    "Isabella", "James", "Mia",     "William",  "Amelia", "Benjamin", "Harper", "Lucas",
    "Evelyn",   "Henry", "Abigail", "Theodore", "Emily",  "Jack",     "Ella",   "Levi",
    "Aisha",    "Mateo", "Chloe",   "Daniel",   "Grace",  "Samuel",   "Zoe",    "Hiro",
    "Priya",    "Arjun", "Mei",     "Lukas",    "Freya",  "Sven",     "Ingrid", "Mateus",
    "Sofia",    "Diego", "Aoife",   "Niamh",    "Kofi",   "Amara",    "Yuki",   "Leon"};

constexpr std::array<std::string_view, 48> kLastNames = {
    "Smith",     "Johnson",  "Williams",  "Brown",  "Jones",    "Garcia",   "Miller", "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",  "Wilson",   "Anderson", "Thomas", "Taylor",
    "Moore",     "Jackson",  "Martin",    "Lee",    "Thompson", "White",    "Harris", "Clark",
    "Lewis",     "Robinson", "Walker",    "Young",  "Allen",    "King",     "Wright", "Scott",
    "Nguyen",    "Hill",     "Green",     "Adams",  "Baker",    "Nelson",   "Carter", "Mitchell",
    "O'Brien",   "Van Dyke", "Schmidt",   "Muller", "Dubois",   "Rossi",    "Tanaka", "Patel"};

struct Weighted {
  std::string_view value;
  double weight;
  double order_value;  // categories: the typical order value in dollars
};

constexpr std::array<Weighted, 7> kCountries = {{{"US", 0.40, 0},
                                                 {"CA", 0.15, 0},
                                                 {"GB", 0.15, 0},
                                                 {"DE", 0.10, 0},
                                                 {"FR", 0.08, 0},
                                                 {"AU", 0.07, 0},
                                                 {"NL", 0.05, 0}}};

// "Tents, Camp & Cook" holds a comma: its cells are quoted (RFC 4180).
constexpr std::array<Weighted, 6> kCategories = {{{"Jackets", 0.28, 160},
                                                  {"Footwear", 0.20, 120},
                                                  {"Base Layers", 0.16, 70},
                                                  {"Backpacks", 0.12, 95},
                                                  {"Tents, Camp & Cook", 0.10, 110},
                                                  {"Accessories", 0.14, 40}}};

template <size_t N>
std::string_view pick(const std::array<Weighted, N>& options, double u, double* order_value) {
  for (const auto& o : options) {
    if (u < o.weight) {
      if (order_value) *order_value = o.order_value;
      return o.value;
    }
    u -= o.weight;
  }
  if (order_value) *order_value = options.back().order_value;
  return options.back().value;
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

// Knuth's multiplication method; fine for the small means used here.
int poisson(bandit::Rng& rng, double mean) {
  const double limit = std::exp(-mean);
  int k = 0;
  double p = rng.uniform();
  while (p > limit && k < 60) {
    ++k;
    p *= rng.uniform();
  }
  return k;
}

// Cents as "123.45".
std::string money(int64_t cents) {
  std::string s = std::to_string(cents / 100) + ".";
  const int64_t c = cents % 100;
  if (c < 10) s += "0";
  return s + std::to_string(c);
}

// Appends an RFC 4180 field: quoted (with "" for ") only when it holds , " CR or LF.
void field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string customer_id(size_t n) {
  std::string digits = std::to_string(n);
  return "C" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
}

std::string email_local(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (c >= 'a' && c <= 'z')
      out.push_back(c);
  }
  return out;
}

constexpr std::string_view kHeader =
    "customer_id,email,first_name,last_name,country,age,signup_date,last_order_date,"
    "days_since_last_order,orders_12m,spend_12m,avg_order_value,favourite_category,"
    "email_opt_in,loyalty_member,email_engagement,emails_last_30d\n";

// The 17 cells of customer n (1-based).
std::vector<std::string> customer_cells(uint64_t seed, size_t n, int32_t as_of) {
  const std::string id = customer_id(n);
  bandit::Rng rng(customer_seed(seed ^ kDemoStream, id));
  const double value = rng.normal();  // the latent customer value

  const std::string_view first = kFirstNames[rng.next() % kFirstNames.size()];
  const std::string_view last = kLastNames[rng.next() % kLastNames.size()];
  const std::string email =
      email_local(first) + "." + email_local(last) + std::to_string(n) + "@example.com";
  const std::string_view country = pick(kCountries, rng.uniform(), nullptr);
  const int age = std::clamp(static_cast<int>(std::lround(41 + 13 * rng.normal())), 18, 85);

  // About one customer in eight joined in the last five months: one or two orders, recent.
  // The others: recency exponential with a mean of 75 days at value 0 (shorter for valuable
  // customers), and at least the last order in orders_12m when it falls within 12 months.
  const bool newcomer = rng.uniform() < 0.12;
  const double u_tenure = rng.uniform(), u_recency = rng.uniform();
  int days = 0;
  int orders = 0;
  int32_t tenure = 0;  // days from signup to as_of
  if (newcomer) {
    tenure = 1 + static_cast<int32_t>(u_tenure * 150);
    days = static_cast<int>(u_recency * tenure);
    orders = 1 + (rng.uniform() < 0.2 ? 1 : 0);
  } else {
    const double mean_days = 75 * std::exp(-0.8 * value);
    days = std::min(1095, static_cast<int>(-mean_days * std::log1p(-u_recency)));
    tenure = days + 30 + static_cast<int32_t>(u_tenure * 2200);
    if (days <= 365) {
      const double rate = 1.5 * std::exp(0.6 * value) * (days <= 90 ? 1.0 : 0.5);
      orders = 1 + poisson(rng, rate);
    }
  }
  double typical = 0;
  const std::string_view category = pick(kCategories, rng.uniform(), &typical);
  const double order_value = typical * std::exp(0.25 * rng.normal() + 0.15 * value);
  const int64_t spend_cents =
      orders == 0 ? 0 : std::llround(orders * order_value * std::exp(0.1 * rng.normal()) * 100);
  const int32_t last_order = as_of - days;
  const int32_t signup = as_of - tenure;

  const bool opt_in = rng.uniform() >= 0.05;
  const bool loyalty = rng.uniform() < sigmoid(-0.6 + 1.1 * value + (orders > 3 ? 0.4 : 0));
  const double engagement = sigmoid(-0.45 + 0.35 * value + 0.9 * rng.normal());
  const int emails = opt_in ? std::min(12, poisson(rng, 4)) : 0;

  return {id,
          email,
          std::string(first),
          std::string(last),
          std::string(country),
          std::to_string(age),
          dataset::format_date(signup),
          dataset::format_date(last_order),
          std::to_string(days),
          std::to_string(orders),
          money(spend_cents),
          orders == 0 ? std::string() : money((spend_cents + orders / 2) / orders),
          std::string(category),
          opt_in ? "true" : "false",
          loyalty ? "true" : "false",
          money(std::llround(engagement * 100)),
          std::to_string(emails)};
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    field(out, cells[i]);
  }
  out.push_back('\n');
}

// Bad row k (0-based): a customer of its own id with one deliberate problem.
std::vector<std::string> bad_row(uint64_t seed, size_t k, int32_t as_of) {
  std::vector<std::string> cells = customer_cells(seed ^ 0x626164, k + 1, as_of);
  std::string digits = std::to_string(k + 1);
  cells[0] = "B" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
  switch (k % 6) {
    case 0:
      cells[7] = "2026-02-30";  // no such day
      break;
    case 1:
      cells.pop_back();  // 16 fields instead of 17
      break;
    case 2:
      cells[10] = "n/a";
      break;
    case 3:
      cells[1] = "no-at-sign.example.com";
      break;
    case 4:
      cells[13] = "maybe";
      break;
    default:
      cells[0] = customer_id(1);  // the first customer's id again
      break;
  }
  return cells;
}

}  // namespace

Result<Demo> generate_demo(const DemoOptions& options) {
  if (options.customers == 0 || options.customers > kDemoMaxCustomers) {
    return Result<Demo>::failure("customers must be a whole number from 1 to 1000000, got " +
                                 std::to_string(options.customers));
  }
  if (options.seed > kDemoMaxSeed) {
    return Result<Demo>::failure(
        "seed must be a whole number from 0 to 9007199254740991 (the "
        "largest a JSON number holds exactly), got " +
        std::to_string(options.seed));
  }
  if (options.bad_rows > options.customers) {
    return Result<Demo>::failure("bad_rows must be at most the number of customers (" +
                                 std::to_string(options.customers) + "), got " +
                                 std::to_string(options.bad_rows));
  }
  const int32_t as_of = *dataset::parse_date(kDemoAsOf);
  Demo demo;
  demo.customers_csv.reserve(options.customers * 170 + kHeader.size());
  demo.customers_csv.append(kHeader);
  // Bad row k goes after good row (k + 1) * customers / (bad_rows + 1).
  size_t next_bad = 0;
  for (size_t n = 1; n <= options.customers; ++n) {
    append_row(demo.customers_csv, customer_cells(options.seed, n, as_of));
    while (next_bad < options.bad_rows &&
           (next_bad + 1) * options.customers / (options.bad_rows + 1) <= n) {
      append_row(demo.customers_csv, bad_row(options.seed, next_bad, as_of));
      ++next_bad;
    }
  }
  demo.content_files = demo_content_files();
  demo.spec_json = demo_spec_json(options.seed);
  return demo;
}

}  // namespace tailor::simulate
