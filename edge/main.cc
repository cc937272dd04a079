// tailor-edge: flags → store → app → server. See --help, docs/edge.md and docs/edge-api.md.
#include <csignal>
#include <iostream>

#include "edge/app.h"
#include "edge/options.h"
#include "edge/server.h"

int main(int argc, char** argv) {
  using namespace tailor::edge;
  std::signal(SIGPIPE, SIG_IGN);
  EdgeOptions options;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (std::string e = parse_options(args, options); !e.empty()) {
    std::cerr << "tailor-edge: " << e << "\n";
    return 2;
  }
  if (options.help) {
    std::cout << usage();
    return 0;
  }
  if (options.version) {
    std::cout << "tailor-edge " << TAILOR_VERSION << "\n";
    return 0;
  }
  auto store = open_store(options.store, options.store_connections);
  if (!store) {
    std::cerr << "tailor-edge: --store " << options.store << ": " << store.error() << "\n";
    return 1;
  }
  if (!options.events_store.empty()) {
    store = open_clickhouse_events_store(std::move(store.value()), options.events_store,
                                         options.clickhouse_max_in_list);
    if (!store) {
      std::cerr << "tailor-edge: --events-store " << options.events_store << ": " << store.error()
                << "\n";
      return 1;
    }
  }
  App app(options, std::move(store.value()));
  if (std::string e = app.start(); !e.empty()) {
    std::cerr << "tailor-edge: " << e << "\n";
    return 1;
  }
  return run_server(app);
}
