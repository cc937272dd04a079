// The one Catch2 main for the core tests, native and wasm alike.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
