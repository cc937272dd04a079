// Grounded generation speed: BM25 retrieval and the built-in composer (with its validation)
// over a fixed corpus, on one thread. Seed 003 asks < 5 s per variant; the composer aims for
// microseconds. Built on demand (not by the tests):
//   cmake --build --preset native-release --target tailor_compose_bench
//   build/native-release/tools/tailor_compose_bench [--rounds N]
// Prints one JSON line: {"variants":…,"us_per_variant":…,"cpu_us_per_variant":…,
// "us_per_search":…,"checksum":…} (wall and process CPU time; CPU is the figure to quote on a
// shared machine).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "core/content/corpus.h"
#include "core/dataset/types.h"
#include "core/generate/composer.h"

int main(int argc, char** argv) {
  using namespace tailor;
  int rounds = 20000;
  if (argc == 3 && std::strcmp(argv[1], "--rounds") == 0) rounds = std::atoi(argv[2]);
  const char* kFiles[][2] = {
      {"c01.md",
       "---\nid: c01\ntitle: Winter coats are here\nclaims:\n"
       "  - Our winter coats are made from 100% recycled polyester.\n"
       "  - Free returns within 30 days.\n---\nOur new winter coats keep you warm."},
      {"c02.md",
       "---\nid: c02\ntitle: Boots for wet weather\nclaims:\n"
       "  - Our waterproof boots are rated 4.8 out of 5 by customers.\n---\n"
       "Waterproof leather boots with a grippy sole for winter walks."},
      {"c03.md",
       "---\nid: c03\ntitle: Northwind Club\nclaims:\n"
       "  - Northwind Club members earn double points on every order.\n"
       "  - Members shop the winter sale a day early.\n---\n"
       "The Northwind Club thanks loyal customers with points and early access in winter."},
      {"c05.md",
       "---\nid: c05\ntitle: The winter sale\nclaims: [The winter sale covers coats and boots.]\n"
       "offer:\n  description: 20% off winter coats and boots\n  code: WINTER20\n"
       "  deadline: 2026-12-24\n---\nOur winter sale on coats and boots."},
  };
  std::vector<content::Item> items;
  for (const auto& f : kFiles) {
    auto item = content::parse_item(f[0], f[1]);
    if (!item) {
      std::fprintf(stderr, "%s\n", item.error().c_str());
      return 1;
    }
    items.push_back(std::move(*item));
  }
  auto corpus = content::build_corpus(std::move(items));
  if (!corpus) return 1;
  generate::Request r;
  r.campaign = "winter-2026";
  r.segment = "At Risk";
  r.brand = {"Northwind Outfitters", "warm", "The Northwind team"};
  r.as_of_day = *dataset::parse_date("2026-12-01");
  const content::Query query{"winter coats boots members customers", content::Channel::kEmail,
                             r.as_of_day, "en"};
  size_t checksum = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) checksum += corpus->search(query, 6).size();
  const double search_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() /
      rounds;
  r.passages = corpus->search(query, 6);
  generate::Composer composer;
  size_t variants = 0;
  const std::clock_t c0 = std::clock();
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) {
    for (content::Channel channel : content::kAllChannels) {
      r.channel = channel;
      for (generate::Strategy s : generate::strategies_for(r.passages, r.as_of_day)) {
        r.strategy = s;
        auto d = composer.generate(r);
        if (!d) {
          std::fprintf(stderr, "%s\n", d.error().c_str());
          return 1;
        }
        checksum += d->body.size();
        ++variants;
      }
    }
  }
  const double wall =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC * 1e6;
  std::printf(
      "{\"variants\":%zu,\"us_per_variant\":%.2f,\"cpu_us_per_variant\":%.2f,"
      "\"us_per_search\":%.2f,\"checksum\":%zu}\n",
      variants, wall / static_cast<double>(variants), cpu / static_cast<double>(variants),
      search_us, checksum);
  return 0;
}
