// Benchmark (tools/bench/campaign): the built-in composer's time per variant, on the demo
// corpus of `tailor gen-data`, for every strategy and channel; with screening of each draft
// (what the pipeline does per draft) as a second figure. Prints one JSON line.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/content/corpus.h"
#include "core/dataset/types.h"
#include "core/generate/composer.h"
#include "core/generate/markup.h"
#include "core/generate/strategy.h"
#include "core/safety/policy.h"
#include "core/safety/screen.h"
#include "core/simulate/demo.h"

using namespace tailor;

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 2000;
  std::vector<content::Item> items;
  for (const auto& [name, text] : simulate::demo_content_files()) {
    auto item = content::parse_item(name, text);
    if (!item.ok()) return std::fprintf(stderr, "%s\n", item.error().c_str()), 1;
    items.push_back(std::move(*item));
  }
  auto corpus = content::build_corpus(std::move(items));
  if (!corpus.ok()) return 1;
  const int32_t as_of = *dataset::parse_date(simulate::kDemoAsOf);
  std::vector<generate::Request> requests;
  for (content::Channel channel : content::kAllChannels) {
    auto passages = corpus->search({"winter jackets members reviews offer", channel, as_of, "en"}, 6);
    for (generate::Strategy s : generate::strategies_for(passages, as_of)) {
      generate::Request r;
      r.campaign = "bench";
      r.segment = "Champions";
      r.strategy = s;
      r.channel = channel;
      r.brand = {"Northwind Outfitters", "warm", "The Northwind team"};
      r.passages = passages;
      r.as_of_day = as_of;
      requests.push_back(r);
    }
  }
  generate::Composer composer;
  auto screener = safety::Screener::create(safety::default_policy());
  if (!screener.ok()) return 1;
  size_t drafts = 0, bytes = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) {
    for (const auto& r : requests) {
      auto d = composer.generate(r);
      if (!d.ok()) return std::fprintf(stderr, "%s\n", d.error().c_str()), 1;
      bytes += d->body.size();
      ++drafts;
    }
  }
  const auto t1 = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) {
    for (const auto& r : requests) {
      auto d = composer.generate(r);
      safety::Message m;
      m.channel = safety::Channel::kEmail;
      m.subject = *generate::render(d->subject, {});
      m.body = *generate::render(d->body, {});
      bytes += screener->screen(m).findings.size();
    }
  }
  const auto t2 = std::chrono::steady_clock::now();
  const double gen_us = std::chrono::duration<double, std::micro>(t1 - t0).count() / drafts;
  const double both_us = std::chrono::duration<double, std::micro>(t2 - t1).count() / drafts;
  std::printf("{\"drafts\":%zu,\"generate_us\":%.2f,\"generate_and_screen_us\":%.2f,\"check\":%zu}\n",
              drafts, gen_us, both_us, bytes);
  return 0;
}
