// Runs tailor-edge's network side until SIGINT or SIGTERM.
//
// Boost.Beast in the advanced_server shape: a listener accepts on the configured address,
// each connection gets a session on its own strand (TLS when --tls-cert/--tls-key are set),
// `threads` I/O threads run the io_context. On a signal: stop accepting, mark the app as
// draining (responses carry Connection: close, /readyz answers 503), wait for in-flight
// requests up to --drain-timeout, stop the I/O threads, then stop the app's queues, which
// commits everything already acknowledged. Prints "tailor-edge listening on URL" once bound.
// Returns 0 after a clean shutdown, 1 when the address cannot be bound or TLS cannot load.
#pragma once

#include "edge/app.h"

namespace tailor::edge {

int run_server(App& app);

}  // namespace tailor::edge
